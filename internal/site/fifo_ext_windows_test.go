package site_test

import "errors"

// makeFifo: see fifo_windows_test.go.
func makeFifo(string) error { return errors.New("named pipes are a Unix file type") }
