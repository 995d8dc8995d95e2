package assemble

import (
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// input parses files (path under content/ → file text) with the real front
// matter parser and a one-language configuration.
func input(t *testing.T, files map[string]string) Input {
	t.Helper()
	cfg, err := config.Parse([]byte("title: T\nbase_url: https://health.example.org/\nlanguage: en\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Config: cfg, Authors: map[string]page.Author{"editor": {ID: "editor", Name: "Ed"}}}
	// source.ReadContent returns files sorted by path; so does this.
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		text := files[rel]
		f := &source.File{Path: "content/" + rel, Rel: rel, Base: strings.TrimSuffix(path.Base(rel), ".md"), Data: []byte(text)}
		if i := strings.IndexByte(rel, '/'); i > 0 {
			f.Section = rel[:i]
		}
		r, err := frontmatter.Parse(f.Path, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		in.Files = append(in.Files, Parsed{File: f, Meta: r.Meta, Body: r.Body, BodyLine: r.BodyLine})
	}
	return in
}

func TestAssembleReportsProblemsAtTheirLine(t *testing.T) {
	base := map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
	}
	tests := []struct {
		name  string
		files map[string]string
		file  string
		line  int
		msg   string
	}{
		{"unknown author", map[string]string{"conditions/a.md": "---\ntitle: A\nauthors: [editor, ghost]\n---\n"},
			"content/conditions/a.md", 3, `unknown author id "ghost"`},
		{"reference without a source", map[string]string{"conditions/a.md": "---\ntitle: A\nreferences:\n  - id: x\n    title: X\n---\n"},
			"content/conditions/a.md", 4, "neither doi, pmid nor url"},
		{"bad url", map[string]string{"conditions/a.md": "---\ntitle: A\nurl: /../../etc/passwd\n---\n"},
			"content/conditions/a.md", 3, "invalid url"},
		{"bad slug", map[string]string{"conditions/a.md": "---\ntitle: A\n\nslug: ../x\n---\n"},
			"content/conditions/a.md", 4, "invalid slug"},
		{"bad alias", map[string]string{"conditions/a.md": "---\ntitle: A\naliases: [/ok/, '%2e%2e/x/']\n---\n"},
			"content/conditions/a.md", 3, "invalid alias"},
		{"two pages, one url", map[string]string{
			"conditions/a.md": "---\ntitle: A\nurl: /same/\n---\n",
			"conditions/b.md": "---\ntitle: B\n\nurl: /same/\n---\n"},
			"content/conditions/b.md", 4, "content/conditions/a.md"},
		{"slug takes another page's place", map[string]string{
			"conditions/a.md": "---\ntitle: A\n---\n",
			"conditions/b.md": "---\ntitle: B\nslug: a\n---\n"},
			"content/conditions/b.md", 3, "content/conditions/a.md"},
		{"alias shadows a page", map[string]string{
			"conditions/a.md": "---\ntitle: A\n---\n",
			"conditions/b.md": "---\ntitle: B\naliases: [/conditions/a/]\n---\n"},
			"content/conditions/b.md", 3, "content/conditions/a.md"},
		// A file with no front matter, no title or a blank one is refused
		// earlier, when its front matter is read (internal/schema's tests).
		{"empty front matter", map[string]string{"conditions/a.md": "---\n---\nWheezing.\n"},
			"content/conditions/a.md", 1, "no title"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			for k, v := range tc.files {
				files[k] = v
			}
			_, err := Assemble(input(t, files))
			if err == nil {
				t.Fatal("Assemble succeeded, want an error")
			}
			for _, d := range diag.From(err) {
				if d.File == tc.file && d.Line == tc.line && strings.Contains(d.Message, tc.msg) {
					return
				}
			}
			t.Errorf("want an error at %s:%d mentioning %q, got:\n%v", tc.file, tc.line, tc.msg, err)
		})
	}
}

func TestAssemblePermalinksStayInside(t *testing.T) {
	s, err := Assemble(input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/a.md":      "---\ntitle: A\nslug: asthma-in-children\naliases: [/old/asthma/]\n---\n",
		"conditions/b.md":      "---\ntitle: B\nurl: /b-page/\n---\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, ls := range s.Langs {
		for _, p := range ls.Pages {
			got[p.File] = p.OutputPath
		}
		for _, a := range ls.Aliases {
			got["alias "+a.From] = a.OutputPath
		}
	}
	want := map[string]string{
		"content/_index.md":            "index.html",
		"content/conditions/_index.md": "conditions/index.html",
		"content/conditions/a.md":      "conditions/asthma-in-children/index.html",
		"content/conditions/b.md":      "b-page/index.html",
		"alias /old/asthma/":           "old/asthma/index.html",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s → %q, want %q", k, got[k], v)
		}
	}
}

