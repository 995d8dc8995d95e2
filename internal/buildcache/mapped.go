package buildcache

import "sync/atomic"

// mapped is the bytes of cache files mapped into memory (mapFile, less
// unmapFile) in this process.
var mapped atomic.Int64

// Mapped returns the bytes of cache files this process has mapped into
// memory. Their pages are resident only while touched (dropResident gives
// back what Load decoded), and come back as a build reads the strings
// decoded from them: a memory budget that counts only what is resident
// when it measures misses them (package cli counts them whole).
func Mapped() int64 { return mapped.Load() }
