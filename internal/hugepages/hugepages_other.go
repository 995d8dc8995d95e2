//go:build !linux

package hugepages

func advisable() bool { return false }

func advise([]byte) bool { return false }
