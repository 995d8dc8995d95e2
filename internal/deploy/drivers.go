package deploy

// The cloud drivers are linked in by driver_*.go, each left out by a build
// tag for a smaller binary: medkb_nocloud leaves out all three (a medkb
// that builds sites and deploys only to file://), medkb_nos3, medkb_nogcs
// and medkb_noazure one each.

import (
	"fmt"
	"slices"

	"gocloud.dev/blob"
)

// builtIn reports whether this binary can open a bucket URL's scheme, and
// if not, says why.
func builtIn(scheme string) error {
	if slices.Contains(blob.DefaultURLMux().BucketSchemes(), scheme) {
		return nil
	}
	return fmt.Errorf("this medkb was built without the %s:// driver (build tags medkb_nocloud, medkb_nos3, medkb_nogcs or medkb_noazure); use a release build, or go build without those tags", scheme)
}
