package site

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
)

// discardSink writes nothing, as medkb check's sink does.
type discardSink struct{}

func (discardSink) Write(string, []byte) error { return nil }
func (discardSink) Copy(_ string, r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}

// folderClashSite builds baseSite into a public folder, then writes
// files over it: the build the test makes fails. It returns the site
// and a build of it into dest the way medkb build does (committed only
// when it succeeds), with the published files before the failing build.
func folderClashSite(t *testing.T, files map[string]string) (dir string, build func(publish.Sink) (*Result, error), dest string, before map[string]string) {
	t.Helper()
	dir = writeSite(t, baseSite)
	dest = filepath.Join(t.TempDir(), "public")
	build = func(sink publish.Sink) (*Result, error) {
		if sink != nil {
			return New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), sink)
		}
		d, err := publish.OpenDir(t.Context(), dest, filepath.Join(dir, ".medkb", "lock"), 0)
		if err != nil {
			t.Fatal(err)
		}
		res, err := New(Options{Source: dir, Now: fixedNow}).Build(context.Background(), d)
		if err != nil {
			d.Abort()
			return res, err
		}
		return res, d.Commit()
	}
	if _, err := build(nil); err != nil {
		t.Fatal(err)
	}
	before = snapshot(t, dest)
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, build, dest, before
}

// wantFolderClash checks that a build (into public/ as medkb build does,
// into memory as medkb serve does, into nothing as medkb check does)
// fails with the error want names, and never with the system's bare
// error, and that public/ is as it was.
func wantFolderClash(t *testing.T, build func(publish.Sink) (*Result, error), dest string, before map[string]string, want func(diag.Diagnostic) bool) {
	t.Helper()
	for _, sink := range []struct {
		name string
		sink publish.Sink
	}{{"build", nil}, {"serve", publish.NewMem()}, {"check", discardSink{}}} {
		res, err := build(sink.sink)
		if err == nil {
			t.Errorf("%s: succeeded, want the clash reported", sink.name)
			continue
		}
		found := false
		for _, d := range res.Diagnostics {
			if strings.Contains(d.Message, "file exists") || strings.Contains(d.Message, "mkdir") || strings.Contains(d.Message, "not a directory") || strings.Contains(d.Message, "directory not empty") {
				t.Errorf("%s: the system's error: %s", sink.name, d)
			}
			found = found || d.Severity == diag.Error && want(d)
		}
		if !found {
			t.Errorf("%s: the clash is not reported; got:\n%s", sink.name, strings.Join(says(res.Diagnostics.Errors()), "\n"))
		}
	}
	after := snapshot(t, dest)
	if len(after) != len(before) {
		t.Fatalf("public/ has %d files after the failed build; had %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after the failed build", k)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.medkb-tmp-*")); len(m) != 0 {
		t.Errorf("temporary folders left behind: %v", m)
	}
}

// cht-docs, imported from Hugo, had an alias /apps/guides/hosting/4.x on
// one page and /apps/guides/hosting/4.x/app-developer on another (now both
// folders: assemble.aliasFolder); with the first naming an HTML file, the
// first is written as a file (its last part has a dot), the second needs
// a folder of that name. medkb build stopped with "mkdir
// …/apps/guides/hosting/4.x: file exists"; check and serve said nothing.
// Now each reports it at the alias written as a file, naming the other's
// file and line, whichever page is written first, and public/ is left as
// it was.
func TestAliasAsAFileWhereAnotherAliasNeedsAFolderFailsTheBuildNamingBoth(t *testing.T) {
	const (
		asFile = "---\ntitle: CHT Core\nsummary: Hosting.\naliases:\n  - /apps/guides/hosting/4.x.html\n---\nText.\n"
		inside = "---\ntitle: App developer\nsummary: Hosting for developers.\naliases:\n  - /apps/guides/hosting/4.x.html/app-developer\n---\nText.\n"
	)
	for _, tc := range []struct{ name, file, folder string }{
		{"file first", "content/conditions/a-core.md", "content/conditions/b-dev.md"},
		{"folder first", "content/conditions/b-core.md", "content/conditions/a-dev.md"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, build, dest, before := folderClashSite(t, map[string]string{tc.file: asFile, tc.folder: inside})
			wantFolderClash(t, build, dest, before, func(d diag.Diagnostic) bool {
				return d.File == tc.file && d.Line == 4 &&
					strings.HasPrefix(d.Message, "alias /apps/guides/hosting/4.x.html is written as the file apps/guides/hosting/4.x.html, but alias /apps/guides/hosting/4.x.html/app-developer/ of "+tc.folder+" (line 4) is written inside a folder of that name") &&
					strings.HasPrefix(d.Hint, "end the alias with a slash, /apps/guides/hosting/4.x.html/")
			})
		})
	}
}

