package theme

import (
	"bytes"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	tparse "text/template/parse"
)

// elideData is page data whose values are typed markup, plain strings,
// and markup the types do not tell (an interface, a slice of them).
type elideData struct {
	HTML  template.HTML
	Str   string
	Any   any
	JS    template.JS
	List  []template.HTML
	Anys  []any
	Inner elideInner
	Ptr   *elideInner
	Other elideOther
}

type elideInner struct{ H, G template.HTML }

type elideOther struct{ G string }

func (d *elideData) M() template.HTML            { return d.HTML + "<m>" }
func (d *elideData) E() (template.HTML, error)   { return d.HTML + "<e>", nil }
func (d *elideData) InnerM() elideInner          { return d.Inner }
func (d *elideData) Fn(s string) template.HTML   { return template.HTML("<fn>" + s) }
func (i elideInner) V() template.HTML            { return i.H + "<v>" }
func (i *elideInner) P() template.HTML           { return i.H + "<p>" }
func (d *elideData) Strs() (string, error)       { return "<strs>", nil }
func (d *elideData) Markup(s string) template.JS { return template.JS(s) }

// elideLayouts use every kind of value in every context the walk knows,
// and a few it must not take for markup.
var elideLayouts = fstest.MapFS{
	"layouts/baseof.html": {Data: []byte(`<html><head><title>{{ .HTML }}</title><script>var x = {{ .JS }}; var y = {{ .Str }};</script></head><body>
{{ .HTML }}|{{ .Str }}|{{ .Any }}|{{ .M }}|{{ .E }}|{{ .Strs }}|{{ .Fn "<a>" }}|{{ with .M }}{{ . }}{{ end }}|{{ range .List }}{{ . }}{{ end }}|{{ range .Anys }}{{ . }}{{ end }}
|{{ .Inner.V }}|{{ .Inner.P }}|{{ .Ptr.P }}|{{ .InnerM.V }}|{{ with .Inner }}{{ $.HTML }}{{ .H }}{{ .P }}{{ end }}|{{ range $i, $h := .List }}{{ $h }}{{ end }}|{{ html .Str }}
<p title="{{ .HTML }}">{{ template "p" . }}|{{ template "q" .HTML }}|{{ template "q" .Str }}|{{ block "main" . }}{{ end }}</p>
</body></html>
`)},
	"layouts/_partials/p.html": {Data: []byte(`{{ .HTML }}{{ $.M }}{{ .Inner.H }}`)},
	"layouts/_partials/q.html": {Data: []byte(`{{ . }}`)},
	"layouts/_partials/g.html": {Data: []byte(`{{ .G }}`)},
	"layouts/k.html":           {Data: []byte(`{{ define "main" }}{{ .E }}{{ template "g" .Inner }}{{ template "g" .Other }}{{ end }}`)},
	"layouts/_partials/r.html": {Data: []byte(`{{ .H }}`)}, // called by no template
}

// actions lists the actions of set's layout, as text/template writes them.
// loadBoth loads the layouts in fsys untyped and typed for data of type
// typ, for a test that compares the two sets' pages (renderBoth).
func loadBoth(t *testing.T, fsys fstest.MapFS, funcs template.FuncMap, typ reflect.Type) (plain, typed *Set) {
	t.Helper()
	layers := []Layer{{Name: "layouts", FS: fsys}}
	plain, err := Load(layers, []string{"en"}, "en", funcs)
	if err != nil {
		t.Fatal(err)
	}
	typed, err = LoadTyped(layers, []string{"en"}, "en", funcs, typ)
	if err != nil {
		t.Fatal(err)
	}
	return plain, typed
}

// renderBoth renders layout with data d by the untyped and the typed set,
// for a test that wants the two pages equal.
func renderBoth(t *testing.T, plain, typed *Set, layout string, d any) (want, got string) {
	t.Helper()
	var w, g bytes.Buffer
	if err := plain.RenderTo(&w, "en", layout, d); err != nil {
		t.Fatal(err)
	}
	if err := typed.RenderTo(&g, "en", layout, d); err != nil {
		t.Fatal(err)
	}
	return w.String(), g.String()
}

func actions(set *Set, layout string) []string {
	var out []string
	var walk func(l *tparse.ListNode)
	walk = func(l *tparse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *tparse.ActionNode:
				out = append(out, n.String())
			case *tparse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.WithNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			}
		}
	}
	for _, x := range set.langs["en"].kinds[layout].Templates() {
		if x.Tree != nil {
			walk(x.Tree.Root)
		}
	}
	return out
}