// A draft without a title does not stop the build while it stays a draft.
func TestUntitledDraftIsLeftOut(t *testing.T) {
	in := input(t, map[string]string{"_index.md": "---\ntitle: Home\n---\n", "conditions/a.md": "---\ndraft: true\n---\nNotes.\n"})
	if _, err := Assemble(in); err != nil {
		t.Errorf("Assemble: %v", err)
	}
	in.Drafts = true
	if _, err := Assemble(in); err == nil || !strings.Contains(err.Error(), "content/conditions/a.md:1") {
		t.Errorf("with drafts: %v, want the untitled draft named", err)
	}
}

// TestGeneratedPagesYieldToContent gives content pages the addresses of
// generated pages — sections named glossary/, people/ and tags/, an
// article at a tag's and an author's address, and a page whose url: is
// /search/ — and checks that each content page is built, the generated
// one is not, and one warning at the content file's line names both.
func TestGeneratedPagesYieldToContent(t *testing.T) {
	in := input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"glossary/_index.md":   "---\ntitle: Our glossary\n---\n",
		"people/_index.md":     "---\ntitle: Our people\n---\n",
		"people/editor.md":     "---\ntitle: About our editor\n---\n",
		"tags/_index.md":       "---\ntitle: Our topics\n---\n",
		"tags/asthma.md":       "---\ntitle: Asthma topic\ntags: [asthma]\n---\n",
		"help/find.md":         "---\ntitle: Find\n\nurl: /search/\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/copd.md":   "---\ntitle: COPD\nauthors: [editor]\ntags: [asthma, lungs]\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	var got []string
	for _, w := range s.Warnings {
		if w.Severity != diag.Warning || w.Hint == "" {
			t.Errorf("%s: want a warning with a hint", w)
		}
		got = append(got, w.Pos()+" "+w.Message)
	}
	want := []string{
		"content/glossary/_index.md:1 content/glossary/_index.md is published at /glossary/, the address of medkb's generated glossary page: your page is kept and the generated one is not built",
		"content/help/find.md:4 content/help/find.md is published at /search/, the address of medkb's generated search page: your page is kept and the generated one is not built",
		"content/people/editor.md:1 content/people/editor.md is published at /people/editor/, the address of medkb's generated people page (an author's profile): your page is kept and the generated one is not built",
		"content/tags/_index.md:1 content/tags/_index.md is published at /tags/, the address of medkb's generated topics page (the list of tags): your page is kept and the generated one is not built",
		"content/tags/asthma.md:1 content/tags/asthma.md is published at /tags/asthma/, the address of medkb's generated topic page (a tag's list): your page is kept and the generated one is not built",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	byOutput := map[string]*page.Page{}
	for _, p := range s.Langs[0].Pages {
		if q, dup := byOutput[p.OutputPath]; dup {
			t.Errorf("%s is built twice: %s and %s", p.OutputPath, q.File, p.File)
		}
		byOutput[p.OutputPath] = p
	}
	for out, file := range map[string]string{
		"glossary/index.html": "content/glossary/_index.md", "search/index.html": "content/help/find.md",
		"people/editor/index.html": "content/people/editor.md", "tags/index.html": "content/tags/_index.md",
		"tags/asthma/index.html": "content/tags/asthma.md", "tags/lungs/index.html": "",
		"feeds/index.html": "",
	} {
		p := byOutput[out]
		if p == nil || p.File != file {
			t.Errorf("%s is built from %v, want %q (\"\": the generated page)", out, p, file)
		}
	}
}

// TestPagesNamingTheSamePeopleShareTheirRecords: most pages of a large
// site name the same few authors and reviewers; each page holding its own
// copy of their records cost about 550 bytes an article. A page naming an
// unknown id still says so, each time.
func TestPagesNamingTheSamePeopleShareTheirRecords(t *testing.T) {
	t.Parallel()
	art := "---\ntitle: %s\nauthors: [editor]\nreviewed_by: [editor]\n---\n"
	s, err := Assemble(input(t, map[string]string{
		"_index.md": "---\ntitle: Home\n---\n", "conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/a.md": strings.Replace(art, "%s", "A", 1), "conditions/b.md": strings.Replace(art, "%s", "B", 1),
	}))
	if err != nil {
		t.Fatal(err)
	}
	var a, b *page.Page
	for _, p := range s.AllPages() {
		switch p.File {
		case "content/conditions/a.md":
			a = p
		case "content/conditions/b.md":
			b = p
		}
	}
	if len(a.Authors) != 1 || a.Authors[0].Name != "Ed" || a.Authors[0].Profile != "/people/editor/" || len(b.Reviewers) != 1 {
		t.Fatalf("authors %+v, reviewers %+v", a.Authors, b.Reviewers)
	}
	if &a.Authors[0] != &b.Authors[0] || &a.Reviewers[0] != &b.Reviewers[0] {
		t.Error("two pages naming the same people each hold a copy of their records")
	}
	if cap(a.Authors) != len(a.Authors) {
		t.Error("a shared list has room to append into another page's")
	}

	ghost := "---\ntitle: %s\nauthors: [editor, ghost]\n---\n"
	_, err = Assemble(input(t, map[string]string{
		"_index.md": "---\ntitle: Home\n---\n", "conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/a.md": strings.Replace(ghost, "%s", "A", 1), "conditions/b.md": strings.Replace(ghost, "%s", "B", 1),
	}))
	if n := strings.Count(fmt.Sprint(err), `unknown author id "ghost"`); n != 2 {
		t.Errorf("two pages naming an unknown id: %d errors, want one each:\n%v", n, err)
	}
}

// Tags written as one text with a comma in it (tags: "gout, joints" is one
// value) or a tag with no letter or digit is not what its writer meant:
// each is a warning at the tags line, and the build goes on with what the
// writer wrote. A comma inside a list's quoted item (MeSH's "Arthritis,
// Rheumatoid") is meant.
func TestTagsNotMeantAreWarnedAbout(t *testing.T) {
	in := input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/gout.md":   "---\ntitle: Gout\n\ntags: \"gout, joints , toes\"\n---\n",
		"conditions/copd.md":   "---\ntitle: COPD\ntags: [lungs, \"???\", \"\"]\n---\n",
		"conditions/ok.md":     "---\ntitle: OK\ntags: [lungs, \"heart attack\", الربو]\n---\n",
		"conditions/mesh.md":   "---\ntitle: MeSH\ntags: [\"Arthritis, Rheumatoid\"]\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	wantWarnings(t, s,
		`content/conditions/copd.md:3 tag "" has no letter or digit, so it has no page: it is left out | write the tag as a word, or remove it`,
		`content/conditions/copd.md:3 tag "???" has no letter or digit, so it has no page: it is left out | write the tag as a word, or remove it`,
		`content/conditions/gout.md:4 tag "gout, joints , toes" has a comma in it: it is one tag, listed at /tags/gout-joints-toes/ | for 3 tags, write tags: [gout, joints, toes]`,
	)
	var slugs []string
	for _, tag := range s.Langs[0].Tags {
		slugs = append(slugs, tag.Slug)
	}
	if want := []string{"arthritis-rheumatoid", "gout-joints-toes", "heart-attack", "lungs", "الربو"}; !slices.Equal(slugs, want) {
		t.Errorf("tags = %q, want %q", slugs, want)
	}
}

