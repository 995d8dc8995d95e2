package citation

import (
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/medkb/medkb/internal/doi"
)

type htmlRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCitation, renderCitation)
	reg.Register(KindReferenceList, renderReferenceList)
}

// AnchorID returns the element id of a reference's list item ("ref-" +
// id, whitespace replaced so the id stays valid HTML).
func AnchorID(refID string) string {
	return "ref-" + strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '-'
		}
		return r
	}, refID)
}

// CitationID returns the element id of the occurrence-th citation of a
// reference.
func CitationID(refID string, occurrence int) string {
	return "cite-" + strings.TrimPrefix(AnchorID(refID), "ref-") + "-" + strconv.Itoa(occurrence)
}

func renderCitation(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Citation)
	if !anyKnown(n.Items) {
		_, _ = w.Write(util.EscapeHTML(n.Segment.Value(source)))
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<sup class="cite">`)
	if len(n.Items) == 1 && n.Items[0].Locator == "" {
		writeCiteLink(w, n.Items[0], n.sourceLabel, "["+strconv.Itoa(n.Items[0].Number)+"]")
	} else {
		writeCiteGroup(w, n)
	}
	_, _ = w.WriteString(`</sup>`)
	return ast.WalkContinue, nil
}

// writeCiteGroup writes "[1, 3]", or "[1, p. 4; 3]" when an item has a
// locator. Unresolved keys are written literally.
func writeCiteGroup(w util.BufWriter, n *Citation) {
	sep := ", "
	for _, it := range n.Items {
		if it.Locator != "" {
			sep = "; "
		}
	}
	_ = w.WriteByte('[')
	for i, it := range n.Items {
		if i > 0 {
			_, _ = w.WriteString(sep)
		}
		if it.Known() {
			writeCiteLink(w, it, n.sourceLabel, strconv.Itoa(it.Number))
		} else {
			_, _ = w.WriteString(html.EscapeString("@" + it.Key))
		}
		if it.Locator != "" {
			_, _ = w.WriteString(", " + html.EscapeString(it.Locator))
		}
	}
	_ = w.WriteByte(']')
}

func writeCiteLink(w util.BufWriter, it Item, label, text string) {
	_, _ = w.WriteString(`<a href="#ref-`)
	writeIDPart(w, it.Key)
	_, _ = w.WriteString(`" id="`)
	writeCitationID(w, it.Key, it.Occurrence)
	_, _ = w.WriteString(`" aria-label="`)
	writeEscaped(w, label)
	_ = w.WriteByte(' ')
	writeInt(w, it.Number)
	_, _ = w.WriteString(`">`)
	_, _ = w.WriteString(text)
	_, _ = w.WriteString(`</a>`)
}

// The writers below put an id or a text straight into the page, as the
// concatenations they replace made it (a string per piece of every
// citation and reference, 4 % of a bench article's allocations).

// writeEscaped writes s escaped as html.EscapeString escapes it.
func writeEscaped(w util.BufWriter, s string) { _, _ = w.WriteString(html.EscapeString(s)) }

// writeInt writes n in decimal.
func writeInt(w util.BufWriter, n int) {
	var b [20]byte
	_, _ = w.Write(strconv.AppendInt(b[:0], int64(n), 10))
}

// writeIDPart writes a reference id as AnchorID and CitationID put it in
// an id, escaped: white space made '-'.
func writeIDPart(w util.BufWriter, refID string) {
	writeEscaped(w, strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '-'
		}
		return r
	}, refID))
}

// writeCitationID writes CitationID(refID, occurrence), escaped.
func writeCitationID(w util.BufWriter, refID string, occurrence int) {
	_, _ = w.WriteString("cite-")
	writeIDPart(w, refID)
	_ = w.WriteByte('-')
	writeInt(w, occurrence)
}

func anyKnown(items []Item) bool {
	for _, it := range items {
		if it.Known() {
			return true
		}
	}
	return false
}

