//go:build !unix

package site

import "time"

// cpuTime is not measured here; the bench-corpus benchmarks then report
// no CPU metric.
func cpuTime() time.Duration { return 0 }
