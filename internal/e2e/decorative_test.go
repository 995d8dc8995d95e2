package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/cli"
)

// TestDecorativeImageIsAcceptedAndValidHTML: a raw <img alt=""> marks an
// image as decorative (WCAG technique H67), a valid choice that medkb
// check accepts and the page keeps, alt="" and all, passing the Nu Html
// Checker; an empty Markdown ![](…) and a raw <img> without alt stay
// alt-text errors, the hint naming both ways out.
func TestDecorativeImageIsAcceptedAndValidHTML(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("medkb.yaml", "title: Decorative\nbase_url: https://health.example.org/\nmarkup: {unsafe: true}\n")
	write("content/_index.md", "---\ntitle: Home\nsummary: \"A site with a decorative image and nothing else to it.\"\n---\n")
	write("content/conditions/_index.md", "---\ntitle: Conditions\nsummary: \"Pages about conditions, one of them with a decorative rule.\"\n---\n")
	write("content/conditions/asthma.md", "---\ntitle: Asthma\nsummary: \"Asthma makes your airways narrow; a page with a decorative rule.\"\ndate: 2026-01-10\n---\n"+
		"Asthma makes your airways narrow.\n\n<div class=\"banner\">\n<p>Welcome.</p>\n<img src=\"/images/rule.png\" alt=\"\">\n</div>\n\n"+
		"A dot <img src=\"/images/rule.png\" alt> in a sentence.\n")
	var pngFile bytes.Buffer
	if err := png.Encode(&pngFile, image.NewGray(image.Rect(0, 0, 40, 2))); err != nil {
		t.Fatal(err)
	}
	write("static/images/rule.png", pngFile.String())

	check := func() (int, []string) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		code := cli.Main(context.Background(), cli.Env{Stdout: &stdout, Stderr: &stderr, Dir: src}, []string{"check", "--source", src, "--format", "json"})
		var report struct {
			Diagnostics []struct {
				File, Severity, Check, Message, Hint string
				Line                                 int
			}
		}
		if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
			t.Fatalf("medkb check: exit %d, %v\n%s%s", code, err, stdout.String(), stderr.String())
		}
		var alt []string
		for _, d := range report.Diagnostics {
			if d.Check == "alt-text" {
				alt = append(alt, fmt.Sprintf("%s:%d %s: %s | %s", d.File, d.Line, d.Severity, d.Message, d.Hint))
			}
		}
		return code, alt
	}
	if code, alt := check(); code != cli.ExitOK || len(alt) != 0 {
		t.Errorf("medkb check on decorative images: exit %d, alt-text %q; want exit 0 and none", code, alt)
	}

	public := filepath.Join(t.TempDir(), "public")
	if err := buildSite(src, public); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(public, "conditions", "asthma", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(page), `<img src="/images/rule.png" alt=""`); n != 2 {
		t.Errorf("the page has %d images with alt=\"\" kept, want 2:\n%s", n, page)
	}
	broken := t.TempDir()
	if err := os.WriteFile(filepath.Join(broken, "broken.html"), []byte(`<!DOCTYPE html><html lang="en"><head><title>x</title></head>
<body><p><img src="a.png"></p></body></html>`), 0o644); err != nil {
		t.Fatal(err)
	}
	caught := 0
	for _, m := range runVNU(t, public, broken) {
		if rel, err := filepath.Rel(broken, m.file()); err == nil && !strings.HasPrefix(rel, "..") {
			caught++
			continue
		}
		t.Errorf("%s:%d: %s: %s\n    %s", m.file(), m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if caught == 0 {
		t.Error("the Nu Html Checker found no error in a page with an <img> without alt: it did not check anything")
	}

	write("content/conditions/copd.md", "---\ntitle: COPD\nsummary: \"COPD is a lung disease; a page whose images have no alt text.\"\ndate: 2026-01-10\n---\n"+
		"COPD makes breathing hard.\n\n![](/images/rule.png)\n\n<img src=\"/images/rule.png\">\n")
	code, alt := check()
	if code == cli.ExitOK {
		t.Errorf("medkb check with images without alt text: exit 0")
	}
	for _, want := range []string{"content/conditions/copd.md:8 error", "content/conditions/copd.md:10 error"} {
		i := slices.IndexFunc(alt, func(a string) bool { return strings.HasPrefix(a, want) })
		if i < 0 {
			t.Errorf("no alt-text %q; got %q", want, alt)
			continue
		}
		if !strings.Contains(alt[i], "![a spacer device attached to an inhaler](…)") || !strings.Contains(alt[i], `<img src="…" alt="">`) {
			t.Errorf("alt-text hint does not name both ways (alt text, or alt=\"\" if decorative): %s", alt[i])
		}
	}
	if len(alt) != 2 {
		t.Errorf("alt-text diagnostics: %q; want the two of copd.md only", alt)
	}
}
