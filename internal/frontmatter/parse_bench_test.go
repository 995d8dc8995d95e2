package frontmatter

import (
	"testing"

	"github.com/medkb/medkb/internal/cputime"
)

// benchArticle is an article's front matter as the benchmark corpus
// writes it (internal/benchgen), with a body: what Parse reads once a
// page on a full build.
const benchArticle = `---
title: "Asthma in adults: symptoms, triggers and treatment"
summary: "Asthma makes the airways narrow and swollen, so breathing is hard. Most people control it with inhalers."
date: 2024-03-05
last_reviewed: 2025-01-10
next_review: 2028-01-10
audience: patient
authors: [amorgan]
reviewed_by: dokafor
tags: [lungs, asthma, inhalers]
references:
  - id: nice2024
    title: "Asthma: diagnosis, monitoring and chronic asthma management"
    publisher: NICE
    year: 2024
    url: https://www.nice.org.uk/guidance/ng245
---
Asthma is a long-term condition of the airways.
`

// BenchmarkParseArticle: Parse of one article's front matter, the path
// every page takes on a full build (a control character hidden from
// yaml.v3 only where one is: none here).
func BenchmarkParseArticle(b *testing.B) {
	data := []byte(benchArticle)
	defer cputime.PerOp(b)()
	for b.Loop() {
		if _, err := Parse("content/conditions/asthma.md", data); err != nil {
			b.Fatal(err)
		}
	}
}
