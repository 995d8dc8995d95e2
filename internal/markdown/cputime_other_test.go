//go:build !unix

package markdown

import "time"

// cpuTime is not measured here; the benchmarks then report no CPU metric.
func cpuTime() time.Duration { return 0 }
