package cputime

import "testing"

// PerOp, deferred with its result called (defer cputime.PerOp(b)()),
// reports the process's user+system CPU time per iteration as
// cpu-ns/op: on a machine shared with other work, ns/op counts the time
// spent waiting for a core, and this does not (the collector's
// background work is in it, as in a build's CPU). Without a CPU clock
// (Process 0) it reports nothing.
func PerOp(b *testing.B) func() {
	start := Process()
	return func() {
		if used := Process() - start; b.N > 0 && used > 0 {
			b.ReportMetric(float64(used)/float64(b.N), "cpu-ns/op")
		}
	}
}
