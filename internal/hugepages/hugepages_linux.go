package hugepages

import (
	"os"
	"syscall"
	"unsafe"
)

const enabledFile = "/sys/kernel/mm/transparent_hugepage/enabled"

// advisable reports whether the kernel gives huge pages to memory that
// asks for them, and only to such memory.
func advisable() bool {
	b, err := os.ReadFile(enabledFile)
	return err == nil && mode(string(b)) == "madvise"
}

// advise asks for huge pages for b's whole pages.
func advise(b []byte) bool {
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from := int((page - start%page) % page)
	to := len(b) - int((start+uintptr(len(b)))%page)
	if from >= to {
		return false
	}
	return syscall.Madvise(b[from:to], syscall.MADV_HUGEPAGE) == nil
}
