package check

import (
	"fmt"
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
func checkTrustPages(site Site, idx *index) []Diagnostic {
	names := make([]string, 0, len(site.TrustPages))
	for name := range site.TrustPages {
		names = append(names, name)
	}
	slices.Sort(names)
	pages := published(site.Pages)
	var out []Diagnostic
	for _, name := range names {
		u := site.TrustPages[name]
		key := idx.sitePath(u)
		if p, _ := idx.lookup(key); p == nil || p.Draft {
			out = append(out, Diagnostic{File: site.ConfigFile, Severity: Error, Check: "trust-page",
				Message: fmt.Sprintf("trust page %q (%s) does not exist as a published page", name, u),
				Hint:    "create the page, or point the trust page setting at its URL"})
			continue
		}
		if missing := pagesWithoutFooterLink(pages, key, idx); len(missing) > 0 {
			out = append(out, Diagnostic{File: site.ConfigFile, Severity: Error, Check: "trust-page",
				Message: fmt.Sprintf("trust page %q (%s) is not linked from the footer of %d page(s): %s",
					name, u, len(missing), namePages(missing)),
				Hint: "link every trust page from the site footer or navigation menu"})
		}
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
