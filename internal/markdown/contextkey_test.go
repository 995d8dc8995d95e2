package markdown

import (
	"fmt"
	"reflect"
	"testing"
)

// Every field of Context but Images and Pages (functions), and every field of the values it
// holds, changes Key: a Context that differs from another in any one of
// them alone gets another key, so a cached rendering is never reused for
// a context it was not made with. A field added later that Key leaves out
// fails here.
func TestContextKeyCoversEveryField(t *testing.T) {
	base := Context{}
	seen := map[string]bool{}
	// try sets one field of base and checks the key changed.
	try := func(path string, set func()) {
		before := base.Key()
		set()
		if after := base.Key(); after == before {
			t.Errorf("%s does not change Context.Key", path)
		}
		seen[path] = true
	}
	// each tries every leaf below the field root returns (a slice of
	// structs: one element, then each of its fields).
	var each func(path string, root func() reflect.Value)
	each = func(path string, root func() reflect.Value) {
		f := root()
		switch f.Kind() {
		case reflect.String:
			try(path, func() { f.SetString("x") })
		case reflect.Int:
			try(path, func() { f.SetInt(7) })
		case reflect.Bool:
			try(path, func() { f.SetBool(true) })
		case reflect.Map:
			try(path, func() {
				m := reflect.MakeMap(f.Type())
				m.SetMapIndex(reflect.ValueOf("k"), reflect.ValueOf("v"))
				f.Set(m)
			})
		case reflect.Slice:
			elem := f.Type().Elem()
			if elem.Kind() == reflect.Struct {
				// An empty element first, then each of its fields set.
				try(path+"[]", func() { f.Set(reflect.MakeSlice(f.Type(), 1, 1)) })
				for i := range elem.NumField() {
					each(path+"[]."+elem.Field(i).Name, func() reflect.Value {
						return root().Index(0).Field(i)
					})
				}
				return
			}
			try(path, func() { f.Set(reflect.Append(reflect.MakeSlice(f.Type(), 0, 1), reflect.Zero(elem))) })
			if elem.Kind() == reflect.String {
				try(path+"[0]", func() { f.Index(0).SetString("x") })
			}
		default:
			t.Errorf("%s: a %s, which this test cannot set: teach it, and Key", path, f.Kind())
		}
	}
	typ := reflect.TypeOf(base)
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		if name == "Images" || name == "Pages" {
			continue
		}
		base = Context{}
		each(name, func() reflect.Value { return reflect.ValueOf(&base).Elem().Field(i) })
	}
	for _, want := range []string{"File", "References[].Year", "Glossary[].Synonyms[0]", "Labels", "Topic[0]", "Emergency"} {
		if !seen[want] {
			t.Errorf("the walk never tried %s", want)
		}
	}
}

// BenchmarkContextKey keys the context of an article with eight
// references, as a build does once per page.
func BenchmarkContextKey(b *testing.B) {
	c := Context{File: "content/conditions/asthma.md", LineOffset: 24, GlossaryURL: "/glossary/", LinkGlossary: true,
		Topic: []string{"Asthma"}, Emergency: "chest-pain"}
	for i := range 8 {
		c.References = append(c.References, Reference{ID: fmt.Sprint("ref", i), Title: "Guideline on the management of asthma in adults and children",
			DOI: "10.1000/xyz123", PMID: "12345678", URL: "https://www.example.org/guidance/asthma", Publisher: "National Institute", Year: 2024})
	}
	for b.Loop() {
		c.Key()
	}
}
