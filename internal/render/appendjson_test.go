package render

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
)

var jsonStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>alert(1)</script> & co",
	"tab\tnew\nline\rcr\bbs\fff\x00nul\x1fus\x7fdel", "ünïcödé — “quotes” …",
	"line\u2028para\u2029sep", "bad \xff utf8 \xe2\x82 cut \xed\xa0\x80 surrogate", "emoji 🩺",
}

// TestAppendJSONMatchesMarshal holds appendJSON to encoding/json on nested
// values of every shape structured data uses, built at random.
func TestAppendJSONMatchesMarshal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var value func(depth int) any
	value = func(depth int) any {
		switch k := rng.IntN(7); {
		case depth > 3 || k < 2:
			return jsonStrings[rng.IntN(len(jsonStrings))]
		case k == 2:
			return rng.IntN(2000) - 1000
		case k == 3:
			var l []any
			for range rng.IntN(4) {
				l = append(l, value(depth+1))
			}
			return l
		case k == 4 && depth%2 == 0:
			return []string{"a", "<b>"} // a shape appendJSON leaves to json.Marshal
		case k == 4:
			return obj(nil)
		default:
			o := obj{}
			for range rng.IntN(5) {
				o.set(jsonStrings[rng.IntN(len(jsonStrings))]+"k", value(depth+1))
			}
			return o
		}
	}
	for i := range 500 {
		v := []any{value(0), value(0)}
		want, err := json.Marshal(asMaps(v))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSON(nil, v); string(got) != string(want) {
			t.Fatalf("value %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// asMaps returns v with every obj made the map encoding/json would
// write the same way.
func asMaps(v any) any {
	switch v := v.(type) {
	case obj:
		if v == nil {
			return map[string]any(nil)
		}
		m := make(map[string]any, len(v))
		for _, mb := range v {
			m[mb.key] = asMaps(mb.value)
		}
		return m
	case []any:
		if v == nil {
			return v
		}
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = asMaps(e)
		}
		return out
	}
	return v
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
