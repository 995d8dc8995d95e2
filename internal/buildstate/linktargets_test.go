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
