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
// fails, and a build's heap is dense; so this package can ask, for
// builds.
//
// Nothing is reserved unless a program calls Reserve, and since session
// 46 medkb calls it only when MEDKB_HUGEPAGES=on (Setting): on this
// project's machine no build measured faster with huge pages, and the
// smaller ones measured slower (below).
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
// 128 MiB buffer with one byte written, TestReserve). With huge pages
// "always" the heap has them already; with "never", huge pages of another
// size (a 64 KiB-page arm64 kernel's are 512 MiB), a 32-bit address space
// or another system, Reserve does nothing.
//
// Why off by default. A huge page costs most where a virtual machine
// gives its free memory back to the host, as this project's does (free
// page reporting, in 2 MiB blocks): the kernel takes a huge page from a
// free 2 MiB block, which the host has most likely taken back by then,
// and zeroing it makes the host fault each of its pages in again (2.9 ms
// a MiB, 43 % of a one-article rebuild's CPU in the kernel's clear_page,
// perf). Small pages come first from the fragments nobody reported,
// still backed. So a build that starts a few seconds after the last one
// ended, as in the bench or between two edits, pays for huge pages:
//
//   - session 45, 10,000 bench articles, 12 s idle before each build: a
//     one-article rebuild 0.69 s with a 64 MiB reservation at the start
//     and the build's, 0.62 s with the start's only, 0.55 s with neither
//     (means of 5); a full build alike within the noise;
//   - session 46, one binary, MEDKB_HUGEPAGES on and off alternated, 8 s
//     idle before each build: 1,000 bench articles 3.36 s of CPU on
//     against 2.49 s off (1.83 s wall against 1.34; system time 1.03 s
//     against 0.46; six runs each, none of the six on below 2.9 s, none
//     off above 2.8 s; a second set of six: 3.42 against 2.63 s), the
//     resident peak alike (264 and 270 MiB); `medkb check` on them 2.87
//     against 2.64 s (five each); 10,000 articles 21.62 against 22.18 s
//     (five each, inside the noise: 20.0-23.7 on, 18.9-27.7 off); back
//     to back, 1,000 articles 2.30 against 2.25 s (eight each).
//
// Nor does a heap that spends its run near its memory limit gain, where
// the runtime keeps giving pages back and taking them again: cold
// 100,000-article builds took 388 and 432 s of CPU with huge pages
// against 309 s without (session 44; internal/cli's reserveHeap). The
// fewer faults above, measured with builds run back to back, did not
// make a full build measurably faster either. On a machine whose memory
// stays backed (no balloon, no free page reporting) they may:
// MEDKB_HUGEPAGES=on is there to measure it.

package hugepages

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// Env is the environment variable that, set to "on", makes medkb reserve
// huge pages for a full build (Setting reads its value).
const Env = "MEDKB_HUGEPAGES"

// Setting reads a value of Env: "on" asks for huge pages; "", "off" (and
// the same in any case) do not. Any other value is an error that says
// what to write, and asks for none: a build is no place to guess.
func Setting(value string) (on bool, err error) {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "on":
		return true, nil
	case "", "off":
		return false, nil
	}
	return false, fmt.Errorf("%s=%q is not a setting: use %s=on to ask for huge pages, or leave it unset (off, the default)", Env, value, Env)
}

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
		state.usable = unsafe.Sizeof(uintptr(0)) == 8 && advisable()
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
