package hugepages

import (
	"os"
	"strings"
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

// TestSetting checks that only "on" asks for huge pages, and that a value
// that is neither on nor off is an error naming the variable, the value
// and what to write instead.
func TestSetting(t *testing.T) {
	for value, want := range map[string]bool{"on": true, "ON": true, " on\n": true, "": false, "off": false, "Off": false} {
		if on, err := Setting(value); on != want || err != nil {
			t.Errorf("Setting(%q) = %v, %v; want %v, nil", value, on, err, want)
		}
	}
	for _, value := range []string{"1", "true", "yes", "always", "of"} {
		on, err := Setting(value)
		if on || err == nil {
			t.Errorf("Setting(%q) = %v, %v; want false and an error", value, on, err)
			continue
		}
		for _, part := range []string{Env + "=\"" + value + "\"", Env + "=on", "unset"} {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("Setting(%q): %q does not say %q", value, err, part)
			}
		}
	}
}