// A static file and a page's output that cannot both be written (one
// a file where the other needs a folder, or both the same file) was
// found only as the static files were copied, after the pages were
// written, and the error named the page without its line, or not at all
// (for a file and a folder, only the static file's name). Now it is
// found before any page is written, at the page's front matter line
// (url:, aliases:, or the file itself), naming the static file, once,
// never the system's "file exists"; public/ is left as it was.
func TestStaticFileAsAFileOrFolderWhereAPageNeedsTheOtherFailsTheBuildNamingBoth(t *testing.T) {
	for _, tc := range []struct {
		name   string
		files  map[string]string
		static string
		pos    string
		want   string
	}{
		{"static file where a folder is needed", map[string]string{
			"static/apps/4.x":             "a file\n",
			"content/conditions/b-dev.md": "---\ntitle: App developer\nsummary: Dev.\naliases: [/apps/4.x/dev/]\n---\nText.\n",
		}, "static/apps/4.x", "content/conditions/b-dev.md:4",
			"alias /apps/4.x/dev/ is written as apps/4.x/dev/index.html, inside the folder apps/4.x, but static/apps/4.x is a file of that name: one path cannot be both a file and a folder"},
		{"static file in a folder written as a file", map[string]string{
			"static/guides/v1.2.html/intro.pdf": "%PDF-1.4\n",
			"content/conditions/guide-12.md":    "---\ntitle: Guide 1.2\nsummary: Guide.\nurl: /guides/v1.2.html\n---\nText.\n",
		}, "static/guides/v1.2.html/intro.pdf", "content/conditions/guide-12.md:4",
			"the page at /guides/v1.2.html is written as the file guides/v1.2.html, but static/guides/v1.2.html/intro.pdf is inside a folder of that name: one path cannot be both a file and a folder"},
		{"static file at a page's own path", map[string]string{
			"static/conditions/asthma/index.html": "<p>Old asthma page</p>\n",
		}, "static/conditions/asthma/index.html", "content/conditions/asthma.md:1",
			"the page at /conditions/asthma/ is written as conditions/asthma/index.html, which static/conditions/asthma/index.html also writes: one would replace the other"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, build, dest, before := folderClashSite(t, tc.files)
			wantFolderClash(t, build, dest, before, func(d diag.Diagnostic) bool {
				return d.Pos() == tc.pos && d.Message == tc.want
			})
			res, _ := build(discardSink{})
			n := 0
			for _, d := range res.Diagnostics {
				if strings.Contains(d.File+" "+d.Message, tc.static) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s is named in %d diagnostics, want 1:\n%s", tc.static, n, strings.Join(says(res.Diagnostics), "\n"))
			}
		})
	}
}

// Two pages at one address where one or both are drafts: medkb check
// and medkb build leave drafts out and said nothing, while medkb serve,
// which shows drafts, and medkb build --drafts stopped on the clash (the
// editor's preview failed with an error check never gave). Now a build
// without drafts warns at the draft's line, naming the other page and
// saying that serve and --drafts stop on it; with drafts it is the error
// it was.
func TestDraftClashesAreWarnedWithoutDrafts(t *testing.T) {
	t.Parallel()
	dir := writeSite(t, baseSite+`
-- content/conditions/asthma-new.md --
---
title: "Asthma (new)"
summary: "Rewritten."
draft: true
slug: asthma
---
Text.
-- content/conditions/flu.md --
---
title: "Flu"
summary: "Flu."
draft: true
url: /flu/
---
Text.
-- content/conditions/influenza.md --
---
title: "Influenza"
summary: "Influenza."
draft: true
url: /flu/
---
Text.
-- content/conditions/guide.md --
---
title: "Guide"
summary: "Guide."
draft: true
aliases: [/guides/v1.html]
---
Text.
-- content/conditions/guide-intro.md --
---
title: "Guide intro"
summary: "Intro."
url: /guides/v1.html/intro/
---
Text.
`)
	results := map[bool]*Result{}
	for _, drafts := range []bool{false, true} {
		res, err := New(Options{Source: dir, Now: fixedNow, Drafts: drafts}).Build(t.Context(), discardSink{})
		if drafts != (err != nil) {
			t.Errorf("drafts=%v: build error %v", drafts, err)
		}
		results[drafts] = res
	}
	// At the draft's line without drafts; with drafts, the one claimed
	// second has the error (for asthma-new.md, the published page).
	for _, tc := range []struct{ pos, msg, other string }{
		{"content/conditions/asthma-new.md:5", "content/conditions/asthma-new.md is also written by content/conditions/asthma.md (both would be conditions/asthma/index.html)", "content/conditions/asthma.md"},
		{"content/conditions/influenza.md:5", "content/conditions/influenza.md is also written by content/conditions/flu.md (both would be flu/index.html)", "content/conditions/flu.md"},
		{"content/conditions/guide.md:5", "alias /guides/v1.html is written as the file guides/v1.html, but the page at /guides/v1.html/intro/ of content/conditions/guide-intro.md (line 4) is written inside a folder of that name", "content/conditions/guide-intro.md"},
	} {
		for _, drafts := range []bool{false, true} {
			res := results[drafts]
			found := false
			for _, d := range res.Diagnostics {
				file, _, _ := strings.Cut(tc.pos, ":")
				switch {
				case drafts:
					text := d.File + " " + d.Message
					found = found || d.Severity == diag.Error && strings.Contains(text, file) && strings.Contains(text, tc.other)
				case d.Pos() == tc.pos && strings.HasPrefix(d.Message, tc.msg):
					found = true
					if d.Severity != diag.Warning || !strings.HasSuffix(d.Hint, "medkb serve, which shows drafts, and medkb build --drafts stop on it)") {
						t.Errorf("drafts=false: %s: want a warning naming serve and --drafts", d)
					}
				}
			}
			if !found {
				t.Errorf("drafts=%v: no diagnostic for %s: %s; got:\n%s", drafts, tc.pos, tc.msg, strings.Join(says(res.Diagnostics), "\n"))
			}
		}
	}
}
