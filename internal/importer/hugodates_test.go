package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/importer"
)

// Hugo dated a page without date: from publishDate, pubdate, published,
// lastmod or modified (its default frontmatter.date); the import made
// such a page a draft when the site had no git history. Now each takes
// its date from the first of those it has, with a note naming the key
// and its line; a page with none of them, or with a date only in its
// file name (which Hugo's default does not read), is a draft as before.
// The imported site builds and publishes the dated pages.
func TestImportHugoDatesFromHugosDefaultFrontmatterDate(t *testing.T) {
	t.Parallel()
	page := func(fm string) string { return "---\ntitle: Page\n" + fm + "---\nText.\n" }
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                       "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/news/pub.md":             page("publishDate: 2023-05-01\n"),
		"content/news/pubdate.md":         page("pubdate: 2023-05-02\n"),
		"content/news/published.md":       page("published: 2023-05-03\n"),
		"content/news/lastmod.md":         page("lastmod: 2023-05-04\n"),
		"content/news/modified.md":        page("modified: 2023-05-05\n"),
		"content/news/both.md":            page("lastmod: 2023-05-07\npublishDate: 2023-05-06\n"),
		"content/news/dated.md":           page("date: 2023-05-08\npublishDate: 2023-05-09\n"),
		"content/news/none.md":            page(""),
		"content/news/2023-05-10-name.md": page(""),
	})
	wantDates(t, dest, "news/pub.md", "2023-05-01", "", false)
	wantDates(t, dest, "news/pubdate.md", "2023-05-02", "", false)
	wantDates(t, dest, "news/published.md", "2023-05-03", "", false)
	wantDates(t, dest, "news/lastmod.md", "2023-05-04", "2023-05-04", false)
	wantDates(t, dest, "news/modified.md", "2023-05-05", "2023-05-05", false)
	wantDates(t, dest, "news/both.md", "2023-05-06", "2023-05-07", false)
	wantDates(t, dest, "news/dated.md", "2023-05-08", "", false)
	wantDates(t, dest, "news/none.md", "", "", true)
	wantDates(t, dest, "news/2023-05-10-name.md", "", "", true)
	if fm, _ := readImportedMeta(t, dest, "news/published.md"); fm["publish_date"] != "2023-05-03" {
		t.Errorf("published: 2023-05-03 (Hugo's publishDate) is not publish_date: %v", fm)
	}
	wantNote(t, rep, "content/news/pub.md", 3, importer.Changed, "no date in front matter: date 2023-05-01 taken from publishDate, as Hugo dated the page by Hugo's default frontmatter.date (date, publishdate, pubdate, published, lastmod, modified)")
	wantNote(t, rep, "content/news/pubdate.md", 3, importer.Changed, "date 2023-05-02 taken from pubdate")
	wantNote(t, rep, "content/news/published.md", 3, importer.Changed, "date 2023-05-03 taken from published")
	wantNote(t, rep, "content/news/lastmod.md", 3, importer.Changed, "date 2023-05-04 taken from lastmod")
	wantNote(t, rep, "content/news/lastmod.md", 3, importer.Changed, "the day it was last changed")
	wantNote(t, rep, "content/news/modified.md", 3, importer.Changed, "date 2023-05-05 taken from modified")
	wantNote(t, rep, "content/news/both.md", 4, importer.Changed, "date 2023-05-06 taken from publishDate")
	if n := notesContaining(rep, "content/news/dated.md", "date"); len(n) > 0 {
		t.Errorf("a page with date: has notes on its date: %v", n)
	}
	if rep.Drafts != 2 {
		t.Errorf("%d drafts, want 2", rep.Drafts)
	}
	files, _ := build(t, dest)
	for _, p := range []string{"pub", "pubdate", "published", "lastmod", "modified", "both", "dated"} {
		if _, ok := files["news/"+p+"/index.html"]; !ok {
			t.Errorf("news/%s is not published", p)
		}
	}
}

