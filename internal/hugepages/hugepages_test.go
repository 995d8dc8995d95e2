package hugepages

import (
	"os"
	"testing"
)

// childEnv, set, makes the test binary run the checks TestReserve wants
// of a fresh process (child) instead of the tests.
const childEnv = "MEDKB_HUGEPAGES_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(child())
	}
	os.Exit(m.Run())
}

func TestMode(t *testing.T) {
	for in, want := range map[string]string{
		"always [madvise] never\n":                   "madvise",
		"[always] madvise never\n":                   "always",
		"always madvise [never]":                     "never",
		"always defer defer+madvise [madvise] never": "madvise",
		"madvise": "", // no brackets: not a sysfs setting
		"[":       "",
		"":        "",
	} {
		if got := mode(in); got != want {
			t.Errorf("mode(%q) = %q, want %q", in, got, want)
		}
	}
}

// reset forgets what Reserve did, for a test that calls it afresh.
func reset() {
	state.Lock()
	defer state.Unlock()
	state.checked, state.usable, state.advised, state.top = false, false, 0, 0
}
