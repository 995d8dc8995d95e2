package cli

import (
	"bytes"
	"os"
	"runtime/metrics"
	"strconv"

	"github.com/medkb/medkb/internal/buildcache"
)

// outsideLimit returns the process's resident memory that Go's memory
// limit does not count, in bytes: the resident set (/proc/self/statm)
// less the memory the Go runtime holds from the system
// (/memory/classes/total less the heap it gave back). What is left is
// mostly the program's own code and data pages as they are touched (the
// medkb binary has some 67 MB of code; a build touches a fair part of
// it) and files mapped into memory. 0 where the resident set cannot be
// read (not Linux) or when the runtime holds more than is resident.
//
// The build cache's mapped files (buildcache.Mapped) count whole, not as
// resident now (outsideOf): their pages are given back as they are
// decoded and come back as a build reads them, after the limit was set
// from a low reading. A one-article rebuild at 100,000 articles maps 190
// MiB of them; measured while their pages were given back (41-88 MiB of
// file pages resident, 153 MiB by the end), the limit rose to 1,360 MiB
// of a 1,367 MiB budget, and the rebuild peaked at 1,464 MiB resident
// (1,368-1,394 MiB when the reading came later). watches.mu is held.
func outsideLimit() int64 {
	rss, file := residentBytes(), residentFileBytes()
	if rss <= 0 {
		return 0
	}
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	held := int64(s[0].Value.Uint64() - s[1].Value.Uint64())
	return outsideOf(rss, held, file, watches.fileBase, buildcache.Mapped())
}

// outsideOf is the resident memory outside Go's limit of a process with
// rss bytes resident, held of them by the Go runtime and file of them
// file pages (its code, mapped files), which had fileBase bytes of file
// pages before it mapped mapped bytes of cache files: rss less held, and
// the mapped files' pages not resident now, which a build will read
// again. Reading one costs no more than it did (file pages already
// resident stay counted once); a measurement taken while they are given
// back no longer lowers the rest, and so raises the limit, by them.
func outsideOf(rss, held, file, fileBase, mapped int64) int64 {
	return max(rss-held, 0) + max(fileBase+mapped-file, 0)
}

// residentFileBytes is the process's resident file pages (and shared
// memory) from /proc/self/statm (its third field, in pages): its code and
// the files it maps; 0 when that cannot be read.
func residentFileBytes() int64 { return statmField(2) }

// residentBytes is the process's resident set size from /proc/self/statm
// (its second field, in pages); 0 when that cannot be read.
func residentBytes() int64 { return statmField(1) }

// statmField returns field i (from 0) of /proc/self/statm, in pages, as
// bytes; 0 when that cannot be read.
func statmField(i int) int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) <= i {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[i]), 10, 64)
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