// A site's frontmatter.date is followed in its order: :filename (a
// date at the start of the file name, or of a bundle's folder name,
// whose rest is the page's slug, so its address, unless it has slug:
// or url:), :default (Hugo's keys), :fileModTime (the file's time, with
// a note a person sees: it is rarely the publication date) and a key of
// the site's own. A date taken before date: replaces a different one
// written, with a note; a date: the order does not read is kept, with a
// note. The imported site builds with each page at Hugo's address.
func TestImportHugoFollowsTheSitesFrontmatterDate(t *testing.T) {
	t.Parallel()
	page := func(fm string) string { return "---\ntitle: Page\n" + fm + "---\nText.\n" }
	dest, rep := importHugo(t, map[string]string{
		"config/_default/hugo.toml":                "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n[frontmatter]\ndate = [':filename', ':default']\n",
		"content/posts/2023-06-01-asthma.md":       page(""),
		"content/posts/2023-06-02-copd.md":         page("date: 2020-01-01\n"),
		"content/posts/2023-06-03-bundle/index.md": page(""),
		"content/posts/2023-06-04-kept.md":         page("slug: kept-slug\n"),
		"content/posts/plain.md":                   page("publishDate: 2023-06-05\n"),
	})
	wantDates(t, dest, "posts/asthma.md", "2023-06-01", "", false)
	wantDates(t, dest, "posts/copd.md", "2023-06-02", "", false)
	wantDates(t, dest, "posts/bundle.md", "2023-06-03", "", false)
	wantDates(t, dest, "posts/plain.md", "2023-06-05", "", false)
	for name, url := range map[string]string{"posts/asthma.md": "/posts/asthma/", "posts/bundle.md": "/posts/bundle/", "posts/plain.md": "/posts/plain/"} {
		if fm, _ := readImportedMeta(t, dest, name); fm["url"] != url {
			t.Errorf("%s: url %v, want %s", name, fm["url"], url)
		}
	}
	if fm, _ := readImportedMeta(t, dest, "posts/kept-slug.md"); fm["date"] != "2023-06-04" {
		t.Errorf("the page with slug: is not dated by its file name: %v", fm)
	}
	wantNote(t, rep, "content/posts/2023-06-01-asthma.md", 0, importer.Changed, "no date in front matter: date 2023-06-01 taken from the file name 2023-06-01-asthma, as Hugo dated the page by frontmatter.date in config/_default/hugo.toml (:filename, date, publishdate")
	wantNote(t, rep, "content/posts/2023-06-01-asthma.md", 0, importer.Changed, "its address is /posts/asthma/")
	wantNote(t, rep, "content/posts/2023-06-02-copd.md", 0, importer.Changed, "date 2020-01-01 written in front matter replaced by 2023-06-02, taken from the file name")
	wantNote(t, rep, "content/posts/plain.md", 3, importer.Changed, "date 2023-06-05 taken from publishDate")
	if n := notesContaining(rep, "", "frontmatter settings"); len(n) > 0 {
		t.Errorf("frontmatter.date, read, is listed as not applied: %v", n)
	}
	files, _ := build(t, dest)
	for _, p := range []string{"posts/asthma/index.html", "posts/copd/index.html", "posts/bundle/index.html", "posts/kept-slug/index.html", "posts/plain/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s is not published", p)
		}
	}

	// :fileModTime and a key of the site's own; date: not in the order.
	src := writeTree(t, map[string]string{
		"hugo.toml":               "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n[frontmatter]\ndate = ['reviewed', ':fileModTime']\n",
		"content/news/touched.md": page(""),
		"content/news/own.md":     page("reviewed: 2022-03-03\n"),
		"content/news/written.md": page("date: 2021-01-01\n"),
	})
	when := time.Date(2022, 2, 2, 12, 0, 0, 0, time.UTC)
	for _, f := range []string{"touched.md", "written.md"} {
		if err := os.Chtimes(filepath.Join(src, "content", "news", f), when, when); err != nil {
			t.Fatal(err)
		}
	}
	dest = filepath.Join(t.TempDir(), "new")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	wantDates(t, dest, "news/touched.md", "2022-02-02", "", false)
	wantDates(t, dest, "news/own.md", "2022-03-03", "", false)
	wantDates(t, dest, "news/written.md", "2022-02-02", "", false)
	wantNote(t, rep, "content/news/touched.md", 0, importer.Human, "date 2022-02-02 taken from the file's modification time")
	wantNote(t, rep, "content/news/touched.md", 0, importer.Human, "rarely the day the page was published")
	wantNote(t, rep, "content/news/own.md", 3, importer.Changed, "date 2022-03-03 taken from reviewed")
	wantNote(t, rep, "content/news/written.md", 0, importer.Changed, "date 2021-01-01 written in front matter replaced by 2022-02-02, taken from the file's modification time")
}

