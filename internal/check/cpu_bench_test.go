package check

import (
	"testing"

	"github.com/medkb/medkb/internal/cputime"
)

// reportCPU, deferred with its result called (defer reportCPU(b)()),
// reports the process's user+system CPU time per iteration as cpu-ns/op
// (as internal/markdown's benchmarks do): on a machine shared with other
// work, ns/op counts the time spent waiting for a core, and this does not
// (the collector's background work is in it, as in a build's CPU).
// Without a CPU clock (cputime.Process 0) it reports nothing.
func reportCPU(b *testing.B) func() {
	start := cputime.Process()
	return func() {
		if used := cputime.Process() - start; b.N > 0 && used > 0 {
			b.ReportMetric(float64(used)/float64(b.N), "cpu-ns/op")
		}
	}
}
