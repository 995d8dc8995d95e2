package frontmatter

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/diag"
)

// TestFormatsAgree parses the same article written as YAML, as TOML, and as
// YAML with a byte-order mark and CRLF line endings: every form must give
// the same metadata and body.
func TestFormatsAgree(t *testing.T) {
	for _, name := range []string{"yaml.md", "toml.md", "bom-crlf.md"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			r, err := Parse(name, data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			m := r.Meta
			if m.Title != "Asthma" {
				t.Errorf("title %q, want Asthma", m.Title)
			}
			if want := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC); !m.Date.Time.Equal(want) {
				t.Errorf("date %v, want %v", m.Date.Time, want)
			}
			if !slices.Equal(m.Tags, []string{"asthma", "lungs"}) {
				t.Errorf("tags %q", m.Tags)
			}
			if len(m.References) != 1 || m.References[0].ID != "gina" || m.References[0].URL != "https://ginasthma.org/" {
				t.Errorf("references %+v", m.References)
			}
			if got := string(r.Body); got != "Body line one.\nBody line two.\n" {
				t.Errorf("body %q", got)
			}
			if m.Lines["title"] != 2 || m.Lines["date"] != 3 {
				t.Errorf("lines %v, want title:2 date:3", m.Lines)
			}
			if r.BodyLine <= m.Lines["tags"] {
				t.Errorf("body line %d is not after the front matter", r.BodyLine)
			}
		})
	}
}

func TestBodyLine(t *testing.T) {
	r, err := Parse("a.md", []byte("---\ntitle: A\nsummary: B\n---\nfirst body line\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.BodyLine != 5 {
		t.Errorf("BodyLine = %d, want 5", r.BodyLine)
	}
}

func TestNoFrontMatter(t *testing.T) {
	r, err := Parse("a.md", []byte("Just a body.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Body) != "Just a body.\n" || r.BodyLine != 1 || r.Meta.Lines == nil {
		t.Errorf("got %+v", r)
	}
}

// billionLaughs expands to 9^9 nodes when decoded naively.
const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"invalid UTF-8", "---\ntitle: A\n---\nok\nbad \xff\n", 5, "not valid UTF-8"},
		{"invalid UTF-8 in front matter", "---\ntitle: \xc3\x28\n---\n", 2, "not valid UTF-8"},
		{"NUL byte", "---\ntitle: A\n---\n\x00\n", 4, "NUL"},
		{"never closes", "---\ntitle: A\nsummary: B\n\nBody.\n", 1, "never closes"},
		{"TOML never closes", "+++\ntitle = \"A\"\n", 1, "never closes"},
		{"invalid date", "---\ntitle: A\ndate: 2024-13-45\n---\n", 3, `"2024-13-45"`},
		{"invalid date with CRLF", "---\r\ntitle: A\r\n\r\nlast_reviewed: 2024-02-30\r\n---\r\n", 4, `"2024-02-30"`},
		{"date is a list", "---\ntitle: A\nnext_review: [1]\n---\n", 3, "invalid date"},
		{"YAML syntax", "---\ntitle: A\nsummary: : :\n  - x\n---\n", 3, "front matter"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "not a set of key: value pairs"},
		{"tags not a list", "---\ntitle: A\ntags: {a: b}\n---\n", 3, "expected a list"},
		{"alias bomb in an extra key", "---\ntitle: A\n" + billionLaughs + "---\n", 6, "d: document contains excessive aliasing"},
		{"alias bomb in a known key", "---\n" + billionLaughs + "tags: *i\n---\n", 0, "front matter"},
		{"TOML syntax", "+++\ntitle = \n+++\n", 2, "TOML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/a.md", []byte(tc.in))
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("Parse error = %v, want a *diag.Diagnostic", err)
			}
			if d.File != "content/a.md" || d.Severity != diag.Error || d.Hint == "" {
				t.Errorf("diagnostic %+v: want file content/a.md, severity error and a hint", d)
			}
			if tc.line != 0 && d.Line != tc.line {
				t.Errorf("line %d, want %d (%s)", d.Line, tc.line, d.Message)
			}
			if !strings.Contains(d.Message, tc.msg) {
				t.Errorf("message %q does not mention %q", d.Message, tc.msg)
			}
		})
	}
}

