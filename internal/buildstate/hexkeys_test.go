package buildstate

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStateOfHexKeysIsNotLoaded loads the state files the medkb before
// state-10 saved (testdata/hexkeys, from a build of a small site: state-9,
// the base's front matter keys as hex strings): neither the State nor
// the base is loaded, so a build after it is a full build, never a patch
// read with the old keys.
func TestStateOfHexKeysIsNotLoaded(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{name, baseName} {
		data, err := os.ReadFile(filepath.Join("testdata", "hexkeys", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var st State
	if loadState(dir, &st) {
		t.Errorf("the State of state-9 was loaded (Version %q)", st.Version)
	}
	if got := Load(dir); got != nil {
		t.Errorf("Load of state-9 files gave a State (Version %q)", got.Version)
	}
}
