//go:build unix

package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkColdBuildProcess builds the bench corpus (MEDKB_BENCH_ARTICLES
// articles, default 1,000) cold, each iteration in a new medkb process
// (cmd/medkb, built once), and reports that process's CPU (user +
// system) as cpu-ns/op, its system CPU as sys-ns/op and the largest peak
// RSS as peak-MiB. A new process, not a build inside this one: what a
// build pays for growing its heap (the kernel faulting in and zeroing
// fresh pages, the runtime setting up their spans) and for starting up
// shows only in a process that has not grown a heap yet, and those are
// most of what a small site's build costs beyond its articles. Compare
// two commits by running it on each, alternated, with -count; the corpus
// is made once per run (outside the timing) and its output removed
// before each build.
func BenchmarkColdBuildProcess(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("MEDKB_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	bin := medkbBinary(b)
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var cpu, sys int64
	var peak int64 // KiB
	for b.Loop() {
		b.StopTimer()
		for _, d := range []string{"public", ".medkb"} {
			if err := os.RemoveAll(filepath.Join(src, d)); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		cmd := exec.Command(bin, "build", "--source", src, "--quiet")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("medkb build: %v\n%s", err, out)
		}
		ps := cmd.ProcessState
		cpu += int64(ps.UserTime() + ps.SystemTime())
		sys += int64(ps.SystemTime())
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, int64(ru.Maxrss))
		}
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(sys)/float64(b.N), "sys-ns/op")
	b.ReportMetric(float64(peak)/1024, "peak-MiB")
	b.ReportMetric(float64(n), "articles")
}