// A tag written twice on one page ("Asthma" and "asthma", "heart
// disease" and "heart-disease": one address each) is a warning, and the
// page keeps it once, as first written: its tag links, feeds, search
// facets and structured data read the page's tags, and showed it twice.
// A tag with no letter or digit is left out of the page's tags too (its
// link led to /tags//), and spaces around a tag are dropped.
func TestTagsWrittenTwiceAreKeptOnce(t *testing.T) {
	in := input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/copd.md":   "---\ntitle: COPD\ntags: [Asthma, asthma, \" lungs \", \"???\", Heart disease, heart-disease, lungs]\n---\n",
		"conditions/ok.md":     "---\ntitle: OK\ntags: [lungs, Asthma]\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	wantWarnings(t, s,
		`content/conditions/copd.md:3 tag "???" has no letter or digit, so it has no page: it is left out | write the tag as a word, or remove it`,
		`content/conditions/copd.md:3 tag "asthma" is tag "Asthma" again (both are /tags/asthma/): the page lists it once | remove one of the two from tags`,
		`content/conditions/copd.md:3 tag "heart-disease" is tag "Heart disease" again (both are /tags/heart-disease/): the page lists it once | remove one of the two from tags`,
		`content/conditions/copd.md:3 tag "lungs" is tag "lungs" again (both are /tags/lungs/): the page lists it once | remove one of the two from tags`,
	)
	byFile := map[string][]string{}
	for _, p := range s.Langs[0].Articles {
		byFile[p.File] = p.Meta.Tags
	}
	if got, want := byFile["content/conditions/copd.md"], []string{"Asthma", "lungs", "Heart disease"}; !slices.Equal(got, want) {
		t.Errorf("copd's tags = %q, want %q", got, want)
	}
	if got, want := byFile["content/conditions/ok.md"], []string{"lungs", "Asthma"}; !slices.Equal(got, want) {
		t.Errorf("ok's tags = %q, want %q (kept as written)", got, want)
	}
	for _, tag := range s.Langs[0].Tags {
		if tag.Slug == "asthma" && len(tag.Pages) != 2 || tag.Slug == "lungs" && (len(tag.Pages) != 2 || tag.Name != "lungs") {
			t.Errorf("tag %s (%q) lists %d pages, want 2 (each once) and no spaces in its name", tag.Slug, tag.Name, len(tag.Pages))
		}
	}
}

