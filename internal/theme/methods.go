package theme

import (
	"html/template"
	"reflect"
	tparse "text/template/parse"
)

// Calling page data's methods as functions.
//
// text/template finds a method by name on every evaluation: {{ .TOCItems }}
// runs reflect.Value.MethodByName, whose reflect.Method builds the
// method's function type (reflect.FuncOf) before the call, each time, on
// every page: 0.31 s of the 1.32 s of template samples of
// BenchmarkTemplateExecution (package site) went to that lookup. A
// template function is found in a map and called directly: twenty
// {{ if .On }} took 14.9 µs of CPU as methods and 8.6 µs as functions,
// 104 and 44 allocations (BenchmarkMethodCalls, medians of 6).
//
// When a layout is loaded typed (LoadTyped), the walk that drops escapers
// (elide.go) also notes each pipeline whose first command is a chain
// ending in a method with no arguments and one result, on a receiver whose
// static type is the method's receiver type exactly, the same method at
// every visit of the template (callMethod). methods then rewrites such a
// command, {{ .A.M }}, as {{ M .A }} (or {{ M . }}), with the template
// function M being the method expression: text/template evaluates .A as
// it did, checks its type as it checks any argument, and calls M with it
// through the same evalCall, so the value, the output and even the
// "error calling M" of a panic are what the method call gave. Only the
// error's context differs (<M .A>, not <.A.M>), and only on a panic: a
// method that can return an error (a second result) is left as a method
// call. A method whose name is already a template function, or that two
// receiver types share in one layout, is left too.

// methodCall is a method the walk found a command calling (see above).
type methodCall struct {
	recv reflect.Type
	name string
	fn   reflect.Value
}

// callMethod notes whether c, the first command of a pipeline, calls the
// same method at this visit as at the others (see above).
func (e *elider) callMethod(c *tparse.CommandNode, dot, root value) {
	f, ok := c.Args[0].(*tparse.FieldNode)
	if !ok || len(c.Args) != 1 {
		return
	}
	m, ok := methodOf(dot, f.Ident)
	prev, seen := e.calls[c]
	switch {
	case !ok:
		e.calls[c] = nil
	case !seen:
		e.calls[c] = &m
	case prev != nil && (prev.recv != m.recv || prev.name != m.name):
		e.calls[c] = nil
	}
}

// methodOf is the method the chain names on v ends in, when text/template
// would call it with the value the rest of the chain gives as it is (its
// static type is the method's receiver type), with no argument, for one
// result.
func methodOf(v value, names []string) (methodCall, bool) {
	recv := chain(v, names[:len(names)-1])
	t := recv.t
	if t == nil {
		return methodCall{}, false
	}
	base, addr := t, recv.addr
	for base.Kind() == reflect.Pointer {
		base, addr = base.Elem(), true
	}
	if base.Kind() == reflect.Interface {
		return methodCall{}, false
	}
	methods := base
	if addr {
		methods = reflect.PointerTo(base)
	}
	if methods != t {
		return methodCall{}, false
	}
	name := names[len(names)-1]
	m, ok := methods.MethodByName(name)
	if !ok || m.Type.NumIn() != 1 || m.Type.NumOut() != 1 {
		return methodCall{}, false
	}
	return methodCall{recv: t, name: name, fn: m.Func}, true
}

// methods rewrites the commands the walk found calling a method at every
// visit as calls of the method as a function (see above), and adds those
// functions to t. funcs are t's functions already.
func (e *elider) methods(funcs template.FuncMap) {
	byName := map[string]*methodCall{}
	clash := map[string]bool{}
	for _, m := range e.calls {
		if m == nil {
			continue
		}
		if _, ok := funcs[m.name]; ok {
			clash[m.name] = true
		}
		if prev := byName[m.name]; prev != nil && prev.recv != m.recv {
			clash[m.name] = true
		}
		byName[m.name] = m
	}
	add := template.FuncMap{}
	for c, m := range e.calls {
		if m == nil || clash[m.name] {
			continue
		}
		f := c.Args[0].(*tparse.FieldNode)
		var recv tparse.Node
		if len(f.Ident) == 1 {
			recv = &tparse.DotNode{NodeType: tparse.NodeDot, Pos: f.Pos}
		} else {
			recv = &tparse.FieldNode{NodeType: tparse.NodeField, Pos: f.Pos, Ident: f.Ident[:len(f.Ident)-1]}
		}
		id := tparse.NewIdentifier(m.name).SetPos(f.Pos)
		c.Args = []tparse.Node{id, recv}
		add[m.name] = m.fn.Interface()
	}
	if len(add) > 0 {
		e.t.Funcs(add)
	}
}