// A date: that the site's frontmatter.date does not read: Hugo showed
// no date, and the import keeps the written one, with a note.
func TestImportHugoKeepsADateItsFrontmatterDateDoesNotRead(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":               "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n[frontmatter]\ndate = ['reviewed']\n",
		"content/news/written.md": "---\ntitle: Page\ndate: 2021-01-01\n---\nText.\n",
	})
	wantDates(t, dest, "news/written.md", "2021-01-01", "", false)
	wantNote(t, rep, "content/news/written.md", 0, importer.Changed, "Hugo showed no date for the page: frontmatter.date in hugo.toml (reviewed) does not read date:")
}

// :git in frontmatter.date (with enableGitInfo): Hugo dated a page
// without date: by its last commit (.GitInfo), so the import does, with
// a note giving the first commit's day too; without :git there (Hugo's
// default) an undated page takes its first commit's day
// (TestImportHugoEnableGitInfoDates).
func TestImportHugoDateFromGitWhenFrontmatterDateSaysSo(t *testing.T) {
	t.Parallel()
	src := gitSite(t, "hugo.toml", "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\nenableGitInfo = true\n[frontmatter]\ndate = [':default', ':git']\n")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	wantDates(t, dest, "conditions/asthma.md", "2022-05-06", "2022-05-06", false)
	wantDates(t, dest, "conditions/copd.md", "2020-01-01", "2023-07-08", false)
	wantDates(t, dest, "conditions/fever.md", "", "", true)
	wantNoteWith(t, rep, "content/conditions/asthma.md", importer.Changed, "no date in front matter: date 2022-05-06 taken from git history: the last commit's author date", "the first commit, the day the file was added, is 2021-03-04")
	if n := notesContaining(rep, "content/conditions/asthma.md", "first commit, 2021-03-04"); len(n) > 0 {
		t.Errorf("the first commit's date was given too: %v", n)
	}
}

// wantMeta fails t unless the imported page name has each key of want
// with its value ("" for none).
func wantMeta(t *testing.T, dest, name string, want map[string]string) {
	t.Helper()
	fm, _ := readImportedMeta(t, dest, name)
	for k, w := range want {
		got, _ := fm[k].(string)
		if got != w {
			t.Errorf("%s: %s %q, want %q", name, k, got, w)
		}
	}
}

