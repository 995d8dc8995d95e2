// Package hugepages asks the kernel to back the Go heap with transparent
// huge pages (2 MiB) where the system leaves that to each program
// (/sys/kernel/mm/transparent_hugepage/enabled set to "madvise", as
// Ubuntu and so GitHub's runners ship it).
//
// Why: every 4 KiB page of fresh memory a program touches costs it a page
// fault, and in a virtual machine a fault is dear. On the project's
// machine (a Firecracker VM with page-table isolation) one costs some
// 14 µs, and a 2 MiB huge page, 512 times the memory, about as much as
// one: a one-article rebuild at 10,000 articles took 52,000 faults,
// about 0.7 s of its 2 s of CPU, and a full build 127,000. The Go runtime
// does not ask for huge pages itself since Go 1.21.4 (golang/go#64342):
// with the kernel's defrag setting also "madvise", a fault in advised
// memory may stop to compact memory when no huge page is free
// (golang/go#61718), a stall a server cannot afford. A build can: it
// waits for its whole run, not for one request, and the kernel falls
// back to small pages when compaction fails. The runtime also maps its
// heap with MAP_FIXED as the heap grows, each mapping a new one without
// the advice; so Reserve makes the heap grow once, by an allocation it
// lets go, advises that memory and hands it back to the runtime, which
// allocates from it first. The memory is only address space until used:
// the resident size does not change (459 against 460 MB for a full build
// at 10,000 articles).
//
// Importing the package reserves StartHeap as the program starts (init),
// and a program that knows how much heap its work needs calls Reserve
// for the rest before the work.
//
// With huge pages "always", the heap has them already; with "never", or
// on another system, Reserve does nothing. MEDKB_HUGEPAGES=off turns it
// off, to measure what it does or to rule it out.
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
// allocates what is missing, a chunk at a time, advises the chunks and
// collects them (one garbage collection, cheap while the heap is small:
// call it before the work that grows it); the runtime then allocates
// from that memory before it maps more.
//
// It allocates chunks, not one object, because the runtime zeroes the
// whole of an allocation that starts in memory it used before, and a
// fresh mapping needs no zeroing: a gigabyte allocated at the top of a
// heap whose last pages had been freed would be written in full, every
// page of it resident. Chunks the runtime places in memory used before
// (or advised before, by an earlier call) are zeroed or skipped, a chunk
// each, and do not count; the rest lies in fresh memory above, which is
// never touched here. Safe for concurrent use.
func Reserve(n int64) bool {
	state.Lock()
	defer state.Unlock()
	if !state.checked {
		state.checked = true
		off, _ := syscall.Getenv(Env)
		state.usable = off != "off" && advisable()
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
	runtime.GC() // the chunks are garbage now: their memory goes back to the heap's free pages
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

// StartHeap is the heap the package's initialisation asks to be backed
// by huge pages.
const StartHeap = 64 << 20

// init reserves StartHeap as the program starts. It is here, not in main,
// so that it runs before the initialisation of most other packages, whose
// allocations (some 15 MiB for medkb: chroma's lexers and styles, bleve's
// analysers) would otherwise take a 4 KiB page fault each page: the
// language orders package initialisation by import path once a package's
// imports are initialised, and this package imports only runtime, sync,
// syscall and unsafe, which most packages wait for.
func init() { Reserve(StartHeap) }
