package citation

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer numbers citations in document order and appends the
// reference list.
type transformer struct {
	defaults Config
}

// Transform implements parser.ASTTransformer.
func (t transformer) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	cfg := configFrom(pc, t.defaults)
	lbl := resolveLabels(cfg.Labels)
	refs, dups := dedupe(cfg.References)
	index := make(map[string]int, len(refs))
	for i, r := range refs {
		index[r.ID] = i
	}
	numbers := make([]int, len(refs)) // 0 = not cited yet
	counts := make([]int, len(refs))
	next := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := n.(*Citation)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		c.sourceLabel = lbl.source
		for k := range c.Items {
			i, known := index[c.Items[k].Key]
			if !known {
				continue
			}
			if numbers[i] == 0 {
				next++
				numbers[i] = next
			}
			counts[i]++
			c.Items[k].Number = numbers[i]
			c.Items[k].Occurrence = counts[i]
		}
		return ast.WalkContinue, nil
	})
	if len(refs) == 0 {
		return
	}
	list := &ReferenceList{
		Entries:    entries(refs, numbers, counts),
		Duplicates: dups,
		labels:     lbl,
	}
	doc.AppendChild(doc, list)
}

// dedupe drops references whose id was already seen (and those without an
// id) and returns the duplicates.
func dedupe(refs []Reference) (unique []Reference, dups []Reference) {
	seen := make(map[string]bool, len(refs))
	unique = make([]Reference, 0, len(refs))
	for _, r := range refs {
		if seen[r.ID] {
			dups = append(dups, r)
			continue
		}
		seen[r.ID] = true
		unique = append(unique, r)
	}
	return unique, dups
}

// entries orders references: cited ones by number, then uncited ones in
// their given order.
func entries(refs []Reference, numbers, counts []int) []Entry {
	out := make([]Entry, len(refs))
	cited := 0
	for _, n := range numbers {
		if n > 0 {
			cited++
		}
	}
	uncited := cited
	for i, r := range refs {
		e := Entry{Reference: r, Citations: counts[i]}
		if numbers[i] > 0 {
			e.Number = numbers[i]
		} else {
			uncited++
			e.Number = uncited
		}
		out[e.Number-1] = e
	}
	return out
}
