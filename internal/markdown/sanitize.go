package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/microcosm-cc/bluemonday"
)

// newPolicy returns the allow-list for bodies rendered with raw HTML:
// bluemonday's UGC policy plus every element and attribute this package and
// its extensions emit (callouts, citations, glossary tooltips, heading
// anchors, table regions, chroma classes, footnotes, task lists).
func newPolicy(allowDataURLs bool) *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	// Our own rel="noopener noreferrer" is kept as written; bluemonday
	// would otherwise add nofollow to every link.
	p.RequireNoFollowOnLinks(false)
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^(noopener|noreferrer|nofollow| )+$`)).OnElements("a")
	p.AllowElements("aside", "section", "div", "span", "dfn", "abbr", "mark", "details", "summary",
		"sup", "sub", "cite", "p", "strong", "em", "del", "input")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^[\w\- ]+$`)).Globally()
	p.AllowAttrs("id").Matching(regexp.MustCompile(`^[\p{L}\p{N}_:.\-]+$`)).Globally()
	p.AllowAttrs("role").Matching(regexp.MustCompile(`^(note|region|tooltip|doc-noteref|doc-endnotes|doc-backlink)$`)).Globally()
	p.AllowAttrs("aria-label", "aria-labelledby", "aria-describedby").Globally()
	p.AllowAttrs("tabindex").Matching(regexp.MustCompile(`^0$`)).OnElements("div")
	p.AllowAttrs("title").OnElements("abbr", "dfn")
	p.AllowAttrs("open").OnElements("details")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^(lazy|eager)$`)).OnElements("img")
	p.AllowAttrs("decoding").Matching(regexp.MustCompile(`^(async|sync|auto)$`)).OnElements("img")
	p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
	p.AllowAttrs("checked", "disabled").OnElements("input")
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("th", "td")
	if allowDataURLs {
		p.AllowDataURIImages()
	}
	return p
}

// secureRaw runs after the sanitizer on bodies with raw HTML. It removes
// images from other hosts (pages load nothing from other hosts; the alt text
// is kept) and gives every link to another site rel="noopener noreferrer",
// as Markdown links get.
func secureRaw(src []byte) []byte {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "img":
				if src := attr(tok, "src"); isExternal(src) {
					out.WriteString(html.EscapeString(attr(tok, "alt")))
					continue
				}
			case "a":
				if isExternal(attr(tok, "href")) {
					setAttr(&tok, "rel", "noopener noreferrer")
					out.WriteString(tok.String())
					continue
				}
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func setAttr(t *html.Token, key, val string) {
	for i := range t.Attr {
		if t.Attr[i].Key == key {
			t.Attr[i].Val = val
			return
		}
	}
	t.Attr = append(t.Attr, html.Attribute{Key: key, Val: val})
}
