package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckLevelsPerSiteAndPageAreSummarised sets a check to error in
// medkb.yaml and lowers or turns off checks in two pages' front matter:
// the findings follow the levels, and the summary names every setting.
func TestCheckLevelsPerSiteAndPageAreSummarised(t *testing.T) {
	t.Parallel()
	site := newSite(t, map[string]string{
		"content/conditions/a.md": "---\ntitle: Cough\ndate: 2026-11-01\naudience: patient\nreferences:\n  - {id: who, title: WHO, year: 2026, url: \"https://www.who.int/\"}\ncheck:\n  summary: warning\n  no-reviewer: off\n---\nCoughs often get better on their own [@who].\n",
		"content/conditions/b.md": "---\ntitle: Cold\ndate: 2026-11-01\naudience: patient\nreferences:\n  - {id: who, title: WHO, year: 2026, url: \"https://www.who.int/\"}\ncheck: {no-reviewer: off}\n---\nColds often get better on their own [@who].\n",
	})
	cfg, err := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, site, map[string]string{"medkb.yaml": string(cfg) + "check:\n  summary: error\n"})
	code, out, errOut := run(t, site, "check")
	if code != ExitError {
		t.Fatalf("check: exit %d, want %d (summary set to error)\n%s%s", code, ExitError, out, errOut)
	}
	want := []string{
		"content/conditions/a.md:2: warning: article has no summary",
		"content/conditions/b.md:2: error: article has no summary",
		"1 error, 1 warning in 2 files",
		"medkb.yaml sets summary to error",
		"2 pages turn off no-reviewer: content/conditions/a.md, content/conditions/b.md",
		"1 page sets summary to warning: content/conditions/a.md",
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "\t") {
			got = append(got, line)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("check printed\n%s\nwant lines starting\n%s", out, strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d = %q, want it to start %q", i+1, got[i], want[i])
		}
	}

	// A misspelt check name stops the check at its line, with the fix.
	writeFiles(t, site, map[string]string{"content/conditions/b.md": "---\ntitle: Cold\ncheck: {no-reviewr: off}\n---\nColds.\n"})
	_, out, _ = run(t, site, "check")
	if !strings.Contains(out, `content/conditions/b.md:3:9: error: unknown key "no-reviewr" in check; did you mean "no-reviewer"?`) {
		t.Errorf("check with a misspelt check name printed\n%s", out)
	}
}

// TestCheckLevelsOfMarkdownRules: the Markdown renderer's rules (footnote,
// heading-level, shortcode, callout) take the levels of medkb.yaml and
// front matter as the other checks do, in check and in build.
func TestCheckLevelsOfMarkdownRules(t *testing.T) {
	t.Parallel()
	const body = "## Causes\n\n#### Viruses\n\nMost coughs are caused by viruses[^1].\n\n{{< youtube abc >}}\n"
	site := newSite(t, map[string]string{
		"content/conditions/a.md": "---\ntitle: Cough\ndate: 2026-11-01\nsummary: \"Most coughs get better on their own within three weeks, with rest and fluids.\"\ncheck: {heading-level: error}\n---\n" + body,
		"content/conditions/b.md": "---\ntitle: Cold\ndate: 2026-11-01\nsummary: \"Most colds get better on their own within ten days, with rest and fluids.\"\ncheck: {shortcode: off}\n---\n" + body,
	})
	cfg, err := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, site, map[string]string{"medkb.yaml": string(cfg) + "check:\n  footnote: off\n  shortcode: error\n"})
	for _, cmd := range []string{"check", "build"} {
		code, out, errOut := run(t, site, cmd)
		all := out + errOut
		if code != ExitError {
			t.Fatalf("%s: exit %d, want %d (errors)\n%s", cmd, code, ExitError, all)
		}
		for _, want := range []string{
			"content/conditions/a.md:9:1: error: heading level skips from h2 to h4",   // the page's level
			"content/conditions/a.md:13:1: error: Hugo shortcode \"youtube\"",         // the site's level
			"content/conditions/b.md:9:1: warning: heading level skips from h2 to h4", // its own severity
		} {
			if !strings.Contains(all, want) {
				t.Errorf("%s does not say %q:\n%s", cmd, want, all)
			}
		}
		for _, not := range []string{"footnote [^1]", "b.md:13:1"} { // off on the site; off on the page
			if strings.Contains(all, not) {
				t.Errorf("%s reports %q, which is set to off:\n%s", cmd, not, all)
			}
		}
	}
}
