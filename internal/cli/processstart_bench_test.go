//go:build unix

package cli

import (
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
)

// BenchmarkProcessStart runs `medkb version` in a new process each
// iteration: what every medkb process pays before it does anything (the
// runtime's start, every linked package's init, page faults of the
// binary and the heap those inits grow). It reports the processes' CPU
// (user + system) as cpu-ns/op, their system CPU as sys-ns/op, their
// minor page faults as faults/op and the largest peak RSS as peak-MiB.
//
// MEDKB_BENCH_BIN names a medkb binary to run instead of building
// cmd/medkb from this tree: to compare two commits, build each once and
// alternate runs of this benchmark on each with -count.
func BenchmarkProcessStart(b *testing.B) {
	bin := benchBinary(b)
	var ps processStats
	for b.Loop() {
		ps.run(b, exec.Command(bin, "version"))
	}
	ps.report(b)
}

// BenchmarkNothingChangedBuild builds the bench corpus (MEDKB_BENCH_ARTICLES
// articles, default 1,000) once, outside the timing, then runs `medkb
// build` in a new process each iteration with nothing changed since: the
// process start plus the check that every input is as the last build left
// it. Metrics and MEDKB_BENCH_BIN as BenchmarkProcessStart's.
func BenchmarkNothingChangedBuild(b *testing.B) {
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("MEDKB_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	bin := benchBinary(b)
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	if out, err := exec.Command(bin, "build", "--source", src, "--quiet").CombinedOutput(); err != nil {
		b.Fatalf("medkb build: %v\n%s", err, out)
	}
	var ps processStats
	for b.Loop() {
		ps.run(b, exec.Command(bin, "build", "--source", src, "--quiet"))
	}
	ps.report(b)
	b.ReportMetric(float64(n), "articles")
}

// benchBinary is MEDKB_BENCH_BIN when set, else cmd/medkb built from
// this tree.
func benchBinary(b *testing.B) string {
	if bin := os.Getenv("MEDKB_BENCH_BIN"); bin != "" {
		return bin
	}
	return medkbBinary(b)
}

// processStats sums what the kernel accounted to each process run.
type processStats struct {
	cpu, sys, faults int64
	peak             int64 // KiB
}

func (s *processStats) run(b *testing.B, cmd *exec.Cmd) {
	b.Helper()
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("%v: %v\n%s", cmd.Args, err, out)
	}
	ps := cmd.ProcessState
	s.cpu += int64(ps.UserTime() + ps.SystemTime())
	s.sys += int64(ps.SystemTime())
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		s.faults += ru.Minflt
		s.peak = max(s.peak, ru.Maxrss)
	}
}

func (s *processStats) report(b *testing.B) {
	b.ReportMetric(float64(s.cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(s.sys)/float64(b.N), "sys-ns/op")
	b.ReportMetric(float64(s.faults)/float64(b.N), "faults/op")
	b.ReportMetric(float64(s.peak)/1024, "peak-MiB")
}
