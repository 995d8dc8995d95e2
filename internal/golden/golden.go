// Package golden is the one definition of the -update test flag, for
// tests that compare output with golden files. Import it only from
// _test.go files: it registers -update on the test binary's flag set, and
// `make golden` passes -update to exactly the packages that import it
// (go test ./... -update would fail in every package without the flag).
//
// It holds no state but the flag, imports no medkb package, and is safe
// for concurrent use once flags are parsed.
package golden

import "flag"

var update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// Update reports whether the test run was asked to rewrite golden files.
func Update() bool { return *update }
