//go:build !unix

package card

import "time"

// cpuTime is not measured here; BenchmarkCards1000 then reports no CPU metric.
func cpuTime() time.Duration { return 0 }
