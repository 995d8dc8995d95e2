package sitedata

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestDataFilesMedkbDoesNotReadAreWarnedOf: a Hugo site's data files in
// JSON or TOML, and a folder of data files (Hugo's data/clinics/*.yaml),
// were skipped without a word, and templates found nothing in
// .Site.Data; each is now a warning naming the file and the fix. Dot
// files and editors' backups are not.
func TestDataFilesMedkbDoesNotReadAreWarnedOf(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for name, src := range map[string]string{
		"authors.yaml":    "amorgan:\n  name: Dr A Morgan\n",
		"clinics.json":    `{"leeds": {"open": "weekdays"}}`,
		"opening.toml":    "leeds = \"weekdays\"\n",
		"regions/uk.yaml": "- North\n",
		".DS_Store":       "x",
		"authors.yaml~":   "backup",
		"synonyms.yml":    "- [puffer, inhaler]\n",
	} {
		p := filepath.Join(root, "data", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := Load(root)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, w.File+": "+w.Message+" | "+w.Hint)
	}
	want := []string{
		"data/clinics.json: this file is not read: medkb reads data files written in YAML (.yaml or .yml) only, so templates do not find it in .Site.Data | rename it data/clinics.yaml: JSON is YAML already, so medkb reads it as it is",
		"data/opening.toml: this file is not read: medkb reads data files written in YAML (.yaml or .yml) only, so templates do not find it in .Site.Data | write it in YAML as data/opening.yaml",
		"data/regions/: this folder is not read: medkb reads the data files directly in data/, not in folders, so templates find none of its files in .Site.Data | move each file up into data/ (data/regions.yaml holds what the folder's files held, under one key each)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%q\nwant\n%q", got, want)
	}
	if d.Authors["amorgan"].Name != "Dr A Morgan" || len(d.Synonyms.Groups) != 1 {
		t.Errorf("the YAML files were not read: %+v", d)
	}
}
