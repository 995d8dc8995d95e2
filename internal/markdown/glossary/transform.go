package glossary

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

type transformer struct {
	defaults  Config
	skip      []ast.NodeKind
	skipFuncs []func(ast.Node) bool
}

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	cfg := t.defaults
	if c, ok := pc.Get(configKey).(Config); ok {
		cfg = c
	}
	if len(cfg.Entries) == 0 {
		return
	}
	source := reader.Source()
	texts := t.candidates(doc, source)
	var m *matcher
	if cfg.Index != nil && cfg.Index.entries == len(cfg.Entries) {
		m = &matcher{Index: cfg.Index}
	} else {
		m = newMatcher(cfg.Entries)
	}
	used := make([]bool, len(cfg.Entries))
	for i, e := range cfg.Entries {
		used[i] = isTopic(e, cfg.Exclude)
	}
	count := 0
	for _, txt := range texts {
		// The text node's bytes read as a string, not copied (nothing
		// writes to the source while this loop reads it: one allocation
		// per text node saved); after each match the scan goes on in the
		// rest of it (copying the rest for every match cost the text's
		// length times the number of terms).
		s := util.BytesToReadOnlyString(txt.Segment.Value(source))
		for txt != nil {
			start, end, entry, ok := m.find(s, used)
			if !ok {
				break
			}
			s = s[end:]
			used[entry] = true
			count++
			term := &Term{
				Href:       href(cfg.URL, cfg.Entries[entry].Slug),
				ID:         "gl-" + strconv.Itoa(count),
				Definition: cfg.Entries[entry].Definition,
			}
			txt = wrap(txt, start, end, term)
		}
	}
}

// isTopic reports whether e's term or a synonym is one of the topic names.
func isTopic(e Entry, topic []string) bool {
	for _, name := range topic {
		if strings.EqualFold(strings.TrimSpace(name), e.Term) {
			return true
		}
		for _, s := range e.Synonyms {
			if strings.EqualFold(strings.TrimSpace(name), s) {
				return true
			}
		}
	}
	return false
}

func href(base, slug string) string {
	if base == "" {
		base = "/glossary/"
	}
	if slug == "" {
		return base
	}
	return base + "#" + slug
}

// candidates returns, in document order, the text nodes that may be
// linked.
func (t *transformer) candidates(doc *ast.Document, source []byte) []*ast.Text {
	var texts []*ast.Text
	inElement := 0 // depth inside raw-HTML <dfn> or <abbr>
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading, *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan,
			*ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *Term:
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			inElement = max(0, inElement+rawHTMLDepth(n, source))
		case *ast.Text:
			if inElement == 0 && !n.IsRaw() {
				texts = append(texts, n)
			}
		default:
			if slices.Contains(t.skip, n.Kind()) {
				return ast.WalkSkipChildren, nil
			}
			for _, skip := range t.skipFuncs {
				if skip(n) {
					return ast.WalkSkipChildren, nil
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return texts
}

// rawHTMLDepth returns +1 for an opening <dfn>/<abbr> tag, -1 for a closing
// one and 0 otherwise.
func rawHTMLDepth(n *ast.RawHTML, source []byte) int {
	if n.Segments.Len() == 0 {
		return 0
	}
	first := n.Segments.At(0)
	tag := bytes.ToLower(first.Value(source))
	for _, name := range []string{"dfn", "abbr"} {
		if isTag(tag, "<"+name) {
			return 1
		}
		if isTag(tag, "</"+name) {
			return -1
		}
	}
	return 0
}

func isTag(tag []byte, prefix string) bool {
	if !bytes.HasPrefix(tag, []byte(prefix)) || len(tag) == len(prefix) {
		return false
	}
	c := tag[len(prefix)]
	return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '/'
}

// wrap moves bytes [start,end) of txt into term, inserted before txt, with
// the text before the match in its own node. It returns the remainder of
// txt, or nil when nothing is left.
func wrap(txt *ast.Text, start, end int, term *Term) *ast.Text {
	parent := txt.Parent()
	seg := txt.Segment
	if start > 0 {
		before := ast.NewTextSegment(seg.WithStop(seg.Start + start))
		parent.InsertBefore(parent, txt, before)
	}
	matched := ast.NewTextSegment(text.NewSegment(seg.Start+start, seg.Start+end))
	term.AppendChild(term, matched)
	term.SetPos(seg.Start + start)
	parent.InsertBefore(parent, txt, term)
	txt.Segment = seg.WithStart(seg.Start + end)
	if txt.Segment.Len() == 0 && !txt.SoftLineBreak() && !txt.HardLineBreak() {
		parent.RemoveChild(parent, txt)
		return nil
	}
	return txt
}
