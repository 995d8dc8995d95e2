package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// controlWarnings returns the control-char diagnostics of l as printed.
func controlWarnings(l diag.List) []string {
	var out []string
	for _, d := range l {
		if d.Check == "control-char" {
			out = append(out, d.String())
		}
	}
	return out
}

// TestFrontMatterControlCharacterIsWarnedLikeTheBodys: a title pasted
// out of Word with a C1 control (U+0092 for ’) failed the page with
// yaml.v3's "control characters are not allowed" at the front matter's
// first line; as a YAML escape it went into the page unreported. It is
// now the body's control-char warning, at the value, naming the
// character it stood for: kept by a rebuild of the body alone (which
// makes the Markdown's warnings anew, checkset.Keep), and set off by
// check: as the body's are.
func TestFrontMatterControlCharacterIsWarnedLikeTheBodys(t *testing.T) {
	t.Parallel()
	archive := strings.Replace(baseSite, "title: \"COPD\"", "title: COPD\u0092s lungs", 1)
	archive = strings.Replace(archive, "summary: \"COPD is a long-term lung disease.\"", "summary: \"A long\\x96term lung disease.\"", 1)
	dir := writeSite(t, archive)
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	mem, res, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/conditions/copd.md:2:8: warning: control character U+0092 in title: HTML forbids it and browsers show nothing or a box in its place [control-char]\n\thint: write the character it stands for, ’ (Windows-1252's 0x92), or delete it where the text has that character beside it already",
		"content/conditions/copd.md:3:10: warning: control character U+0096 in summary: HTML forbids it and browsers show nothing or a box in its place [control-char]\n\thint: write the character it stands for, – (Windows-1252's 0x96), or delete it where the text has that character beside it already",
	}
	if got := controlWarnings(res.Diagnostics); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("full build: control-char diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	mustContain(t, mem.Files(), "conditions/copd/index.html", "COPD\u0092s lungs") // built as written, as the body is

	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nAn edited sentence.\n")...), 0o644)
	_, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); !strings.HasPrefix(got, "markdown,") {
		t.Fatalf("a body edit ran phases %s; want the incremental path", got)
	}
	if got := controlWarnings(res.Diagnostics); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rebuild of the body: control-char diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	off := writeSite(t, strings.Replace(archive, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\ncheck: {control-char: off}\n", 1))
	_, res = buildMem(t, New(Options{Source: off, Now: fixedNow}))
	if got := controlWarnings(res.Diagnostics); len(got) != 0 {
		t.Errorf("check: {control-char: off}: still %q", got)
	}
}
