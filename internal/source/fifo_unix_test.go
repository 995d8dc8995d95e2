//go:build unix

package source

import "syscall"

// makeFifo makes a named pipe at p.
func makeFifo(p string) error { return syscall.Mkfifo(p, 0o644) }
