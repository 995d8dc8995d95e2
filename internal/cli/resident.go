package cli

import (
	"bytes"
	"os"
	"runtime/metrics"
	"strconv"
)

// outsideLimit returns the process's resident memory that Go's memory
// limit does not count, in bytes: the resident set (/proc/self/statm)
// less the memory the Go runtime holds from the system
// (/memory/classes/total less the heap it gave back). What is left is
// mostly the program's own code and data pages as they are touched (the
// medkb binary has some 67 MB of code; a build touches a fair part of
// it) and files mapped into memory. 0 where the resident set cannot be
// read (not Linux) or when the runtime holds more than is resident.
func outsideLimit() int64 {
	rss := residentBytes()
	if rss <= 0 {
		return 0
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	held := int64(s[0].Value.Uint64() - s[1].Value.Uint64())
	return max(rss-held, 0)
}

// residentBytes is the process's resident set size from /proc/self/statm
// (its second field, in pages); 0 when that cannot be read.
func residentBytes() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[1]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}

// peakResident is the process's largest resident set so far, in bytes
// (VmHWM in /proc/self/status); 0 when that cannot be read.
func peakResident() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := bytes.Fields(rest)
			if len(f) == 2 && string(f[1]) == "kB" {
				if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
					return kb << 10
				}
			}
		}
	}
	return 0
}
