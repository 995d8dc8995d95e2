package check

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
)

// maxNamedPages bounds how many pages a site-wide message lists.
const maxNamedPages = 3

// published returns the non-draft pages ordered by file, so "first" in
// duplicate reports is deterministic.
func published(pages []Page) []*Page {
	out := make([]*Page, 0, len(pages))
	for i := range pages {
		if !pages[i].Draft {
			out = append(out, &pages[i])
		}
	}
	slices.SortStableFunc(out, func(a, b *Page) int { return strings.Compare(a.File, b.File) })
	return out
}

// checkDuplicateTitles warns about published pages in the same language
// sharing a title (compared case- and space-insensitively).
func checkDuplicateTitles(pages []Page) []Diagnostic {
	first := map[string]*Page{}
	var out []Diagnostic
	for _, p := range published(pages) {
		title := strings.Join(strings.Fields(strings.ToLower(p.Title)), " ")
		if title == "" {
			continue
		}
		key := strings.ToLower(p.Lang) + "\x00" + title
		orig, seen := first[key]
		if !seen {
			first[key] = p
			continue
		}
		out = append(out, Diagnostic{File: p.File, Line: lineOr(p.TitleLine, 1), Severity: Warning, Check: "duplicate-title",
			Message: fmt.Sprintf("title %q is also used by %s", p.Title, orig.File),
			Hint:    "give each page a distinct title so search results and tabs can be told apart"})
	}
	return out
}

// checkDuplicateSlugs reports two published pages with the same URL
// (error) and the same slug in different sections of one language
// (warning: readers and search results confuse them).
func checkDuplicateSlugs(pages []Page) []Diagnostic {
	byURL := map[string]*Page{}
	bySlug := map[string]*Page{}
	var out []Diagnostic
	for _, p := range published(pages) {
		line := lineOr(p.TitleLine, 1)
		key := normalizePath(p.URL)
		if orig, dup := byURL[key]; dup && p.URL != "" {
			out = append(out, Diagnostic{File: p.File, Line: line, Severity: Error, Check: "duplicate-slug",
				Message: fmt.Sprintf("URL %s is also used by %s", p.URL, orig.File),
				Hint:    "change the slug (or file name) of one of the pages"})
			continue
		}
		byURL[key] = p
		slug := strings.ToLower(p.Slug)
		if slug == "" {
			continue
		}
		skey := strings.ToLower(p.Lang) + "\x00" + slug
		orig, seen := bySlug[skey]
		if !seen {
			bySlug[skey] = p
			continue
		}
		if section(orig.URL) == section(p.URL) {
			continue // same section and different URL: not a slug clash
		}
		out = append(out, Diagnostic{File: p.File, Line: line, Severity: Warning, Check: "duplicate-slug",
			Message: fmt.Sprintf("slug %q is also used by %s (%s)", p.Slug, orig.File, orig.URL),
			Hint:    "use a more specific slug so the two pages are easy to tell apart"})
	}
	return out
}

// section is the parent path of a page URL: "/conditions/asthma/" →
// "/conditions".
func section(u string) string { return path.Dir(normalizePath(u)) }

