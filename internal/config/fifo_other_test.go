//go:build !unix

package config

import "testing"

// makeFifo skips: named pipes do not live in the filesystem on Windows,
// so a build there cannot meet one.
func makeFifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("named pipes in the filesystem exist only on Unix")
}
