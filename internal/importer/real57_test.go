package importer_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/importer"
)

// BCDA's site (CMSgov/bcda-static-site, CC0; testdata/jekyll-bcda holds
// eight of its files) gives no page a title:. Each names its title
// page_title:, and its text writes it as its first heading,
// "# {{ page.page_title }}" (or <h1>{{ page.page_title }}</h1> inside its
// HTML, about.md), or its layout does (_layouts/announcement.html). The
// importer titled every page after its file name ("Bcda launches v3" for
// "BCDA v3: Enhanced timeliness and performance for value-based care"),
// with a note only --verbose shows, and made each heading an HTML
// comment: an empty <h1> on the built page, under the wrong title. Now
// the title is the key the old site showed as the heading, the heading
// that only repeats it is removed (medkb's theme shows the title), and
// any {{ page.KEY }} of the page's own front matter is written as its
// value. Its announcements are dated by published_date:, which medkb
// does not read: the note on a page without a date names that key and
// the --map that reads it.
func TestImportJekyllBCDATitleFromTheKeyTheOldSiteShowed(t *testing.T) {
	t.Parallel()
	dest, rep := importBCDA(t, importer.Options{})
	for file, title := range map[string]string{
		"api-documentation/access-claims-data.md": "How to Access Claims Data",
		"announcements/bcda-launches-v3.md":       "BCDA v3: Enhanced timeliness and performance for value-based care",
		"pages/about.md":                          "About BCDA",
		"v3/introducing-v3.md":                    "Introducing BCDA v3",
	} {
		meta, body := readImportedMeta(t, dest, file)
		if meta["title"] != title {
			t.Errorf("content/%s: title %q, want %q (page_title:, shown as the old page's heading)", file, meta["title"], title)
		}
		if strings.Contains(body, "page_title") {
			t.Errorf("content/%s: {{ page.page_title }} left in the text:\n%s", file, body)
		}
	}
	// The heading that was only the title is gone (medkb's theme shows
	// it); the one with more than the title stays, the title written in.
	if _, body := readImportedMeta(t, dest, "api-documentation/access-claims-data.md"); strings.Contains(body, "#") {
		t.Errorf("content/api-documentation/access-claims-data.md keeps a heading:\n%s", body)
	}
	if _, body := readImportedMeta(t, dest, "pages/about.md"); strings.Contains(body, "<h1") {
		t.Errorf("content/pages/about.md keeps its <h1>:\n%s", body)
	}
	if _, body := readImportedMeta(t, dest, "v3/introducing-v3.md"); !strings.Contains(body, "# Introducing BCDA v3 <span") {
		t.Errorf("content/v3/introducing-v3.md: want the heading with the title written in:\n%s", body)
	}
	wantNoteWith(t, rep, "api-documentation/access-claims-data.md", importer.Changed, "no title:", "page_title:", "the heading at line 10", "removed")
	wantNoteWith(t, rep, "announcements/bcda-launches-v3.md", importer.Changed, "no title:", "<h1> of _layouts/announcement.html")
	wantNoteWith(t, rep, "v3/introducing-v3.md", importer.Changed, "no title:", "is kept")
	wantNoteWith(t, rep, "v3/introducing-v3.md", importer.Changed, "{{ page.page_title }} written as the page's page_title:")
	wantNoteWith(t, rep, "announcements/bcda-launches-v3.md", importer.Human, "no publication date", "published_date: 2026-07-01 (line 8)", "--map published_date=date")
	// A tag written over several lines is one tag, at its first line;
	// the capture it shows is named as used there.
	wantNoteWith(t, rep, "v3/welcome-v3.md", importer.Human, `{% include date-collection.html title="Planning your migration to v3" date="July 9, 2026" subtitle="July 9, 2026 | 2:00 - 3:00 pm ET" content=date1 %} cannot be translated`)
	if n := notesContaining(rep, "v3/welcome-v3.md", "{% include date-collection.html"); len(n) != 2 || n[0].Line != 35 || n[1].Line != 48 {
		t.Errorf("notes on the includes: %v, want two, at lines 35 and 48", n)
	}
	wantNoteWith(t, rep, "v3/welcome-v3.md", importer.Human, "{% capture date2 %}", "the page names it at line 48")
	if _, body := readImportedMeta(t, dest, "v3/welcome-v3.md"); strings.Contains(body, "{% include") && !strings.Contains(body, "<!-- medkb import: {% include date-collection.html title=") || strings.Contains(body, "    title=") {
		t.Errorf("content/v3/welcome-v3.md: an include left as text:\n%s", body)
	}
	// {% assign unique = N %} before each table: its value is written
	// into the ids and headers= of that table's cells, as Liquid did.
	if _, body := readImportedMeta(t, dest, "v3/comparison-bcda-cclf-files-v3.md"); strings.Count(body, `id="col-bcda-1"`) != 1 || strings.Count(body, `id="col-bcda-2"`) != 1 ||
		strings.Count(body, `headers="col-bcda-2 colgroup-2"`) != 1 || strings.Contains(body, "unique") {
		t.Errorf("content/v3/comparison-bcda-cclf-files-v3.md: want the tables' ids numbered 1 and 2, no {{unique}} or assign left:\n%s", body)
	}
	wantNoteWith(t, rep, "v3/comparison-bcda-cclf-files-v3.md", importer.Changed, `{% assign unique %}: its value, "2", is written where {{ unique }} showed it (lines 61, 62, 67, 70 and 71)`)
	if n := notesContaining(rep, "v3/comparison-bcda-cclf-files-v3.md", "unique"); len(n) != 2 {
		t.Errorf("notes naming unique: %v, want the two assigns' only", n)
	}
	if n := notesContaining(rep, "", "after the file name"); len(n) != 0 {
		t.Errorf("pages titled after their file name: %v", n)
	}

	// With the --map the note gives, the announcement is dated; the
	// built pages show each title once, in their one <h1>.
	dest, _ = importBCDA(t, importer.Options{UndatedDate: "2026-01-01", KeyMap: map[string]string{"published_date": "date"}})
	if meta, _ := readImportedMeta(t, dest, "announcements/bcda-launches-v3.md"); meta["date"] != "2026-07-01" {
		t.Errorf("announcement date %v, want 2026-07-01 (published_date:)", meta["date"])
	}
	// about.md's picture and its link to a part of the home page are not
	// in the fixture (its alt="" marks the picture as decorative, which
	// medkb accepts): its text was checked above, and it is left out of
	// the build.
	if err := os.Remove(filepath.Join(dest, "content", "pages", "about.md")); err != nil {
		t.Fatal(err)
	}
	files, diags := build(t, dest)
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error in the imported site: %s", d)
		}
	}
	wantNoDiagnostics(t, diags, "shortcode") // no Liquid left as text
	for _, d := range diags {
		if strings.Contains(d.Message, "is already the id") {
			t.Errorf("the imported tables share ids: %s", d)
		}
	}
	h1 := regexp.MustCompile(`(?s)<h1\b[^>]*>(.*?)</h1>`)
	for page, title := range map[string]string{
		"api-documentation/access-claims-data/index.html": "How to Access Claims Data",
		"announcements/bcda-launches-v3/index.html":       "BCDA v3: Enhanced timeliness and performance for value-based care",
	} {
		got := h1.FindAllStringSubmatch(string(files[page]), -1)
		if len(got) != 1 || strings.TrimSpace(got[0][1]) != title {
			t.Errorf("%s: <h1>s %q, want one, %q", page, got, title)
		}
	}
}

