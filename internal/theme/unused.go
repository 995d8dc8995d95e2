package theme

import (
	"io/fs"
	"maps"
	"slices"
	"strings"
	tparse "text/template/parse"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/schema"
)

// Files a theme's writer adds that change nothing.
//
// Both checks read what the templates call as they are written, which
// parse notes for the first language before escaping and folding change
// the templates.

// Unused returns a warning for every partial file (layouts/_partials/
// NAME.html) of a layer above the theme's that no template calls: no
// {{ template "NAME" }} and no partialCached "NAME" in any layout or
// partial, nor a call of a template a {{ define }} in the file makes, and
// NAME is not one of fromGo, the partials the caller executes itself
// (Set.Partial). The theme's own partials are not judged: a site that
// replaces a layout may leave some of them uncalled, and cannot delete
// the embedded theme's.
// Such a file changes nothing on any page, which its writer cannot see:
// a misspelt name, or the override of a partial the theme stopped calling
// in a newer medkb (the default theme stopped calling person.html, and a
// site's copy of it was then ignored without a word).
//
// A call is found by name wherever it stands (a branch, a range, an
// argument's pipeline). When a partialCached call names its partial with
// anything but a literal string, any partial may be the one it calls, and
// Unused reports nothing rather than a guess.
func (s *Set) Unused(fromGo ...string) diag.List {
	c := s.calls
	if c.dynamic {
		return nil
	}
	var out diag.List
	for rel, src := range s.files {
		name, ok := strings.CutPrefix(rel, "_partials/")
		if !ok || src.layer == 0 {
			continue // the theme's own are its business (a site cannot delete the embedded theme's)
		}
		name = strings.TrimSuffix(name, ".html")
		if c.usedFile(name) || slices.Contains(fromGo, name) {
			continue
		}
		out = append(out, diag.Diagnostic{File: src.diagPath, Severity: diag.Warning,
			Message: `partial "` + name + `" is never used: no layout or partial calls it, so this file changes no page`,
			Hint: `call it with {{ template "` + name + `" . }} where it belongs, rename the file to the partial it should replace, ` +
				`or delete it; if it overrides a partial of an older medkb theme, CHANGELOG.md says what took its place`})
	}
	out.Sort()
	return out
}

