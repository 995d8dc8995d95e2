package importer

import (
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/frontmatter"
)

// Hugo's default frontmatter orders, as Hugo writes them (before its
// aliases are added, hugoDateAliases).
var (
	hugoDefaultDate    = []string{"date", "publishdate", "lastmod"}
	hugoDefaultLastmod = []string{":git", "lastmod", "date", "publishdate"}
)

// hugoDateAliases are the front matter keys Hugo reads for each of its
// dates after the date's own key.
var hugoDateAliases = map[string][]string{
	"lastmod":     {"modified"},
	"publishdate": {"pubdate", "published"},
	"expirydate":  {"unpublishdate"},
}

// hugoDateOrder returns the order in which Hugo looked for one of a
// page's dates (key: date or lastmod; def: Hugo's default for it): the
// site's frontmatter setting, else the default, with :default expanded
// and each key followed by its aliases, lower case, as Hugo's
// DecodeFrontMatterConfig makes it. set: the site sets it.
func hugoDateOrder(cfg hugoConfig, key string, def []string) (order []string, set bool) {
	var ids []string
	for k, v := range cfg.Frontmatter {
		if strings.EqualFold(k, key) {
			ids, set = stringsOf(v), true
		}
	}
	if !set {
		ids = def
	}
	for _, id := range ids {
		id = strings.ToLower(strings.TrimSpace(id))
		if id == ":default" {
			order = append(order, def...)
		} else {
			order = append(order, id)
		}
	}
	var out []string
	for _, id := range order {
		for _, x := range append([]string{id}, hugoDateAliases[id]...) {
			if !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
	}
	return out, set
}

// hugoDate gives the page d of content file f the date Hugo gave it, by
// the site's frontmatter.date (s.dateOrder; Hugo's default is date,
// publishdate, pubdate, published, lastmod, modified): the first that
// has a date wins. A front matter key (custom keys too) gives its date;
// :filename the date a file name starts with (2024-03-01-asthma.md; a
// bundle's folder name), whose rest becomes the page's last address
// segment, as Hugo's slug, unless the page has slug: or url:;
// :filemodtime the file's modification time, which is rarely the day
// the page was published; :git its last commit's author date (Hugo's
// .GitInfo, with enableGitInfo). A date taken from anything but date:
// has a note naming where it came from, and one that replaces a
// different date: written in front matter says so. A page none gives
// a date stays undated (resolve makes it a draft, or gives it the
// first commit's date or --undated-date). slugOK: the page is not a
// section's list page (Hugo's slug does not apply to those).
func (s *site) hugoDate(d *doc, f *contentFile, slugOK bool) {
	written, hasWritten := d.get("date")
	by := "Hugo's default frontmatter.date (" + strings.Join(s.dateOrder, ", ") + ")"
	if s.dateOrderFile != "" {
		by = "frontmatter.date in " + s.dateOrderFile + " (" + strings.Join(s.dateOrder, ", ") + ")"
	}
	base := f.name // Hugo's ContentBaseName: a bundle's folder name
	if base == "index" || base == "_index" {
		base = path.Base(f.dir())
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	for _, id := range s.dateOrder {
		var date, from, extra string
		severity, line := Changed, 0
		switch id {
		case "date":
			if hasWritten {
				return // Hugo took the date written
			}
			continue
		case ":filename":
			if len(base) < 10 {
				continue
			}
			t, err := time.Parse(time.DateOnly, base[:10])
			if err != nil || t.Year() < 1900 {
				continue
			}
			date, from = day(t), "the file name "+base
			slug := strings.Trim(base[10:], " -_")
			if slugOK && slug != "" && !hasKey(f.entries, "slug") && !hasKey(f.entries, "url") {
				u := normURL(path.Dir(strings.TrimSuffix(d.url, "/")) + "/" + slug)
				if s.lowerPaths {
					u = strings.ToLower(u)
				}
				d.url, d.slug = u, slugify(slug)
				d.set("url", u)
				extra = "; its address is " + u + ", as Hugo's (the rest of the file name is the page's slug)"
			}
		case ":filemodtime":
			st, err := os.Stat(f.abs)
			if err != nil {
				continue
			}
			date, from, severity = day(st.ModTime()), "the file's modification time", Human
			extra = "; a copy or a checkout sets that time, so it is rarely the day the page was published: write the real date"
		case ":git":
			g, ok := s.gitDates[d.src]
			if !ok {
				continue
			}
			date, from = day(g.last), "git history: the last commit's author date, Hugo's .GitInfo"
			extra = "; the first commit, the day the file was added, is " + day(g.first)
		default:
			e, ok := entryOf(f.entries, id)
			if !ok {
				continue
			}
			raw := strings.TrimSpace(str(e.value))
			t, err := frontmatter.ParseDate(raw)
			if raw == "" || err != nil || t.Year() < 1900 {
				continue // Hugo tries the next; a bad date is noted where mapped
			}
			date, from, line = formatDate(t), e.key, e.line
			if id == "lastmod" || id == "modified" {
				extra = "; that is the day it was last changed: correct it if the page was published earlier"
			}
		}
		d.set("date", date)
		d.dated = true
		if hasWritten && str(written) != date {
			s.note(d.src, line, Changed, "date %v written in front matter replaced by %s, taken from %s, as Hugo dated the page by %s%s", written, date, from, by, extra)
		} else if !hasWritten {
			s.note(d.src, line, severity, "no date in front matter: date %s taken from %s, as Hugo dated the page by %s%s", date, from, by, extra)
		}
		return
	}
	if hasWritten {
		s.note(d.src, 0, Changed, "Hugo showed no date for the page: %s does not read date:, and nothing it reads gave one; the date %v written in front matter is kept", by, written)
	}
}

// hasKey reports whether entries have key (any case).
func hasKey(entries []entry, key string) bool {
	_, ok := entryOf(entries, key)
	return ok
}

// entryOf returns the first entry whose key is key (any case), as
// Hugo's lower-case params find it.
func entryOf(entries []entry, key string) (entry, bool) {
	for _, e := range entries {
		if strings.EqualFold(e.key, key) {
			return e, true
		}
	}
	return entry{}, false
}