// An alias that is the page's own address (a Hugo site lowered its
// addresses, and an alias spelled the lowered one) redirects nowhere, one
// that differs from it only in letter case would replace it where case
// does not count, and one listed twice is one address: each a warning at
// the aliases line, no redirect, and no claim that the page is written
// twice.
func TestAliasOfThePageItselfIsWarnedAbout(t *testing.T) {
	s, err := Assemble(input(t, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/_index.md": "---\ntitle: Conditions\n---\n",
		"conditions/gout.md":   "---\ntitle: Gout\naliases: [/old/gout/, /conditions/gout/, /Conditions/Gout/, /old/gout]\n---\n",
	}))
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	wantWarnings(t, s,
		`content/conditions/gout.md:3 alias /Conditions/Gout/ differs from the page's own address only in letter case: where letter case does not count, its redirect would replace the page | remove it from aliases; links with other letter case are reported by medkb check`,
		`content/conditions/gout.md:3 alias /conditions/gout/ is the page's own address, so it redirects nowhere | remove it from aliases`,
		`content/conditions/gout.md:3 alias /old/gout is listed twice (with or without its trailing slash or index.html, it is one address) | remove one of them`,
	)
	if as := s.Langs[0].Aliases; len(as) != 1 || as[0].From != "/old/gout/" {
		t.Errorf("aliases = %+v, want only /old/gout/", as)
	}
}

