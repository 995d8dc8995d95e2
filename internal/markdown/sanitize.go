package markdown

import (
	"regexp"

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
