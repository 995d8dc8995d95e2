package site

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/search"
)

const multiSite = `
-- medkb.yaml --
title: "Salud"
base_url: "https://health.test/"
languages:
  - {code: en, name: English, default: true}
  - {code: es, name: Español}
  - {code: ar, name: العربية}
-- data/authors.yaml --
jdoe: {name: "Jane Doe", credentials: MD}
rev: {name: "Rita Reviewer", credentials: MD}
tr: {name: "Tomás Traductor"}
-- content/conditions/asthma.md --
---
title: "Asthma"
id: conditions-asthma
summary: "Asthma makes your airways narrow."
date: 2025-03-04
lastmod: 2026-08-01
tags: [lungs]
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-08-01
references: [{id: gina, title: GINA, year: 2024, url: "https://ginasthma.org/"}]
---
Asthma affects the airways [@gina]. Vaccinations help.
-- content/conditions/asthma.es.md --
---
title: "Asma"
id: conditions-asthma-es
summary: "El asma estrecha las vías respiratorias."
date: 2025-04-01
tags: [pulmones]
authors: [jdoe]
translators: [tr]
reviewed_by: [rev]
last_reviewed: 2026-01-10
references: [{id: gina, title: GINA, year: 2024, url: "https://ginasthma.org/"}]
---
El asma afecta a los bronquios [@gina]. Las vacunas ayudan a prevenir infecciones respiratorias.
-- content/conditions/asthma.ar.md --
---
title: "الربو"
id: conditions-asthma-ar
summary: "الربو يضيق الشعب الهوائية."
date: 2025-05-01
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2026-09-01
references: [{id: gina, title: GINA, year: 2024, url: "https://ginasthma.org/"}]
---
الربو مرض شائع [@gina].
`

func TestMultilingualURLsAlternatesAndSwitcher(t *testing.T) {
	dir := writeSite(t, multiSite)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if res.Languages != 3 {
		t.Fatalf("languages = %d", res.Languages)
	}
	mustContain(t, files, "es/conditions/asthma/index.html",
		`<html lang="es" dir="ltr">`,
		`<link rel="alternate" hreflang="en" href="https://health.test/conditions/asthma/">`,
		`<link rel="alternate" hreflang="ar" href="https://health.test/ar/conditions/asthma/">`,
		`<link rel="alternate" hreflang="x-default" href="https://health.test/conditions/asthma/">`,
		`Traducido por <bdi><a href="/es/people/tr/">Tomás Traductor</a></bdi>`,
		`Revisión médica de`,
		`"translationOfWork":{"@id":"https://health.test/conditions/asthma/"`,
		`"inLanguage":"es"`,
		`href="/es/conditions/index.xml"`,
		`<a href="/conditions/asthma/" hreflang="en" lang="en" dir="ltr">English</a>`,
		`<a href="/es/conditions/asthma/" aria-current="page" hreflang="es" lang="es" dir="ltr">Español</a>`,
	)
	mustContain(t, files, "ar/conditions/asthma/index.html", `<html lang="ar" dir="rtl">`)
	mustContain(t, files, "sitemap.xml",
		`xmlns:xhtml="http://www.w3.org/1999/xhtml"`,
		`<xhtml:link rel="alternate" hreflang="es" href="https://health.test/es/conditions/asthma/"></xhtml:link>`,
		`<xhtml:link rel="alternate" hreflang="x-default" href="https://health.test/conditions/asthma/"></xhtml:link>`)
	mustContain(t, files, "es/index.xml", "<language>es</language>", "Asma")
	mustNotContain(t, files, "es/index.xml", "<title>Asthma</title>")
	mustContain(t, files, "es/feed.json", `"language": "es"`)
}