// A folder or file name that makes a page's address is reported when a
// browser would not open the address as written: "?" or "#" starts a
// query or fragment (an error: the page cannot be opened at all), a space
// is %20 in every link (a warning, once per folder and file). A slug or
// url that replaces the name, and letters of any script, are fine.
func TestAddressesFromNamesBrowsersCannotOpenAsWritten(t *testing.T) {
	page := func(title, extra string) string {
		return "---\ntitle: " + title + "\n" + extra + "---\nBody.\n"
	}
	_, err := Assemble(input(t, map[string]string{
		"_index.md":                       page("Home", ""),
		"conditions/_index.md":            page("Conditions", ""),
		"conditions/Heart Failure.md":     page("Heart failure", ""),
		"conditions/What is COPD?.md":     page("COPD", ""),
		"conditions/step #2.md":           page("Step", ""),
		"conditions/With slug.md":         page("Slug", "slug: with-slug\n"),
		"conditions/Set url.md":           page("URL", "url: /conditions/set-url/\n"),
		"conditions/niños.md":             page("Niños", ""),
		"conditions/Hay fever/index.md":   page("Hay fever", ""),
		"conditions/Slugged/index.md":     page("Bundle", "slug: slugged\n"),
		"living well/_index.md":           page("Living well", ""),
		"living well/fruit.md":            page("Fruit", ""),
		"living well/veg.md":              page("Veg", ""),
		"conditions/asthma/index.md":      page("Asthma", ""),
		"conditions/Crohn's & colitis.md": page("Crohn's", "slug: crohns\n"),
	}))
	var got []string
	var errs *diag.Errs
	if !errors.As(err, &errs) {
		t.Fatalf("Assemble: %v, want the two errors", err)
	}
	for _, d := range errs.List {
		got = append(got, d.Pos()+" "+string(d.Severity)+": "+d.Message+" | "+d.Hint)
	}
	want := []string{
		`content/conditions/What is COPD?.md error: the file name "What is COPD?" puts "?" in the page's address /conditions/What is COPD?/, where a browser reads it as the start of a query: the page cannot be opened at its address | rename the file what-is-copd.md, or set slug: what-is-copd`,
		`content/conditions/step #2.md error: the file name "step #2" puts "#" in the page's address /conditions/step #2/, where a browser reads it as the start of a fragment: the page cannot be opened at its address | rename the file step-2.md, or set slug: step-2`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s, err := Assemble(input(t, map[string]string{
		"_index.md":                     page("Home", ""),
		"conditions/_index.md":          page("Conditions", ""),
		"conditions/Heart Failure.md":   page("Heart failure", ""),
		"conditions/With slug.md":       page("Slug", "slug: with-slug\n"),
		"conditions/Set url.md":         page("URL", "url: /conditions/set-url/\n"),
		"conditions/niños.md":           page("Niños", ""),
		"conditions/Hay fever/index.md": page("Hay fever", ""),
		"conditions/Slugged/index.md":   page("Bundle", "slug: slugged\n"),
		"living well/_index.md":         page("Living well", ""),
		"living well/fruit.md":          page("Fruit", ""),
		"living well/veg.md":            page("Veg", ""),
	}))
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	const aliases = " (and list the old address under aliases if the page is published already)"
	wantWarnings(t, s,
		`content/conditions/Hay fever/index.md the folder name "Hay fever" puts a space in the page's address /conditions/Hay fever/: links to it read /conditions/Hay%20fever/ | rename the folder hay-fever`+aliases,
		`content/conditions/Heart Failure.md the file name "Heart Failure" puts a space in the page's address /conditions/Heart Failure/: links to it read /conditions/Heart%20Failure/ | rename the file heart-failure.md, or set slug: heart-failure`+aliases,
		`content/living well/_index.md the folder name "living well" puts a space in the page's address /living well/: links to it read /living%20well/ | rename the folder living-well`+aliases,
	)
}

// wantWarnings fails t unless s's warnings, as "file:line message |
// hint", are want, in order.
func wantWarnings(t *testing.T, s *Site, want ...string) {
	t.Helper()
	var got []string
	for _, w := range s.Warnings {
		got = append(got, w.Pos()+" "+w.Message+" | "+w.Hint)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("warnings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
