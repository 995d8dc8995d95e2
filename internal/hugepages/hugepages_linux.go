package hugepages

import (
	"os"
	"syscall"
	"unsafe"
)

const (
	thp         = "/sys/kernel/mm/transparent_hugepage/"
	enabledFile = thp + "enabled"
	// sizeFile is the huge page size; sizeEnabledFile, on kernels since
	// 6.8, that size's own setting, "inherit" to follow enabledFile.
	sizeFile        = thp + "hpage_pmd_size"
	sizeEnabledFile = thp + "hugepages-2048kB/enabled"
)

// advisable reports whether the kernel gives 2 MiB pages to memory that
// asks for them, and only to such memory.
func advisable() bool {
	if mode(readSmall(enabledFile)) != "madvise" || readSmall(sizeFile) != "2097152\n" {
		return false
	}
	switch mode(readSmall(sizeEnabledFile)) {
	case "", "inherit", "madvise":
		return true // no such file (before 6.8), or as enabledFile says
	}
	return false // "never", or "always" (given already)
}

// readSmall returns a sysfs file's text, "" when it cannot be read.
func readSmall(name string) string {
	b, err := os.ReadFile(name)
	if err != nil {
		return ""
	}
	return string(b)
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
