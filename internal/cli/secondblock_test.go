package cli

import (
	"slices"
	"strings"
	"testing"
)

// TestSecondFrontMatterBlockIsAnError: a second front matter block pasted
// under the first (its keys were lost, and the page showed it as a
// horizontal line and a heading; a TOML one, as a paragraph) is an error at its opening line in
// medkb check, build and serve, with the fix; a thematic break followed
// by ordinary text, or by a "Note:" line medkb does not know as a key, is
// not.
func TestSecondFrontMatterBlockIsAnError(t *testing.T) {
	t.Parallel()
	const top = "---\ntitle: %s\nsummary: A page whose body starts with a horizontal line.\ndate: 2024-01-02\n---\n"
	site := newSite(t, map[string]string{
		"content/conditions/breaks.md": strings.ReplaceAll(top, "%s", "Breaks") + "---\n\nKey point: rest of the sentence.\n",
		"content/conditions/note.md":   strings.ReplaceAll(top, "%s", "Note") + "---\nNote: take with food.\n---\n\nText.\n",
	})
	if code, out, errOut := run(t, site, "check"); code != ExitOK || strings.Contains(out+errOut, "second front matter block") {
		t.Fatalf("a thematic break followed by text: check exit %d\n%s%s", code, out, errOut)
	}

	writeFiles(t, site, map[string]string{
		"content/conditions/gout.md":      "---\ntitle: Gout\ndate: 2024-01-02\n---\n\n---\nsummary: Joint pain\ntags: [joints]\n---\n\nGout is...\n",
		"content/conditions/gout-toml.md": "---\ntitle: Gout, TOML\ndate: 2024-01-02\n---\n+++\nsummary = \"Joint pain\"\n\ntags = [\"joints\"]\n+++\n\nGout is...\n",
	})
	const want = "content/conditions/gout.md:6: error: a second front matter block (summary, tags) below the front matter: " +
		"its keys are not read, and the page shows them as text under a horizontal line"
	const hint = "hint: move these keys into the front matter at the top (lines 1–4) and delete this block (lines 6–9)"
	const wantTOML = "content/conditions/gout-toml.md:5: error: a second front matter block (summary, tags) below the front matter: " +
		"its keys are not read, and the page shows them as text"
	const hintTOML = "hint: move these keys into the front matter at the top (lines 1–4), written as YAML (key: value), and delete this block (lines 5–9)\n"
	checkCode, checkOut, checkErr := run(t, site, "check")
	buildCode, _, buildErr := run(t, site, "build")
	if checkCode != ExitError || buildCode != ExitError {
		t.Errorf("check exit %d, build exit %d; want %d (an error) for both", checkCode, buildCode, ExitError)
	}
	for cmd, out := range map[string]string{"check": checkOut + checkErr, "build": buildErr, "serve": serveFailure(t, site)} {
		got := diagLines(out)
		if !slices.Contains(got, want) || !strings.Contains(out, hint) {
			t.Errorf("medkb %s does not say\n  %s\n  %s\noutput:\n%s", cmd, want, hint, out)
		}
		if !slices.Contains(got, wantTOML) || !strings.Contains(out, hintTOML) {
			t.Errorf("medkb %s does not say\n  %s\n  %s\noutput:\n%s", cmd, wantTOML, hintTOML, out)
		}
		for _, l := range got {
			if strings.Contains(l, "second front matter block") && l != want && l != wantTOML {
				t.Errorf("medkb %s flags a page that has no second block: %s", cmd, l)
			}
		}
	}
}
