package markdown

import (
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/medkb/medkb/internal/markdown/citation"
	"github.com/medkb/medkb/internal/suggest"
)

// result gathers the Result of a rendered document whose visible text is
// plain.
func (p *page) result(doc ast.Node, body, plain string) Result {
	res := Result{
		HTML:   body,
		TOC:    p.toc,
		Links:  p.links,
		Images: p.images,
		Plain:  plain,
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *citation.Citation:
			p.checkCitation(n)
		case *citation.ReferenceList:
			res.Cited = p.checkReferences(n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	slices.SortStableFunc(p.diags, func(a, b Diagnostic) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	res.Diagnostics = p.diags
	return res
}

// checkCitation reports keys that name no reference.
func (p *page) checkCitation(n *citation.Citation) {
	if n.Malformed {
		p.diagnose(n, SeverityWarning, "malformed citation "+strconv.Quote(string(n.Segment.Value(p.src)))+" is shown as text",
			`write [@key], [@a; @b] or [@key, p. 12]; write \[@ for a literal bracket`)
		return
	}
	for _, it := range n.Items {
		if it.Known() {
			continue
		}
		hint := "the keys in this page are: " + p.referenceIDs()
		if id, ok := p.caseInsensitiveRef(it.Key); ok {
			hint = "did you mean @" + id + "? keys are case-sensitive"
		} else if id := p.nearRef(it.Key); id != "" {
			hint = "did you mean @" + id + "?"
		}
		if len(p.ctx.References) == 0 {
			hint = "this page has no references in its front matter"
		}
		p.diagnose(n, SeverityError,
			"unknown reference "+strconv.Quote(it.Key)+"; add it to references in the front matter or fix the key", hint)
	}
}

// checkReferences reports uncited, duplicate and malformed references and
// returns the cited ids in citation order.
func (p *page) checkReferences(list *citation.ReferenceList) []string {
	var cited []string
	for _, e := range list.Entries {
		if e.Citations > 0 {
			cited = append(cited, e.ID)
		} else {
			p.frontMatterWarning(e.Line, "reference "+strconv.Quote(e.ID)+" is never cited",
				"cite it with [@"+e.ID+"] or remove it from the front matter")
		}
		for _, problem := range citation.Problems(e.Reference) {
			p.frontMatterWarning(e.Line, "reference "+strconv.Quote(e.ID)+": "+problem, "the link is left out of the source list")
		}
	}
	for _, d := range list.Duplicates {
		p.frontMatterWarning(d.Line, "reference id "+strconv.Quote(d.ID)+" is listed more than once; only the first is used",
			"give each reference a unique id")
	}
	return cited
}

// frontMatterWarning reports a problem with a reference at its line in the
// front matter (0 when the caller did not give it).
func (p *page) frontMatterWarning(line int, msg, hint string) {
	p.diags = append(p.diags, Diagnostic{File: p.ctx.File, Line: line, Severity: SeverityWarning, Message: msg, Hint: hint})
}

func (p *page) caseInsensitiveRef(key string) (string, bool) {
	for _, r := range p.ctx.References {
		if strings.EqualFold(r.ID, key) {
			return r.ID, true
		}
	}
	return "", false
}

// nearRef returns the page's reference key a typo away from key
// (suggest.Closest, case aside), or "".
func (p *page) nearRef(key string) string {
	ids := make([]string, len(p.ctx.References))
	for i, r := range p.ctx.References {
		ids[i] = strings.ToLower(r.ID)
	}
	best := suggest.Closest(strings.ToLower(key), ids)
	if best == "" {
		return ""
	}
	return p.ctx.References[slices.Index(ids, best)].ID
}

// referenceIDs lists the page's citation keys for a hint, at most eight.
func (p *page) referenceIDs() string {
	const limit = 8
	var ids []string
	for _, r := range p.ctx.References {
		if len(ids) == limit {
			return strings.Join(ids, ", ") + ", …"
		}
		if !slices.Contains(ids, "@"+r.ID) {
			ids = append(ids, "@"+r.ID)
		}
	}
	return strings.Join(ids, ", ")
}
