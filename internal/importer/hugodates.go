package importer

import (
	"fmt"
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
	for _, id := range s.dateOrder {
		if id == "date" {
			if hasWritten {
				return // Hugo took the date written
			}
			continue
		}
		v, ok := s.dateFrom(d, f, id)
		if !ok {
			continue
		}
		date, from, severity, line, extra := v.date, v.from, v.severity, v.line, v.extra
		switch id {
		case ":filename":
			slug := strings.Trim(v.base[10:], " -_")
			if slugOK && slug != "" && !hasKey(f.entries, "slug") && !hasKey(f.entries, "url") {
				u := normURL(path.Dir(strings.TrimSuffix(d.url, "/")) + "/" + slug)
				if s.lowerPaths {
					u = strings.ToLower(u)
				}
				d.url, d.slug = u, slugify(slug)
				d.set("url", u)
				extra = "; its address is " + u + ", as Hugo's (the rest of the file name is the page's slug)"
			}
		case "lastmod", "modified":
			extra = "; that is the day it was last changed: correct it if the page was published earlier"
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

// dateGiven is the date one of Hugo's frontmatter ids (a front matter
// key, :filename, :filemodtime, :git) gave a page.
type dateGiven struct {
	date     string // as medkb writes it
	from     string // where it came from, for the notes
	extra    string // what a person should know about it
	severity string
	line     int    // the front matter key's line; 0 for the others
	base     string // :filename: the file name (a bundle's folder name)
}

// dateFrom returns the date id gives page d of content file f, as Hugo
// reads it: a front matter key (custom keys too) its date, :filename
// the date a file name starts with (2024-03-01-asthma.md; a bundle's
// folder name), :filemodtime the file's modification time, :git its
// last commit's author date (Hugo's .GitInfo, with enableGitInfo).
// ok is false when id gives none (Hugo tries the next): no such key,
// a value that is not a date (noted where the key is mapped) or a
// placeholder year.
func (s *site) dateFrom(d *doc, f *contentFile, id string) (v dateGiven, ok bool) {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	v.severity = Changed
	switch id {
	case ":filename":
		base := f.name // Hugo's ContentBaseName: a bundle's folder name
		if base == "index" || base == "_index" {
			base = path.Base(f.dir())
		}
		if len(base) < 10 {
			return v, false
		}
		t, err := time.Parse(time.DateOnly, base[:10])
		if err != nil || t.Year() < 1900 {
			return v, false
		}
		v.date, v.from, v.base = day(t), "the file name "+base, base
	case ":filemodtime":
		st, err := os.Stat(f.abs)
		if err != nil {
			return v, false
		}
		v.date, v.from, v.severity = day(st.ModTime()), "the file's modification time", Human
		v.extra = "; a copy or a checkout sets that time, so it is rarely the day the page was published: write the real date"
	case ":git":
		g, ok := s.gitDates[d.src]
		if !ok {
			return v, false
		}
		v.date, v.from = day(g.last), "git history: the last commit's author date, Hugo's .GitInfo"
		v.extra = "; the first commit, the day the file was added, is " + day(g.first)
	default:
		e, ok := entryOf(f.entries, id)
		if !ok {
			return v, false
		}
		raw := strings.TrimSpace(str(e.value))
		t, err := frontmatter.ParseDate(raw)
		if raw == "" || err != nil || t.Year() < 1900 {
			return v, false
		}
		v.date, v.from, v.line = formatDate(t), e.key, e.line
	}
	return v, true
}

// hugoDateKind is one of a Hugo page's dates other than .Date, with
// the order in which Hugo looked for it (the site's frontmatter
// setting, else Hugo's default) and the medkb key it becomes.
type hugoDateKind struct {
	name   string   // Hugo's, as frontmatter names it: publishDate
	key    string   // medkb's: publish_date
	mapped []string // the front matter keys mapMeta maps to key, lower case
	order  []string // hugoDateOrder's
	file   string   // the configuration file that set order; "": Hugo's default
}

// Hugo's defaults for its other dates (hugoDefaultLastmod above).
var (
	hugoDefaultPublishDate = []string{"publishdate", "date"}
	hugoDefaultExpiryDate  = []string{"expirydate"}
)

// hugoDateKinds returns publishDate, lastmod and expiryDate as the
// site's configuration orders them.
func hugoDateKinds(cfg hugoConfig, cfgName string) []hugoDateKind {
	kinds := []hugoDateKind{
		{name: "publishDate", key: "publish_date", mapped: []string{"publishdate", "pubdate", "publish_date", "published"}, order: hugoDefaultPublishDate},
		{name: "lastmod", key: "lastmod", mapped: []string{"lastmod", "last_modified_at", "modified", "updated"}, order: hugoDefaultLastmod},
		{name: "expiryDate", key: "expires", mapped: []string{"expirydate", "unpublishdate", "expires"}, order: hugoDefaultExpiryDate},
	}
	for i, k := range kinds {
		order, set := hugoDateOrder(cfg, strings.ToLower(k.name), k.order)
		kinds[i].order = order
		if set {
			kinds[i].file = cfg.fileOf("frontmatter", cfgName)
		}
	}
	return kinds
}

// hugoOtherDates gives page d of content file f its publish date,
// lastmod and expiry date as Hugo took them (after hugoDate): for each,
// the first id of its order that gives a date wins (not the key written
// last, as mapMeta maps them), whether a front matter key, :filename,
// :filemodtime or :git (lastmod's :git is applyGitDates'). A date taken
// from another key than Hugo's own for it, or that replaces another
// key's, has a note naming the order and where it is set. A publish
// date or lastmod that is the page's date is left to medkb's default.
// A date only keys the order does not read give is left out, as Hugo
// showed none, with a note.
func (s *site) hugoOtherDates(d *doc, f *contentFile) {
	date, _ := d.get("date")
	for _, k := range s.dateKinds {
		by := "Hugo's default frontmatter." + k.name + " (" + strings.Join(k.order, ", ") + ")"
		if k.file != "" {
			by = "frontmatter." + k.name + " in " + k.file + " (" + strings.Join(k.order, ", ") + ")"
		}
		mapped, hasMapped := d.get(k.key)
		var hugoKeys []string // the keys Hugo reads as this date, as written
		for _, e := range f.entries {
			if lk := strings.ToLower(e.key); slices.Contains(k.mapped, lk) && hugoReadsDate[lk] {
				hugoKeys = append(hugoKeys, e.key)
			}
		}
		if hasMapped && len(hugoKeys) == 0 {
			continue // from a key Hugo does not read (updated:), as medkb's
		}
		var v dateGiven
		id, ok := "", false
		for _, id = range k.order {
			if id == ":git" && k.key == "lastmod" {
				continue // applyGitDates, once the dates are known
			}
			if v, ok = s.dateFrom(d, f, id); ok {
				break
			}
		}
		if !ok {
			if hasMapped {
				d.unset(k.key)
				s.note(d.src, 0, Changed, "%s %v left out: Hugo did not read %s, as it took the page's %s by %s, so it showed none; add the key to that order and import again to keep it", k.key, mapped, strings.Join(hugoKeys, ", "), k.name, by)
			}
			continue
		}
		if k.key == "expires" {
			s.hugoExpiry(d, v)
		}
		if k.key != "expires" && !hasMapped && v.date == str(date) {
			continue // medkb's default: the page's date
		}
		if k.key == "lastmod" && !hasMapped && firstN(v.date, 10) < firstN(str(date), 10) {
			// date: written, replaced by an earlier key of frontmatter.date
			// (noted): a lastmod before the date would say the page
			// changed before it came out; medkb's default, the date.
			continue
		}
		replaced := hasMapped && str(mapped) != v.date
		if !replaced && slices.Contains(k.mapped, id) {
			if !hasMapped {
				d.set(k.key, v.date) // a key medkb maps, not as it maps them
			}
			continue
		}
		d.set(k.key, v.date)
		msg := fmt.Sprintf("%s %s taken from %s, as Hugo took the page's %s by %s%s", k.key, v.date, v.from, k.name, by, v.extra)
		if replaced {
			msg += fmt.Sprintf("; %v, from a key later in that order, is left out", mapped)
		}
		s.note(d.src, v.line, v.severity, "%s", msg)
	}
}

// hugoExpiry says what becomes of page d, whose expiry date is v: Hugo
// publishes a page only until then (not at all once it is past, where
// its address answers "not found"), and medkb keeps publishing an
// expired page at its address, only leaving it out of lists, search,
// the sitemap and the feeds. No front matter key does what Hugo did:
// draft: true also takes it out of medkb serve's preview and makes
// every link to it an error. So the page keeps its date as expires:,
// with a note: one a person acts on when the date has passed.
func (s *site) hugoExpiry(d *doc, v dateGiven) {
	t, err := frontmatter.ParseDate(v.date)
	if err != nil || d.draft {
		return // a draft is not published by either
	}
	if !t.After(time.Now()) {
		s.note(d.src, v.line, Human, "expires %s (from %s): Hugo did not publish this page since %s; medkb publishes it at its address %s but leaves it out of lists, search and feeds — delete it or set draft: true to keep it unpublished", v.date, v.from, v.date, d.url)
		return
	}
	s.note(d.src, v.line, Changed, "expires %s (from %s): Hugo stops publishing this page then; medkb will keep it at its address %s and leave it out of lists, search and feeds — delete it then, or set draft: true, to take it down as Hugo would", v.date, v.from, d.url)
}

// hugoReadsDate are the front matter keys Hugo reads as dates (by its
// default orders), of those mapMeta maps.
var hugoReadsDate = map[string]bool{"publishdate": true, "pubdate": true, "published": true, "lastmod": true, "modified": true, "expirydate": true, "unpublishdate": true}

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
