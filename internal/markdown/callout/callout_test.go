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
	for _, s := range []string{"> [!NOTE]\n> x", "> [!WARNING] t\n", "> [!", "> [!TIP] *a\n> b*", "> [!NOTE]\\\n> x",
		"> [!DETAILS]- t\n> x", "> [!DETAILS]+\n", "> [!TABS]\n> ## a\n> x\n> ## b\n> > [!TABS]\n> > ### c\n"} {
		f.Add(s)
	}
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src string) {
		var buf bytes.Buffer
		if err := md.Convert([]byte(src), &buf); err != nil {
			t.Fatalf("Convert: %v", err)
		}
		out := buf.String()
		for _, tag := range []string{"aside", "details", "summary", "div"} {
			if strings.Count(out, "<"+tag) != strings.Count(out, "</"+tag+">") {
				t.Errorf("unbalanced %s in %q", tag, out)
			}
		}
	})
}

// TestEmergencyLine checks the automatic "call for help" line of an
// EMERGENCY callout: a tel: link to the site's number, and nothing when
// the writer's own text already tells the reader to call.
func TestEmergencyLine(t *testing.T) {
	t.Parallel()
	md := newMarkdown()
	cfg := callout.Config{Number: "999", Call: "Call 999 <now>", Labels: map[string]string{"emergency.call-words": "llame llamar"}}
	tests := []struct {
		name, src, want string
	}{
		{"tel link", "> [!EMERGENCY]\n> Chest pain that spreads to your arm.\n",
			`<p class="callout-emergency-text"><strong><a href="tel:999">Call 999 &lt;now&gt;</a></strong></p>`},
		{"writer says call", "> [!EMERGENCY]\n> Call an ambulance now.\n", ""},
		{"writer gives a number", "> [!EMERGENCY]\n> Ring 1 1 2 at once.\n", ""},
		{"writer says call in the title", "> [!EMERGENCY] Call for help\n> Chest pain.\n", ""},
		{"call word of the language", "> [!EMERGENCY]\n> Llame a una ambulancia.\n", ""},
		{"recall is not call", "> [!EMERGENCY]\n> If you recall chest pain.\n", `href="tel:999"`},
	}
	for _, tt := range tests {
		pc := parser.NewContext()
		callout.Configure(pc, cfg)
		out := convert(t, md, tt.src, parser.WithContext(pc))
		has := strings.Contains(out, "callout-emergency-text")
		if tt.want == "" && has {
			t.Errorf("%s: the writer already says to call, but the automatic line is there:\n%s", tt.name, out)
		}
		if tt.want != "" && !strings.Contains(out, tt.want) {
			t.Errorf("%s: output lacks %s:\n%s", tt.name, tt.want, out)
		}
	}
}

func TestTelURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"999": "tel:999", "+44 (0)20 7946-0000": "tel:+4402079460000", "1-1-2": "tel:112"} {
		if got := callout.TelURL(in); got != want {
			t.Errorf("TelURL(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWritersNumberIsLinked: the language's emergency number in the
// writer's own EMERGENCY text becomes a tel: link; longer numbers that
// contain it and other callouts are left alone.
func TestWritersNumberIsLinked(t *testing.T) {
	t.Parallel()
	md := newMarkdown()
	pc := parser.NewContext()
	callout.Configure(pc, callout.Config{Number: "999"})
	out := convert(t, md, "> [!EMERGENCY]\n> Call 999, not 99999, or [999](https://x.test/).\n\n> [!NOTE]\n> 999\n", parser.WithContext(pc))
	if want := `<p>Call <a href="tel:999">999</a>, not 99999, or <a href="https://x.test/">999</a>.</p>`; !strings.Contains(out, want) {
		t.Errorf("output lacks %s:\n%s", want, out)
	}
	if strings.Count(out, "tel:999") != 1 {
		t.Errorf("want exactly one tel: link:\n%s", out)
	}
}
