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