func TestFrontMatterSizeLimit(t *testing.T) {
	in := "---\nsummary: \"" + strings.Repeat("x", MaxFrontMatter) + "\"\n---\nBody.\n"
	_, err := Parse("a.md", []byte(in))
	var d *diag.Diagnostic
	if !errors.As(err, &d) || !strings.Contains(d.Message, "larger than") {
		t.Fatalf("Parse error = %v, want the size limit named", err)
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\ufeffa\r\nb\rc\n", "a\nb\nc\n"},
		{"plain\n", "plain\n"},
		{"\ufeff", ""},
		{"a\ufeffb", "a\ufeffb"}, // only a leading BOM is dropped
	}
	for _, tc := range tests {
		if got := string(Normalize([]byte(tc.in))); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestHostileValuesAreKeptVerbatim(t *testing.T) {
	// Escaping is the renderer's job; the parser must hand values over
	// unchanged, neither executing nor mangling them.
	const payload = `</script><script>alert(1)</script> {{ .Site }} ]]>`
	in := "---\ntitle: '" + payload + "'\ntags: ['" + payload + "']\n---\n"
	r, err := Parse("a.md", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Title != payload || len(r.Meta.Tags) != 1 || r.Meta.Tags[0] != payload {
		t.Errorf("title %q tags %q, want %q", r.Meta.Title, r.Meta.Tags, payload)
	}
}

func TestExtraKeysBecomeParams(t *testing.T) {
	r, err := Parse("a.md", []byte("---\ntitle: A\ncolour: blue\nparams: {size: 3}\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Params["colour"] != "blue" || r.Meta.Params["size"] != 3 {
		t.Errorf("params %v", r.Meta.Params)
	}
	if r.Meta.Lines["colour"] != 3 {
		t.Errorf("colour line %d, want 3", r.Meta.Lines["colour"])
	}
}

// FuzzParse checks that Parse never panics, that every error is a
// positioned diagnostic inside the file, and that a body is always a
// suffix of the normalised input.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"yaml.md", "toml.md", "bom-crlf.md"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("a.md", data)
		norm := Normalize(append([]byte(nil), data...))
		lines := strings.Count(string(norm), "\n") + 1
		if err != nil {
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("error %v is not a diagnostic", err)
			}
			if d.File != "a.md" || d.Line < 0 || d.Line > lines {
				t.Fatalf("diagnostic %+v points outside the %d-line file", d, lines)
			}
			return
		}
		if !strings.HasSuffix(string(norm), string(r.Body)) {
			t.Fatalf("body %q is not the end of the input", r.Body)
		}
		if r.BodyLine < 1 || r.BodyLine > lines+1 {
			t.Fatalf("body line %d outside the %d-line file", r.BodyLine, lines)
		}
		if !utf8.Valid(r.Body) {
			t.Fatalf("body is not valid UTF-8")
		}
	})
}

func TestParseDateAcceptsHugoAndJekyllForms(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"2024-03-05":                      "2024-03-05T00:00:00Z",
		"2018-10-6":                       "2018-10-06T00:00:00Z",
		"2013-06-12 10:00:00 -0400":       "2013-06-12T14:00:00Z",
		"2013-06-12 10:00:00 -04:00":      "2013-06-12T14:00:00Z",
		"2013-06-12 10:00:00.123 +0100":   "2013-06-12T09:00:00Z", // fractional seconds
		"2024-03-05T10:20:30+02:00":       "2024-03-05T08:20:30Z",
		"2024-03-05T10:20:30":             "2024-03-05T10:20:30Z",
		"2024-03-05T10:20:30+0200":        "2024-03-05T08:20:30Z",
		"2024-03-05 10:20":                "2024-03-05T10:20:00Z",
		"Tue, 05 Mar 2024 10:20:30 +0000": "2024-03-05T10:20:30Z",
		"5 March 2024":                    "2024-03-05T00:00:00Z",
		"March 5, 2024":                   "2024-03-05T00:00:00Z",
		"2024/3/5":                        "2024-03-05T00:00:00Z",
		"2024-03-05 10:20:30.5 +0000 UTC": "2024-03-05T10:20:30Z",
	} {
		got, err := ParseDate(in)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", in, err)
			continue
		}
		if s := got.Truncate(time.Second).Format(time.RFC3339); s != want {
			t.Errorf("ParseDate(%q) = %s, want %s", in, s, want)
		}
	}
	for _, bad := range []string{"2024-13-05", "05/03/2024", "yesterday", "2024-02-30"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted an invalid or ambiguous date", bad)
		}
	}
}
