package hugepages

import (
	"syscall"
	"unsafe"
)

const enabledFile = "/sys/kernel/mm/transparent_hugepage/enabled"

// advisable reports whether the kernel gives huge pages to memory that
// asks for them, and only to such memory.
func advisable() bool {
	fd, err := syscall.Open(enabledFile, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var b [128]byte
	n, err := syscall.Read(fd, b[:])
	return err == nil && n > 0 && mode(string(b[:n])) == "madvise"
}

// advise asks for huge pages for b's whole pages.
func advise(b []byte) bool {
	page := uintptr(syscall.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from := int((page - start%page) % page)
	to := len(b) - int((start+uintptr(len(b)))%page)
	if from >= to {
		return false
	}
	return syscall.Madvise(b[from:to], syscall.MADV_HUGEPAGE) == nil
}