// Hugo took a page's publishDate from the first of publishDate,
// pubdate, published (and date) that has one, and its expiryDate from
// expiryDate before unpublishdate: the import took the key written
// last. Now the first in Hugo's order wins, with a note naming the one
// left out. The imported site builds.
func TestImportHugoOtherDatesTakeTheFirstInHugosOrder(t *testing.T) {
	t.Parallel()
	page := func(fm string) string { return "---\ntitle: Page\ndate: 2023-04-01\n" + fm + "---\nText.\n" }
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":              "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/news/first.md":  page("publishDate: 2023-05-01\npublished: 2023-06-01\n"),
		"content/news/second.md": page("published: 2023-06-01\npublishDate: 2023-05-01\n"),
		"content/news/alias.md":  page("pubdate: 2023-05-02\n"),
		"content/news/expiry.md": page("expiryDate: 2030-01-01\nunpublishdate: 2031-01-01\n"),
		"content/news/edited.md": page("lastmod: 2023-07-01\nmodified: 2023-08-01\n"),
	})
	wantMeta(t, dest, "news/first.md", map[string]string{"publish_date": "2023-05-01"})
	wantMeta(t, dest, "news/second.md", map[string]string{"publish_date": "2023-05-01"})
	wantMeta(t, dest, "news/alias.md", map[string]string{"publish_date": "2023-05-02"})
	wantMeta(t, dest, "news/expiry.md", map[string]string{"expires": "2030-01-01"})
	wantMeta(t, dest, "news/edited.md", map[string]string{"lastmod": "2023-07-01"})
	wantNote(t, rep, "content/news/first.md", 4, importer.Changed, "publish_date 2023-05-01 taken from publishDate, as Hugo took the page's publishDate by Hugo's default frontmatter.publishDate (publishdate, pubdate, published, date); 2023-06-01, from a key later in that order, is left out")
	wantNote(t, rep, "content/news/expiry.md", 4, importer.Changed, "expires 2030-01-01 taken from expiryDate, as Hugo took the page's expiryDate by Hugo's default frontmatter.expiryDate (expirydate, unpublishdate); 2031-01-01, from a key later in that order, is left out")
	wantNote(t, rep, "content/news/edited.md", 4, importer.Changed, "lastmod 2023-07-01 taken from lastmod")
	for _, f := range []string{"second", "alias"} {
		if n := notesContaining(rep, "content/news/"+f+".md", "publish"); len(n) > 0 {
			t.Errorf("%s.md: a publish date Hugo and the import agree on is noted: %v", f, n)
		}
	}
	build(t, dest)
}

// A site's frontmatter.publishDate, lastmod and expiryDate are followed
// as frontmatter.date is: a key of the site's own gives the date, with
// a note naming the setting and its file; a date only a key the order
// leaves out gives is left out, as Hugo showed none, with a note. None
// of them is listed as not applied. The imported site builds.
func TestImportHugoFollowsTheSitesOtherFrontmatterDates(t *testing.T) {
	t.Parallel()
	page := func(fm string) string { return "---\ntitle: Page\ndate: 2023-01-01\n" + fm + "---\nText.\n" }
	dest, rep := importHugo(t, map[string]string{
		"config/_default/hugo.toml": "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"config/_default/frontmatter.toml": "publishDate = ['released', ':default']\nlastmod = ['reviewed', ':default']\n" +
			"expiryDate = ['review_due']\n",
		"content/news/own.md":   page("released: 2023-02-01\nreviewed: 2023-03-01\nreview_due: 2030-01-01\nlastmod: 2023-02-15\n"),
		"content/news/hugos.md": page("publishDate: 2023-02-02\nlastmod: 2023-03-02\n"),
		"content/news/gone.md":  page("expiryDate: 2030-02-02\n"),
	})
	wantMeta(t, dest, "news/own.md", map[string]string{"publish_date": "2023-02-01", "lastmod": "2023-03-01", "expires": "2030-01-01"})
	wantMeta(t, dest, "news/hugos.md", map[string]string{"publish_date": "2023-02-02", "lastmod": "2023-03-02"})
	wantMeta(t, dest, "news/gone.md", map[string]string{"expires": ""})
	wantNote(t, rep, "content/news/own.md", 4, importer.Changed, "publish_date 2023-02-01 taken from released, as Hugo took the page's publishDate by frontmatter.publishDate in config/_default/frontmatter.toml (released, publishdate, pubdate, published, date)")
	wantNote(t, rep, "content/news/own.md", 5, importer.Changed, "lastmod 2023-03-01 taken from reviewed, as Hugo took the page's lastmod by frontmatter.lastmod in config/_default/frontmatter.toml (reviewed, :git, lastmod, modified, date, publishdate, pubdate, published); 2023-02-15, from a key later in that order, is left out")
	wantNote(t, rep, "content/news/own.md", 6, importer.Changed, "expires 2030-01-01 taken from review_due, as Hugo took the page's expiryDate by frontmatter.expiryDate in config/_default/frontmatter.toml (review_due)")
	wantNote(t, rep, "content/news/gone.md", 0, importer.Changed, "expires 2030-02-02 left out: Hugo did not read expiryDate, as it took the page's expiryDate by frontmatter.expiryDate in config/_default/frontmatter.toml (review_due), so it showed none")
	if n := notesContaining(rep, "content/news/hugos.md", "taken from"); len(n) > 0 {
		t.Errorf("dates from Hugo's own keys are noted: %v", n)
	}
	if n := notesContaining(rep, "", "frontmatter settings"); len(n) > 0 {
		t.Errorf("frontmatter orders, read, are listed as not applied: %v", n)
	}
	build(t, dest)
}

