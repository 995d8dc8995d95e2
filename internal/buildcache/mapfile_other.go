//go:build !unix

package buildcache

import "os"

// fileMapped: mapFile reads the file into memory, which strings may view.
const fileMapped = false

// mapFile reads a file whole where mapping it is not available.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }

func unmapFile([]byte) {}

// dropResident does nothing: the file was read into memory, not mapped.
func dropResident([]byte) {}
