//go:build !unix

package main

import "os"

// maxRSSKB is 0 where the platform does not report a peak resident set
// for a finished process (the bench's tables then show no memory column
// figures; the bench is run on Linux).
func maxRSSKB(*os.ProcessState) int64 { return 0 }

// selfMaxRSSKB is 0 where the platform does not report it.
func selfMaxRSSKB() int64 { return 0 }
