package site

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/diag"
)

// guideSite is baseSite served under a path, in two languages (a language
// switcher, a second search index, per-language 404 pages), with an
// alias, social cards, a site-rooted image large enough for resized copies (srcset), a
// link to the trust page and a root-relative image in Markdown.
func guideSite(t *testing.T, baseURL string) string {
	t.Helper()
	site := strings.Replace(baseSite, `base_url: "https://health.test/"`,
		"base_url: \""+baseURL+"\"\nlanguages:\n  - {code: en, name: English, default: true}\n  - {code: es, name: Español}", 1)
	site = strings.Replace(site, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nsocial_cards: true\n", 1)
	site = strings.Replace(site, "last_reviewed: 2025-01-02\n", "last_reviewed: 2025-01-02\naliases: [/old/copd/]\n", 1)
	site += `-- content/conditions/asthma.es.md --
---
title: "Asma"
summary: "El asma estrecha las vías respiratorias."
date: 2025-04-01
tags: [pulmones]
authors: [jdoe]
reviewed_by: [rev]
last_reviewed: 2025-09-01
references: [{id: gina, title: GINA, year: 2024, url: "https://ginasthma.org/"}]
---
El asma afecta a los bronquios [@gina]. Vea [EPOC](/conditions/copd/) y [nosotros](/about/).
`
	dir := writeSite(t, site)
	appendBody(t, dir, "\n![A wide lung diagram](/images/lungs.png)\n\nSee [about us](/about/) and [the glossary](/glossary/#inhaler).\n")
	writePNG(t, filepath.Join(dir, "static", "images", "lungs.png"), 1400, 700)
	return dir
}

// TestSiteServedUnderAPath builds a site whose base_url has a path and
// crawls its output as a browser and a feed reader would: every address
// in every HTML file (href, src, srcset, action, the search form's
// data-base, a redirect's refresh, og: and canonical URLs), every URL of
// the feeds and the sitemap, every URL of the search index and every rule
// of the host files must lie under /guide/ and name a file the build
// wrote. A site-rooted address that misses the path (/js/site.js) would
// be a broken link on the host.
func TestSiteServedUnderAPath(t *testing.T) {
	t.Parallel()
	const host, base = "example.github.io", "/guide/"
	dir := guideSite(t, "https://"+host+base)
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if res.BasePath != base {
		t.Errorf("Result.BasePath = %q, want %q", res.BasePath, base)
	}
	// exists reports whether the URL path p names an output file.
	exists := func(p string) bool {
		rel, ok := strings.CutPrefix(p, base)
		if !ok {
			return false
		}
		if un, err := url.PathUnescape(rel); err == nil {
			rel = un
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		_, ok = files[rel]
		if !ok {
			_, ok = files[rel+"/index.html"]
		}
		return ok
	}
	checked := 0
	var bad []string
	// check resolves ref, found in the output file from, against the
	// address that file is served at.
	check := func(from, ref string) {
		ref = strings.TrimSpace(ref)
		if ref == "" || strings.HasPrefix(ref, "#") {
			return
		}
		page, _ := url.Parse("https://" + host + base + from)
		u, err := url.Parse(ref)
		if err != nil {
			bad = append(bad, from+": unparsable "+ref)
			return
		}
		abs := page.ResolveReference(u)
		if (abs.Scheme != "https" && abs.Scheme != "http") || abs.Host != host {
			return // another site, mailto:, data:
		}
		checked++
		if !strings.HasPrefix(abs.Path, base) {
			bad = append(bad, from+": "+ref+" is outside "+base)
		} else if !exists(abs.Path) {
			bad = append(bad, from+": "+ref+" names no file of the output")
		}
	}
	urlAttr := map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "poster": true, "data-base": true}
	refreshRe := regexp.MustCompile(`(?i)url=(\S+)`)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	htmlFiles := 0
	for _, name := range names {
		data := files[name]
		switch path.Ext(name) {
		case ".html":
			htmlFiles++
			z := html.NewTokenizer(bytes.NewReader(data))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
					continue
				}
				tok := z.Token()
				var refresh bool
				for _, a := range tok.Attr {
					refresh = refresh || (a.Key == "http-equiv" && strings.EqualFold(a.Val, "refresh"))
				}
				for _, a := range tok.Attr {
					switch {
					case urlAttr[a.Key]:
						check(name, a.Val)
					case a.Key == "srcset":
						for c := range strings.SplitSeq(a.Val, ",") {
							if f := strings.Fields(c); len(f) > 0 {
								check(name, f[0])
							}
						}
					case a.Key == "content" && refresh:
						if m := refreshRe.FindStringSubmatch(a.Val); m != nil {
							check(name, m[1])
						}
					case a.Key == "content" && strings.HasPrefix(a.Val, "https://"+host):
						check(name, a.Val) // og:url, og:image
					}
				}
			}
		case ".xml", ".json", ".xsl":
			if strings.HasPrefix(name, "search/") || strings.HasPrefix(name, "es/search/") {
				for _, m := range regexp.MustCompile(`"u":"([^"]+)"`).FindAllSubmatch(data, -1) {
					check(name, string(m[1])) // a search result's address
				}
				continue
			}
			for _, m := range regexp.MustCompile(`https?://`+regexp.QuoteMeta(host)+`[^\s"'<>&\\]*`).FindAll(data, -1) {
				check(name, string(m))
			}
			for _, m := range regexp.MustCompile(`href="(/[^"]*)"`).FindAllSubmatch(data, -1) {
				check(name, string(m[1])) // the feeds' stylesheets
			}
		}
	}
	t.Logf("crawled %d HTML files, %d addresses", htmlFiles, checked)
	for _, b := range bad {
		t.Error(b)
	}
	if htmlFiles < 20 || checked < 500 {
		t.Errorf("crawled %d HTML files and %d addresses: too few to prove anything", htmlFiles, checked)
	}
	mustContain(t, files, "conditions/asthma/index.html",
		`<script src="/guide/js/site.js" defer></script>`,
		`data-base="/guide/search/"`,
		`href="/guide/about/"`,
		`srcset="/guide/images/lungs.`)
	mustContain(t, files, "old/copd/index.html", `url=/guide/conditions/copd/`)
	mustContain(t, files, "index.xml", `https://example.github.io/guide/about/`)
	mustContain(t, files, "_redirects", "/guide/old/copd/ /guide/conditions/copd/ 301!\n", "/guide/es/* /guide/es/404.html 404\n")
	if _, ok := files["guide/index.html"]; ok {
		t.Error("the output has a guide/ folder: the base path belongs in addresses, not in file paths")
	}
	if !slices.ContainsFunc(res.Diagnostics, func(d diag.Diagnostic) bool {
		return strings.Contains(d.Message, "robots.txt only at the root of a host")
	}) {
		t.Error("no warning that robots.txt under a path is never read")
	}
}

