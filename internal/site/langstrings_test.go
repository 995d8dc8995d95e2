package site

import (
	"strings"
	"testing"
)

// langStringsSite gives Spanish its own title, description, disclaimer and
// about page; Arabic has none and falls back to the site's.
const langStringsSite = `
-- medkb.yaml --
title: "Health Library"
description: "Plain health information."
disclaimer: "General information, not medical advice."
base_url: "https://health.test/"
trust_pages: {about: /about/}
languages:
  - {code: en, name: English, default: true}
  - code: es
    name: Español
    title: "Biblioteca de Salud"
    description: "Información de salud en lenguaje claro."
    disclaimer: "Información general, no consejo médico."
    trust_pages: {about: /es/acerca/}
  - {code: ar, name: العربية}
-- content/about/_index.md --
---
title: "About us"
---
Who we are.
-- content/about/_index.es.md --
---
title: "Quiénes somos"
url: /acerca/
---
Quiénes somos.
-- content/conditions/asthma.md --
---
title: "Asthma"
summary: "Asthma makes your airways narrow."
date: 2025-03-04
---
Asthma affects the airways.
-- content/conditions/asthma.es.md --
---
title: "Asma"
summary: "El asma estrecha las vías respiratorias."
date: 2025-04-01
---
El asma afecta a los bronquios.
-- content/conditions/migraine.md --
---
title: "Migraine"
summary: "A migraine is a strong headache."
date: 2025-03-04
---
A migraine is a strong headache.
-- content/conditions/asthma.ar.md --
---
title: "الربو"
summary: "الربو يضيق الشعب الهوائية."
date: 2025-05-01
---
الربو مرض شائع.
`

func TestLanguageSiteStrings(t *testing.T) {
	dir := writeSite(t, langStringsSite)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	mustContain(t, files, "es/conditions/asthma/index.html",
		`<title>Asma | Biblioteca de Salud</title>`,
		`<a class="site-title" href="/es/">Biblioteca de Salud</a>`,
		`<p class="disclaimer"><strong>Aviso:</strong> Información general, no consejo médico.</p>`,
		`<a href="/es/acerca/">Quiénes somos</a>`,
		`<meta property="og:site_name" content="Biblioteca de Salud">`,
		`title="Biblioteca de Salud (RSS)"`)
	// The publisher (an organisation's name, defaulting to the site-level
	// title) is the only English left.
	mustNotContain(t, files, "es/conditions/asthma/index.html", "| Health Library", ">Health Library<", `content="Health Library"`, "General information", `href="/about/"`)
	mustContain(t, files, "es/index.html",
		`<meta name="description" content="Información de salud en lenguaje claro.">`,
		`"@type":"WebSite"`, `"name":"Biblioteca de Salud"`)
	mustContain(t, files, "es/search/index.html", `| Biblioteca de Salud</title>`)
	mustContain(t, files, "es/index.xml", `<title>Biblioteca de Salud</title>`, `<description>Información de salud en lenguaje claro.</description>`)
	mustContain(t, files, "es/feed.json", `"title": "Biblioteca de Salud"`)
	// Arabic declares nothing of its own: the site's values, and a warning.
	mustContain(t, files, "ar/conditions/asthma/index.html", `<title>الربو | Health Library</title>`, `General information, not medical advice.`)
	mustContain(t, files, "conditions/asthma/index.html", `<title>Asthma | Health Library</title>`, `<a href="/about/">`)

	var warned []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "no disclaimer of its own") {
			warned = append(warned, d.String())
		}
	}
	if len(warned) != 1 || !strings.HasPrefix(warned[0], "medkb.yaml:14:") || !strings.Contains(warned[0], `language "ar"`) {
		t.Errorf("disclaimer warnings = %q; want one at medkb.yaml:14 for ar", warned)
	}
}

// TestLanguageSwitchInHeader: a page with translations links each version
// from the header (the current one marked); a page without one says so in
// each missing language, linking its home page, and has no empty landmark;
// generated pages (search) switch to their counterparts.
func TestLanguageSwitchInHeader(t *testing.T) {
	dir := writeSite(t, langStringsSite)
	files, _ := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	header := func(path string) string {
		t.Helper()
		s := string(files[path])
		start, end := strings.Index(s, "<header"), strings.Index(s, "</header>")
		if start < 0 || end < start {
			t.Fatalf("%s has no site header", path)
		}
		return s[start:end]
	}
	for path, wants := range map[string][]string{
		"es/conditions/asthma/index.html": {
			`<nav class="languages" aria-label="Idioma">`,
			`<li><a href="/conditions/asthma/" hreflang="en" lang="en" dir="ltr">English</a></li>`,
			`<li><a href="/es/conditions/asthma/" aria-current="page" hreflang="es" lang="es" dir="ltr">Español</a></li>`,
			`<li><a href="/ar/conditions/asthma/" hreflang="ar" lang="ar" dir="rtl">العربية</a></li>`,
		},
		"conditions/migraine/index.html": {
			`<p class="lang-note" lang="es" dir="ltr">Esta página no está disponible en español. <a href="/es/" hreflang="es">Ir a la página de inicio en español</a></p>`,
			`<p class="lang-note" lang="ar" dir="rtl">هذه الصفحة غير متوفرة باللغة العربية. <a href="/ar/" hreflang="ar">`,
		},
		"es/search/index.html": {
			`<li><a href="/search/" hreflang="en" lang="en" dir="ltr">English</a></li>`,
			`<li><a href="/es/search/" aria-current="page" hreflang="es" lang="es" dir="ltr">Español</a></li>`,
		},
	} {
		h := header(path)
		for _, w := range wants {
			if !strings.Contains(h, w) {
				t.Errorf("the header of %s does not contain %s", path, w)
			}
		}
	}
	if h := header("conditions/migraine/index.html"); strings.Contains(h, "<nav class=\"languages\"") {
		t.Errorf("an untranslated page has a language switch: %s", h)
	}
	for path, b := range files {
		if strings.HasSuffix(path, ".html") && strings.Contains(string(b), "<ul>\n</ul>") {
			t.Errorf("%s has an empty list", path)
		}
	}
}
