package feed

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ReaderHTML returns a page's HTML as a feed item carries it: cleaned
// for feed readers, which show it without the site's stylesheet and
// scripts, and with every URL absolute, because they show it outside the
// site.
//
// Cleaning:
//
//   - a glossary term (<a class="term"> followed by its <span
//     class="term-def"> tooltip) becomes <abbr title="definition">term</abbr>,
//     so the definition no longer runs into the sentence ("heart
//     attackWhen the blood supply…");
//   - heading permalinks (<a class="anchor">, shown as "#") are dropped and
//     their <div class="heading"> wrappers unwrapped;
//   - elements a reader should not see — the hidden attribute,
//     aria-hidden="true", class visually-hidden or sr-only — are dropped.
//
// Absolutizing: every relative URL in an href, src, srcset or poster
// attribute of a tag that is kept is resolved against pageURL, which must
// be absolute (else an error naming the page URL). Relative ("img/a.png"),
// root-relative ("/a/"), dot-segment ("../b/") and query-only references
// are resolved; a fragment "#x" becomes pageURL#x. References with a
// scheme (https:, mailto:, tel:, data:, ...), protocol-relative ones
// ("//cdn.example.org/x") and empty values are left untouched.
//
// The HTML is read in one pass of the golang.org/x/net/html tokenizer, not
// its tree parser, so any nesting depth is accepted. Every token that
// needs no change is copied byte for byte; a tag whose URL changed is
// re-serialised with lower-case names and double-quoted, escaped
// attribute values (semantically the same tag). Script and style bodies
// are never rewritten.
func ReaderHTML(src []byte, pageURL string) ([]byte, error) {
	base, err := parseAbsolute(pageURL)
	if err != nil {
		return nil, fmt.Errorf("feed: absolutize HTML: page URL: %w", err)
	}
	return readerHTML(src, base)
}

// readerHTML cleans src as ReaderHTML does and, when base is not nil,
// resolves the URLs of every tag it keeps against base. (A nil base, to
// clean only, is the first of the two passes the tests hold ReaderHTML
// to; see reference_test.go.)
func readerHTML(src []byte, base *url.URL) ([]byte, error) {
	toks := make([]token, 0, len(src)/16)
	z := html.NewTokenizer(bytes.NewReader(src))
	at := 0 // where the token's raw text starts in src
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return nil, fmt.Errorf("feed: reader-clean HTML: %w", z.Err())
			}
			break
		}
		// Tokens follow each other through src, so a token's raw text is
		// the next stretch of src: no copy. (Should the tokenizer ever
		// report otherwise, a copy, taken before Token unescapes text in
		// place.)
		raw := z.Raw()
		if end := at + len(raw); end <= len(src) && bytes.Equal(src[at:end], raw) {
			raw = src[at:end:end]
		} else {
			raw = slices.Clone(raw)
		}
		at += len(raw)
		toks = append(toks, token{z.Token(), raw})
	}
	var out bytes.Buffer
	out.Grow(len(src))
	var unwrap []int // depths of the <div class="heading"> being unwrapped
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.tok.Type {
		case html.StartTagToken:
			n := &html.Node{Type: html.ElementNode, Data: t.tok.Data, DataAtom: t.tok.DataAtom, Attr: t.tok.Attr}
			switch {
			case isHidden(n), n.DataAtom == atom.A && hasClass(n, "anchor"), n.DataAtom == atom.Span && hasClass(n, "term-def"):
				i = skipElement(toks, i)
				continue
			case n.DataAtom == atom.Div && hasClass(n, "heading"):
				unwrap = append(unwrap, depth)
				depth++
				continue
			case n.DataAtom == atom.A && hasClass(n, "term"):
				end := skipElement(toks, i)
				inner, err := readerHTML(rawOf(toks[i+1:max(end, i+1)]), base)
				if err != nil {
					return nil, err
				}
				out.WriteString("<abbr")
				if d := end + 1; d < len(toks) && toks[d].tok.Type == html.StartTagToken && toks[d].tok.DataAtom == atom.Span &&
					hasClass(&html.Node{Attr: toks[d].tok.Attr}, "term-def") {
					dEnd := skipElement(toks, d)
					out.WriteString(` title="` + html.EscapeString(strings.Join(strings.Fields(textOfTokens(toks[d+1:dEnd])), " ")) + `"`)
					end = dEnd
				}
				out.WriteString(">")
				out.Write(inner)
				out.WriteString("</abbr>")
				i = end
				continue
			}
			if !voidElements[t.tok.DataAtom] {
				depth++
			}
		case html.EndTagToken:
			depth--
			if k := len(unwrap) - 1; k >= 0 && unwrap[k] == depth && t.tok.DataAtom == atom.Div {
				unwrap = unwrap[:k]
				continue
			}
		}
		if base != nil && (t.tok.Type == html.StartTagToken || t.tok.Type == html.SelfClosingTagToken) &&
			writeAbsolutizedAttrs(&out, t.tok.Data, t.tok.Attr, t.tok.Type == html.SelfClosingTagToken, base) {
			continue
		}
		out.Write(t.raw)
	}
	return out.Bytes(), nil
}

type token struct {
	tok html.Token
	raw []byte
}

// voidElements never have an end tag.
var voidElements = map[atom.Atom]bool{atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true, atom.Track: true, atom.Wbr: true}

// skipElement returns the index of the end tag closing the element that
// starts at toks[i], or len(toks) when it never closes.
func skipElement(toks []token, i int) int {
	if voidElements[toks[i].tok.DataAtom] {
		return i
	}
	depth := 0
	for j := i; j < len(toks); j++ {
		switch toks[j].tok.Type {
		case html.StartTagToken:
			if !voidElements[toks[j].tok.DataAtom] {
				depth++
			}
		case html.EndTagToken:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(toks)
}

func rawOf(toks []token) []byte {
	var b bytes.Buffer
	for _, t := range toks {
		b.Write(t.raw)
	}
	return b.Bytes()
}

func textOfTokens(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.tok.Type == html.TextToken {
			b.WriteString(t.tok.Data)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for c := range strings.FieldsSeq(v) {
		if c == class {
			return true
		}
	}
	return false
}

func isHidden(n *html.Node) bool {
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); v == "true" {
		return true
	}
	return hasClass(n, "visually-hidden") || hasClass(n, "sr-only")
}
