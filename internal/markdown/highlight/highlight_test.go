package highlight_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/testutil"

	"github.com/medkb/medkb/internal/markdown/highlight"
)

func TestCaseFile(t *testing.T) {
	t.Parallel()
	testutil.DoTestCaseFile(goldmark.New(goldmark.WithExtensions(highlight.New())), "testdata/highlight.txt", t)
}

func TestCSS(t *testing.T) {
	t.Parallel()
	css, err := highlight.CSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	light, dark, found := strings.Cut(s, "@media (prefers-color-scheme: dark) {")
	if !found {
		t.Fatalf("no dark media block:\n%s", s)
	}
	for _, part := range []string{light, dark} {
		if !strings.Contains(part, ".chroma .kd {") {
			t.Errorf("stylesheet part lacks a keyword class rule:\n%s", part)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(s), "}") {
		t.Errorf("dark block not closed")
	}
	if light == dark {
		t.Errorf("light and dark styles are identical")
	}
}

// TestCSSDarkUndoesLightTokens: a token the light style colours and the
// dark style leaves in its text colour (github-dark writes no rule for
// names, .nx) must not keep the light colour in the dark, near-black on
// near-black on the cht-docs import. The dark block opens with a rule that
// resets every token, before any of the dark style's own rules.
func TestCSSDarkUndoesLightTokens(t *testing.T) {
	t.Parallel()
	css, err := highlight.CSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, _ := strings.Cut(string(css), "@media (prefers-color-scheme: dark) {")
	if !strings.Contains(light, ".chroma .nx {") || strings.Contains(dark, ".chroma .nx {") {
		t.Fatalf("the styles no longer differ on .nx, the case this test is about:\n%s", css)
	}
	const reset = ".chroma [class] { color: inherit; background-color: transparent;"
	at, first := strings.Index(dark, reset), strings.Index(dark, ".chroma .")
	if at < 0 || at > first {
		t.Errorf("the dark block does not open with a reset of every token (%q before any .chroma rule):\n%s", reset, dark)
	}
}

func TestCSSUnknownStyle(t *testing.T) {
	t.Parallel()
	for _, pair := range [][2]string{{"nope", "github-dark"}, {"github", "nope"}} {
		if _, err := highlight.CSS(pair[0], pair[1]); err == nil || !strings.Contains(err.Error(), `"nope"`) {
			t.Errorf("CSS(%q, %q) error = %v, want one naming the style", pair[0], pair[1], err)
		}
	}
}
