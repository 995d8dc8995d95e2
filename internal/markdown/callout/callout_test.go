package callout_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"

	"github.com/medkb/medkb/internal/markdown/callout"
)

func newMarkdown(opts ...callout.Option) goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(callout.New(opts...)))
}

func TestCaseFile(t *testing.T) {
	t.Parallel()
	testutil.DoTestCaseFile(newMarkdown(), "testdata/callout.txt", t)
}

func TestParseKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"NOTE", "note", true},
		{"Warning", "warning", true},
		{"see-a-doctor", "see-a-doctor", true},
		{"SEE-A-DOCTOR", "see-a-doctor", true},
		{"EMERGENCY", "emergency", true},
		{"emergency ", "", false},
		{"FOO", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := callout.ParseKind(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseKind(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func convert(t testing.TB, md goldmark.Markdown, src string, opts ...parser.ParseOption) string {
	t.Helper()
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestLabelsComeFromTheDocumentContext(t *testing.T) {
	t.Parallel()
	md := newMarkdown(callout.WithDefaults(callout.Config{Labels: map[string]string{"callout.warning": "Default-Warnung"}}))
	pc := parser.NewContext()
	callout.Configure(pc, callout.Config{Labels: map[string]string{
		"callout.emergency": "Notfall",
		"emergency.text":    "Rufen Sie 112 an <jetzt>.",
	}})
	out := convert(t, md, "> [!EMERGENCY]\n> x\n\n> [!WARNING]\n> y\n", parser.WithContext(pc))
	for _, want := range []string{
		`id="callout-1-title">Notfall</p>`,
		`<strong>Rufen Sie 112 an &lt;jetzt&gt;.</strong>`,
		`id="callout-2-title">Warning</p>`, // the context replaces the defaults entirely
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if got := convert(t, md, "> [!WARNING]\n"); !strings.Contains(got, "Default-Warnung") {
		t.Errorf("defaults not used without a context:\n%s", got)
	}
}

func TestCalloutAST(t *testing.T) {
	t.Parallel()
	src := []byte("> [!WARNING] Title *x*\n> body\n")
	doc := newMarkdown().Parser().Parse(text.NewReader(src))
	c, ok := doc.FirstChild().(*callout.Callout)
	if !ok {
		t.Fatalf("first block is %s, want Callout", doc.FirstChild().Kind())
	}
	if c.Variant != "warning" || c.ID != "callout-1" {
		t.Errorf("callout = %q %q, want warning callout-1", c.Variant, c.ID)
	}
	title, ok := c.FirstChild().(*callout.Title)
	if !ok || title.ChildCount() != 2 {
		t.Fatalf("first child = %v, want a Title with text and emphasis", c.FirstChild())
	}
	if _, ok := title.LastChild().(*ast.Emphasis); !ok {
		t.Errorf("title's last child = %s, want Emphasis", title.LastChild().Kind())
	}
	if c.ChildCount() != 2 {
		t.Errorf("callout has %d children, want title and body paragraph", c.ChildCount())
	}
}

func FuzzCallout(f *testing.F) {
	for _, s := range []string{"> [!NOTE]\n> x", "> [!WARNING] t\n", "> [!", "> [!TIP] *a\n> b*", "> [!NOTE]\\\n> x"} {
		f.Add(s)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		var buf bytes.Buffer
		if err := md.Convert([]byte(src), &buf); err != nil {
			t.Fatalf("Convert: %v", err)
		}
		out := buf.String()
		if strings.Count(out, "<aside") != strings.Count(out, "</aside>") {
			t.Errorf("unbalanced aside in %q", out)
		}
	})
}
