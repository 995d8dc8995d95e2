//go:build unix

package cputime

import (
	"testing"
	"time"
)

// TestProcessGrowsWithWork: CPU spent between two readings shows in the
// second.
func TestProcessGrowsWithWork(t *testing.T) {
	start := Process()
	if start <= 0 {
		t.Fatalf("Process() = %v at the start, want the CPU the test binary has used (> 0)", start)
	}
	x := uint64(1)
	deadline := time.Now().Add(5 * time.Minute) // a guard against a clock that never moves, not a timing
	for Process()-start < 20*time.Millisecond {
		if time.Now().After(deadline) {
			t.Fatalf("Process() still %v after minutes of work (started at %v)", Process(), start)
		}
		for i := 0; i < 1_000_000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	t.Logf("spent %v of CPU (x=%d)", Process()-start, x)
}
