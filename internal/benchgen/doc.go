// Package benchgen writes deterministic, realistic medical corpora for
// benchmarking medkb against Hugo.
//
// WriteMedkb writes a complete medkb site; WriteHugo writes the same corpus
// (byte-identical content/, data/ and static/) with hugo.toml and layouts
// that do similar work per page. For the same Options the output is
// byte-identical on every run and machine: everything derives from
// Options.Seed through math/rand/v2's PCG, the site layout (titles, slugs,
// headings, authors) is planned sequentially, and each article then draws
// from its own stream, so the bounded pool of writer goroutines cannot
// change a byte.
//
// A corpus has Options.Articles articles spread round-robin over
// Options.Sections sections (conditions, medications, tests, living-well,
// procedures, symptoms, mental-health, child-health, then pregnancy,
// older-adults, first-aid, nutrition). Each article has:
//   - a unique title and slug made from real condition, medicine, test,
//     procedure and symptom names with qualifiers ("Understanding
//     atrial fibrillation", "Metformin side effects"); when the templates
//     run out a title gets " (part N)";
//   - full front matter per medkb's schema: id, summary, dates (date ≤
//     last_reviewed ≤ lastmod, all within 2015–2025), 2–6 tags from a pool of
//     200, authors and a different reviewer from data/authors.yaml (20
//     authors), audience, specialty, about with ICD-10 codes, 2–6 references
//     each with a url or a doi; 5% have an alias, 30% an image;
//   - a 500–1,500 word body: words drawn from an embedded vocabulary of
//     ~3,800 everyday and medical words (words.txt) with Zipf-distributed
//     ranks (P(r) ∝ 1/r^1.07), sentences of 8–25 words, 3–7 "##" headings
//     (some followed by a "###"), bullet or numbered lists, a table in ~20%
//     and a fenced code block in ~2% of articles, one or two callouts
//     (NOTE, SEE-A-DOCTOR, EMERGENCY), 2–5 links to other articles of the
//     corpus ("/section/slug/", sometimes "#heading-id" of one of the target's
//     headings; ids are the lowercase text with every run of other characters
//     turned into "-"), and a citation "[@id]" of every listed reference and
//     of no other.
//
// Heading texts use only ASCII letters, digits and spaces, so Hugo's and
// goldmark's automatic heading ids agree with medkb's. Hugo reads the same
// front matter: title, date, lastmod, tags, summary, draft and aliases are
// its own keys, every other key lands in .Params (top-level keys work in
// every Hugo version, unlike a nested "params:" map). Hugo leaves citations
// and (before v0.132) callout markers as text.
//
// The package never reads anything but its embedded files, never deletes
// anything, and refuses to write into a non-empty directory. The Write
// functions are safe for concurrent use on different directories.
package benchgen
