package hugepages

import "testing"

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
