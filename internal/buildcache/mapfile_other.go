//go:build !unix

package buildcache

import "os"

// mapFile reads a file whole where mapping it is not available.
func mapFile(path string) ([]byte, error) { return os.ReadFile(path) }

func unmapFile([]byte) {}
