//go:build !unix

package publish

// writeNew writes data to a new file at full (see createNew).
func writeNew(full string, data []byte) error {
	f, err := createNew(full)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
