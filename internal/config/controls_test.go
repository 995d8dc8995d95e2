package config

import (
	"fmt"
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestControlCharactersAndEncodingAreNamedAtTheirPlace: a title pasted
// from mis-converted Word text (U+0092 for ’) made yaml.v3 refuse
// medkb.yaml with "control characters are not allowed" and no line; a
// NUL too; the file saved as Windows-1252, "invalid leading UTF-8
// octet"; written as a YAML escape, the control went into every page
// unreported. Each is now an error at its line and column, with the
// schema's errors (file:line:col message, sorted).
func TestControlCharactersAndEncodingAreNamedAtTheirPlace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"raw, beside a schema error", "title: \"Here\u0092s help\"\nbase_url: https://example.org/\ntitel: x\n", []string{
			"medkb.yaml:1:8 control character U+0092 in title: HTML forbids it, and browsers show nothing or a box in its place",
			`medkb.yaml:3:1 unknown key "titel" in medkb.yaml; did you mean "title"?`}},
		{"an escape, nested", "title: A\nbase_url: https://example.org/\npublisher:\n  name: \"Health\\x85\"\n", []string{
			"medkb.yaml:4:9 control character U+0085 in publisher: name: HTML forbids it, and browsers show nothing or a box in its place"}},
		{"a NUL", "title: A\x00\nbase_url: https://example.org/\n", []string{
			"medkb.yaml:1:8 control character U+0000 in title: HTML forbids it, and browsers show nothing or a box in its place"}},
		{"saved as Windows-1252", "title: A\nbase_url: https://example.org/\ndescription: It\x92s\n", []string{
			"medkb.yaml:3:16 byte 0x92 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is ’"}},
		{"two files joined", "title: A\n\ufeffbase_url: https://example.org/\n", []string{
			"medkb.yaml:2:1 a byte order mark (U+FEFF, an invisible character that only a file's start may hold) is read as part of the text after it: two files were joined here, or text pasted with it"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tc.src))
			var got []string
			for _, d := range diag.From(err) {
				got = append(got, fmt.Sprintf("%s %s", d.Pos(), d.Message))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Parse errors:\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
	// In a comment, or a mark at the file's start: read, no error.
	if c, err := Parse([]byte("\ufeff# notes\u0092\ntitle: Caf\u00e9\nbase_url: https://example.org/\n")); err != nil || c.Title != "Caf\u00e9" {
		t.Errorf("Parse = %v; want the file read", err)
	}
}
