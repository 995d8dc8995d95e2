package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckReportsEveryProblemInOneRun makes a site with a front matter
// value that cannot be read, a broken link in another article, aliases
// that are relative, carry a #fragment, take a page's address or another
// page's alias, and a static robots.txt: one run of medkb check, and of
// medkb build, reports every one at its file and line (the unreadable
// file does not hide the rest, nor the collision the checks), a link to
// the unreadable page is not reported as broken (its own error is the
// one to fix), and the summary counts the files the diagnostics are
// about.
func TestCheckReportsEveryProblemInOneRun(t *testing.T) {
	t.Parallel()
	const rest = "date: 2026-11-01\naudience: patient\nsummary: Coughs often get better on their own within three weeks.\n" +
		"references:\n  - {id: who, title: WHO, year: 2026, url: \"https://www.who.int/\"}\ncheck: {no-reviewer: off}\n---\n"
	site := newSite(t, map[string]string{
		"content/conditions/weighted.md": "---\ntitle: Weighted\nweight: 15```\n" + rest + "Coughs often get better on their own [@who].\n",
		"content/conditions/linky.md": "---\ntitle: Linky\nid: linky\naliases:\n  - ../self-hosting\n  - /conditions/example/#tasks\n  - old/linky\n  - /conditions/example/\n  - /shared/\n" +
			rest + "Coughs often get better on their own [@who]. See [the page](/nowhere/).\n\nSee [the weighted page](/conditions/weighted/#symptoms) too.\n",
		"content/conditions/other.md": "---\ntitle: Other\nid: other\naliases: [/shared/]\n" + rest + "Colds often get better on their own [@who].\n",
		"static/robots.txt":           "User-agent: *\n",
	})

	want := []string{
		`content/conditions/weighted.md:3:9: error: weight: expected a whole number, got "15` + "```" + `" [schema]`,
		`content/conditions/linky.md:4: error: alias "../self-hosting" is relative: an alias is an old address of the page, written from the site's root with a leading /`,
		`content/conditions/linky.md:4: error: alias "old/linky" is relative: an alias is an old address of the page, written from the site's root with a leading /`,
		`content/conditions/linky.md:4: error: alias "/conditions/example/#tasks" has a #fragment: a redirect answers an address, and a browser never sends the part after #, so no redirect can be made for it`,
		`content/conditions/linky.md:4: error: alias /conditions/example/ is the address of content/conditions/example.md`,
		`content/conditions/linky.md:17: error: broken link "/nowhere/": nothing is published at /nowhere [link]`,
		`content/conditions/other.md:4: error: alias /shared/ is also an alias of content/conditions/linky.md (line 4): one address cannot redirect to two pages`,
		`static/robots.txt: error: medkb generates robots.txt itself, so static/robots.txt is not published`,
	}
	wantHints := []string{
		"until it is fixed, the page is left out of this run",
		"hint: write the old address from the site's root: read from this page's folder it is /self-hosting/",
		"hint: write the old address from the site's root: read from this page's folder it is /conditions/old/linky/",
		"hint: remove the alias: without #tasks it is the address of content/conditions/example.md",
		"hint: delete static/robots.txt: medkb writes robots.txt itself",
	}
	code, out, errOut := run(t, site, "check")
	if code != ExitError {
		t.Fatalf("check: exit %d, want %d\n%s%s", code, ExitError, out, errOut)
	}
	buildCode, _, buildErr := run(t, site, "build")
	if buildCode != ExitError {
		t.Fatalf("build: exit %d, want %d\n%s", buildCode, ExitError, buildErr)
	}
	for cmd, text := range map[string]string{"check": out, "build": buildErr} {
		got := diagLines(text)
		for _, w := range want {
			found := false
			for _, g := range got {
				found = found || g == w
			}
			if !found {
				t.Errorf("medkb %s does not say\n  %s\noutput:\n%s", cmd, w, text)
			}
		}
		if len(got) != len(want) {
			t.Errorf("medkb %s said %d diagnostics, want %d:\n%s", cmd, len(got), len(want), strings.Join(got, "\n"))
		}
		for _, h := range wantHints {
			if !strings.Contains(text, h) {
				t.Errorf("medkb %s does not hint %q:\n%s", cmd, h, text)
			}
		}
		if strings.Contains(text, "did not run") && !strings.Contains(text, "its links, images, readability and other checks did not run") {
			t.Errorf("medkb %s says some checks did not run:\n%s", cmd, text)
		}
	}
	// weighted.md, linky.md, other.md and static/robots.txt.
	if !strings.Contains(out, "\n8 errors, 0 warnings in 4 files\n") {
		t.Errorf("check's summary is not \"8 errors, 0 warnings in 4 files\":\n%s", out)
	}
}

// TestCheckSaysWhichChecksDidNotRun gives a page a layout that does not
// exist, which stops the pages from being rendered: check and build say
// the page checks did not run, and why, and check counts the one file
// (the line is not a diagnostic: it is not counted).
func TestCheckSaysWhichChecksDidNotRun(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	p := filepath.Join(site, "content", "conditions", "example.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "---\ntitle:", "---\nlayout: nosuch\ntitle:", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := run(t, site, "check")
	if code != ExitError {
		t.Fatalf("check: exit %d, want %d\n%s", code, ExitError, out)
	}
	for _, w := range []string{
		`content/conditions/example.md:2: error: layout "nosuch" does not exist`,
		"\n1 error, 0 warnings in 1 file\nthe page checks (links, anchors, images, alt text, reviews, sources, readability, identifiers, duplicate titles) did not run: the build stopped at the error at content/conditions/example.md:2; fix that error and run medkb check again to see the rest\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("check does not say %q:\n%s", w, out)
		}
	}
	code, _, errOut := run(t, site, "build")
	if code != ExitError || !strings.Contains(errOut, "\nthe page checks (links, anchors, images, alt text, reviews, sources, readability, identifiers, duplicate titles) did not run: the build stopped at the error at content/conditions/example.md:2;") {
		t.Errorf("build: exit %d, want %d, saying the page checks did not run:\n%s", code, ExitError, errOut)
	}
}
