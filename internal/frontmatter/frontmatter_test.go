package frontmatter

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"unsafe"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
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
			if m.Lines.Of("title") != 2 || m.Lines.Of("date") != 3 {
				t.Errorf("lines %v, want title:2 date:3", m.Lines)
			}
			if r.BodyLine <= m.Lines.Of("tags") {
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

func TestNoFrontMatterIsAnErrorAtLine1(t *testing.T) {
	_, err := Parse("content/a/b.md", []byte("Just a body.\n"))
	list := diag.From(err)
	if len(list) != 1 || list[0].File != "content/a/b.md" || list[0].Line != 1 || list[0].Check != "schema" ||
		!strings.Contains(list[0].Message, "no front matter, so the page has no title") {
		t.Fatalf("Parse = %v, want the missing title at content/a/b.md:1", err)
	}
}

// TestFrontMatterAfterBlankLinesOrWithSpacedDelimiters reads the shapes
// Hugo reads as front matter (its page lexer skips leading whitespace and a
// byte-order mark, and a delimiter line may end in spaces): the block is
// front matter, never body text, and every line number is the file's.
func TestFrontMatterAfterBlankLinesOrWithSpacedDelimiters(t *testing.T) {
	tests := []struct {
		name, in       string
		titleLine      int
		bodyLine       int
		wantBodyPrefix string
	}{
		{"a blank line before ---", "\n---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n", 3, 6, "Body."},
		{"blank lines with spaces before ---", " \n\t\n\n---\ntitle: A\ndate: 2024-01-01\n---\nBody.\n", 5, 8, "Body."},
		{"spaces after the opening ---", "---  \ntitle: A\ndate: 2024-01-01\n---\nBody.\n", 2, 5, "Body."},
		{"spaces after the closing ---", "---\ntitle: A\ndate: 2024-01-01\n---   \nBody.\n", 2, 5, "Body."},
		{"a BOM, a blank line and CRLF", "\xef\xbb\xbf\r\n---\t\r\ntitle: A\r\ndate: 2024-01-01\r\n--- \r\nBody.\r\n", 3, 6, "Body."},
		{"TOML after a blank line", "\n+++ \ntitle = \"A\"\ndate = 2024-01-01\n+++\nBody.\n", 3, 6, "Body."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Parse("content/a.md", []byte(tc.in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if r.Meta.Title != "A" || r.Meta.Date.Time.IsZero() {
				t.Errorf("title %q, date %v: want A and 2024-01-01", r.Meta.Title, r.Meta.Date.Time)
			}
			if got := r.Meta.Lines.Of("title"); got != tc.titleLine {
				t.Errorf("title on line %d, want %d", got, tc.titleLine)
			}
			if r.BodyLine != tc.bodyLine || !strings.HasPrefix(string(r.Body), tc.wantBodyPrefix) {
				t.Errorf("body %q at line %d, want %q at line %d", r.Body, r.BodyLine, tc.wantBodyPrefix, tc.bodyLine)
			}
			if strings.Contains(string(r.Body), "title") {
				t.Errorf("body %q holds the front matter", r.Body)
			}
		})
	}
}

// TestErrorsAfterBlankLinesGiveTheFilesLine: a block that opens below
// blank lines reports its errors at the lines of the file.
func TestErrorsAfterBlankLinesGiveTheFilesLine(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"YAML syntax", "\n\n---\ntitle: A\nsummary: : :\n  - x\n---\n", 5, "front matter"},
		{"invalid date", "\n---  \ntitle: A\ndate: 2024-13-45\n---\n", 4, "month out of range"},
		{"unknown key", "\n---\ntitle: A\ncolour: red\n---\n", 4, `unknown key "colour"`},
		{"TOML syntax", "\n\n+++\ntitle = \n+++\n", 4, "TOML"},
		{"never closes", "\n\n---\ntitle: A\n\nBody.\n", 3, "opened on line 3 never closes"},
		{"no delimiter after the blank line", "\n# Title\n---\ntitle: A\n---\n", 1, "no front matter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/a.md", []byte(tc.in))
			list := diag.From(err)
			if len(list) == 0 {
				t.Fatalf("Parse error = %v, want diagnostics", err)
			}
			if d := list[0]; d.File != "content/a.md" || d.Line != tc.line || !strings.Contains(d.Message, tc.msg) {
				t.Errorf("got %s:%d: %s; want line %d and %q", d.File, d.Line, d.Message, tc.line, tc.msg)
			}
		})
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
		{"invalid UTF-8", "---\ntitle: A\n---\nok\nbad \xff\n", 5, "byte 0xff is not UTF-8"},
		{"invalid UTF-8 in front matter", "---\ntitle: \xc3\x28\n---\n", 2, "byte 0xc3 is not UTF-8"},
		{"NUL byte", "---\ntitle: A\n---\n\x00\n", 4, "NUL"},
		{"never closes", "---\ntitle: A\nsummary: B\n\nBody.\n", 1, "never closes"},
		{"TOML never closes", "+++\ntitle = \"A\"\n", 1, "never closes"},
		{"invalid date", "---\ntitle: A\ndate: 2024-13-45\n---\n", 3, `front matter: invalid date "2024-13-45": month out of range`},
		{"invalid date with CRLF", "---\r\ntitle: A\r\n\r\nlast_reviewed: 2024-02-30\r\n---\r\n", 4, `front matter: invalid date "2024-02-30": day out of range`},
		{"invalid hour", "---\ntitle: A\ndate: 2025-05-01T25:00:00\n---\n", 3, `invalid date "2025-05-01T25:00:00": hour out of range`},
		{"not a date at all", "---\ntitle: A\ndate: soon\n---\n", 3, `date: expected a date (YYYY-MM-DD), got "soon"`},
		{"date is a list", "---\ntitle: A\nnext_review: [1]\n---\n", 3, "next_review: expected a date (YYYY-MM-DD), got a list"},
		{"YAML syntax", "---\ntitle: A\nsummary: : :\n  - x\n---\n", 3, "front matter"},
		{"not a mapping", "---\n- a\n- b\n---\n", 2, "not a set of key: value pairs"},
		{"tags not a list", "---\ntitle: A\ntags: {a: b}\n---\n", 3, "expected a list"},
		{"alias bomb in an extra key", "---\ntitle: A\n" + billionLaughs + "---\n", 0, `unknown key "a" in front matter`},
		{"alias bomb in a known key", "---\n" + billionLaughs + "tags: *i\n---\n", 0, "front matter"},
		{"TOML syntax", "+++\ntitle = \n+++\n", 2, "TOML"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("content/a.md", []byte(tc.in))
			list := diag.From(err)
			if err == nil || len(list) == 0 {
				t.Fatalf("Parse error = %v, want diagnostics", err)
			}
			d := &list[0]
			if d.File != "content/a.md" || d.Severity != diag.Error || d.Hint == "" {
				t.Errorf("diagnostic %+v: want file content/a.md, severity error and a hint", d)
			}
			if tc.line != 0 && d.Line != tc.line {
				t.Errorf("line %d, want %d (%s)", d.Line, tc.line, d.Message)
			}
			if !strings.Contains(d.Message, tc.msg) {
				t.Errorf("message %q does not mention %q", d.Message, tc.msg)
			}
			// A line inside the message would count from the front
			// matter's first line, not the file's: the diagnostic has it.
			if strings.Contains(d.Message, "(line ") {
				t.Errorf("message %q gives a line of its own", d.Message)
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

func TestParamsHoldTheWritersOwnKeys(t *testing.T) {
	r, err := Parse("a.md", []byte("---\ntitle: A\nparams: {colour: blue, size: 3}\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Params["colour"] != "blue" || r.Meta.Params["size"] != 3 {
		t.Errorf("params %v", r.Meta.Params)
	}
}

func TestUnknownKeysAreErrorsAtTheirPosition(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, file, in string
		want           []string // "line:col message"
	}{
		{"typo", "content/a/b.md", "---\ntitle: A\nsumary: x\nnext_reveiw: 2030-01-01\n---\n",
			[]string{`3:1 unknown key "sumary" in front matter; did you mean "summary"?`,
				`4:1 unknown key "next_reveiw" in front matter; did you mean "next_review"?`}},
		{"hugo", "content/a/b.md", "---\ntitle: A\npublishDate: 2024-01-01\nexpiryDate: 2030-01-01\n---\n",
			[]string{`3:1 "publishDate" is Hugo's key; medkb uses "publish_date"`,
				`4:1 "expiryDate" is Hugo's key; medkb uses "expires"`}},
		{"jekyll", "content/a/b.md", "---\ntitle: A\npublished: false\n---\n",
			[]string{`3:1 "published" is Jekyll's key; medkb uses "draft"`}},
		{"custom", "content/a/b.md", "---\ntitle: A\ncolour: blue\n---\n",
			[]string{`3:1 unknown key "colour" in front matter`}},
		{"type", "content/a/b.md", "---\ntitle: A\ntags:\n  a: b\n---\n",
			[]string{`4:3 tags: expected a list of strings or a single one, got a mapping`}},
		{"empty", "content/a/b.md", "---\ntitle: \"\"\nsummary: \"\"\n---\n",
			[]string{`2:8 title is empty`, `3:10 summary is empty`}},
		{"enum", "content/a/b.md", "---\ntitle: A\naudience: patients\n---\n",
			[]string{`3:11 audience "patients" is not one of patient, professional; did you mean "patient"?`}},
		{"no title", "content/a/_index.md", "---\nsummary: S\n---\n",
			[]string{`2:1 front matter has no "title"`}},
		{"check name", "content/a/b.md", "---\ntitle: A\ncheck:\n  readabilty: off\n  summary: warning\n---\n",
			[]string{`4:3 unknown key "readabilty" in check; did you mean "readability"?`}},
		{"check level", "content/a/b.md", "---\ntitle: A\ncheck: {readability: of, summary: false}\n---\n",
			[]string{`3:22 check.readability "of" is not one of error, warning, off; did you mean "off"?`,
				`3:35 check.summary "false" is not one of error, warning, off`}},
		{"toml", "content/a/b.md", "+++\ntitle = \"A\"\ntitel = \"B\"\n+++\n",
			[]string{`3:0 unknown key "titel" in front matter; did you mean "title"?`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.file, []byte(tc.in))
			var got []string
			for _, d := range diag.From(err) {
				if d.File != tc.file || d.Check != "schema" || d.Hint == "" {
					t.Errorf("diagnostic %+v: want file %s, check schema and a hint", d, tc.file)
				}
				got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestEverySpellingOfDraftIsReadAlike: each spelling of draft: is read
// the same by the decoder (page.Meta.Draft), by the schema step (a
// draft's empty summary is no error) and by Draft (front matter Parse
// refused), and each spelling YAML 1.2 does not read as a boolean is
// refused at its line with the fix.
func TestEverySpellingOfDraftIsReadAlike(t *testing.T) {
	t.Parallel()
	const emptySummary = "3:10 summary is empty — fill in summary (one or two plain sentences, shown in lists, search results, feeds and link previews)"
	cases := []struct {
		spelling string
		draft    bool
		errs     []string // Parse's errors, line:col message — hint
	}{
		{"true", true, nil},
		{"True", true, nil},
		{"TRUE", true, nil},
		{"false", false, []string{emptySummary}},
		{"False", false, []string{emptySummary}},
		{"FALSE", false, []string{emptySummary}},
		{"yes", true, []string{`4:8 draft: expected true or false, got "yes", which YAML 1.2 reads as a word (older YAML, as true) — write draft: true`}},
		{"On", true, []string{`4:8 draft: expected true or false, got "On", which YAML 1.2 reads as a word (older YAML, as true) — write draft: true`}},
		{"'y'", true, []string{`4:8 draft: expected true or false, got "y", which YAML 1.2 reads as a word (older YAML, as true) — write draft: true`}},
		{"no", false, []string{emptySummary, `4:8 draft: expected true or false, got "no", which YAML 1.2 reads as a word (older YAML, as false) — write draft: false`}},
		{`"true"`, false, []string{emptySummary, `4:8 draft: expected true or false, got "true" in quotes, which is text — write draft: true, without the quotes`}},
		{`'False'`, false, []string{emptySummary, `4:8 draft: expected true or false, got "False" in quotes, which is text — write draft: false, without the quotes`}},
		{"1", false, []string{emptySummary, `4:8 draft: expected true or false, got "1" — write draft: true or draft: false`}},
	}
	for _, c := range cases {
		data := []byte("---\ntitle: A\nsummary: \"\"\ndraft: " + c.spelling + "\n---\n")
		r, err := Parse("content/a/b.md", data)
		var got []string
		for _, d := range diag.From(err) {
			got = append(got, fmt.Sprintf("%d:%d %s — %s", d.Line, d.Col, d.Message, d.Hint))
			got[len(got)-1] = strings.TrimSuffix(got[len(got)-1], " — ")
		}
		if strings.Join(got, "\n") != strings.Join(c.errs, "\n") {
			t.Errorf("draft: %s: Parse's errors\n%s\nwant\n%s", c.spelling, strings.Join(got, "\n"), strings.Join(c.errs, "\n"))
		}
		if err == nil && r.Meta.Draft != c.draft {
			t.Errorf("draft: %s: Meta.Draft = %v, want %v", c.spelling, r.Meta.Draft, c.draft)
		}
		if err != nil && Draft(data) != c.draft {
			t.Errorf("draft: %s: Draft = %v, want %v", c.spelling, !c.draft, c.draft)
		}
	}
}

func TestDraftsMayLeaveTheSummaryEmpty(t *testing.T) {
	if _, err := Parse("content/a/b.md", []byte("---\ntitle: A\nsummary: \"\"\ndraft: true\n---\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("content/a/b.md", []byte("---\ntitle: A\nsumary: x\ndraft: true\n---\n")); err == nil {
		t.Fatal("a typo'd key in a draft was accepted")
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
			var list *diag.Errs
			if !errors.As(err, &d) && !errors.As(err, &list) {
				t.Fatalf("error %v is not a diagnostic", err)
			}
			for _, d := range diag.From(err) {
				if d.File != "a.md" || d.Line < 0 || d.Line > lines {
					t.Fatalf("diagnostic %+v points outside the %d-line file", d, lines)
				}
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

// Every date form the parser accepts passes the schema's first filter (and
// so the published JSON Schema's pattern).
func TestEveryAcceptedDateFormPassesTheSchema(t *testing.T) {
	t.Parallel()
	when := time.Date(2013, 6, 2, 10, 4, 5, 0, time.FixedZone("EDT", -4*3600))
	for _, layout := range dateLayouts {
		v := when.Format(layout)
		if _, err := ParseDate(v); err != nil {
			continue // a layout the parser reads only in another form
		}
		in := "---\ntitle: A\ndate: \"" + v + "\"\n---\n"
		if _, err := Parse("content/a/b.md", []byte(in)); err != nil {
			t.Errorf("date %q (layout %q): %v", v, layout, err)
		}
	}
}

// TestRepeatedValuesAreHeldOnce: a site's pages repeat the same tags,
// people, audience, specialty and publishers, and every page's front
// matter is kept for the whole build; each value is held once (about 200
// bytes an article at 10,000), and the key lines' keys too, across
// collections.
func TestRepeatedValuesAreHeldOnce(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: %s\ntags: [asthma, lungs]\nauthors: [amorgan]\nreviewed_by: [jadeyemi]\naudience: patient\n" +
		"specialty: Respiratory\nreferences:\n  - {id: r1, title: Asthma, publisher: NHS, year: 2024, url: \"https://www.nhs.uk/\"}\n---\nBody.\n"
	parse := func(title string) page.Meta {
		t.Helper()
		r, err := Parse("content/"+title+".md", []byte(strings.Replace(src, "%s", title, 1)))
		if err != nil {
			t.Fatal(err)
		}
		return r.Meta
	}
	a := parse("a")
	runtime.GC() // values are held once across collections, not only between them
	runtime.GC()
	b := parse("b")
	same := func(what, x, y string) {
		t.Helper()
		if x != y || unsafe.StringData(x) != unsafe.StringData(y) {
			t.Errorf("%s: %q and %q are two copies", what, x, y)
		}
	}
	same("tag", a.Tags[1], b.Tags[1])
	same("author", a.Authors[0], b.Authors[0])
	same("reviewer", a.ReviewedBy[0], b.ReviewedBy[0])
	same("audience", a.Audience, b.Audience)
	same("specialty", a.Specialty, b.Specialty)
	same("publisher", a.References[0].Publisher, b.References[0].Publisher)
	for k := range a.Lines.All() {
		for k2 := range b.Lines.All() {
			if k == k2 {
				same("key "+k, k, k2)
			}
		}
	}
}

// TestEncodingIsReportedAtLineAndColumn: a content file that is not
// UTF-8 is reported as medkb.yaml and the data files are
// (yamlsyntax.TextEncoding): at the byte's line and column, with the
// Windows-1252 character it most likely stood for, in the front matter
// and in the body alike; a file saved as UTF-16 is named; a NUL byte is
// at its column too. A byte order mark after the start is no error in a
// content file (Markdown shows it as nothing).
func TestEncodingIsReportedAtLineAndColumn(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // "line:col message", "" for no error
	}{
		{"Windows-1252 in the front matter", "---\ntitle: Caf\xe9 au lait\n---\nBody.\n",
			"2:11 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é"},
		{"Windows-1252 in the body", "---\ntitle: A\n---\nIt\x92s the peak fl\xf6w.\n",
			"4:3 byte 0x92 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is ’"},
		{"after a character of two bytes", "---\ntitle: A\n---\n— caf\xe9\n",
			"4:6 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é"},
		{"CRLF", "---\r\ntitle: A\r\n---\r\nok\r\nbad \xff\r\n",
			"5:5 byte 0xff is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is ÿ"},
		{"UTF-16", "\xff\xfe-\x00-\x00-\x00\n\x00",
			"1:1 the file is saved as UTF-16 (two bytes a character, which Windows editors call Unicode); medkb reads content files as UTF-8"},
		{"NUL byte", "---\ntitle: A\n---\nNUL\x00here\n", "4:4 the file contains a NUL byte"},
		{"byte order mark inside", "---\ntitle: A\n---\nJoined\ufeff here.\n", ""},
		{"byte order mark inside, a byte that is not UTF-8 after it", "---\ntitle: A\n---\nJoined\ufeff caf\xe9\n",
			"4:12 byte 0xe9 is not UTF-8: the file is saved in another encoding, most likely Windows-1252, in which it is é"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if err := Validate("content/a.md", Normalize([]byte(tc.in))); err != nil {
				d := diag.From(err)[0]
				got = fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message)
				if d.Hint == "" {
					t.Errorf("no hint: %+v", d)
				}
			}
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
