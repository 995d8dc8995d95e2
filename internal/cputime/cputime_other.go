//go:build !unix

package cputime

import "time"

// Process returns 0: the CPU time is not read on this system, and the
// benchmarks that report it then report no CPU metric.
func Process() time.Duration { return 0 }
