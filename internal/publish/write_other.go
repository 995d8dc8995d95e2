//go:build !unix

package publish

// writeNew writes data to a new file at full (see createNew).
func writeNew(full string, data []byte) error { return writeNewFile(full, data) }
