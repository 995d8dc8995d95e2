package markdown

import (
	"strings"
	"testing"
)

func TestTableAlignmentUsesClassesNotStyles(t *testing.T) {
	t.Parallel()
	src := "| Reading | Meaning |\n|:---|---:|\n| 120/80 | normal |\n"
	res, err := New(Options{}).Render([]byte(src), Context{File: "t.md", LineOffset: 1})
	if err != nil {
		t.Fatal(err)
	}
	html := res.HTML
	if strings.Contains(html, "style=") || strings.Contains(html, "align=") {
		t.Errorf("table carries inline alignment, which the CSP blocks:\n%s", html)
	}
	for _, want := range []string{`<th class="align-left">Reading</th>`, `<td class="align-right">normal</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in:\n%s", want, html)
		}
	}
}

func TestImagesFromOtherHostsAreRemoved(t *testing.T) {
	t.Parallel()
	src := "Text ![tracking pixel](https://tracker.example/p.png) and ![local](/images/a.png).\n"
	res, err := New(Options{}).Render([]byte(src), Context{File: "t.md", LineOffset: 3})
	if err != nil {
		t.Fatal(err)
	}
	html := res.HTML
	if strings.Contains(html, "tracker.example") || !strings.Contains(html, "tracking pixel") || !strings.Contains(html, `src="/images/a.png"`) {
		t.Errorf("external image not replaced by its alt text, or local image lost:\n%s", html)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].Line != 3 || res.Diagnostics[0].Severity != SeverityWarning {
		t.Errorf("diagnostics = %v; want one warning at line 3", res.Diagnostics)
	}
}