// TestAddressWithThePathAlreadyInIt: a layout that writes the base path
// itself in an address medkb rewrites (Hugo's habit: href="/guide/conditions/",
// or href="{{ .Site.Config.BasePath }}conditions/") would link to
// /guide/guide/conditions/; the build says so once, naming a page, the
// address to write and how many pages have it. The link checks, which
// read the pages before the path is added, do not see it.
func TestAddressWithThePathAlreadyInIt(t *testing.T) {
	t.Parallel()
	dir := guideSite(t, "https://example.github.io/guide/")
	writeFile(t, filepath.Join(dir, "layouts", "_partials", "footer.html"),
		[]byte(`{{ partialCached "footer-site" . -}}
<p data-home="{{ .Site.Config.BasePath }}"><a href="/guide/conditions/">Conditions</a> <a href="/conditions/">Conditions</a></p>`))
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	// A layout's own attribute that medkb does not rewrite (data-home)
	// gets the path from .Site.Config.BasePath.
	// The address with the path is left where it was written, which is
	// where the section is served.
	mustContain(t, files, "conditions/asthma/index.html", `<a href="/guide/conditions/">Conditions</a> <a href="/guide/conditions/">`, `<p data-home="/guide/">`)
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "already starts with the site's path") {
			got = append(got, d.String())
		}
	}
	if len(got) != 1 || !strings.Contains(got[0], "links to /guide/conditions/ (and so do ") ||
		!strings.Contains(got[0], "medkb left it as written") ||
		!strings.Contains(got[0], "write the address as on a site at the root of its host, /conditions/") {
		t.Errorf("warnings of an address with the path = %q, want one naming /guide/conditions/ and /conditions/", got)
	}
}

