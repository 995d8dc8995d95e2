package phi

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestVersionHashesAllOfTheScanner checks that Version hashes every
// non-test Go file of the package (a file added to the scanner but not to
// the embed list would change findings without changing Version, and the
// build cache would keep the old ones), and has its documented form.
func TestVersionHashesAllOfTheScanner(t *testing.T) {
	code, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	code = slices.DeleteFunc(code, func(n string) bool { return strings.HasSuffix(n, "_test.go") || n == "version.go" })
	embedded, err := fs.Glob(scanner, "*.go")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(code)
	slices.Sort(embedded)
	if !slices.Equal(code, embedded) {
		t.Errorf("Version hashes %v; the scanner's files are %v: list them all in version.go's go:embed line", embedded, code)
	}
	if v := Version(); !regexp.MustCompile(`^phi-[0-9a-f]{16}$`).MatchString(v) || v != Version() {
		t.Errorf("Version() = %q; want phi- and 16 hex digits, the same each call", v)
	}
}
