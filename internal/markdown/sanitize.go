package markdown

import (
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/microcosm-cc/bluemonday"
)

// allowList is what raw HTML may keep: the elements a writer may paste and,
// per element, the attributes each keeps (with a pattern its value must
// match, nil for any value; global attributes apply to every element).
// The bluemonday policy is built from it, and the audit that reports what
// the sanitizer removes (audit.go) reads the same table, so the warnings
// name exactly what the policy drops.
//
// It is bluemonday's UGC policy made fit for health content: any alt text
// (UGC's pattern rejected apostrophes, colons and dashes, and the
// typographer turns every ' into ’), ids with any letters and combining
// marks (Hindi and Gujarati headings), name anchors, details/summary and
// the table attributes of real content — plus every element and attribute
// this package and its extensions emit (callouts, citations, glossary
// tooltips, heading anchors, table regions, chroma classes and focusable
// code blocks, footnotes, task lists).
type allowList struct {
	elements  map[string]map[string]*regexp.Regexp
	global    map[string]*regexp.Regexp
	dataURLs  bool
	urlAttrs  map[string]bool
	schemes   map[string]bool
	cellStyle *regexp.Regexp // the one style kept: text-align on th and td
}

func newAllowList(allowDataURLs bool) *allowList {
	digits := regexp.MustCompile(`^[0-9]{1,5}$`)
	any := (*regexp.Regexp)(nil)
	el := func(attrs ...string) map[string]*regexp.Regexp {
		m := make(map[string]*regexp.Regexp, len(attrs))
		for _, a := range attrs {
			m[a] = any
		}
		return m
	}
	a := &allowList{
		elements: map[string]map[string]*regexp.Regexp{
			"a": {"href": any, "name": regexp.MustCompile(`^[\p{L}\p{M}\p{N}_:.\-]+$`), "hreflang": any,
				"rel": regexp.MustCompile(`^(noopener|noreferrer|nofollow| )+$`)},
			"img": {"src": any, "alt": any, "width": digits, "height": digits,
				"loading": regexp.MustCompile(`^(lazy|eager)$`), "decoding": regexp.MustCompile(`^(async|sync|auto)$`),
				// Site paths only: no scheme, no other host ("//host/x").
				"srcset": regexp.MustCompile(`^` + srcsetCandidate + `(?:, ?` + srcsetCandidate + `)*$`),
				"sizes":  regexp.MustCompile(`^[0-9A-Za-z(),.:%+\- ]{1,200}$`)},
			"blockquote": el("cite"), "q": el("cite"), "del": el("cite", "datetime"), "ins": el("cite", "datetime"),
			"ol": {"start": regexp.MustCompile(`^-?[0-9]{1,5}$`), "reversed": any, "type": regexp.MustCompile(`^[1aAiI]$`)},
			"li": {"value": digits}, "td": {"colspan": digits, "rowspan": digits, "headers": any},
			"th": {"colspan": digits, "rowspan": digits, "headers": any, "abbr": any,
				"scope": regexp.MustCompile(`^(row|col|rowgroup|colgroup)$`)},
			"col": {"span": digits}, "colgroup": {"span": digits}, "time": el("datetime"), "details": el("open"),
			"input": {"type": regexp.MustCompile(`^checkbox$`), "checked": any, "disabled": any},
			"div":   {"tabindex": regexp.MustCompile(`^0$`)},
			"pre":   {"tabindex": regexp.MustCompile(`^0$`)},
			"bdo":   {"dir": regexp.MustCompile(`^(ltr|rtl)$`)},
		},
		global: map[string]*regexp.Regexp{
			"id":         regexp.MustCompile(`^[\p{L}\p{M}\p{N}_:.\-]+$`),
			"class":      regexp.MustCompile(`^[\p{L}\p{M}\p{N}_\- ]+$`),
			"title":      any,
			"lang":       regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`),
			"dir":        regexp.MustCompile(`^(ltr|rtl|auto)$`),
			"role":       regexp.MustCompile(`^(note|region|tooltip|doc-noteref|doc-endnotes|doc-backlink)$`),
			"aria-label": any, "aria-labelledby": any, "aria-describedby": any,
		},
		dataURLs:  allowDataURLs,
		urlAttrs:  map[string]bool{"href": true, "src": true, "cite": true},
		schemes:   map[string]bool{"http": true, "https": true, "mailto": true, "tel": true, "sms": true},
		cellStyle: regexp.MustCompile(`^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$`),
	}
	for _, name := range []string{"abbr", "address", "article", "aside", "b", "bdi", "br", "caption", "cite",
		"code", "dd", "dfn", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
		"i", "kbd", "mark", "p", "pre", "rp", "rt", "ruby", "s", "samp", "section", "small", "span", "strong",
		"sub", "summary", "sup", "table", "tbody", "tfoot", "thead", "tr", "u", "ul", "var", "wbr"} {
		if a.elements[name] == nil {
			a.elements[name] = map[string]*regexp.Regexp{}
		}
	}
	return a
}

// srcsetCandidate is one image candidate of a srcset that stays on the
// site: a path without a scheme or a host, and a width descriptor.
const srcsetCandidate = `(?:/?[^\s,:/][^\s,:]*) [0-9]{1,5}w`

// keeps reports whether the policy keeps attribute key="val" on element
// el, and if not, why not (for the writer).
func (a *allowList) keeps(el, key, val string) (bool, string) {
	pat, ok := a.elements[el][key]
	if !ok {
		pat, ok = a.global[key]
	}
	if key == "style" && (el == "th" || el == "td") && a.cellStyle.MatchString(val) {
		return true, ""
	}
	switch {
	case key == "style":
		return false, "inline styles are blocked by the pages' Content-Security-Policy; use a class, or Markdown"
	case strings.HasPrefix(key, "on"):
		return false, "scripts never run on medkb pages"
	case !ok:
		return false, "it is not on medkb's list of safe attributes"
	case pat != nil && !pat.MatchString(val):
		return false, "its value " + quoteShort(val) + " is not allowed here"
	case a.urlAttrs[key] && emptyURL(val):
		return false, "the address " + quoteShort(val) + " leads nowhere; link to a page or a heading (#its-id)"
	case a.urlAttrs[key] && !a.safeURL(val):
		return false, "the address " + quoteShort(val) + " is not a web, mail, phone or text-message address"
	}
	return true, ""
}

// emptyURL reports whether val is an address bluemonday drops because it
// names nothing: "#" or "" (it keeps a relative URL only when its parsed
// form is not empty).
func emptyURL(val string) bool {
	u, err := url.Parse(strings.TrimSpace(val))
	return err == nil && u.Scheme == "" && u.String() == ""
}

// safeURL mirrors bluemonday's URL rules as the policy sets them: a URL
// that does not parse, or holds a space, is dropped.
func (a *allowList) safeURL(val string) bool {
	val = strings.TrimSpace(val)
	u, err := url.Parse(val)
	if err != nil || strings.Contains(val, " ") {
		return false
	}
	if u.Scheme == "" {
		return u.String() != ""
	}
	if a.dataURLs && strings.EqualFold(u.Scheme, "data") {
		return strings.HasPrefix(strings.ToLower(u.Opaque), "image/")
	}
	return a.schemes[strings.ToLower(u.Scheme)]
}

func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return `"` + s + `"`
}

// policy returns the bluemonday policy the allow-list describes.
func (a *allowList) policy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowURLSchemes("http", "https", "mailto", "tel", "sms")
	// Our own rel="noopener noreferrer" is kept as written; bluemonday
	// would otherwise add nofollow to every link.
	p.RequireNoFollowOnLinks(false)
	for el, attrs := range a.elements {
		p.AllowElements(el)
		for key, pat := range attrs {
			if pat != nil {
				p.AllowAttrs(key).Matching(pat).OnElements(el)
			} else {
				p.AllowAttrs(key).OnElements(el)
			}
		}
	}
	for key, pat := range a.global {
		if pat != nil {
			p.AllowAttrs(key).Matching(pat).Globally()
		} else {
			p.AllowAttrs(key).Globally()
		}
	}
	// A <span> without attributes is kept as written (bluemonday drops
	// it, keeping its text, which the audit would not report).
	p.AllowNoAttrs().OnElements("span")
	p.AllowStyles("text-align").MatchingEnum("left", "right", "center").OnElements("th", "td")
	if a.dataURLs {
		p.AllowDataURIImages()
	}
	return p
}

// rawOut is what secureRaw needs of the page beyond the sanitized body.
// One rawOut serves the body and the lifted emergency callouts, so that
// the raw tables of both are numbered on from each other.
type rawOut struct {
	// pages maps each raw HTML link to a Markdown file that leads to a
	// page (pageLinkKey of its href: page.rawPages) to that page's
	// address.
	pages map[string]string
	// tableLabel is the word a table's region is named by ("Table"), and
	// tables the number of the last table named so far: the Markdown
	// tables are Table 1 to Table n, the raw ones without a caption go on
	// from n+1.
	tableLabel string
	tables     int
}

// secureRaw runs after the sanitizer on bodies with raw HTML. It removes
// images from other hosts (pages load nothing from other hosts; the alt text
// is kept), gives every link to another site rel="noopener noreferrer", as
// Markdown links get, and turns the obsolete <a name="x"> anchor into
// <a id="x"> (the same fragment target, valid HTML, and an id the link
// checks see). A link to a Markdown file that leads to a page (raw.pages)
// gets that page's address, as a Markdown link to it does. A <pre> written
// in raw HTML joins the tab order, as a Markdown code block does (package
// highlight): a line wider than the screen scrolls inside it, and only a
// focusable region can be scrolled without a mouse (two raw <pre> of
// terminal output on one cht-docs page failed axe's
// scrollable-region-focusable).
//
// A <table> written in raw HTML gets the region a Markdown table gets
// (tableWrap): a focusable <div class="table-wrap" role="region"> named by
// the table's caption, or "Table n" when it has none, in which a wide
// table scrolls instead of widening the page (a raw table of conference
// talks with a long link in a cell made an imported nhs.pycom page 1,424
// px wide on a 390 px phone). Only the outermost table is wrapped: a table
// inside another one, or one already inside a focusable table-wrap (a
// Markdown table's, or the writer's own), scrolls with it. The tags are
// followed as written across the whole body, so a table that spans several
// HTML blocks with Markdown between them is wrapped whole; a table left
// open at the end of the body is closed there, before its region.
func secureRaw(src []byte, raw *rawOut) []byte {
	z := html.NewTokenizer(bytes.NewReader(src))
	var out bytes.Buffer
	var divs []bool  // the open <div>s: whether each is a table region
	regions := 0     // open <div>s that are table regions
	tableDepth := 0  // open <table>s, from the outermost one wrapped here
	tableStart := -1 // where in out the wrapped table starts, or -1
	inCaption := false
	var caption strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if tableStart >= 0 {
				out.WriteString(strings.Repeat("</table>", tableDepth))
				wrapTable(&out, tableStart, raw, caption.String())
			}
			return out.Bytes()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "div":
				if tt == html.StartTagToken {
					region := attr(tok, "tabindex") == "0" && slices.Contains(strings.Fields(attr(tok, "class")), "table-wrap")
					divs = append(divs, region)
					if region {
						regions++
					}
				}
			case "table":
				if tt != html.StartTagToken {
					break
				}
				if tableStart < 0 && regions == 0 {
					tableStart = out.Len()
					caption.Reset()
				}
				if tableStart >= 0 {
					tableDepth++
				}
			case "caption":
				inCaption = tableStart >= 0 && tableDepth == 1 && tt == html.StartTagToken
			case "pre":
				if attr(tok, "tabindex") == "" {
					setAttr(&tok, "tabindex", "0")
					out.WriteString(tok.String())
					continue
				}
			case "input":
				// Only a task list's checkbox is kept (auditRaw says so):
				// any other field, its type removed, would be a text box.
				if attr(tok, "type") != "checkbox" {
					continue
				}
			case "img":
				if src := attr(tok, "src"); isExternal(src) {
					out.WriteString(html.EscapeString(attr(tok, "alt")))
					continue
				}
			case "a":
				changed := false
				if name := attr(tok, "name"); name != "" {
					if attr(tok, "id") == "" {
						setAttr(&tok, "id", name)
					}
					delAttr(&tok, "name")
					changed = true
				}
				if len(raw.pages) > 0 {
					if to, ok := raw.pages[pageLinkKey(attr(tok, "href"))]; ok {
						setAttr(&tok, "href", to)
						changed = true
					}
				}
				if isExternal(attr(tok, "href")) {
					setAttr(&tok, "rel", "noopener noreferrer")
					changed = true
				}
				if changed {
					out.WriteString(tok.String())
					continue
				}
			}
			out.Write(z.Raw())
		case html.EndTagToken:
			out.Write(z.Raw())
			switch name, _ := z.TagName(); string(name) {
			case "div":
				if n := len(divs); n > 0 {
					if divs[n-1] {
						regions--
					}
					divs = divs[:n-1]
				}
			case "caption":
				inCaption = false
			case "table":
				if tableStart >= 0 {
					if tableDepth--; tableDepth == 0 {
						wrapTable(&out, tableStart, raw, caption.String())
						tableStart = -1
					}
				}
			}
		case html.TextToken:
			if inCaption {
				caption.Write(z.Text())
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
}

// wrapTable puts the table that starts at offset start of out, and runs to
// its end, into a table region named by its caption (text, as written) or,
// when it has none, by the next table number.
func wrapTable(out *bytes.Buffer, start int, raw *rawOut, caption string) {
	label := strings.Join(strings.Fields(caption), " ")
	if label == "" {
		raw.tables++
		label = raw.tableLabel + " " + strconv.Itoa(raw.tables)
	}
	table := bytes.Clone(out.Bytes()[start:])
	out.Truncate(start)
	out.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + "\">\n")
	out.Write(table)
	out.WriteString("\n</div>")
}

func attr(t html.Token, key string) string {
	v, _ := attrOK(t, key)
	return v
}

// attrOK is attr, and whether the tag has the attribute at all (alt=""
// and a bare alt are written; no alt is not).
func attrOK(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == key {
			return strings.TrimSpace(a.Val), true
		}
	}
	return "", false
}

// rawAttr is attrOK with the value as written, white space and all.
func rawAttr(t html.Token, key string) (string, bool) {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
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

func delAttr(t *html.Token, key string) {
	t.Attr = slices.DeleteFunc(t.Attr, func(a html.Attribute) bool { return a.Key == key })
}
