//go:build !unix

package site_test

import "testing"

// makeFifo skips: see fifo_other_test.go.
func makeFifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("named pipes in the filesystem exist only on Unix")
}
