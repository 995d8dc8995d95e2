package page

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestPackKeepsEveryValue packs metas with every packed field set or
// empty and compares them with unpacked copies.
func TestPackKeepsEveryValue(t *testing.T) {
	for mask := range 1 << 6 {
		pick := func(bit int, s string) string {
			if mask&(1<<bit) != 0 {
				return s
			}
			return ""
		}
		mk := func() Meta {
			m := Meta{Title: pick(0, "T"), ID: pick(1, "id"), Summary: pick(2, "a summary"), Slug: pick(3, "s"),
				Funding: pick(4, "f"), Emergency: pick(5, "call"), Layout: "plain", ChangeNote: pick(0, "changed"),
				Aliases:    []string{pick(1, "/a/"), "/b/"},
				Tags:       []string{"lungs", pick(2, "asthma")},
				Authors:    []string{"amorgan"},
				About:      []Condition{{Name: pick(2, "Asthma"), SNOMED: "195967001"}},
				References: []Reference{{ID: "r", Title: pick(3, "Title"), PMID: pick(4, "1"), URL: "u", Publisher: "P", Year: 2020, Line: 9}},
			}
			if mask&2 != 0 {
				m.ReviewedBy = []string{"jdoe", "asmith"}
			}
			if mask&1 != 0 {
				m.Withdrawn = &Withdrawal{Reason: "old", ReplacedBy: pick(5, "/new/")}
			}
			return m
		}
		m, want := mk(), mk()
		m.Pack()
		if !reflect.DeepEqual(m, want) {
			t.Fatalf("mask %06b: packed\n%+v\nwant\n%+v", mask, m, want)
		}
		// The lists share one array, each capped at its length, so an
		// append to one leaves the next as it was.
		next := unsafe.Add(unsafe.Pointer(&m.Tags[0]), len(m.Tags)*int(unsafe.Sizeof("")))
		if cap(m.Tags) != len(m.Tags) || unsafe.Pointer(&m.Authors[0]) != next {
			t.Fatalf("mask %06b: tags and authors are not neighbours in one array", mask)
		}
		m.Tags = append(m.Tags, "extra")
		if m.Authors[0] != "amorgan" {
			t.Fatalf("mask %06b: appending a tag changed the authors to %q", mask, m.Authors)
		}
	}
}

// TestPackBodyKeepsEveryValue packs a body's findings, some values empty,
// and compares them with unpacked copies, then checks they share one
// string.
func TestPackBodyKeepsEveryValue(t *testing.T) {
	mk := func() ([]Heading, []Link, []Image) {
		return []Heading{{Level: 2, ID: "causes", Text: "Causes"}, {Level: 3, ID: "", Text: "Untitled"}},
			[]Link{{Dest: "/conditions/asthma/", Line: 4}, {Dest: "https://example.org/", Line: 9}},
			[]Image{{Src: "/images/a.png", Alt: "", Line: 3, Width: 10}}
	}
	toc, links, images := mk()
	PackBody(toc, links, images)
	wt, wl, wi := mk()
	if !reflect.DeepEqual(toc, wt) || !reflect.DeepEqual(links, wl) || !reflect.DeepEqual(images, wi) {
		t.Fatalf("packed %v %v %v", toc, links, images)
	}
	all := []string{toc[0].ID, toc[0].Text, toc[1].Text, links[0].Dest, links[1].Dest, images[0].Src}
	for i := 1; i < len(all); i++ {
		if unsafe.Pointer(unsafe.StringData(all[i])) != unsafe.Add(unsafe.Pointer(unsafe.StringData(all[i-1])), len(all[i-1])) {
			t.Errorf("%q does not follow %q in one string", all[i], all[i-1])
		}
	}
}
