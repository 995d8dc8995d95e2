package theme

import (
	"sort"
	"strings"
	tparse "text/template/parse"

	"github.com/medkb/medkb/internal/diag"
)

// Unused returns a warning for every partial file (layouts/_partials/
// NAME.html, of any layer) that no template calls: no {{ template "NAME" }}
// and no partialCached "NAME" in any layout or partial, and NAME is not
// one of fromGo, the partials the caller executes itself (Set.Partial).
// Such a file changes nothing on any page, which its writer cannot see:
// a misspelt name, or the override of a partial the theme stopped calling
// in a newer medkb (the default theme stopped calling person.html, and a
// site's copy of it was then ignored without a word).
//
// A call is found by name in the parsed templates, wherever it stands
// (a branch, a range, an argument's pipeline). When a partialCached call
// names its partial with anything but a literal string, any partial may
// be the one it calls, and Unused reports nothing rather than a guess.
func (s *Set) Unused(fromGo ...string) diag.List {
	var ls *langSet
	for _, l := range s.langs { // every language parses the same files
		ls = l
		break
	}
	if ls == nil {
		return nil
	}
	u := calls{names: map[string]bool{}}
	for _, n := range fromGo {
		u.names[n] = true
	}
	seen := map[*tparse.Tree]bool{}
	for _, t := range ls.kinds {
		for _, tt := range t.Templates() {
			if tt.Tree != nil && !seen[tt.Tree] {
				seen[tt.Tree] = true
				u.walk(tt.Tree.Root)
			}
		}
	}
	if u.dynamic {
		return nil
	}
	var out diag.List
	for rel, src := range s.files {
		name, ok := strings.CutPrefix(rel, "_partials/")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(name, ".html")
		if u.names[name] {
			continue
		}
		out = append(out, diag.Diagnostic{File: src.diagPath, Severity: diag.Warning,
			Message: `partial "` + name + `" is never used: no layout or partial calls it, so this file changes no page`,
			Hint: `call it with {{ template "` + name + `" . }} where it belongs, rename the file to the partial it should replace, ` +
				`or delete it; if it overrides a partial of an older medkb theme, CHANGELOG.md says what took its place`})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// calls gathers the partial names templates call.
type calls struct {
	names   map[string]bool
	dynamic bool // a partialCached call whose name is not a literal
}

func (c *calls) walk(n tparse.Node) {
	switch n := n.(type) {
	case *tparse.ListNode:
		if n == nil {
			return
		}
		for _, x := range n.Nodes {
			c.walk(x)
		}
	case *tparse.ActionNode:
		c.walk(n.Pipe)
	case *tparse.TemplateNode:
		c.names[n.Name] = true
		c.walk(n.Pipe)
	case *tparse.IfNode:
		c.branch(&n.BranchNode)
	case *tparse.RangeNode:
		c.branch(&n.BranchNode)
	case *tparse.WithNode:
		c.branch(&n.BranchNode)
	case *tparse.PipeNode:
		if n == nil {
			return
		}
		for _, cmd := range n.Cmds {
			c.walk(cmd)
		}
	case *tparse.CommandNode:
		if len(n.Args) > 0 {
			if id, ok := n.Args[0].(*tparse.IdentifierNode); ok && id.Ident == "partialCached" {
				if s, ok := arg(n.Args, 1).(*tparse.StringNode); ok {
					c.names[s.Text] = true
				} else { // a variable, a field, a pipeline, or piped in
					c.dynamic = true
				}
			}
		}
		for _, a := range n.Args {
			c.walk(a)
		}
	case *tparse.ChainNode:
		c.walk(n.Node)
	}
}

func (c *calls) branch(b *tparse.BranchNode) {
	c.walk(b.Pipe)
	c.walk(b.List)
	c.walk(b.ElseList)
}

func arg(args []tparse.Node, i int) tparse.Node {
	if i < len(args) {
		return args[i]
	}
	return nil
}
