package theme

import (
	"html/template"
	"reflect"
	tparse "text/template/parse"
)

// Dropping escapers that cannot change a value.
//
// html/template appends an escaper to every action: {{ .TOCItems }} in
// HTML text runs as {{ .TOCItems | _html_template_htmlescaper }}, a
// reflective call with its argument boxed into a new slice, even though
// the escaper hands a template.HTML back as it is; so does the
// JavaScript escaper with a template.JS (the structured data). The Go
// helpers that write markup (package render's HeadTags, TOCItems,
// Content…) all return template.HTML, and partialCached does too, so an
// article page of the default theme made some fifteen such calls for
// nothing.
//
// elide drops those escapers from a layout's templates once they are
// escaped, where the type of the value is known before any page is
// rendered: the templates are walked from baseof with dot of the type
// every page's data has (LoadTyped), following field and method chains
// through the types, `with` and `range` to what they set dot to, and
// each `template` call to the called template with its argument's type.
// An escaper goes only where the value's static type is exactly
// template.HTML (text escaper) or template.JS (JavaScript value escaper)
// at every call of the template that holds it; any value whose type the
// walk cannot tell (an interface, a map's element, a variable, a chain
// that html/template or text/template resolve differently by
// addressability) keeps its escaper. The page is byte for byte what
// execution with the escaper wrote: both escapers return such a value
// unchanged, and text/template prints a template.HTML as it prints the
// string the escaper returned.

var (
	htmlType = reflect.TypeFor[template.HTML]()
	jsType   = reflect.TypeFor[template.JS]()
)

// identityEscapers are the escapers that return a value of the given
// type unchanged.
var identityEscapers = map[string]reflect.Type{
	"_html_template_htmlescaper":  htmlType,
	"_html_template_jsvalescaper": jsType,
}

// elider walks one layout's templates (see elide).
type elider struct {
	t     *template.Template
	funcs map[string]reflect.Type
	// drop says, for each action with an escaper of identityEscapers the
	// walk reached, whether the escaper can go at every visit so far.
	drop    map[*tparse.ActionNode]bool
	visited map[visit]bool
	// calls holds, for each pipeline's first command the walk reached,
	// the method it calls at every visit so far, or nil (methods.go).
	calls map[*tparse.CommandNode]*methodCall
}

// value is what the walk knows of a value: its static type (nil:
// unknown) and whether text/template holds it addressable, which decides
// whether it sees the methods of the type's pointer.
type value struct {
	t    reflect.Type
	addr bool
}

type visit struct {
	name string
	dot  value
}

// elide drops the escapers of t's templates that cannot change their
// value when t's baseof is executed with data of type dot (see above).
// funcs are the template functions t was parsed with.
func elide(t *template.Template, dot reflect.Type, funcs template.FuncMap) {
	e := &elider{t: t, funcs: map[string]reflect.Type{}, drop: map[*tparse.ActionNode]bool{}, visited: map[visit]bool{}, calls: map[*tparse.CommandNode]*methodCall{}}
	for name, f := range funcs {
		e.funcs[name] = reflect.TypeOf(f)
	}
	e.template("baseof", value{t: dot}) // Execute's data is not addressable
	for a, drop := range e.drop {
		if drop {
			a.Pipe.Cmds = a.Pipe.Cmds[:1]
		}
	}
	e.methods(funcs)
}

// template walks the template name as called with dot.
func (e *elider) template(name string, dot value) {
	v := visit{name, dot}
	if e.visited[v] {
		return
	}
	e.visited[v] = true
	x := e.t.Lookup(name)
	if x == nil || x.Tree == nil {
		return // a template html/template derived for another context: its escapers stay
	}
	e.list(x.Tree.Root, dot, dot)
}

