// Package scaffold writes new sites and new articles: `medkb new site DIR`
// copies an embedded skeleton that builds at once; `medkb new article
// SECTION/NAME` writes an article with every front matter field a clinician
// fills in. It never overwrites an existing file.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/assemble"
)

//go:embed all:site
var skeleton embed.FS

// NewSite writes the skeleton into dir, which must be empty or absent.
func NewSite(dir, title string, today time.Time) error {
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return fmt.Errorf("%s is not empty; choose a new folder", dir)
	}
	data := map[string]string{"Title": title, "Today": today.Format("2006-01-02"), "Year": today.Format("2006"),
		"NextReview": today.AddDate(3, 0, 0).Format("2006-01-02")}
	return fs.WalkDir(skeleton, "site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := skeleton.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := template.New(p).Delims("[[", "]]").Parse(string(b))
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := t.Execute(&out, data); err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p, "site/")))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, out.Bytes(), 0o644)
	})
}

const article = `---
title: "{{ .Title }}"
id: "{{ .ID }}"
summary: ""          # one or two plain-language sentences for lists, search and sharing
date: {{ .Today }}
lastmod: {{ .Today }}   # change on every edit; never for a review that changes nothing
draft: true          # set to false when the article is reviewed and ready
tags: []
authors: []          # ids from data/authors.yaml
reviewed_by: []      # ids from data/authors.yaml: the clinician who reviewed the whole page
last_reviewed:       # date of that whole-page clinical review, YYYY-MM-DD
next_review:         # optional; defaults to last_reviewed + review_interval in medkb.yaml
audience: patient    # patient | professional
specialty: ""
about: []            # - {name: Asthma, icd10: J45, snomed: "195967001"}
references: []       # - {id: nice-ng80, title: "…", publisher: NICE, year: 2024, url: https://…}
---
Write for the patient: short sentences, everyday words, "you".
Cite every source with [@id].

## Symptoms

## Treatment

## When to get help

> [!SEE-A-DOCTOR]
> Say when to see a doctor.
`

// NewArticle writes content/SECTION/NAME.md under root. name is
// "section/name" (or just "name" for the top level). A folder or file
// name is the page's address, so one typed as words ("conditions/Heart
// Attack Care", "what is COPD?") is written as its address segment
// (assemble.Slugify: heart-attack-care.md, what-is-copd.md), as the build
// would otherwise warn or stop, and the words typed become the title.
func NewArticle(root, name string, today time.Time) (string, error) {
	name = strings.TrimSuffix(strings.Trim(filepath.ToSlash(name), "/"), ".md")
	if name == "" || strings.Contains(name, "..") || strings.ContainsAny(name, `\`) {
		return "", fmt.Errorf("invalid article name %q: use SECTION/NAME, such as conditions/asthma", name)
	}
	segs := strings.Split(name, "/")
	typed := strings.TrimSpace(segs[len(segs)-1])
	for i, seg := range segs {
		slug := assemble.Slugify(seg)
		if slug == "" {
			return "", fmt.Errorf("invalid article name %q: %q has no letter or digit to make an address of", name, seg)
		}
		segs[i] = slug
	}
	name = strings.Join(segs, "/")
	rel := filepath.Join("content", filepath.FromSlash(name)+".md")
	dst := filepath.Join(root, rel)
	if _, err := os.Stat(dst); err == nil {
		return "", fmt.Errorf("%s already exists", rel)
	}
	base := segs[len(segs)-1]
	title := upperFirst(strings.ReplaceAll(base, "-", " "))
	if typed != base {
		title = upperFirst(typed) // the words as typed
	}
	// Inside the template's double quotes (YAML's escapes).
	title = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(title)
	var out bytes.Buffer
	t := template.Must(template.New("article").Parse(article))
	if err := t.Execute(&out, map[string]string{"Title": title, "ID": strings.ReplaceAll(name, "/", "-"), "Today": today.Format("2006-01-02")}); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	return rel, os.WriteFile(dst, out.Bytes(), 0o644)
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
