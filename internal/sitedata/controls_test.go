package sitedata

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestControlCharactersAndEncodingInDataFiles: a person's bio pasted
// from mis-converted Word text (U+0092 for ’) made yaml.v3 refuse
// data/authors.yaml with "control characters are not allowed" and no
// line, and a data file saved as Windows-1252 "invalid leading UTF-8
// octet"; each is now an error at its line and column, with every data
// file's other errors. A control in a comment is read without one.
func TestControlCharactersAndEncodingInDataFiles(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	files := map[string]string{
		"authors":  "# from Word\u0092s export\namorgan:\n  name: Dr A Morgan\n  bio: \"Alex\u0092s work\"\n",
		"clinics":  "- name: Leeds\n  note: Open caf\xe9\n",
		"glossary": "- term: Spacer\n  definiton: \"A tube\\x85\"\n",
		"synonyms": "# fine\u0092\n- [puffer, inhaler]\n",
	}
	if err := os.MkdirAll(filepath.Join(root, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(root, "data", name+".yaml"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(root)
	var got []string
	for _, d := range diag.From(err) {
		got = append(got, d.Pos()+" "+d.Message)
	}
	want := []string{
		"data/authors.yaml:4:8 control character U+0092 in amorgan: bio: HTML forbids it, and browsers show nothing or a box in its place",
		"data/clinics.yaml:2:17 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é",
		`data/glossary.yaml:1:3 entry 1 has no "definition"`,
		`data/glossary.yaml:2:3 unknown key "definiton" in entry 1; did you mean "definition"?`,
		"data/glossary.yaml:2:14 control character U+0085 in definiton: HTML forbids it, and browsers show nothing or a box in its place",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Load errors:\n%q\nwant\n%q", got, want)
	}
	// Without them, the comments' controls are no error.
	for _, name := range []string{"clinics", "glossary"} {
		if err := os.Remove(filepath.Join(root, "data", name+".yaml")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "data", "authors.yaml"), []byte("# from Word\u0092s export\namorgan:\n  name: Dr A Morgan\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Load(root)
	if err != nil || d.Authors["amorgan"].Name != "Dr A Morgan" || len(d.Synonyms.Groups) != 1 {
		t.Errorf("Load = %+v, %v; want the files read", d, err)
	}
}
