//go:build unix

package site_test

import (
	"syscall"
	"testing"
)

// makeFifo makes a named pipe at p.
func makeFifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}