// TestLinkWrittenWithThePath: a writer who types the base path in a
// site-rooted address ("/guide/conditions/copd/" under /guide/) gets a
// warning at the link's line naming the address to write, for Markdown
// links, images and raw HTML alike, and the published page links where
// the writer meant (not /guide/guide/…), in the page and in the feed.
// A front matter image: written so is an error naming the fix.
func TestLinkWrittenWithThePath(t *testing.T) {
	t.Parallel()
	dir := guideSite(t, "https://example.github.io/guide/")
	f, err := os.OpenFile(filepath.Join(dir, "medkb.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("markup: {unsafe: true}\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	line := appendBody(t, dir, "\nSee [COPD](/guide/conditions/copd/#references-title).\n\n![The lungs again](/guide/images/lungs.png)\n\nOr <a href=\"/guide/about/\">about us</a>.\n")
	files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "starts with the site's path") {
			got = append(got, d.String())
		}
	}
	slices.Sort(got)
	for _, want := range []string{
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: image "/guide/images/lungs.png" starts with the site's path /guide/`, line+3),
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: link "/guide/about/" starts with the site's path /guide/`, line+5),
		fmt.Sprintf(`content/conditions/asthma.md:%d: warning: link "/guide/conditions/copd/#references-title" starts with the site's path /guide/`, line+1),
	} {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, want) }) {
			t.Errorf("no warning %q; warnings of the path: %q", want, got)
		}
	}
	if !slices.ContainsFunc(got, func(g string) bool {
		return strings.Contains(g, "hint: write /conditions/copd/#references-title: medkb adds /guide/")
	}) {
		t.Errorf("no hint naming the address to write: %q", got)
	}
	if len(got) != 3 {
		t.Errorf("%d warnings of the path, want 3 (one a link, none without a line): %q", len(got), got)
	}
	mustContain(t, files, "conditions/asthma/index.html", `href="/guide/conditions/copd/#references-title"`, `href="/guide/about/">about us`, `src="/guide/images/lungs.png"`)
	mustContain(t, files, "index.xml", `https://example.github.io/guide/conditions/copd/#references-title`)
	for name, data := range files {
		if bytes.Contains(data, []byte("/guide/guide/")) {
			t.Errorf("%s has an address with the path twice", name)
		}
	}

	// A front matter image: with the path is a warning at its line that
	// says what to write (TestFrontMatterAddressesWrittenWithTheBasePath
	// has the rest), and the page's preview image has the path once.
	asthma := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(asthma)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, asthma, bytes.Replace(src, []byte("\ndate:"), []byte("\nimage: /guide/images/lungs.png\nimage_alt: The lungs\ndate:"), 1))
	files, res = buildMem(t, New(Options{Source: dir, Now: fixedNow}))
	if !slices.ContainsFunc(says(res.Diagnostics), func(s string) bool {
		return strings.HasPrefix(s, `content/conditions/asthma.md:5: warning: image "/guide/images/lungs.png" starts with the site's path /guide/`) &&
			strings.Contains(s, "hint: write /images/lungs.png:")
	}) {
		t.Errorf("front matter image with the path: no warning at its line naming /images/lungs.png:\n%s", strings.Join(says(res.Diagnostics), "\n"))
	}
	mustContain(t, files, "conditions/asthma/index.html", `content="https://example.github.io/guide/images/lungs.png"`)
}

