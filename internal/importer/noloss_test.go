package importer_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
)

// rawElement is one start tag of a raw-HTML block or inline raw HTML of a
// Markdown file, at its line in that file.
type rawElement struct {
	name  string
	attrs []html.Attribute
	line  int
	block int // the first line of its HTML block, where the audit reports
}

func (e rawElement) String() string { return fmt.Sprintf("<%s> at line %d", e.name, e.line) }

// markdownDoc is a Markdown file parsed by goldmark (its front matter cut
// off and counted, so lines are the file's own).
type markdownDoc struct {
	raw   []rawElement
	links []string // link destinations, Markdown and raw href
	ids   []string // explicit heading ids ({#id}); raw ids are in raw
}

var liquidBaseURL = regexp.MustCompile(`\{\{\s*site\.baseurl\s*\}\}`)

func parseMarkdownFile(t *testing.T, path string) markdownDoc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	offset := 0 // lines of front matter before the body
	if bytes.HasPrefix(b, []byte("---\n")) || bytes.HasPrefix(b, []byte("+++\n")) {
		fence := b[:3]
		if end := bytes.Index(b[4:], append(append([]byte("\n"), fence...), '\n')); end >= 0 {
			cut := 4 + end + 5
			offset = bytes.Count(b[:cut], []byte("\n"))
			b = b[cut:]
		}
	}
	lineOf := func(pos int) int { return offset + bytes.Count(b[:pos], []byte("\n")) + 1 }
	var doc markdownDoc
	addTags := func(seg text.Segment, block int) {
		z := html.NewTokenizer(bytes.NewReader(seg.Value(b)))
		for {
			switch z.Next() {
			case html.ErrorToken:
				return
			case html.StartTagToken, html.SelfClosingTagToken:
				tok := z.Token()
				el := rawElement{name: tok.Data, attrs: tok.Attr, line: lineOf(seg.Start), block: block}
				doc.raw = append(doc.raw, el)
				for _, a := range tok.Attr {
					if a.Key == "href" {
						doc.links = append(doc.links, a.Val)
					}
				}
			}
		}
	}
	md := goldmark.New(goldmark.WithParserOptions(parser.WithAttribute()))
	root := md.Parser().Parse(text.NewReader(b))
	err = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			block := lineOf(n.Lines().At(0).Start)
			for i := 0; i < n.Lines().Len(); i++ {
				addTags(n.Lines().At(i), block)
			}
			if n.HasClosure() {
				addTags(n.ClosureLine, block)
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				addTags(n.Segments.At(i), lineOf(n.Segments.At(i).Start))
			}
		case *ast.Link:
			doc.links = append(doc.links, string(n.Destination))
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if s, ok := id.([]byte); ok {
					doc.ids = append(doc.ids, string(s))
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// elementsOf returns the elements of an HTML page, inside its <main>.
func elementsOf(t *testing.T, page []byte) []*html.Node {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var all, inMain []*html.Node
	var walk func(n *html.Node, main bool)
	walk = func(n *html.Node, main bool) {
		if n.Type == html.ElementNode {
			main = main || n.Data == "main"
			all = append(all, n)
			if main {
				inMain = append(inMain, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, main)
		}
	}
	walk(root, false)
	if len(inMain) > 0 {
		return inMain
	}
	return all
}

func attrOf(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasID(t *testing.T, page []byte, id string) bool {
	for _, n := range elementsOf(t, page) {
		if v, _ := attrOf(n, "id"); v == id {
			return true
		}
	}
	return false
}

// warnedAt reports whether a build warning at the element's line, or
// the first line of its HTML block, has all of the given words.
func warnedAt(diags []diag.Diagnostic, file string, el rawElement, words ...string) bool {
	for _, d := range diags {
		if d.File != file || (d.Line != el.line && d.Line != el.block) || d.Severity != diag.Warning {
			continue
		}
		all := true
		for _, w := range words {
			all = all && strings.Contains(d.Message, w)
		}
		if all {
			return true
		}
	}
	return false
}

// lossCounts says how much assertNoSilentLoss compared, so a test can
// hold that the comparison saw the fixture's raw HTML and anchors.
type lossCounts struct{ raw, warned, ids, anchorLinks int }

// importedPage is one page of a source site after import and build.
type importedPage struct {
	source   string // the source file
	imported string // the imported file, relative to the site (as diagnostics name it)
	output   string // the built page, relative to the output
}

// assertNoSilentLoss compares every raw-HTML element and every anchor of
// each source page against the built site: each raw element is in the
// output page with each of its attributes, or a build warning at the
// imported file's line names what was removed; each id the source
// declares is an id of the output page; each link to an anchor reaches
// an element with that id on its page, or (for a page the import did
// not bring) an import note names the link.
func assertNoSilentLoss(t *testing.T, rep *importer.Report, dest string, pages []importedPage,
	files map[string][]byte, diags []diag.Diagnostic) (compared lossCounts) {
	t.Helper()
	pageAt := func(path string) (string, bool) {
		p := strings.Trim(path, "/")
		if p == "" {
			p = "index.html"
		} else {
			p += "/index.html"
		}
		_, ok := files[p]
		return p, ok
	}
	for _, pg := range pages {
		src := parseMarkdownFile(t, pg.source)
		imp := parseMarkdownFile(t, filepath.Join(dest, pg.imported))
		out, ok := files[pg.output]
		if !ok {
			t.Errorf("%s: built page %s missing", pg.source, pg.output)
			continue
		}
		// The importer keeps every raw element, in order.
		if len(src.raw) != len(imp.raw) {
			t.Errorf("%s: %d raw HTML elements, %s has %d: %v → %v", pg.source, len(src.raw), pg.imported, len(imp.raw), src.raw, imp.raw)
			continue
		}
		outEls := elementsOf(t, out)
		for i, s := range src.raw {
			m := imp.raw[i]
			where := fmt.Sprintf("%s:%d (%s:%d)", pg.source, s.line, pg.imported, m.line)
			if m.name != s.name {
				t.Errorf("%s: raw <%s> became <%s> in the import", where, s.name, m.name)
				continue
			}
			compared.raw++
			if warnedAt(diags, pg.imported, m, "raw HTML <"+m.name+"> removed") {
				compared.warned++
				continue
			}
			var want []html.Attribute
			for _, a := range m.attrs {
				if !warnedAt(diags, pg.imported, m, "attribute "+a.Key+" on <"+m.name+"> removed") {
					want = append(want, a)
				} else {
					compared.warned++
				}
			}
			found := false
			for _, n := range outEls {
				if n.Data != m.name {
					continue
				}
				all := true
				for _, a := range want {
					v, ok := attrOf(n, a.Key)
					all = all && ok && v == a.Val
				}
				if all {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: raw <%s %v> is neither in %s with those attributes nor named by a warning at %s:%d",
					where, m.name, want, pg.output, pg.imported, m.line)
			}
		}
		// Every anchor the source declares is an anchor of the page.
		ids := append([]string(nil), src.ids...)
		for _, e := range src.raw {
			for _, a := range e.attrs {
				if a.Key == "id" || (a.Key == "name" && e.name == "a") {
					ids = append(ids, a.Val)
				}
			}
		}
		for _, id := range ids {
			compared.ids++
			if !hasID(t, out, id) {
				t.Errorf("%s: anchor #%s is not an id of %s", pg.source, id, pg.output)
			}
		}
		// Every link to an anchor reaches it.
		for _, l := range src.links {
			l = liquidBaseURL.ReplaceAllString(l, "")
			path, frag, ok := strings.Cut(l, "#")
			if !ok || frag == "" || strings.Contains(path, "://") || strings.HasPrefix(path, "mailto:") {
				continue
			}
			compared.anchorLinks++
			target := pg.output
			if path != "" {
				p, ok := pageAt(path)
				if !ok {
					if len(notesContaining(rep, "", "link to "+strings.TrimSuffix(path, "/"))) == 0 {
						t.Errorf("%s: link %s goes to a page the import did not bring, and no note says so", pg.source, l)
					}
					continue
				}
				target = p
			}
			if !hasID(t, files[target], frag) {
				t.Errorf("%s: link %s: no id %q on %s", pg.source, l, frag, target)
			}
		}
	}
	return compared
}
