package theme

import (
	"html/template"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

type methodData struct {
	Name  string
	Other methodOther
	Ptr   *methodOther
	Boom  bool
}

type methodOther struct{ Name string }

func (d *methodData) Shout() string { return strings.ToUpper(d.Name) + " <&>" }
func (d *methodData) Same() string  { return "data's" }
func (d *methodData) Print() string { return "data's print" } // a template function's name
func (d *methodData) Fails() (string, error) {
	return "", nil
}
func (d *methodData) Panics() template.HTML {
	if d.Boom {
		panic("boom")
	}
	return "<calm>"
}
func (o methodOther) Same() string  { return "other's " + o.Name }
func (d *methodData) Mine() string  { return "data's mine" }
func (o *methodOther) Mine() string { return "other's mine" }

// methodLayouts call methods as the default theme does (on dot, in an
// if, with and range pipeline, in an attribute, through a pointer field),
// and where the rewrite must not go: partials called with two types that
// both have Same or Mine, a method named like a template function, a method with
// an error, one with a variable receiver.
var methodLayouts = fstest.MapFS{
	"layouts/baseof.html": {Data: []byte(`<p title="{{ .Shout }}">{{ .Shout }}|{{ if .Shout }}if{{ end }}|{{ with .Shout }}{{ . }}{{ end }}|{{ $s := .Shout }}{{ $s }}|{{ .Ptr.Same }}|{{ .Panics }}
{{ template "same" . }}|{{ template "same" .Other }}|{{ template "mine" . }}|{{ template "mine" .Ptr }}|{{ .Print }}|{{ .Fails }}|{{ $.Shout }}</p>`)},
	"layouts/_partials/same.html": {Data: []byte(`{{ .Same }}`)},
	"layouts/_partials/mine.html": {Data: []byte(`{{ .Mine }}`)},
	"layouts/page.html":           {Data: []byte(``)},
}

// A method called as a function writes what the method call wrote, and
// the rewrite goes only where the method is the same at every call.
func TestLoadTypedCallsMethodsAsFunctions(t *testing.T) {
	t.Parallel()
	funcs := template.FuncMap{"Print": func() string { return "func" }}
	plain, typed := loadBoth(t, methodLayouts, funcs, reflect.TypeFor[*methodData]())
	d := &methodData{Name: `a"b`, Other: methodOther{Name: "o"}, Ptr: &methodOther{Name: "p"}}
	want, got := renderBoth(t, plain, typed, "page", d)
	if got != want {
		t.Errorf("with methods called as functions the page is\n%s\nas methods\n%s", got, want)
	}
	acts := actions(typed, "page")
	for _, a := range []string{"{{Shout . | _html_template_attrescaper}}", "{{Shout . | _html_template_htmlescaper}}", "{{$s := Shout .}}", "{{Same .Ptr | _html_template_htmlescaper}}", "{{Panics .}}"} {
		if !slices.Contains(acts, a) {
			t.Errorf("no %s; actions: %q", a, acts)
		}
	}
	for _, a := range []string{"{{.Same | _html_template_htmlescaper}}", "{{.Mine | _html_template_htmlescaper}}", "{{.Print | _html_template_htmlescaper}}", "{{.Fails | _html_template_htmlescaper}}", "{{$.Shout | _html_template_htmlescaper}}"} {
		if !slices.Contains(acts, a) {
			t.Errorf("%s was rewritten; actions: %q", a, acts)
		}
	}
	if !strings.Contains(want, "data&#39;s print") {
		t.Errorf("the method Print is not what the page wrote: the test lost its point\n%s", want)
	}

	// A panic is the same error, "error calling" the method's name.
	d.Boom = true
	_, errPlain := plain.Render("en", "page", d, 0)
	_, errTyped := typed.Render("en", "page", d, 0)
	if errPlain == nil || errTyped == nil || !strings.Contains(errTyped.Error(), "error calling Panics: boom") ||
		!strings.Contains(errPlain.Error(), "error calling Panics: boom") {
		t.Errorf("a method's panic: as a method %v; as a function %v", errPlain, errTyped)
	}
}
