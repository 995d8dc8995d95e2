package buildstate_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/checkset"
)

// fill sets every field v holds, recursively, to a value that is not its
// zero: strings "s" plus a count, numbers and lengths 2, true, now.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+*n%26)) + "é")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(2)
	case reflect.Float64:
		v.SetFloat(2)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMap(v.Type())
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, n)
		fill(e, n)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	}
}

// TestLinkTargetsRoundTrip checks that a page as a link target
// (checkset.LinkTarget) comes back from LinkTargets' encoding whole: a
// field LinkTarget comes to keep and the encoding does not fails here.
func TestLinkTargetsRoundTrip(t *testing.T) {
	var full check.Page
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	in := buildstate.LinkTargets{checkset.LinkTarget(full), {File: "content/b.md"}}
	enc, err := in.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	var out buildstate.LinkTargets
	if err := out.GobDecode(enc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", out, in)
	}
	if err := out.GobDecode(enc[:len(enc)-1]); err == nil {
		t.Error("a cut encoding decoded without an error")
	}
}

// TestLinkTargetsDecodeIntoTheRoomGiven checks that GobDecode fills the
// slice it is given when its capacity holds the pages (decodeBody
// decodes each chunk of the base's pages straight into the whole list,
// rather than into a slice of its own that is then copied), and that it
// overwrites each page whole: a field the slice held before, which the
// encoding does not carry, is cleared.
func TestLinkTargetsDecodeIntoTheRoomGiven(t *testing.T) {
	in := buildstate.LinkTargets{{File: "content/a.md", URL: "/a/", IDs: []string{"x"}}, {File: "content/b.md", Title: "B"}}
	enc, err := in.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	room := make([]check.Page, 1, 4)
	room = append(room, check.Page{File: "stale", Summary: "stale", TitleLine: 7}, check.Page{Slug: "stale"})
	out := buildstate.LinkTargets(room[1:1])
	if err := out.GobDecode(enc); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out, in) {
		t.Fatalf("decoded into the room:\n got %+v\nwant %+v", out, in)
	}
	if &out[0] != &room[1:2][0] {
		t.Error("GobDecode made a slice of its own; want the pages in the room it was given")
	}
	small := buildstate.LinkTargets(make([]check.Page, 0, 1))
	if err := small.GobDecode(enc); err != nil || !reflect.DeepEqual(small, in) {
		t.Fatalf("decoded into too little room: %+v, %v; want %+v", small, err, in)
	}
}