// TestImportJekyllLiquidTagOverLinesInCodeIsLeftAsWritten: the importer
// leaves fenced code as written (Liquid in it too), so a tag written over
// several lines there is not joined: the code keeps its lines.
func TestImportJekyllLiquidTagOverLinesInCodeIsLeftAsWritten(t *testing.T) {
	t.Parallel()
	code := "```liquid\n{% include accordion.html id=\"a0\"\n  heading=\"What is claims adjudication?\"\n  accordionContent=a0AccordionContent %}\n```\n"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: BCDA\n",
		"support.md":  "---\ntitle: Support\n---\nAn accordion is written so:\n\n" + code,
	})
	if _, body := readImportedMeta(t, dest, "pages/support.md"); !strings.Contains(body, code) {
		t.Errorf("content/pages/support.md: the code block changed:\n%s", body)
	}
	if n := notesContaining(rep, "support.md", "{% include"); len(n) != 0 {
		t.Errorf("notes on the include in code: %v", n)
	}
}

// TestImportJekyllLiteralAssignIsWrittenWhereShown: an assign sharing its
// line with text is taken out of it (it showed nothing); one whose value
// is not a literal ends what the literal before it set, so a {{ n }}
// after it is left to the line's translation (a note for a person), not
// given the old value; an assign nothing shows is taken out with a note.
func TestImportJekyllLiteralAssignIsWrittenWhereShown(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: BCDA\n",
		"steps.md": "---\ntitle: Steps\n---\n" +
			"Step {% assign n = 'one' %}{{ n }} of the export.\n\n" + // line 4
			"{% assign n = page.step | plus: 1 %}\n\n" + // line 6
			"Then step {{ n }}.\n\n" + // line 8
			"{% assign unused = 3 %}\n", // line 10
	})
	_, body := readImportedMeta(t, dest, "pages/steps.md")
	if !strings.Contains(body, "Step one of the export.\n") || strings.Contains(body, "Then step one") || strings.Contains(body, "assign unused") {
		t.Errorf("content/pages/steps.md:\n%s", body)
	}
	wantNoteWith(t, rep, "steps.md", importer.Changed, `{% assign n %}: its value, "one", is written where {{ n }} showed it (line 4)`)
	wantNoteWith(t, rep, "steps.md", importer.Human, "{{ n }} cannot be translated")
	wantNoteWith(t, rep, "steps.md", importer.Changed, "{% assign unused %} taken out")
}

