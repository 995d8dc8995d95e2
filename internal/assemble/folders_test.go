package assemble

import (
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// An alias naming an HTML file (/apps/guides/hosting/4.x.html) is written
// as that file, and another alias under it needs a folder of that name.
// The build stopped at the folder with the system's bare "mkdir …: file
// exists" (cht-docs, a Hugo site, had the pair as /…/4.x and /…/4.x/app-
// developer, which aliasFolder now writes as folders); now Assemble
// reports it, at the line of the alias written as a file whichever of the
// two pages comes first, naming the other's file and line, with the fix,
// and leaves out the one claimed second.
func TestAliasWrittenAsAFileWhereAnotherNeedsAFolder(t *testing.T) {
	const (
		asFile = "---\ntitle: CHT Core\naliases:\n  - /apps/guides/hosting/4.x.html\n---\n"
		inside = "---\ntitle: App developer\nweight: 3\naliases:\n  - /apps/guides/hosting/4.x.html/app-developer\n---\n"
	)
	for _, tc := range []struct {
		name         string
		file, folder string // the pages' files, in the order they are claimed
		leftOut      string // the alias left out: the second one's
	}{
		{"file first", "hosting/a-core.md", "hosting/b-dev.md", "/apps/guides/hosting/4.x.html/app-developer/"},
		{"folder first", "hosting/b-core.md", "hosting/a-dev.md", "/apps/guides/hosting/4.x.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Assemble(input(t, map[string]string{
				"_index.md":         "---\ntitle: Home\n---\n",
				"hosting/_index.md": "---\ntitle: Hosting\n---\n",
				tc.file:             asFile,
				tc.folder:           inside,
			}))
			errs := diag.From(err)
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want one", errs)
			}
			d := errs[0]
			want := "alias /apps/guides/hosting/4.x.html is written as the file apps/guides/hosting/4.x.html, but alias /apps/guides/hosting/4.x.html/app-developer/ of content/" + tc.folder +
				" (line 4) is written inside a folder of that name, at apps/guides/hosting/4.x.html/app-developer/index.html: one path cannot be both a file and a folder"
			if d.File != "content/"+tc.file || d.Line != 3 || d.Message != want {
				t.Errorf("error = %s:%d: %s\nwant content/%s:3: %s", d.File, d.Line, d.Message, tc.file, want)
			}
			if !strings.HasPrefix(d.Hint, "end the alias with a slash, /apps/guides/hosting/4.x.html/:") {
				t.Errorf("hint = %q, want the alias with a slash", d.Hint)
			}
			var kept []string
			for _, a := range s.Langs[0].Aliases {
				kept = append(kept, a.From)
				if a.From == tc.leftOut {
					t.Errorf("alias %s was kept, want it left out", a.From)
				}
			}
			if len(kept) != 1 {
				t.Errorf("aliases kept = %q, want one", kept)
			}
		})
	}
}