// Hugo does not publish a page past its expiry date (expiryDate, or
// the key the site's frontmatter.expiryDate names); medkb publishes an
// expired page at its address and leaves it out of lists, search and
// feeds. The import said nothing. Now such a page comes in with
// expires: and a note a person acts on, at the key's line, saying
// what changes and how to keep it unpublished; one expiring later has
// a note saying what will happen then; a draft, unpublished by both,
// has none. The imported site builds: the expired page is at its
// address and not on its section's list.
func TestImportHugoExpiredPageIsNoted(t *testing.T) {
	t.Parallel()
	page := func(fm string) string { return "---\ntitle: Page\ndate: 2000-01-01\n" + fm + "---\nText.\n" }
	dest, rep := importHugo(t, map[string]string{
		"config/_default/hugo.toml":        "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"config/_default/frontmatter.toml": "expiryDate = ['ends', ':default']\n",
		"content/news/old.md":              page("expiryDate: 2001-01-01\n"),
		"content/news/own.md":              page("summary: Closed.\nends: 2002-02-02T10:00:00Z\n"),
		"content/news/later.md":            page("expiryDate: 2999-01-01\n"),
		"content/news/draft.md":            page("draft: true\nexpiryDate: 2001-01-01\n"),
		"content/news/current.md":          page(""),
	})
	wantMeta(t, dest, "news/old.md", map[string]string{"expires": "2001-01-01"})
	wantMeta(t, dest, "news/own.md", map[string]string{"expires": "2002-02-02T10:00:00Z"})
	wantNote(t, rep, "content/news/old.md", 4, importer.Human, "expires 2001-01-01 (from expiryDate): Hugo did not publish this page since 2001-01-01; medkb publishes it at its address /news/old/ but leaves it out of lists, search and feeds — delete it or set draft: true to keep it unpublished")
	wantNote(t, rep, "content/news/own.md", 5, importer.Human, "expires 2002-02-02T10:00:00Z (from ends): Hugo did not publish this page since 2002-02-02T10:00:00Z")
	wantNote(t, rep, "content/news/later.md", 4, importer.Changed, "expires 2999-01-01 (from expiryDate): Hugo stops publishing this page then; medkb will keep it at its address /news/later/")
	for _, f := range []string{"draft", "current"} {
		if n := notesContaining(rep, "content/news/"+f+".md", "Hugo did not publish"); len(n) > 0 {
			t.Errorf("%s.md: %v", f, n)
		}
	}
	files, _ := build(t, dest)
	if !strings.Contains(string(files["news/old/index.html"]), "Text.") {
		t.Error("the expired page is not published at its address")
	}
	list := string(files["news/index.html"])
	if strings.Contains(list, `href="/news/old/"`) || !strings.Contains(list, `href="/news/current/"`) {
		t.Errorf("the section's list shows the expired page, or not the current one:\n%s", list)
	}
}