// checkTrustPages reports configured trust pages that do not exist as
// published pages, and trust pages missing from some pages' footer links.
// A language's own trust page (LangTrustPages) replaces the site-level one
// on that language's pages.
func checkTrustPages(site Site, idx *index) []Diagnostic {
	names := make([]string, 0, len(site.TrustPages))
	for name := range site.TrustPages {
		names = append(names, name)
	}
	langs := make([]string, 0, len(site.LangTrustPages))
	for code, m := range site.LangTrustPages {
		langs = append(langs, code)
		for name := range m {
			if _, ok := site.TrustPages[name]; !ok {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	slices.Sort(langs)
	pages := published(site.Pages)
	var out []Diagnostic
	for _, name := range names {
		// The URL each page must link: its language's own, else the site's.
		want := func(p *Page) string {
			if u := site.LangTrustPages[p.Lang][name]; u != "" {
				return u
			}
			return site.TrustPages[name]
		}
		urls := []string{}
		if u := site.TrustPages[name]; u != "" {
			urls = append(urls, u)
		}
		for _, code := range langs {
			if u := site.LangTrustPages[code][name]; u != "" && !slices.Contains(urls, u) {
				urls = append(urls, u)
			}
		}
		exists := map[string]bool{}
		for _, u := range urls {
			if p, _ := idx.lookup(idx.sitePath(u)); p == nil || p.Draft {
				out = append(out, Diagnostic{File: site.ConfigFile, Severity: Error, Check: "trust-page",
					Message: fmt.Sprintf("trust page %q (%s) does not exist as a published page", name, u),
					Hint:    "create the page, or point the trust page setting at its URL"})
				continue
			}
			exists[u] = true
		}
		for _, u := range urls {
			if !exists[u] {
				continue
			}
			var own []*Page
			for _, p := range pages {
				if want(p) == u {
					own = append(own, p)
				}
			}
			if missing := pagesWithoutFooterLink(own, idx.sitePath(u), idx); len(missing) > 0 {
				out = append(out, Diagnostic{File: site.ConfigFile, Severity: Error, Check: "trust-page",
					Message: fmt.Sprintf("trust page %q (%s) is not linked from the footer of %d page(s): %s",
						name, u, len(missing), namePages(missing)),
					Hint: "link every trust page from the site footer or navigation menu"})
			}
		}
	}
	return out
}

// MenuLink is an entry of the site's main navigation, at its line of
// the configuration file.
type MenuLink struct {
	Name, URL string
	Line      int
}

// checkMenu checks the main navigation's links as a page's: each is on
// every page, so a broken one is broken everywhere. Each language's
// pages link the language's own page where there is one (/es/about/ for
// /about/, as the renderer localizes the menu), else the address as
// written; every address some language's pages show is checked. A
// relative address would lead somewhere else from each page, and is
// reported as such.
func checkMenu(site Site, idx *index) []Diagnostic {
	var out []Diagnostic
	home := &Page{URL: "/"}
	for _, m := range site.Menu {
		u, err := url.Parse(m.URL)
		if err == nil && u.Scheme == "" && u.Host == "" && u.Path == "" && u.Fragment != "" {
			continue // #main: the same place on every page, as the theme lays it out
		}
		if err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" && !strings.HasPrefix(u.Path, "/") {
			out = append(out, Diagnostic{File: site.ConfigFile, Line: m.Line, Severity: Error, Check: "link",
				Message: fmt.Sprintf(menuPrefix+"%q: %q is a relative address: from each page it would lead somewhere else", m.Name, m.URL),
				Hint:    "start it with / and the page's path from the site's root, such as /conditions/, or write a full https:// address"})
			continue
		}
		for _, dest := range menuDests(site, idx, m.URL) {
			if d, bad := checkLink(home, Link{Dest: dest}, idx); bad {
				d.File, d.Line = site.ConfigFile, m.Line
				d.Message = fmt.Sprintf(menuPrefix+"%q: %s", m.Name, d.Message)
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// menuPrefix starts every diagnostic of checkMenu's message: FromMenu
// tells them from the other diagnostics at the configuration file.
const menuPrefix = "menu entry "

// FromMenu reports whether a diagnostic's message is checkMenu's: a
// check of only some pages makes those again, for the menu is on every
// page.
func FromMenu(message string) bool { return strings.HasPrefix(message, menuPrefix) }

// menuDests returns the addresses a menu entry's link has on the pages of
// the site's languages, without repeats.
func menuDests(site Site, idx *index, u string) []string {
	if len(site.Languages) == 0 {
		return []string{u}
	}
	var dests []string
	for _, l := range site.Languages {
		d := u
		if p := l.Prefix; p != "" && strings.HasPrefix(u, "/") && !strings.HasPrefix(u, p+"/") && site.PageURLs[p+u] {
			d = p + u
		}
		if !slices.Contains(dests, d) {
			dests = append(dests, d)
		}
	}
	return dests
}

// MenuTargets returns the normalised paths (TargetKey) of the pages the
// main navigation may lead to, in any language: the pages a check of
// only some pages needs to check the menu.
func MenuTargets(site Site) map[string]bool {
	out := map[string]bool{}
	for _, m := range site.Menu {
		u, err := url.Parse(m.URL)
		if err != nil || u.Scheme != "" && !strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https") {
			continue
		}
		out[normalizePath(u.Path)] = true
		for _, l := range site.Languages {
			if l.Prefix != "" {
				out[normalizePath(l.Prefix+"/"+strings.TrimPrefix(u.Path, "/"))] = true
			}
		}
	}
	return out
}

// TargetKey normalises a page's address as MenuTargets' keys are.
func TargetKey(u string) string { return normalizePath(u) }

// checkLanguageDisclaimers warns about a language other than the default
// without a disclaimer of its own while the site has one: its pages show
// the safety text in another language.
func checkLanguageDisclaimers(site Site) []Diagnostic {
	if strings.TrimSpace(site.Disclaimer) == "" {
		return nil
	}
	var out []Diagnostic
	for _, l := range site.Languages {
		if l.Default || l.OwnDisclaimer {
			continue
		}
		name := l.Name
		if name == "" || name == l.Code {
			name = "language " + l.Code
		}
		out = append(out, Diagnostic{File: site.ConfigFile, Line: l.Line, Severity: Warning, Check: "language-disclaimer",
			Message: fmt.Sprintf("language %q has no disclaimer of its own: its pages show the site's disclaimer, a safety text in another language", l.Code),
			Hint:    fmt.Sprintf("add disclaimer: \"…\" with the disclaimer translated into %s to the %s entry under languages: in medkb.yaml", name, l.Code)})
	}
	return out
}

func pagesWithoutFooterLink(pages []*Page, key string, idx *index) []*Page {
	var missing []*Page
	for _, p := range pages {
		found := false
		for _, l := range p.FooterLinks {
			if idx.withoutBase(idx.sitePath(l)) == idx.withoutBase(key) {
				found = true
				break
			}
		}
		if !found {
			missing = append(missing, p)
		}
	}
	return missing
}

// namePages lists the first few files, then how many more.
func namePages(pages []*Page) string {
	var names []string
	for i, p := range pages {
		if i == maxNamedPages {
			names = append(names, fmt.Sprintf("and %d more", len(pages)-maxNamedPages))
			break
		}
		names = append(names, p.File)
	}
	return strings.Join(names, ", ")
}