// list walks l with dot and $ as given.
func (e *elider) list(l *tparse.ListNode, dot, root value) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *tparse.ActionNode:
			e.first(n.Pipe, dot, root)
		case *tparse.IfNode:
			e.first(n.Pipe, dot, root)
		case *tparse.WithNode:
			e.first(n.Pipe, dot, root)
		case *tparse.RangeNode:
			e.first(n.Pipe, dot, root)
		case *tparse.TemplateNode:
			e.first(n.Pipe, dot, root)
		}
		switch n := n.(type) {
		case *tparse.ActionNode:
			e.action(n, dot, root)
		case *tparse.IfNode:
			e.list(n.List, dot, root)
			e.list(n.ElseList, dot, root)
		case *tparse.WithNode:
			e.list(n.List, e.pipe(n.Pipe, dot, root), root)
			e.list(n.ElseList, dot, root)
		case *tparse.RangeNode:
			e.list(n.List, elem(e.pipe(n.Pipe, dot, root)), root)
			e.list(n.ElseList, dot, root)
		case *tparse.TemplateNode:
			var arg value
			if n.Pipe != nil {
				arg = e.pipe(n.Pipe, dot, root)
			}
			e.template(n.Name, arg)
		}
	}
}

// first notes what the first command of p calls (methods.go).
func (e *elider) first(p *tparse.PipeNode, dot, root value) {
	if p != nil && len(p.Cmds) > 0 {
		e.callMethod(p.Cmds[0], dot, root)
	}
}

// action notes whether a's escaper can go at this visit.
func (e *elider) action(a *tparse.ActionNode, dot, root value) {
	p := a.Pipe
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 2 || len(p.Cmds[1].Args) != 1 {
		return
	}
	id, ok := p.Cmds[1].Args[0].(*tparse.IdentifierNode)
	if !ok {
		return
	}
	want, ok := identityEscapers[id.Ident]
	if !ok {
		return
	}
	drop := e.command(p.Cmds[0], dot, root).t == want
	if prev, seen := e.drop[a]; seen {
		drop = drop && prev
	}
	e.drop[a] = drop
}

// pipe is what the walk knows of p's value: that of its one command.
func (e *elider) pipe(p *tparse.PipeNode, dot, root value) value {
	if p == nil || len(p.Cmds) != 1 {
		return value{}
	}
	return e.command(p.Cmds[0], dot, root)
}

// elem is what range over v sets dot to: an element of a slice or array
// (addressable as a slice's always is), else unknown.
func elem(v value) value {
	if v.t == nil {
		return value{}
	}
	switch v.t.Kind() {
	case reflect.Slice:
		return value{t: v.t.Elem(), addr: true}
	case reflect.Array:
		return value{t: v.t.Elem(), addr: v.addr}
	}
	return value{}
}

// command is what the walk knows of c's value: a field or method chain
// on dot or $, dot or $ itself, or a template function's first result.
func (e *elider) command(c *tparse.CommandNode, dot, root value) value {
	switch n := c.Args[0].(type) {
	case *tparse.DotNode:
		if len(c.Args) == 1 {
			return dot
		}
	case *tparse.FieldNode:
		return chain(dot, n.Ident)
	case *tparse.VariableNode:
		if n.Ident[0] == "$" {
			if len(n.Ident) == 1 && len(c.Args) == 1 {
				return root
			}
			return chain(root, n.Ident[1:])
		}
	case *tparse.IdentifierNode:
		if f := e.funcs[n.Ident]; f != nil && f.Kind() == reflect.Func && f.NumOut() > 0 {
			return value{t: f.Out(0)}
		}
	}
	return value{}
}

// chain is what text/template's evaluation of the field and method chain
// names on v gives, or unknown when the types cannot tell. As
// text/template does, each step looks through pointers (whose targets
// are addressable), then takes a method of the value, or of its pointer
// when the value is addressable, before a field.
func chain(v value, names []string) value {
	for _, name := range names {
		t := v.t
		if t == nil {
			return value{}
		}
		for t.Kind() == reflect.Pointer {
			t, v.addr = t.Elem(), true
		}
		if t.Kind() == reflect.Interface {
			return value{}
		}
		methods := t
		if v.addr {
			methods = reflect.PointerTo(t)
		}
		if m, ok := methods.MethodByName(name); ok {
			if m.Type.NumOut() == 0 {
				return value{}
			}
			v = value{t: m.Type.Out(0)}
			continue
		}
		if t.Kind() != reflect.Struct {
			return value{}
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			return value{}
		}
		v.t = f.Type // a field of an addressable struct is addressable
	}
	return v
}