func TestLoadTypedDropsOnlyEscapersThatCannotChangeTheValue(t *testing.T) {
	t.Parallel()
	plain, typed := loadBoth(t, elideLayouts, nil, reflect.TypeFor[*elideData]())
	d := &elideData{HTML: "<b>h</b>", Str: `<i>"s"</i> & 'x' +`, Any: "<u>any</u>", JS: `{"a": "<\/b>"}`,
		List: []template.HTML{"<l1>", "<l2>"}, Anys: []any{template.HTML("<a1>"), "<a2>"},
		Inner: elideInner{H: "<in>", G: "<g>"}, Ptr: &elideInner{H: "<ptr>"}, Other: elideOther{G: "<other>"}}
	want, got := renderBoth(t, plain, typed, "k", d)
	if got != want {
		t.Errorf("with escapers dropped the page is\n%s\nwith them all\n%s", got, want)
	}
	for _, s := range []string{"&lt;i&gt;", "&lt;u&gt;any&lt;/u&gt;", "&lt;a2&gt;", "&lt;strs&gt;", "&lt;other&gt;", "<g>"} {
		if !strings.Contains(want, s) {
			t.Errorf("%s is not in the page: the test lost its point\n%s", s, want)
		}
	}

	acts := actions(typed, "k")
	const html, js = " | _html_template_htmlescaper}}", " | _html_template_jsvalescaper}}"
	for _, a := range []string{
		// Markup by its type: a field, a method (with an error, with
		// arguments), dot in with and range, $ in with, a pointer's
		// method through a field, a value's method on a method's result,
		// a function's result, the JavaScript of a script. A method
		// with no argument and one result, on a receiver of its exact
		// type, is called as a function (methods.go).
		"{{M .}}", "{{.E}}", `{{.Fn "<a>"}}`, "{{.}}", "{{$.HTML}}", "{{.H}}", "{{.P}}", "{{.Inner.V}}", "{{.Inner.P}}", "{{P .Ptr}}",
		"{{V .InnerM}}", "{{$.M}}", "{{.Inner.H}}", "{{.JS}}",
	} {
		if !slices.Contains(acts, a) {
			t.Errorf("%s kept its escaper; actions: %q", a, acts)
		}
	}
	for _, a := range []string{
		// A string, an interface, an element of []any, a variable, a
		// string method, markup in a title and an attribute (escapers
		// that change it), a string in a script, the partial called with
		// markup and with a string, the predefined html escaper.
		"{{.Str" + html, "{{.Any" + html, "{{." + html, "{{$h" + html, "{{.Strs" + html,
		"{{.HTML | _html_template_rcdataescaper}}", "{{.HTML | _html_template_attrescaper}}", "{{.Str" + js,
	} {
		if !slices.Contains(acts, a) {
			t.Errorf("%s lost its escaper; actions: %q", a, acts)
		}
	}
	// The partial g is called with G markup and G a string: its escaper
	// stays.
	if !slices.Contains(acts, "{{.G"+html) {
		t.Errorf("g's {{ .G }} lost its escaper though g is also called with a string; actions: %q", acts)
	}
}

// A method of a pointer is no method of a value text/template cannot
// address (a method's result): the walk does not take it for one.
func TestElideChainFollowsAddressability(t *testing.T) {
	t.Parallel()
	data := value{t: reflect.TypeFor[*elideData]()}
	for _, c := range []struct {
		chain []string
		want  reflect.Type
	}{
		{[]string{"Inner", "P"}, htmlType},
		{[]string{"InnerM", "V"}, htmlType},
		{[]string{"InnerM", "P"}, nil},
		{[]string{"Any"}, reflect.TypeFor[any]()},
		{[]string{"Any", "X"}, nil},
		{[]string{"Nope"}, nil},
	} {
		if got := chain(data, c.chain).t; got != c.want {
			t.Errorf("%v: %v, want %v", c.chain, got, c.want)
		}
	}
	if got := chain(value{t: reflect.TypeFor[elideData]()}, []string{"M"}).t; got != nil {
		t.Errorf("M of data passed by value: %v, want none (text/template cannot call it)", got)
	}
}

func TestLoadTypedRefusesDataOfAnotherType(t *testing.T) {
	t.Parallel()
	typed, err := LoadTyped([]Layer{{Name: "layouts", FS: elideLayouts}}, []string{"en"}, "en", nil, reflect.TypeFor[*elideData]())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := typed.RenderTo(&b, "en", "k", elideData{}); err == nil || !strings.Contains(err.Error(), "not the *theme.elideData") {
		t.Errorf("rendering data of another type: %v", err)
	}
}