// TestPagesInOneLanguageOnlyBuild publishes a page that exists only in
// Spanish and one whose English original is still a draft: each is listed
// in its language, and no page links to a version that does not exist.
func TestPagesInOneLanguageOnlyBuild(t *testing.T) {
	const onlyES = `
-- content/conditions/copd.es.md --
---
title: "EPOC"
summary: "La EPOC es una enfermedad de los pulmones que dificulta respirar."
date: 2025-04-01
---
La EPOC dificulta la respiración.
-- content/conditions/flu.md --
---
title: "Flu"
draft: true
---
Draft.
-- content/conditions/flu.es.md --
---
title: "Gripe"
summary: "La gripe es una infección por un virus que pasa en unos días."
date: 2025-04-02
---
La gripe pasa en unos días.
`
	dir := writeSite(t, multiSite+onlyES)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, d := range res.Diagnostics.Errors() {
		t.Errorf("error: %s", d)
	}
	mustContain(t, files, "es/conditions/copd/index.html", `<html lang="es" dir="ltr">`, "EPOC")
	mustContain(t, files, "es/conditions/flu/index.html", "Gripe")
	mustContain(t, files, "es/conditions/index.html", `href="/es/conditions/copd/"`, `href="/es/conditions/flu/"`)
	for _, f := range []string{"es/conditions/copd/index.html", "es/conditions/flu/index.html"} {
		// No language switch and no hreflang alternates: there is no
		// other version to go to; the header says so, linking the
		// English home page.
		mustNotContain(t, files, f, `rel="alternate" hreflang="en"`, `<nav class="languages"`, `href="/conditions/copd/"`, `href="/conditions/flu/"`)
		mustContain(t, files, f, `<p class="lang-note" lang="en" dir="ltr">This page is not available in English. <a href="/" hreflang="en">`)
	}
	for name, b := range files {
		if strings.HasSuffix(name, ".html") && (strings.Contains(string(b), `href="/conditions/copd/"`) || strings.Contains(string(b), `href="/conditions/flu/"`)) {
			t.Errorf("%s links to an English version that does not exist", name)
		}
	}
	if _, ok := files["conditions/copd/index.html"]; ok {
		t.Error("an English page was made for a Spanish-only article")
	}
	for _, d := range res.Diagnostics {
		if (d.Check == "link" || d.Check == "translation") && !strings.Contains(d.File, "asthma") {
			t.Errorf("unexpected %s", d)
		}
	}
}

func TestTranslationOutOfDateIsFlagged(t *testing.T) {
	dir := writeSite(t, multiSite)
	_, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var es, ar bool
	for _, d := range res.Diagnostics {
		if d.Check == "translation" {
			es = es || strings.HasSuffix(d.File, "asthma.es.md")
			ar = ar || strings.HasSuffix(d.File, "asthma.ar.md")
		}
	}
	if !es {
		t.Errorf("the Spanish translation (reviewed before the original changed) is not flagged: %v", res.Diagnostics)
	}
	if ar {
		t.Error("the Arabic translation (reviewed after the original changed) is flagged")
	}
}

func TestSpanishSearchIndexUsesSpanishAnalysis(t *testing.T) {
	dir := writeSite(t, multiSite)
	in, errs, err := New(Options{Source: dir, Now: fixedNow}).SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	es := in.Langs["es"]
	if es.Options.Lang != "es" || es.Options.BasePath != "/es/search/" || len(es.Docs) != 1 || es.Docs[0].Title != "Asma" {
		t.Fatalf("Spanish search input = %+v", es.Options)
	}
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if _, ok := files["es/search/manifest.json"]; !ok {
		t.Error("no Spanish search manifest at /es/search/manifest.json")
	}
	if !strings.Contains(string(files["es/search/manifest.json"]), `"es"`) {
		t.Errorf("Spanish manifest does not name its language:\n%s", files["es/search/manifest.json"])
	}
}