// A page's url: naming an HTML file is a file too: a page under it
// cannot be written, and the error is at the url: line.
func TestURLWrittenAsAFileWhereAPageNeedsAFolder(t *testing.T) {
	_, err := Assemble(input(t, map[string]string{
		"_index.md":           "---\ntitle: Home\n---\n",
		"guides/_index.md":    "---\ntitle: Guides\n---\n",
		"guides/v1.md":        "---\ntitle: Version 1.2\nurl: /guides/v1.2.html\n---\n",
		"guides/v1/intro.md":  "---\ntitle: Intro\nurl: /guides/v1.2.html/intro/\n---\n",
		"guides/v1/itself.md": "---\ntitle: Itself\nurl: /guides/v1.2.html/\n---\n",
	}))
	var got []string
	for _, d := range diag.From(err) {
		got = append(got, d.Pos()+" "+d.Message+" | "+d.Hint)
	}
	want := []string{
		"content/guides/v1.md:3 the page at /guides/v1.2.html is written as the file guides/v1.2.html, but the page at /guides/v1.2.html/ of content/guides/v1/itself.md (line 3) is written inside a folder of that name, at guides/v1.2.html/index.html: one path cannot be both a file and a folder | give the page another url: /guides/v1.2.html/ is the address of the page at /guides/v1.2.html/ of content/guides/v1/itself.md (line 3), which hosts serve for the address without the slash too",
		"content/guides/v1.md:3 the page at /guides/v1.2.html is written as the file guides/v1.2.html, but the page at /guides/v1.2.html/intro/ of content/guides/v1/intro.md (line 3) is written inside a folder of that name, at guides/v1.2.html/intro/index.html: one path cannot be both a file and a folder | end url: with a slash, /guides/v1.2.html/ (the page is then written as guides/v1.2.html/index.html), or give the other one another address",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A page's url: whose last part has a dot but names no kind of file
// (a version, /guides/v1.2) is a folder's address, as an alias's is: the
// page was written as a file named v1.2 holding HTML, which hosts serve
// as a download, and no page could be under it. An HTML file's name
// stays a file; a url naming another kind of file (.pdf, .PNG, .json) is
// an error at its line, and the page is left out.
func TestURLWithADotIsAFolderUnlessItNamesAFile(t *testing.T) {
	s, err := Assemble(input(t, map[string]string{
		"_index.md":          "---\ntitle: Home\n---\n",
		"guides/_index.md":   "---\ntitle: Guides\n---\n",
		"guides/v1.md":       "---\ntitle: Version 1.2\nurl: /guides/v1.2\n---\n",
		"guides/v1/intro.md": "---\ntitle: Intro\nurl: /guides/v1.2/intro/\n---\n",
		"guides/old.md":      "---\ntitle: Old\nurl: /guides/old.html\n---\n",
		"guides/leaflet.md":  "---\ntitle: Leaflet\nsummary: S.\nurl: /leaflets/asthma.pdf\n---\n",
		"guides/chart.md":    "---\ntitle: Chart\nurl: /charts/peak-flow.PNG\n---\n",
		"guides/v0.md":       "---\ntitle: Version 0.9\nwithdrawn: {date: 2025-01-01, reason: Old., replaced_by: /guides/v1.2}\n---\n",
	}))
	var got []string
	for _, d := range diag.From(err) {
		got = append(got, d.Pos()+" "+d.Message+" | "+d.Hint)
	}
	want := []string{
		"content/guides/chart.md:3 url /charts/peak-flow.PNG names an image file, but a page is published as HTML: sent as an image file, the page would be a download or an error in the browser | to publish an image file at /charts/peak-flow.PNG, put the file at static/charts/peak-flow.PNG (or content/charts/peak-flow.PNG) and link to it; give this page an address of its own, such as url: /charts/peak-flow/",
		"content/guides/leaflet.md:4 url /leaflets/asthma.pdf names a PDF file, but a page is published as HTML: sent as a PDF file, the page would be a download or an error in the browser | to publish a PDF file at /leaflets/asthma.pdf, put the file at static/leaflets/asthma.pdf (or content/leaflets/asthma.pdf) and link to it; give this page an address of its own, such as url: /leaflets/asthma/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, p := range s.Langs[0].Unlisted {
		if p.Replacement == nil || p.Replacement.File != "content/guides/v1.md" {
			t.Errorf("%s: replaced_by /guides/v1.2 found %v, want content/guides/v1.md", p.File, p.Replacement)
		}
	}
	out := map[string]string{}
	for _, p := range s.Langs[0].Pages {
		if p.File != "" {
			out[p.File] = p.RelPermalink + " " + p.OutputPath + " " + p.Permalink
		}
	}
	for file, want := range map[string]string{
		"content/guides/v1.md":       "/guides/v1.2/ guides/v1.2/index.html https://health.example.org/guides/v1.2/",
		"content/guides/v1/intro.md": "/guides/v1.2/intro/ guides/v1.2/intro/index.html https://health.example.org/guides/v1.2/intro/",
		"content/guides/old.md":      "/guides/old.html guides/old.html https://health.example.org/guides/old.html",
		"content/guides/leaflet.md":  "",
		"content/guides/chart.md":    "",
	} {
		if out[file] != want {
			t.Errorf("%s: %q, want %q", file, out[file], want)
		}
	}
}

// An alias whose last part has a dot but names no HTML file (a version,
// an old PDF's address) is a folder's redirect, as Hugo published it: a
// file named 4.9.0 or leaflet.pdf holding HTML is served as a download.
// So cht-docs' /apps/guides/hosting/4.x and /apps/guides/hosting/4.x/
// app-developer both come out, with no error.
func TestAliasWithADotIsAFolder(t *testing.T) {
	s, err := Assemble(input(t, map[string]string{
		"_index.md":         "---\ntitle: Home\n---\n",
		"hosting/_index.md": "---\ntitle: Hosting\n---\n",
		"hosting/core.md":   "---\ntitle: CHT Core\naliases:\n  - /apps/guides/hosting/4.x\n  - /releases/4.9.0\n  - /old/leaflet.PDF\n  - /old/core.html\n  - /old/core.HTM\n---\n",
		"hosting/dev.md":    "---\ntitle: App developer\naliases:\n  - /apps/guides/hosting/4.x/app-developer\n---\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range s.Langs[0].Aliases {
		got = append(got, a.From+" "+a.OutputPath)
	}
	slices.Sort(got)
	want := []string{
		"/apps/guides/hosting/4.x/ apps/guides/hosting/4.x/index.html",
		"/apps/guides/hosting/4.x/app-developer/ apps/guides/hosting/4.x/app-developer/index.html",
		"/old/core.HTM old/core.HTM",
		"/old/core.html old/core.html",
		"/old/leaflet.PDF/ old/leaflet.PDF/index.html",
		"/releases/4.9.0/ releases/4.9.0/index.html",
	}
	if !slices.Equal(got, want) {
		t.Errorf("aliases\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
