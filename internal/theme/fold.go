package theme

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"sync"
	tparse "text/template/parse"
)

// Folding UI strings into the templates.
//
// A `{{ T "key" }}` action is the same on every page of a language, yet
// executing it costs two reflective calls per page: T itself and the
// escaper html/template appends for its context (an attribute, text, a
// URL). The default theme has some forty of them on every page. After
// html/template has escaped a language's templates, fold replaces each such
// action whose escapers it can evaluate with a text node holding the
// escaped string, so the page is byte for byte what execution would have
// written, and the escaping stays html/template's own: the escaped string
// is what html/template writes for the same string in a probe template
// whose one action gets the same escaper chain (see escapers). An action it
// cannot evaluate (T with arguments, a computed key, an unknown chain) is
// left as it is.

// foldStrings escapes t's templates as executing layout would and folds
// the language's constant UI strings into them, and reports whether they
// were escaped. An escaping error is left for Render to report, as it
// would without folding.
func foldStrings(t *template.Template, table map[string]string) bool {
	// html/template escapes lazily, on the first execution of a template
	// name; executing baseof with no data escapes every template it
	// reaches and stops at the first field it reads.
	var escErr *template.Error
	if err := t.ExecuteTemplate(io.Discard, "baseof", nil); errors.As(err, &escErr) {
		return false
	}
	for _, x := range t.Templates() {
		if x.Tree != nil && x.Tree.Root != nil {
			foldList(x.Tree.Root, table)
		}
	}
	return true
}

func foldList(l *tparse.ListNode, table map[string]string) {
	if l == nil {
		return
	}
	out := l.Nodes[:0]
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *tparse.ActionNode:
			if s, ok := foldAction(n, table); ok {
				out = appendText(out, n.Position(), s)
				continue
			}
		case *tparse.TextNode:
			if len(out) > 0 {
				if _, ok := out[len(out)-1].(*tparse.TextNode); ok {
					out = appendText(out, n.Position(), string(n.Text))
					continue
				}
			}
		case *tparse.IfNode:
			foldList(n.List, table)
			foldList(n.ElseList, table)
		case *tparse.RangeNode:
			foldList(n.List, table)
			foldList(n.ElseList, table)
		case *tparse.WithNode:
			foldList(n.List, table)
			foldList(n.ElseList, table)
		}
		out = append(out, n)
	}
	clear(l.Nodes[len(out):])
	l.Nodes = out
}

// appendText adds s to nodes, merged into the last node when that is text
// too: fewer nodes to walk and writes to make on every page.
func appendText(nodes []tparse.Node, pos tparse.Pos, s string) []tparse.Node {
	if len(nodes) > 0 {
		if last, ok := nodes[len(nodes)-1].(*tparse.TextNode); ok {
			merged := make([]byte, 0, len(last.Text)+len(s))
			merged = append(append(merged, last.Text...), s...)
			last.Text = merged
			return nodes
		}
	}
	return append(nodes, &tparse.TextNode{NodeType: tparse.NodeText, Pos: pos, Text: []byte(s)})
}

// foldAction returns the output of a `{{ T "key" | escapers… }}` action.
func foldAction(a *tparse.ActionNode, table map[string]string) (string, bool) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) < 2 {
		return "", false
	}
	first := p.Cmds[0].Args
	if len(first) != 2 {
		return "", false
	}
	if id, ok := first[0].(*tparse.IdentifierNode); !ok || id.Ident != "T" {
		return "", false
	}
	key, ok := first[1].(*tparse.StringNode)
	if !ok {
		return "", false
	}
	chain := make([]string, 0, len(p.Cmds)-1)
	for _, c := range p.Cmds[1:] {
		if len(c.Args) != 1 {
			return "", false
		}
		id, ok := c.Args[0].(*tparse.IdentifierNode)
		if !ok || !strings.HasPrefix(id.Ident, "_html_template_") {
			return "", false
		}
		chain = append(chain, id.Ident)
	}
	v, ok := table[key.Text]
	if !ok {
		v = key.Text // what T returns for a key it lacks
	}
	return escapers().escape(strings.Join(chain, " "), v)
}

// probe is an html/template whose one action, on ".", html/template
// escapes with the chain it is filed under; prefix and suffix are the
// template text around that action.
type probe struct {
	t              *template.Template
	prefix, suffix string
}

type probeSet map[string]probe

// escapers returns the probes, built once per process: they are a pure
// function of the html/template linked in.
var escapers = sync.OnceValue(func() probeSet {
	set := probeSet{}
	for _, src := range []string{
		`{{.}}`,
		`<p title="{{.}}">`,
		`<p title={{.}}>`,
		`<a href="{{.}}">`,
		`<a href="/?q={{.}}">`,
		`<a href={{.}}>`,
		`<title>{{.}}</title>`,
		`<textarea>{{.}}</textarea>`,
		`<script>var x = {{.}};</script>`,
		`<script>var x = "{{.}}";</script>`,
		`<style>p { color: {{.}} }</style>`,
	} {
		t := template.Must(template.New("probe").Parse(src))
		if err := t.Execute(io.Discard, ""); err != nil {
			continue
		}
		var chain []string
		for _, n := range t.Tree.Root.Nodes {
			if a, ok := n.(*tparse.ActionNode); ok {
				for _, c := range a.Pipe.Cmds[1:] {
					chain = append(chain, c.String())
				}
			}
		}
		at := strings.Index(src, "{{.}}")
		key := strings.Join(chain, " ")
		if _, dup := set[key]; !dup && key != "" {
			set[key] = probe{t: t, prefix: src[:at], suffix: src[at+len("{{.}}"):]}
		}
	}
	return set
})

// escape returns v as html/template writes it through chain.
func (s probeSet) escape(chain, v string) (string, bool) {
	p, ok := s[chain]
	if !ok {
		return "", false
	}
	var b strings.Builder
	if err := p.t.Execute(&b, v); err != nil {
		return "", false
	}
	out := b.String()
	if !strings.HasPrefix(out, p.prefix) || !strings.HasSuffix(out, p.suffix) || len(out) < len(p.prefix)+len(p.suffix) {
		return "", false
	}
	return out[len(p.prefix) : len(out)-len(p.suffix)], true
}