// StrayStrings returns a warning for each UI string of the site's own
// i18n files (every layer above the theme, the first layer) that no page
// shows:
//   - a file for a language the site does not have (i18n/fr.yaml on an
//     English and Spanish site), once for the file;
//   - a key that is neither the theme's (in any of its languages), nor
//     known (the strings medkb's own code shows: Keys of the embedded
//     default theme), nor called by a template: a literal T "key", or a
//     T (print "people." .Role) whose literal start the key has.
//
// Each names the key's line and the key it may mean, when one is close.
// A T call whose key is anything else (a variable, a field) could show
// any key: keys are then not checked.
func (s *Set) StrayStrings(known map[string]bool) diag.List {
	c := s.calls
	theirs := maps.Clone(known)
	if theirs == nil {
		theirs = map[string]bool{}
	}
	for _, f := range s.strFiles {
		if f.layer == 0 {
			for k := range f.lines {
				theirs[k] = true
			}
		}
	}
	candidates := slices.Sorted(maps.Keys(theirs))
	langs := slices.Sorted(maps.Keys(s.langs))
	var out diag.List
	for _, f := range s.strFiles {
		if f.layer == 0 {
			continue
		}
		if s.langs[f.lang] == nil && f.lang != "en" { // English is every language's fallback
			out = append(out, diag.Diagnostic{File: f.diagPath, Severity: diag.Warning,
				Message: `"` + f.lang + `" is not one of the site's languages (` + strings.Join(langs, ", ") + `): no page shows these strings`,
				Hint:    "name the file after a language code of medkb.yaml's languages, or add the language there"})
			continue
		}
		if c.dynamicT {
			continue
		}
		for key, line := range f.lines {
			if theirs[key] || c.keys[key] || c.hasPrefixOf(key) {
				continue
			}
			d := diag.Diagnostic{File: f.diagPath, Line: line, Severity: diag.Warning,
				Message: `string "` + key + `" is shown nowhere: the theme has no such string and no template calls T "` + key + `"`,
				Hint:    `fix the key's spelling (the theme's are in its i18n/en.yaml), or call {{ T "` + key + `" }} from a layout`}
			if best := schema.Suggest(key, candidates); best != "" {
				d.Message += `; did you mean "` + best + `"?`
				d.Hint = `write ` + best + `: instead, or call {{ T "` + key + `" }} from a layout`
			}
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}

// Keys returns the keys of the UI strings in fsys's i18n/*.yaml, in any
// language: for StrayStrings, the strings a theme's own code may show.
func Keys(fsys fs.FS) (map[string]bool, error) {
	files, err := readStrings(Layer{FS: fsys}, 0, map[string]map[string]string{})
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, f := range files {
		for k := range f.lines {
			out[k] = true
		}
	}
	return out, nil
}

// calls gathers the partials and UI strings templates call.
type calls struct {
	names    map[string]bool   // partials, by name
	in       map[string]string // template name → the partial file it is in (Tree.ParseName)
	dynamic  bool              // a partialCached call whose name is not a literal
	keys     map[string]bool   // T "key"
	prefixes []string          // T (print "prefix" …) and T (printf "prefix%s" …)
	dynamicT bool              // a T call whose key has no literal start
}

// tree notes what t calls and that its template is in t's file.
func (c *calls) tree(t *tparse.Tree) {
	if t == nil {
		return
	}
	c.in[t.Name] = t.ParseName
	c.walk(t.Root)
}

func newCalls() *calls {
	return &calls{names: map[string]bool{}, keys: map[string]bool{}, in: map[string]string{}}
}

// usedFile reports whether a template of the partial file name (its own,
// or one a {{ define }} in it makes) is called.
func (c *calls) usedFile(name string) bool {
	if c.names[name] {
		return true
	}
	for t, file := range c.in {
		if file == name && c.names[t] {
			return true
		}
	}
	return false
}

func (c *calls) hasPrefixOf(key string) bool {
	for _, p := range c.prefixes {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
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
		c.command(n)
		for _, a := range n.Args {
			c.walk(a)
		}
	case *tparse.ChainNode:
		c.walk(n.Node)
	}
}

// command notes a partialCached or T call's literal name.
func (c *calls) command(n *tparse.CommandNode) {
	id, ok := arg(n.Args, 0).(*tparse.IdentifierNode)
	if !ok {
		return
	}
	switch id.Ident {
	case "partialCached":
		if s, ok := arg(n.Args, 1).(*tparse.StringNode); ok {
			c.names[s.Text] = true
		} else { // a variable, a field, a pipeline, or piped in
			c.dynamic = true
		}
	case "T":
		switch k := arg(n.Args, 1).(type) {
		case *tparse.StringNode:
			c.keys[k.Text] = true
		case *tparse.PipeNode:
			if p, ok := printPrefix(k); ok {
				c.prefixes = append(c.prefixes, p)
				return
			}
			c.dynamicT = true
		default:
			c.dynamicT = true
		}
	}
}

// printPrefix returns the literal start of a key made by (print "a." …)
// or (printf "a.%s" …).
func printPrefix(p *tparse.PipeNode) (string, bool) {
	if len(p.Cmds) != 1 || len(p.Decl) > 0 {
		return "", false
	}
	args := p.Cmds[0].Args
	fn, ok := arg(args, 0).(*tparse.IdentifierNode)
	if !ok {
		return "", false
	}
	lit, ok := arg(args, 1).(*tparse.StringNode)
	if !ok {
		return "", false
	}
	switch fn.Ident {
	case "print":
		return lit.Text, true
	case "printf":
		pre, _, _ := strings.Cut(lit.Text, "%")
		return pre, true
	}
	return "", false
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
