package frontmatter

import (
	"reflect"
	"testing"
	"unsafe"
)

// TestParsedTextIsOneStringAPage: the page's own values come out as the
// YAML says, and each starts where the one before it ends, in one string
// (separate strings would leave the gaps of the allocator's size classes).
// Tags, people and publishers stay shared between pages (intern).
func TestParsedTextIsOneStringAPage(t *testing.T) {
	src := `---
title: "Asthma in adults"
id: asthma-adults
summary: "Asthma makes the airways narrow."
description: "How asthma is treated."
slug: asthma
aliases: [/old/asthma/, /asthma-adults/]
tags: [lungs, asthma]
authors: [amorgan]
image: /images/asthma.png
image_alt: "An inhaler"
audience: patient
about:
  - name: Asthma
    icd10: J45
references:
  - id: nice-ng80
    title: "Asthma: diagnosis (NG80)"
    publisher: NICE
    year: 2021
    url: https://www.nice.org.uk/guidance/ng80
  - id: smith2020
    title: "A trial"
    doi: 10.1000/xyz
    pmid: "123456"
    publisher: BMJ
    year: 2020
funding: "None"
emergency: "Call 999 if you cannot breathe."
---
Body.
`
	r, err := Parse("content/a.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := r.Meta
	want := []string{"Asthma in adults", "asthma-adults", "Asthma makes the airways narrow.", "How asthma is treated.", "asthma",
		"/images/asthma.png", "An inhaler", "None", "Call 999 if you cannot breathe.",
		"/old/asthma/", "/asthma-adults/", "Asthma", "J45",
		"nice-ng80", "Asthma: diagnosis (NG80)", "https://www.nice.org.uk/guidance/ng80",
		"smith2020", "A trial", "10.1000/xyz", "123456"}
	got := []string{m.Title, m.ID, m.Summary, m.Description, m.Slug, m.Image, m.ImageAlt, m.Funding, m.Emergency,
		m.Aliases[0], m.Aliases[1], m.About[0].Name, m.About[0].ICD10,
		m.References[0].ID, m.References[0].Title, m.References[0].URL,
		m.References[1].ID, m.References[1].Title, m.References[1].DOI, m.References[1].PMID}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("values:\n got %q\nwant %q", got, want)
	}
	for i := 1; i < len(got); i++ {
		end := unsafe.Add(unsafe.Pointer(unsafe.StringData(got[i-1])), len(got[i-1]))
		if unsafe.Pointer(unsafe.StringData(got[i])) != end {
			t.Errorf("%q does not follow %q in one string", got[i], got[i-1])
		}
	}
	// Shared values keep their shared copy: the same bytes as another
	// page's.
	r2, err := Parse("content/b.md", []byte("---\ntitle: B\ntags: [lungs]\nauthors: [amorgan]\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if unsafe.StringData(r2.Meta.Tags[0]) != unsafe.StringData(m.Tags[0]) || unsafe.StringData(r2.Meta.Authors[0]) != unsafe.StringData(m.Authors[0]) {
		t.Error("tags and authors are no longer shared between pages")
	}
}
