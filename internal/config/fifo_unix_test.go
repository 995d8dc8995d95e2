//go:build unix

package config

import (
	"syscall"
	"testing"
)

func makeFifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
}
