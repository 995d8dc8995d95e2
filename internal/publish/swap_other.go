//go:build !linux && !darwin

package publish

// swap is renameSwap where the platform cannot exchange two names in one
// step (Windows has no such call for folders).
func swap(tmp, dest string) error { return renameSwap(tmp, dest) }