// TestStaticFilesWithSiteRootedAddresses: a site's own static HTML and
// CSS are copied as they are, so under a path their site-rooted
// addresses point outside the site; the build says so, per file, and
// leaves relative addresses and a site at the root alone.
func TestStaticFilesWithSiteRootedAddresses(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		baseURL string
		want    int
	}{{"https://example.github.io/guide/", 2}, {"https://health.test/", 0}} {
		dir := guideSite(t, c.baseURL)
		writeFile(t, filepath.Join(dir, "static", "leaflet.html"), []byte(`<p><a href="/conditions/asthma/">Asthma</a></p>`))
		writeFile(t, filepath.Join(dir, "static", "css", "print.css"), []byte(`h1{background:url("/images/lungs.png")}`))
		writeFile(t, filepath.Join(dir, "static", "relative.html"), []byte(`<p><a href="conditions/asthma/">Asthma</a></p>`))
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
		var got []string
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "this static file is copied as it is") {
				got = append(got, d.File+": "+d.Message)
			}
		}
		if len(got) != c.want {
			t.Errorf("base_url %s: warnings %q, want %d", c.baseURL, got, c.want)
		}
		if c.want > 0 && len(got) > 0 && (!strings.HasPrefix(got[0], "static/css/print.css: ") || !strings.Contains(got[0], "/images/lungs.png points outside the site")) {
			t.Errorf("base_url %s: first warning %q", c.baseURL, got[0])
		}
		if string(files["leaflet.html"]) != `<p><a href="/conditions/asthma/">Asthma</a></p>` {
			t.Errorf("the static file was not copied as it is: %s", files["leaflet.html"])
		}
	}
}

// TestStaticScriptsManifestsAndXMLWithSiteRootedAddresses: under a path,
// a site's own web manifest, script and XML file with site-rooted
// addresses are warned of at the line of the first, with the fix for
// that kind of file, and copied as they are; relative addresses, a JSON
// file that is no manifest, and a site at the root of its host get no
// warning.
func TestStaticScriptsManifestsAndXMLWithSiteRootedAddresses(t *testing.T) {
	t.Parallel()
	const manifest = "{\n  \"name\": \"Test Health\",\n  \"start_url\": \"/\",\n  \"icons\": [{\"src\": \"/images/icon.png\", \"sizes\": \"192x192\"}]\n}\n"
	for _, c := range []struct {
		baseURL string
		want    []string
	}{
		{"https://example.github.io/guide/", []string{
			"static/browserconfig.xml:3: warning: the site is served under /guide/, but this static file is copied as it is, so its site-rooted address /images/tile.png points outside the site (to /images/tile.png, not /guide/images/tile.png) [links]\n\thint: write its addresses relative to the file",
			"static/js/app.js:2: warning: the site is served under /guide/, but this static file is copied as it is, so its string \"/search/extra.json\" and 1 more, a site-rooted address, points outside the site (to /search/extra.json, not /guide/search/extra.json) [links]\n\thint: write the address with the path (/guide/search/extra.json), or build it from the address of the page that loads the script",
			"static/site.webmanifest:3: warning: the site is served under /guide/, but this static file is copied as it is, so its site-rooted address / and 1 more (start_url, scope, an icon's src…) points outside the site (to /, not /guide/) [links]\n\thint: write it relative to the manifest",
		}},
		{"https://health.test/", nil},
	} {
		dir := guideSite(t, c.baseURL)
		writeFile(t, filepath.Join(dir, "static", "site.webmanifest"), []byte(manifest))
		writeFile(t, filepath.Join(dir, "static", "relative.webmanifest"), []byte(`{"start_url": "./", "icons": [{"src": "images/icon.png"}]}`))
		writeFile(t, filepath.Join(dir, "static", "js", "app.js"), []byte("const parts = location.pathname.split(\"/\");\nfetch('/search/extra.json');\nconst more = `/api/${parts[1]}`, rel = 'images/a.png';\n"))
		writeFile(t, filepath.Join(dir, "static", "browserconfig.xml"), []byte("<?xml version=\"1.0\"?>\n<browserconfig><msapplication><tile>\n<square150x150logo src=\"/images/tile.png\"/>\n</tile></msapplication></browserconfig>\n"))
		writeFile(t, filepath.Join(dir, "static", "fhir", "Patient.json"), []byte(`{"resourceType": "Patient", "url": "/Patient/1"}`))
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
		var got []string
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "this static file is copied as it is") {
				got = append(got, d.String())
			}
		}
		slices.Sort(got)
		if len(got) != len(c.want) {
			t.Errorf("base_url %s: warnings %q, want %d", c.baseURL, got, len(c.want))
			continue
		}
		for i, w := range c.want {
			if !strings.HasPrefix(got[i], w) {
				t.Errorf("base_url %s: warning\n%s\nwant it to start\n%s", c.baseURL, got[i], w)
			}
		}
		if string(files["site.webmanifest"]) != manifest {
			t.Errorf("the manifest was not copied as it is: %s", files["site.webmanifest"])
		}
	}
}
