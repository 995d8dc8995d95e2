package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// linkifySeeds hold what goldmark's linkify links and what it only nearly
// does: addresses after each trigger, at a line's start, inside emphasis,
// parentheses and link labels, email addresses with long and odd local
// parts, and words that share a prefix with an address.
var linkifySeeds = []string{
	"See www.nhs.uk or https://www.nice.org.uk/guidance/ng245 for more.",
	"www.example.com at a line's start\nand http://a.b/c?d=e&f=g; at the next.",
	"Write to help@example.org, (info@nhs.net), first.last+tag@nhs.net or *team@x.co.uk*.",
	"_https://a.example/x_ ~www.b.example~ (ftp://files.example/f.txt)",
	"not an address: wwwx.example, http:/nope, https//no, ftp:x, www.",
	"an @handle, a@b, a@b., x@y.z-, name@@example.com, @example.com",
	strings.Repeat("a", 64) + "@example.com and " + strings.Repeat("b", 65) + "@example.com",
	"[a link www.example.com inside](https://example.org) and [www.x.org]",
	"quote\"d@example.com, semi;colon@example.com, tab\there@example.com",
	"- item www.example.com\n- item two@example.com\n\n> quoted https://q.example",
	"| a | b |\n| - | - |\n| www.t.example | c@d.example |",
	"émail@example.com and ünï@example.com, naïve www.exämple.com",
	"trailing punctuation https://example.com/a_(b)?, and https://example.com/x.",
	"a line ending with a hard break  \nwww.next.example\\\nmail@next.example",
	"A paragraph in one long line with many plain words and no address at all, the common case by far.",
}

// linkifyTree renders md's parse of src as a dump of its tree, every
// node's kind, its text segments and its attributes, so that two
// parsers giving the same nodes cut at the same places compare equal.
func linkifyTree(t testing.TB, md goldmark.Markdown, src []byte) string {
	t.Helper()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	var b strings.Builder
	depth := 0
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat(" ", depth), n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %d-%d soft=%v hard=%v", n.Segment.Start, n.Segment.Stop, n.SoftLineBreak(), n.HardLineBreak())
		case *ast.AutoLink:
			fmt.Fprintf(&b, " %v %q %q", n.AutoLinkType, n.URL(src), n.Protocol)
		}
		b.WriteByte('\n')
		depth++
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// linkifyPair: goldmark with its own Linkify, and with quickLinkify, the
// rest of GFM beside each.
func linkifyPair() (want, got goldmark.Markdown) {
	others := []goldmark.Extender{extension.Table, extension.Strikethrough, extension.TaskList, extension.Typographer}
	return goldmark.New(goldmark.WithExtensions(append(others, extension.Linkify)...)),
		goldmark.New(goldmark.WithExtensions(append(others, quickLinkify{})...))
}

func checkLinkifySame(t *testing.T, want, got goldmark.Markdown, src []byte) {
	t.Helper()
	if w, g := linkifyTree(t, want, src), linkifyTree(t, got, src); w != g {
		t.Errorf("%q: quickLinkify's tree differs from goldmark's Linkify:\n--- goldmark\n%s--- quick\n%s", src, w, g)
	}
}

// TestQuickLinkifyMatchesGoldmark: the seeds and the bench corpus's
// sample article parse to the same tree, node for node, as with
// goldmark's own Linkify.
func TestQuickLinkifyMatchesGoldmark(t *testing.T) {
	t.Parallel()
	want, got := linkifyPair()
	for _, s := range linkifySeeds {
		checkLinkifySame(t, want, got, []byte(s))
	}
	article, err := os.ReadFile(filepath.Join("testdata", "article.md"))
	if err != nil {
		t.Fatal(err)
	}
	checkLinkifySame(t, want, got, article)
}

// TestMayLinkifyNeverHidesALink: wherever goldmark's linkify parser finds
// a link, at any trigger position of the seeds, mayLinkify lets it
// through.
func TestMayLinkifyNeverHidesALink(t *testing.T) {
	t.Parallel()
	full := extension.NewLinkifyParser()
	trigger := full.Trigger()
	links := 0
	for _, s := range linkifySeeds {
		src := []byte(s)
		for i := range src {
			if i > 0 && bytes.IndexByte(trigger, src[i]) < 0 && src[i] != '\t' && src[i] != '\n' {
				continue
			}
			line := src[i:]
			if j := bytes.IndexByte(line, '\n'); j >= 0 {
				line = line[:j+1]
			}
			r := text.NewReader(line)
			doc := ast.NewParagraph()
			if n := full.Parse(doc, r, parser.NewContext()); n != nil {
				links++
				if !mayLinkify(line) {
					t.Errorf("mayLinkify(%q) = false, but goldmark links %q", line, n.(*ast.AutoLink).URL(line))
				}
			}
		}
	}
	if links < 10 {
		t.Fatalf("only %d links found in the seeds: the test checks too little", links)
	}
}

func FuzzQuickLinkify(f *testing.F) {
	for _, s := range linkifySeeds {
		f.Add(s)
	}
	want, got := linkifyPair()
	f.Fuzz(func(t *testing.T, s string) {
		checkLinkifySame(t, want, got, []byte(s))
	})
}