func TestMultilingualBadInput(t *testing.T) {
	cases := []struct {
		name, extra, want string
	}{
		{"unknown language code", "-- content/conditions/asthma.fr.md --\n---\ntitle: Asthme\n---\n", `unknown language code "fr"`},
		{"translation_of names no page", "-- content/conditions/copd.es.md --\n---\ntitle: EPOC\ntranslation_of: conditions/copd\n---\n", `translation_of "conditions/copd" names no page`},
		{"two files claim one translation", "-- content/conditions/asma.es.md --\n---\ntitle: Asma 2\ntranslation_of: conditions/asthma\n---\n", "both claim the es version"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeSite(t, multiSite+c.extra)
			errs := buildErr(t, dir)
			if len(errs) == 0 || !strings.Contains(errs.Err().Error(), c.want) {
				t.Fatalf("errors = %v; want one containing %q", errs, c.want)
			}
			if errs[0].File == "" {
				t.Errorf("error names no file: %v", errs[0])
			}
		})
	}
}

func TestSpanishQueryFindsSpanishPageThroughStemming(t *testing.T) {
	dir := writeSite(t, multiSite)
	in, errs, err := New(Options{Source: dir, Now: fixedNow}).SearchInput(t.Context())
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for lang, query := range map[string]string{"es": "vacuna", "en": "vaccination"} {
		files, _, err := search.Build(in.Langs[lang].Docs, in.Langs[lang].Options)
		if err != nil {
			t.Fatal(err)
		}
		e, err := search.OpenEngine(search.FilesReader(files))
		if err != nil {
			t.Fatal(err)
		}
		hits, err := e.Search(query, 5, search.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"es": "/es/conditions/asthma/", "en": "/conditions/asthma/"}[lang]
		if len(hits) != 1 || hits[0].URL != want {
			t.Errorf("%s query %q: hits = %+v; want only %s", lang, query, hits, want)
		}
	}
}

func TestDefaultLanguageUnderItsCode(t *testing.T) {
	site := strings.Replace(multiSite, "languages:", "default_language_in_subdir: true\nlanguages:", 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "en/conditions/asthma/index.html", `<html lang="en" dir="ltr">`)
	mustContain(t, files, "index.html", `<meta http-equiv="refresh" content="0; url=/en/">`)
	mustContain(t, files, "404.html", `<html lang="en"`)
	mustContain(t, files, "es/conditions/asthma/index.html", `hreflang="en" href="https://health.test/en/conditions/asthma/"`)
}

// TestContentSectionNamedGlossaryIsBuilt builds a site whose writers have
// their own glossary/ section: it builds, the section's page is published
// at /glossary/ (not medkb's generated glossary page), and the build
// warns once, naming the file.
func TestContentSectionNamedGlossaryIsBuilt(t *testing.T) {
	const own = `
-- content/glossary/_index.md --
---
title: "Words we use"
---
Our own list of words.
-- content/glossary/asthma.md --
---
title: "Asthma (word)"
summary: "What the word asthma means when doctors use it."
date: 2025-04-01
---
A long-term condition of the airways.
`
	dir := writeSite(t, multiSite+own)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	for _, d := range res.Diagnostics.Errors() {
		t.Errorf("error: %s", d)
	}
	mustContain(t, files, "glossary/index.html", "Words we use", `href="/glossary/asthma/"`)
	mustContain(t, files, "glossary/asthma/index.html", "A long-term condition of the airways.")
	var warned []string
	for _, d := range res.Diagnostics.Warnings() {
		if strings.Contains(d.Message, "generated glossary page") {
			warned = append(warned, d.Pos())
		}
	}
	if strings.Join(warned, " ") != "content/glossary/_index.md:1" {
		t.Errorf("warnings naming the glossary = %v, want one at content/glossary/_index.md:1", warned)
	}
}

// A task list's checkboxes are labelled in the page's language.
func TestTaskListLabelsAreTranslated(t *testing.T) {
	site := strings.Replace(multiSite, "Las vacunas ayudan a prevenir infecciones respiratorias.\n",
		"Las vacunas ayudan a prevenir infecciones respiratorias.\n\n- [ ] Pedir cita\n- [x] Usar el inhalador\n", 1)
	files, _ := buildMem(t, New(Options{Source: writeSite(t, site), Now: fixedNow}))
	mustContain(t, files, "es/conditions/asthma/index.html", `aria-label="Pendiente"> Pedir cita`, `aria-label="Hecho"> Usar el inhalador`)
}