// TestImportNoDateNoteNamesOnlyAPublicationDate: the note on a page
// without a date names a key that may hold its publication date
// (published_date:, release_date:), never one that holds another date (Hugo's
// expiryDate, an updated date).
func TestImportNoDateNoteNamesOnlyAPublicationDate(t *testing.T) {
	t.Parallel()
	_, rep := importHugo(t, map[string]string{
		"hugo.toml":        "title = \"Clinic\"\n",
		"content/flu.md":   "---\ntitle: Flu clinics\nexpiryDate: 2026-03-01\nupdated_date: 2025-10-02\n---\nText.\n",
		"content/covid.md": "---\ntitle: Covid boosters\nexpiryDate: 2026-03-01\nrelease_date: 2025-09-15\n---\nText.\n",
	})
	wantNoteWith(t, rep, "content/covid.md", importer.Human, "no publication date", "release_date: 2025-09-15", "--map release_date=date")
	if n := notesContaining(rep, "content/flu.md", "--map"); len(n) != 0 {
		t.Errorf("content/flu.md: %v, want no --map named (expiryDate and updated_date are other dates)", n)
	}
}

// importBCDA imports the bcda fixture (testdata/jekyll-bcda) with opts
// into a new folder and returns it with the import's report.
func importBCDA(t *testing.T, opts importer.Options) (string, *importer.Report) {
	t.Helper()
	opts.From, opts.Source, opts.Dest = importer.Jekyll, filepath.Join("testdata", "jekyll-bcda"), filepath.Join(t.TempDir(), "site")
	rep, err := importer.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Dest, rep
}
