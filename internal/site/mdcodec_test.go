package site

import (
	"reflect"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
)

func TestMarkdownCacheCodecRoundTrips(t *testing.T) {
	entries := map[string]*mdEntry{
		"k1": {HTML: "<p>Asthma ✓</p>", Plain: "Asthma ✓", TOC: []page.Heading{{Level: 2, ID: "a", Text: "A"}},
			Links: []page.Link{{Dest: "/x/", Line: 3}}, Images: []page.Image{{Src: "i.png", Alt: "", Line: 4}},
			Cited: []string{"nice"}, Glossary: []string{"COPD"},
			Diagnostics: []diag.Diagnostic{{File: "content/a.md", Line: 2, Col: 1, Severity: diag.Warning, Check: "markdown", Message: "m", Hint: "h"}}},
		"k2": {},
	}
	e := &mdEncoder{}
	e.int(len(entries))
	for _, k := range []string{"k1", "k2"} {
		e.entry(k, entries[k])
	}
	d := &mdDecoder{b: e.b}
	n := d.int()
	got := map[string]*mdEntry{}
	for range n {
		k, m := d.entry()
		got[k] = m
	}
	if d.err != nil || len(d.b) != 0 {
		t.Fatalf("decode: %v, %d bytes left", d.err, len(d.b))
	}
	if !reflect.DeepEqual(got, entries) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got["k1"], entries["k1"])
	}
	// Every truncation is an error, never a panic or a short entry.
	for cut := range len(e.b) {
		d := &mdDecoder{b: e.b[:cut]}
		n := d.int()
		for i := 0; i < n && d.err == nil; i++ {
			d.entry()
		}
		if d.err == nil && n == 2 {
			t.Fatalf("a cache cut at %d of %d bytes decoded without error", cut, len(e.b))
		}
	}
}