func renderReferenceList(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ReferenceList)
	_, _ = w.WriteString(`<section class="references" aria-labelledby="references-title">` + "\n" +
		`<h2 id="references-title">` + html.EscapeString(n.labels.title) + "</h2>\n<ol>\n")
	for _, e := range n.Entries {
		writeEntry(w, e, n.labels)
	}
	_, _ = w.WriteString("</ol>\n</section>\n")
	return ast.WalkSkipChildren, nil
}

// writeEntry writes one list item: title, publisher, year, links and
// back-links.
func writeEntry(w util.BufWriter, e Entry, lbl labels) {
	// The entry is isolated (<bdi>, its direction from its first strong
	// letter), so an English reference keeps its order on a right-to-left
	// page; identifiers and URLs are always left-to-right.
	_, _ = w.WriteString(`<li id="ref-`)
	writeIDPart(w, e.ID)
	_, _ = w.WriteString(`"><bdi><cite>`)
	title := e.Title
	if title == "" {
		title = e.ID
	}
	writeEscaped(w, title)
	_, _ = w.WriteString("</cite>")
	if e.Publisher != "" {
		_, _ = w.WriteString(". ")
		writeEscaped(w, e.Publisher)
	}
	if e.Year != 0 {
		_, _ = w.WriteString(". ")
		writeInt(w, e.Year)
	}
	_ = w.WriteByte('.')
	for _, l := range entryLinks(e.Reference) {
		_, _ = w.WriteString(` <a href="`)
		writeEscaped(w, l.href)
		_, _ = w.WriteString(`" class="external" rel="noopener noreferrer" dir="ltr">`)
		writeEscaped(w, l.text)
		_, _ = w.WriteString(`</a>`)
	}
	_, _ = w.WriteString("</bdi>")
	for i := 1; i <= e.Citations; i++ {
		_, _ = w.WriteString(` <a href="#`)
		writeCitationID(w, e.ID, i)
		_, _ = w.WriteString(`" class="backref" aria-label="`)
		writeEscaped(w, lbl.back)
		if e.Citations > 1 {
			_ = w.WriteByte(' ')
			writeInt(w, i)
		}
		_, _ = w.WriteString(`">↩</a>`)
	}
	_, _ = w.WriteString("</li>\n")
}

type entryLink struct{ href, text string }

// entryLinks returns the DOI, PubMed and URL links of a reference; values
// that cannot form a safe link are left out (see Problems).
func entryLinks(r Reference) []entryLink {
	var links []entryLink
	if u := doi.URL(r.DOI); u != "" {
		links = append(links, entryLink{u, "doi:" + doi.Normalize(r.DOI)})
	}
	if n, ok := pmid(r.PMID); ok {
		links = append(links, entryLink{"https://pubmed.ncbi.nlm.nih.gov/" + n + "/", "PMID " + n})
	}
	if validWebURL(r.URL) {
		links = append(links, entryLink{r.URL, r.URL})
	}
	return links
}

// pmid returns the PubMed id s holds: its digits, written alone or as
// PubMed and citation managers print it ("PMID: 12345678", "pmid
// 12345678"), as the DOI is read from "doi:10…" and its address forms.
func pmid(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 4 && strings.EqualFold(s[:4], "pmid") {
		s = strings.TrimLeft(s[4:], ": \t")
	}
	if s == "" {
		return "", false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return s, true
}

func validWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// Problems describes the parts of a reference that cannot be rendered as
// links (a DOI not shaped 10.NNNN/suffix, a PMID that is not a number, a
// URL that is not http or https).
func Problems(r Reference) []string {
	var out []string
	if r.DOI != "" && doi.URL(r.DOI) == "" {
		out = append(out, "DOI "+strconv.Quote(r.DOI)+" is not a DOI (10.NNNN/…)")
	}
	if _, ok := pmid(r.PMID); r.PMID != "" && !ok {
		out = append(out, "PMID "+strconv.Quote(r.PMID)+" is not a number")
	}
	if r.URL != "" && !validWebURL(r.URL) {
		out = append(out, "URL "+strconv.Quote(r.URL)+" is not an absolute http(s) URL")
	}
	return out
}
