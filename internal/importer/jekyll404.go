package importer

import (
	"html"
	"strconv"
	"strings"
	"unicode"
)

// notFoundPage reads d, a page the old site served as its not-found
// page (Jekyll's 404.md or 404.html at /404.html, the page GitHub Pages
// and the web servers show for an address with no page; Hugo's
// content/404.md, at /404/ or its url: /404.html), whose source body is
// body. medkb writes its own not-found page at /404.html (the
// theme's layouts/404.html, with the UI strings kind.404 for its title
// and notfound.text for its text, and links to the home page and
// search): the old page's words become that page's, notfound.text (and
// its title kind.404) in i18n/LANG.yaml, and the page is not imported
// as a page. Before, it came in as an article at /404/ (a draft, as it
// has no date), which a visitor to a missing address never saw. Its
// markup, images and links are not carried: a note names them. Links
// to it ({% link 404.md %}, a Hugo ref) go to medkb's page, whose
// address its url becomes (LANG/404.html), as s.notFound records.
// It reports whether d is such a page.
func (s *site) notFoundPage(d *doc, entries []entry, body string) bool {
	prefix := ""
	if d.lang != "" {
		prefix = "/" + d.lang
	}
	if d.url != prefix+"/404/" {
		return false
	}
	lang := d.lang
	if lang == "" {
		lang = s.defaultLang
	}
	file := "i18n/" + lang + ".yaml"
	text, links, home := pageWords(body)
	var set []string
	if text != "" {
		s.setUIString(lang, "notfound.text", text)
		set = append(set, "its text is the text of medkb's not-found page (notfound.text in "+file+"): "+strconv.Quote(text))
	}
	for _, e := range entries {
		if e.key == "title" {
			if t := strings.TrimSpace(str(e.value)); t != "" {
				s.setUIString(lang, "kind.404", t)
				set = append(set, "its title is that page's title (kind.404 in "+file+")")
			}
		}
	}
	if home {
		set = append(set, "its link to the home page is medkb's page's own")
	}
	what := "medkb's own not-found page, with the theme's words, replaces it"
	if len(set) > 0 {
		what = strings.Join(set, "; ")
	}
	old := d.oldHTMLOr(prefix + "/404.html")
	if s.opts.From == Hugo {
		old = d.src + ", at " + d.url // Hugo's own is layouts/404.html
		if hasKey(entries, "url") {
			old = d.src + ", at " + prefix + "/404.html"
		}
	}
	d.url = prefix + "/404.html"
	s.notFound = append(s.notFound, d)
	msg := "the old site's not-found page (" + old + "): not imported as a page, as medkb writes its own not-found page at " + prefix + "/404.html; " + what
	how := "; to change that page's layout, copy the theme's layouts/404.html into the site's layouts/ and edit it"
	if len(links) > 0 {
		s.note(d.src, 0, Human, "%s; its markup and links are not carried (%s), and medkb's page links to the home page and search itself%s", msg, strings.Join(links, ", "), how)
		return true
	}
	s.note(d.src, 0, Changed, "%s; its markup is not carried%s", msg, how)
	return true
}

// oldHTMLOr is the old .html address of d, or, when it had none, u.
func (d *doc) oldHTMLOr(u string) string {
	if d.oldHTML != "" {
		return d.oldHTML
	}
	return u
}

// setUIString sets the UI string key of language lang in the
// i18n/LANG.yaml the import writes.
func (s *site) setUIString(lang, key, value string) {
	if s.uiStrings == nil {
		s.uiStrings = map[string]map[string]string{}
	}
	if s.uiStrings[lang] == nil {
		s.uiStrings[lang] = map[string]string{}
	}
	s.uiStrings[lang][key] = value
}

