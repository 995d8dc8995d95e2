// Package hugepages asks the kernel to back the Go heap with transparent
// huge pages (2 MiB) where the system leaves that to each program
// (/sys/kernel/mm/transparent_hugepage/enabled set to "madvise", as
// Ubuntu and so GitHub's runners ship it).
//
// Why: every 4 KiB page of fresh memory a program touches costs it a page
// fault, and in a virtual machine a fault is dear. On the project's
// machine (a Firecracker VM with page-table isolation) a 4 KiB fault
// costs 12 to 14.5 µs and a 2 MiB one about 130 µs: ten times one, for
// 512 times the memory. A full build at 10,000 articles took 125,000
// faults with small pages, 15,000 to 28,000 with huge ones (and a
// one-article rebuild 47,000, half of its CPU, before session 45, when
// its huge pages turned out dearer after a pause: below).
//
// The Go runtime does not ask for huge pages itself since Go 1.21.4
// (golang/go#64342): a fault in advised memory may stop to compact memory
// when no huge page is free (golang/go#61718), a stall a server cannot
// afford, and huge pages over a sparse heap raised some programs' memory
// by up to 40 % (golang/go#59960). A build waits for its whole run, not
// for one request, the kernel falls back to small pages when compaction
// fails, and a build's heap is dense; so this package asks, for builds.
// Not for every build: one whose heap spends its run near its memory
// limit, where the runtime keeps giving pages back and taking them again,
// lost (a 100,000-article build, 388 and 432 s of CPU against 309 s), so
// medkb reserves nothing above the default budget (internal/cli's
// reserveHeap). Nor for a patch, or as the program starts: see below.
//
// The runtime maps its heap with MAP_FIXED as the heap grows, each
// mapping a new one without the advice; so Reserve makes the heap grow
// once, by allocations it lets go, advises that memory and hands it back
// to the runtime, which allocates from it before it maps more. The memory
// is address space until used: released to the system (the release
// function Reserve is given, debug.FreeOSMemory for a build), the runtime
// counts it as fresh and does not zero what it first places there; only
// collected (runtime.GC, Reserve's default release), it zeroes what it
// places there, which makes a large buffer resident whole (128 MiB for a
// 128 MiB buffer with one byte written, TestReserve).
//
// Nothing is reserved unless a program calls Reserve: one that knows how
// much heap its work needs calls it before the work. With huge pages
// "always" the heap has them already; with "never", huge pages of another
// size (a 64 KiB-page arm64 kernel's are 512 MiB), a 32-bit address space
// or another system, Reserve does nothing. MEDKB_HUGEPAGES=off turns it
// off, to measure what it does or to rule it out.
//
// The package used to reserve 64 MiB as the program started (its init,
// before most packages initialise). It no longer does, and medkb reserves
// only before a build with no last build to patch, because a huge page
// costs most where a virtual machine gives its free memory back to the
// host, as this project's does (free page reporting, in 2 MiB blocks): the kernel takes
// a huge page from a free 2 MiB block, which the host has most likely
// taken back by then, and zeroing it makes the host fault each of its
// pages in again (2.9 ms a MiB, 43 % of a one-article rebuild's CPU in
// the kernel's clear_page, perf). Small pages come first from the
// fragments nobody reported, still backed. Measured at 10,000 bench
// articles, one binary, alternated, 12 s idle before each build (as
// between two edits, or between a bench's runs): a one-article rebuild
// took 0.69 s with the start reservation and the build's, 0.62 s with
// the start's only and 0.55 s with neither (0.50 s of system time
// against 0.21; means of 5), and as much with none as with both run back
// to back (0.55 against 0.58 s, means of 8); a build with nothing
// changed 0.12 s either way; full builds alike either way within the
// noise (11.7 to 12.0 s after 12 s idle, means of 4).
package hugepages

import (
	"runtime"
	"sync"
	"syscall"
	"unsafe"
)

// Env is the environment variable that, set to "off", turns Reserve off.
const Env = "MEDKB_HUGEPAGES"

// chunk is the size of the allocations Reserve makes its heap of.
const chunk = 8 << 20

var state struct {
	sync.Mutex
	checked, usable bool
	advised         int64   // bytes advised so far, above the heap of the time
	top             uintptr // the end of the highest chunk advised
}

// Reserve makes sure that n bytes of heap, in all, were asked to be
// backed by huge pages, and reports whether it advised more. It
// allocates what is missing, a chunk at a time, advises the chunks, lets
// them go and calls release (runtime.GC when nil), which should collect
// them and had better give them back to the system (see the package
// comment): cheap while the heap is small, so call it before the work
// that grows it. The runtime then allocates from that memory before it
// maps more.
//
// It allocates chunks, not one object, because the runtime zeroes the
// whole of an allocation placed in memory it used before: a gigabyte at
// the top of a heap whose last pages had been freed would be written in
// full. Chunks placed below an earlier call's highest chunk (memory used
// or advised before) do not count towards n; the rest lie above. On the
// first call every chunk counts, wherever the heap placed it, so call it
// early. Safe for concurrent use.
func Reserve(n int64, release func()) bool {
	state.Lock()
	defer state.Unlock()
	if !state.checked {
		state.checked = true
		off, _ := syscall.Getenv(Env)
		state.usable = off != "off" && unsafe.Sizeof(uintptr(0)) == 8 && advisable()
	}
	if !state.usable || n <= state.advised {
		return false
	}
	want := n - state.advised
	// The chunks are held until all are allocated, so that none is
	// placed where an earlier one was. At most as many again as wanted
	// may land in memory used or advised before.
	var held [][]byte
	got := int64(0)
	for tries := 2*want/chunk + 16; got < want && tries > 0; tries-- {
		b := make([]byte, chunk)
		held = append(held, b)
		at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		if !advise(b) {
			state.usable = false
			break
		}
		if at >= state.top {
			got += chunk
			state.top = at + chunk
		}
	}
	state.advised += got
	runtime.KeepAlive(held)
	held = nil
	if release == nil {
		release = runtime.GC
	}
	release() // the chunks are garbage now: their memory goes back to the heap's free pages
	return got > 0
}

// mode returns the setting in brackets of a sysfs file such as
// "always [madvise] never".
func mode(setting string) string {
	open := -1
	for i := 0; i < len(setting); i++ {
		switch {
		case setting[i] == '[':
			open = i
		case setting[i] == ']' && open >= 0:
			return setting[open+1 : i]
		}
	}
	return ""
}
