package buildstate

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestSkippedBuildReadsOnlyTheStamp checks that the State's diagnostics
// come back with it, and that Diags, which a build skipped because
// nothing changed calls, reads them from the stamp alone: with the rest
// of state.gob cut away it still finds them (and Load does not), and it
// refuses another build's marker.
func TestSkippedBuildReadsOnlyTheStamp(t *testing.T) {
	dir := t.TempDir()
	diags := diag.List{
		{File: "content/a.md", Line: 3, Severity: diag.Warning, Check: "links", Message: "a warning", Hint: "fix it"},
		{File: "content/b.md", Line: 1, Severity: diag.Warning, Message: "another"},
	}
	st := &State{Marker: "m1", Inputs: Hashes{"content/a.md": {1}}, Diags: diags}
	if err := SaveFull(dir, Head{Build: "b1"}, Body{}, st); err != nil {
		t.Fatal(err)
	}
	loaded := Load(dir)
	if loaded == nil {
		t.Fatal("Load: no state")
	}
	if !slices.Equal(loaded.Diags, diags) || loaded.Marker != "m1" || len(loaded.Inputs) != 1 {
		t.Errorf("Load gave marker %q, %d inputs, diags %v; want m1, 1, %v", loaded.Marker, len(loaded.Inputs), loaded.Diags, diags)
	}
	if got, ok := Diags(dir, "m1"); !ok || !slices.Equal(got, diags) {
		t.Errorf("Diags(m1) = %v, %v; want %v, true", got, ok, diags)
	}
	if _, ok := Diags(dir, "m2"); ok {
		t.Error("Diags gave the diagnostics of another build's marker")
	}

	// Cut state.gob after its stamp: the skip still has what it needs.
	var sp bytes.Buffer
	if err := gob.NewEncoder(&sp).Encode(stamp{Version, "m1", diags}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	full, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(full, sp.Bytes()) || len(full) == sp.Len() {
		t.Fatalf("state.gob (%d bytes) does not start with the stamp (%d bytes) and go on", len(full), sp.Len())
	}
	if err := os.WriteFile(path, sp.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if got, ok := Diags(dir, "m1"); !ok || !slices.Equal(got, diags) {
		t.Errorf("Diags of the stamp alone = %v, %v; want %v, true", got, ok, diags)
	}
	if Load(dir) != nil {
		t.Error("Load took a state.gob holding only its stamp")
	}
}
