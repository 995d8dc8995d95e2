package buildcache

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
)

func TestMarkdownCodecRoundTrips(t *testing.T) {
	for _, m := range []*Markdown{
		{TOC: []page.Heading{{Level: 2, ID: "a", Text: "A"}},
			Links: []page.Link{{Dest: "/x/", Line: 3, Written: "x.md"}}, Images: []page.Image{{Src: "i.png", Alt: "", Line: 4}, {Src: "d.png", Line: 5, Decorative: true}},
			Cited: []string{"nice"}, Glossary: []string{"COPD"},
			Diagnostics: []diag.Diagnostic{{File: "content/a.md", Line: 2, Col: 1, Severity: diag.Warning, Check: "markdown", Message: "m", Hint: "h"}},
			Sized:       []string{"i.png"}, ImageKey: "k", Linked: []string{"asthma.md"}, LinkKey: "l", Summary: "Asthma ✓", body: bodyAt{gen: 3, at: 1 << 40, n: 17}},
		{},
	} {
		e := &encoder{}
		encodeMD(e, m)
		roundTrip(t, e.b, m, decodeMD)
	}
}

// A body comes back only under its own key, and a cut or padded one not
// at all.
func TestBodyCodecRoundTrips(t *testing.T) {
	want := &Markdown{HTML: "<p>Asthma ✓</p>", Emergency: "<p>Call 999</p>", Plain: "Asthma ✓"}
	e := &encoder{}
	encodeBody(e, tkey("key1"), want)
	got := &Markdown{}
	if err := decodeBody(e.b, tkey("key1"), got); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeBody = %+v, %v; want %+v", got, err, want)
	}
	if err := decodeBody(e.b, tkey("key2"), &Markdown{}); err == nil || !strings.Contains(err.Error(), "another page") {
		t.Errorf("another key's body: %v; want an error naming it another page's", err)
	}
	for cut := range len(e.b) {
		if err := decodeBody(e.b[:cut], tkey("key1"), &Markdown{}); err == nil {
			t.Fatalf("%d of %d bytes decoded without error", cut, len(e.b))
		}
	}
	if err := decodeBody(append(e.b, 0), tkey("key1"), &Markdown{}); err == nil {
		t.Error("a body with a byte after it decoded without error")
	}
}

// fill sets every field reachable from v to a value that is not zero, so
// that a field the codec forgets fails the round trip.
func fill(t *testing.T, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int32:
		v.SetInt(int64(-*n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Uint8:
		v.SetUint(uint64(*n))
	case reflect.Array:
		for i := range v.Len() {
			fill(t, v.Index(i), n)
		}
	case reflect.Interface:
		v.Set(reflect.ValueOf("any"))
	case reflect.Pointer:
		e := reflect.New(v.Type().Elem())
		fill(t, e.Elem(), n)
		v.Set(e)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, n)
			fill(t, e, n)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2020+*n%5, 3, 4, 5, 6, 7, 8, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(t, v.Field(i), n)
			}
		}
	default:
		t.Fatalf("fill: no rule for %s", v.Type())
	}
}

func TestFrontMatterCodecRoundTrips(t *testing.T) {
	var full FrontMatter
	n := 0
	fill(t, reflect.ValueOf(&full).Elem(), &n)
	full.Meta.Params = nil       // not cached (see Cacheable)
	full.Meta.YAMLWarnings = nil // not cached either
	full.Meta.Controls = nil     // nor these
	full.Skip = 17
	empty := FrontMatter{Meta: page.Meta{Tags: []string{}, About: []page.Condition{}, References: []page.Reference{}, Lines: page.MakeLines(0)}}
	for _, p := range []*FrontMatter{&full, &empty, {}} {
		e := &encoder{}
		encodeParsed(e, p)
		roundTrip(t, e.b, p, decodeParsed)
	}
	if Cacheable(&page.Meta{Params: map[string]any{"x": 1}}) {
		t.Error("front matter with params is cacheable; the codec drops them")
	}
	if Cacheable(&page.Meta{YAMLWarnings: []page.YAMLWarning{{Line: 2, Message: "a tag"}}}) {
		t.Error("front matter with warnings about its YAML is cacheable; the codec drops them")
	}
	if Cacheable(&page.Meta{Controls: []page.ControlChar{{Line: 2, Key: "title", Rune: 0x92}}}) {
		t.Error("front matter with control characters in its values is cacheable; the codec drops them")
	}
}

// roundTrip decodes data, which encodes want, and then every truncation of
// it, which must fail rather than decode short.
func roundTrip[V any](t *testing.T, data []byte, want V, decode func(*decoder) V) {
	t.Helper()
	d := &decoder{b: data}
	got := decode(d)
	if d.err != nil || len(d.b) != 0 {
		t.Fatalf("decode: %v, %d bytes left", d.err, len(d.b))
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, want)
	}
	for cut := range len(data) {
		d := &decoder{b: data[:cut]}
		decode(d)
		if d.err == nil {
			t.Fatalf("%d of %d bytes decoded without error", cut, len(data))
		}
	}
}
