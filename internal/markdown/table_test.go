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
	html := string(res.HTML)
	if strings.Contains(html, "style=") || strings.Contains(html, "align=") {
		t.Errorf("table carries inline alignment, which the CSP blocks:\n%s", html)
	}
	for _, want := range []string{`<th class="align-left">Reading</th>`, `<td class="align-right">normal</td>`} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in:\n%s", want, html)
		}
	}
}
