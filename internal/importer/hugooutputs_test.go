package importer_test

import (
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// A Hugo page that Hugo made into a file that is no web page, through
// its output formats (url: /index.json with outputs: [json]: the search
// index a theme's Fuse.js or Lunr script reads; outputs: [rss] alone),
// was imported as an article at /index.json/ (an empty page medkb
// published as HTML there) or at its folder's address, where Hugo had
// published no page, and a url: naming a file medkb refuses stopped the
// build (url: /data/clinics.csv). Now each is left out, with a note for a
// person at the key's line saying what the file was and what medkb
// writes instead (its search index and /feed.json; its feeds; static/),
// and no key of it is listed as kept under params:. A url: whose last
// part has a dot but names no file type (/releases/4.9.0) is a page's
// address still, and the site builds.
func TestImportHugoOutputFormatPageIsLeftOutWithANote(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                  "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/search-index.md":    "---\ntitle: Search index\ndate: 2024-01-01\nurl: /index.json\noutputs:\n- json\nlayout: search\n---\n",
		"content/news/feed.md":       "---\ntitle: News feed\ndate: 2024-01-01\nurl: /news.xml\noutputs: [rss]\n---\n",
		"content/news/flu-clinic.md": "---\ntitle: Flu clinic\ndate: 2024-01-01\noutputs: [Calendar]\n---\n",
		"content/clinics.md":         "---\ntitle: Clinics\ndate: 2024-01-01\nurl: /data/clinics.csv\n---\nOur clinics, one a row.\n",
		"content/releases/v4.md":     "---\ntitle: Release 4.9.0\ndate: 2024-01-01\nurl: /releases/4.9.0\n---\nWhat changed.\n",
		"content/news/asthma.md":     "---\ntitle: Asthma\ndate: 2024-01-01\n---\nBody.\n",
		"content/news/_index.md":     "---\ntitle: News\n---\n",
		"content/releases/_index.md": "---\ntitle: Releases\n---\n",
	})
	wantImported(t, dest, map[string]bool{"pages/search-index.md": false, "news/feed.md": false, "news/flu-clinic.md": false, "pages/clinics.md": false, "releases/v4.md": true, "news/asthma.md": true})
	wantNote(t, rep, "content/search-index.md", 4, importer.Human, "not imported: Hugo made this page into a JSON file at /index.json with the site's templates (url: /index.json, outputs: [json]; Hugo's output formats), data for a script or another site rather than a page for readers, and medkb lays out pages as HTML only; medkb writes its own JSON: the site's search index (under /search/, which its search box reads) and a JSON Feed of the newest articles (/feed.json); if a script or another site read /index.json, point it at /feed.json or use medkb's search box")
	wantNote(t, rep, "content/news/feed.md", 4, importer.Human, "not imported: Hugo made this page into an XML file at /news.xml with the site's templates (url: /news.xml, outputs: [rss]; Hugo's output formats)")
	wantNote(t, rep, "content/news/feed.md", 4, importer.Human, "if readers subscribed to /news.xml, add a permanent redirect from it to /index.xml on the web server")
	wantNote(t, rep, "content/news/flu-clinic.md", 4, importer.Human, "not imported: Hugo made this page into a calendar file at /news/flu-clinic/index.ics with the site's templates (outputs: [calendar], no HTML; Hugo's output formats)")
	wantNote(t, rep, "content/clinics.md", 4, importer.Human, `not imported: Hugo made this page into a CSV file at /data/clinics.csv`)
	wantNote(t, rep, "content/clinics.md", 4, importer.Human, `put public/data/clinics.csv at static/data/clinics.csv; its text ("Our clinics, one a row.") is not imported either`)
	for _, key := range []string{`"outputs"`, "layout: search"} {
		if n := notesContaining(rep, "", key); len(n) != 0 {
			t.Errorf("a key of a page not imported is noted: %+v", n)
		}
	}
	build(t, dest)
}