var (
	styleScriptRe  = lazyRE(`(?is)<(style|script)\b.*?</(style|script)\s*>`)
	htmlHomeLinkRe = lazyRE(`(?is)<a\b[^>]*\bhref\s*=\s*["']([^"']*)["'][^>]*>.*?</a\s*>`)
	hrefRe         = lazyRE(`(?i)\b(?:href|src)\s*=\s*["']([^"']*)["']`)
	mdLinkTextRe   = lazyRE(`(!?)\[([^\]]*)\]\(\s*(\{\{.*?\}\}|[^)\s]*)[^)]*\)`)
	// hugoHomeRe is Hugo's address of the home page in a template or
	// shortcode: {{< ref "/" >}}, {{< relref "_index.md" >}},
	// {{ "/" | relURL }}.
	hugoHomeRe = lazyRE(`^\{\{[<%]?-?\s*(?:(?:rel)?ref\s+"(?:/|/?_index\.md)"|"/"\s*\|\s*(?:rel|abs)(?:Lang)?URL)\s*-?[>%]?\}\}$`)
	mdMarkRe   = lazyRE(`(?m)^[ \t]{0,3}(#{1,6}|[-*+>]|\d+\.)[ \t]+|\*\*|__`)
)

// pageWords returns the words of a page's source body (Markdown or
// HTML with Liquid) as a reader saw them, without template syntax,
// markup, styles or scripts, and the addresses its links and images
// pointed at, as written, but links to the home page, which are left out
// with their words (home: there was one).
func pageWords(body string) (text string, links []string, home bool) {
	t := styleScriptRe.ReplaceAllString(body, " ")
	// A link to the home page is medkb's page's own: one on a line of
	// its own (a "Home" button) goes with its words; one inside a
	// sentence ("See the guides or [start again](/).") leaves its words,
	// as text, where removing them left "See the guides or .".
	lines := strings.Split(t, "\n")
	for i, l := range lines {
		homeLinks := func(l string, words func(m string) string) string {
			l = htmlHomeLinkRe.ReplaceAllStringFunc(l, func(m string) string {
				if !isHomeLink(htmlHomeLinkRe.FindStringSubmatch(m)[1]) {
					return m
				}
				home = true
				return words(strings.Join(strings.Fields(htmlTagRe.ReplaceAllString(m, " ")), " "))
			})
			return mdLinkTextRe.ReplaceAllStringFunc(l, func(m string) string {
				if g := mdLinkTextRe.FindStringSubmatch(m); g[1] == "" && isHomeLink(g[3]) {
					home = true
					return words(g[2])
				}
				return m
			})
		}
		rest := homeLinks(l, func(string) string { return " " })
		if rest == l || !hasWords(rest) {
			lines[i] = rest
			continue
		}
		lines[i] = homeLinks(l, func(w string) string { return w })
	}
	t = strings.Join(lines, "\n")
	for _, m := range hrefRe.FindAllStringSubmatch(t, -1) {
		links = append(links, m[1])
	}
	t = mdLinkTextRe.ReplaceAllStringFunc(t, func(m string) string {
		g := mdLinkTextRe.FindStringSubmatch(m)
		links = append(links, g[3])
		if g[1] != "" {
			return " " // an image: its alt text was not read as words
		}
		return g[2]
	})
	t = liquidRe.ReplaceAllString(t, " ")
	t = htmlTagRe.ReplaceAllString(t, " ")
	t = mdMarkRe.ReplaceAllString(t, " ")
	t = html.UnescapeString(t)
	for i, l := range links {
		links[i] = strconv.Quote(l)
	}
	return strings.Join(strings.Fields(t), " "), links, home
}

// hasWords reports whether a line of a page's source has words besides
// markup and template syntax.
func hasWords(l string) bool {
	l = liquidRe.ReplaceAllString(l, " ")
	l = htmlTagRe.ReplaceAllString(l, " ")
	l = mdMarkRe.ReplaceAllString(l, " ")
	return strings.ContainsFunc(l, unicode.IsLetter)
}

// isHomeLink reports whether the address u, as a Jekyll page wrote it,
// is the site's home page.
func isHomeLink(u string) bool {
	u = liquidRe.ReplaceAllStringFunc(u, func(m string) string {
		if strings.Contains(m, "site.baseurl") || strings.Contains(m, "site.url") || hugoHomeRe.MatchString(m) {
			return ""
		}
		return m
	})
	u = strings.TrimSuffix(strings.TrimSuffix(u, "index.html"), "/")
	return u == "" || u == "."
}
