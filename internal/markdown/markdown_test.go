package markdown_test

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

func render(t testing.TB, r *markdown.Renderer, src string, ctx markdown.Context) markdown.Result {
	t.Helper()
	res, err := r.Render([]byte(src), ctx)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return res
}

func assertContains(t testing.TB, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(html, w) {
			t.Errorf("HTML lacks %s:\n%s", w, html)
		}
	}
}

func assertNotContains(t testing.TB, html string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(html, w) {
			t.Errorf("HTML contains %s:\n%s", w, html)
		}
	}
}

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Asthma triggers", "asthma-triggers"},
		{"Asthma — triggers!", "asthma-triggers"},
		{"  What is COVID-19?  ", "what-is-covid-19"},
		{"Don't stop", "dont-stop"},
		{"Übelkeit & Erbrechen", "übelkeit-erbrechen"},
		{"喘息の治療", "喘息の治療"},
		{"snake_case name", "snake_case-name"},
		{"1. First step", "1-first-step"},
		{"?!", "section"},
		{"", "section"},
	}
	for _, tt := range tests {
		if got := markdown.Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDsAreUniqueAndAnchored(t *testing.T) {
	t.Parallel()
	src := "# Asthma\n\n## Triggers\n\n## Triggers\n\n### Triggers 1\n\n## Sources *title*\n\n##### Deep\n\nCite [@a].\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{References: []markdown.Reference{{ID: "a"}}})
	wantTOC := []markdown.Heading{
		{Level: 2, ID: "triggers", Text: "Triggers"},
		{Level: 2, ID: "triggers-1", Text: "Triggers"},
		{Level: 3, ID: "triggers-1-1", Text: "Triggers 1"},
		{Level: 2, ID: "sources-title", Text: "Sources title"},
	}
	if !reflect.DeepEqual(res.TOC, wantTOC) {
		t.Errorf("TOC = %+v\nwant %+v", res.TOC, wantTOC)
	}
	assertContains(t, res.HTML,
		`<h1 id="asthma">Asthma</h1>`,
		"<div class=\"heading\">\n<h2 id=\"triggers-1\">Triggers</h2>\n"+
			`<a class="anchor" href="#triggers-1" aria-label="Link to this section: Triggers">#</a>`+"\n</div>",
		`<h5 id="deep">Deep</h5>`,
	)
	assertNotContains(t, res.HTML, `href="#asthma"`, `href="#deep"`)
}

func TestHeadingIDsAvoidExtensionIDs(t *testing.T) {
	t.Parallel()
	src := "## References title\n\n## Callout 1 title\n\n> [!NOTE]\n> x [@a]\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{References: []markdown.Reference{{ID: "a"}}})
	if got := []string{res.TOC[0].ID, res.TOC[1].ID}; got[0] != "references-title-1" || got[1] != "callout-1-title-1" {
		t.Errorf("heading ids = %v, want references-title-1 and callout-1-title-1", got)
	}
}

func TestLinksAndImages(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\nSee [guide](https://example.org/g) and [allergies](/allergies/) and [nice.org.uk](https://nice.org.uk/).\n" +
		"Visit https://who.int or <mailto:team@example.org>.\n\n" +
		"![Airways *narrowed*](/img/a.png \"t\")\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{LineOffset: 10})
	assertContains(t, res.HTML,
		`<a href="https://example.org/g" rel="noopener noreferrer" class="external">guide</a>`,
		`<a href="/allergies/">allergies</a>`,
		// A link whose text is its address is marked "url": print styles
		// do not write the address twice.
		`<a href="https://nice.org.uk/" rel="noopener noreferrer" class="external url">nice.org.uk</a>`,
		`<a href="https://who.int" rel="noopener noreferrer" class="external url">https://who.int</a>`,
		// Alone in its paragraph with a title: a figure, the title its caption.
		"<figure>\n"+`<img src="/img/a.png" alt="Airways narrowed" loading="lazy" decoding="async">`+"\n<figcaption>t</figcaption>\n</figure>",
	)
	wantLinks := []markdown.Link{
		{Dest: "https://example.org/g", Line: 12},
		{Dest: "/allergies/", Line: 12},
		{Dest: "https://nice.org.uk/", Line: 12},
		{Dest: "https://who.int", Line: 13},
		{Dest: "mailto:team@example.org", Line: 13},
	}
	if !reflect.DeepEqual(res.Links, wantLinks) {
		t.Errorf("Links = %+v\nwant %+v", res.Links, wantLinks)
	}
	wantImages := []markdown.Image{{Src: "/img/a.png", Alt: "Airways narrowed", Line: 15}}
	if !reflect.DeepEqual(res.Images, wantImages) {
		t.Errorf("Images = %+v, want %+v", res.Images, wantImages)
	}
}

func TestDangerousURLsAreDroppedWithWarnings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src     string
		allowData     bool
		want, unwant  []string
		wantLine, col int
	}{
		{name: "javascript link keeps its text", src: "a [click](javascript:alert(1)) b",
			want: []string{"<p>a click b</p>"}, unwant: []string{"javascript", "<a"}, wantLine: 1, col: 3},
		{name: "obfuscated scheme", src: "x\n[c](JaVaScRiPt&#58;alert(1))", want: []string{"<p>x\nc</p>"}, unwant: []string{"alert"}, wantLine: 2, col: 1},
		{name: "vbscript autolink becomes text", src: "<vbscript:msgbox>", want: []string{"<p>vbscript:msgbox</p>"}, unwant: []string{"<a"}, wantLine: 1, col: 1},
		{name: "data image without permission keeps alt text", src: "![chart](data:image/png;base64,AAAA)",
			want: []string{"<p>chart</p>"}, unwant: []string{"<img"}, wantLine: 1, col: 1},
		{name: "data html never allowed", src: "[x](data:text/html;base64,PHNjcmlwdD4=)", allowData: true,
			want: []string{"<p>x</p>"}, unwant: []string{"data:"}, wantLine: 1, col: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, unsafe := range []bool{false, true} {
				r := markdown.New(markdown.Options{AllowDataURLs: tt.allowData, Unsafe: unsafe})
				res := render(t, r, tt.src, markdown.Context{File: "p.md"})
				assertContains(t, res.HTML, tt.want...)
				assertNotContains(t, res.HTML, tt.unwant...)
				if len(res.Diagnostics) != 1 {
					t.Fatalf("diagnostics = %v, want one warning", res.Diagnostics)
				}
				d := res.Diagnostics[0]
				if d.Severity != markdown.SeverityWarning || d.Line != tt.wantLine || d.Col != tt.col || d.File != "p.md" {
					t.Errorf("diagnostic = %v, want a warning at p.md:%d:%d", d, tt.wantLine, tt.col)
				}
				if len(res.Links)+len(res.Images) != 0 {
					t.Errorf("dropped URL still reported: %v %v", res.Links, res.Images)
				}
			}
		})
	}
}

func TestDataImagesWhenAllowed(t *testing.T) {
	t.Parallel()
	src := "![dot](data:image/png;base64,iVBORw0KGgo=)"
	for _, unsafe := range []bool{false, true} {
		res := render(t, markdown.New(markdown.Options{AllowDataURLs: true, Unsafe: unsafe}), src, markdown.Context{})
		assertContains(t, res.HTML, `<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"`)
		if len(res.Diagnostics) != 0 {
			t.Errorf("unsafe=%v: diagnostics %v", unsafe, res.Diagnostics)
		}
	}
}

func TestDiagnosticsPointAtFileLines(t *testing.T) {
	t.Parallel()
	src := "Intro [@a].\n\nSecond paragraph with a bad key [@nope] here.\n" +
		"- item with [@A]\n- and [@a extra words]\n\nÜmlaut prefix [@b; @zz].\n"
	ctx := markdown.Context{
		File:       "content/asthma.md",
		LineOffset: 7,
		References: []markdown.Reference{{ID: "a"}, {ID: "b"}, {ID: "unused"}, {ID: "b", Title: "dup"}, {ID: "p", PMID: "x"}},
	}
	res := render(t, markdown.New(markdown.Options{}), src, ctx)
	type pos struct {
		Line, Col int
		Severity  string
		Start     string
	}
	var got []pos
	for _, d := range res.Diagnostics {
		if d.File != ctx.File {
			t.Errorf("diagnostic file = %q", d.File)
		}
		got = append(got, pos{d.Line, d.Col, d.Severity, strings.SplitN(d.Message, ";", 2)[0]})
	}
	want := []pos{
		{0, 0, "warning", `reference "unused" is never cited`},
		{0, 0, "warning", `reference "p" is never cited`},
		{0, 0, "warning", `reference "p": PMID "x" is not a number`},
		{0, 0, "warning", `reference id "b" is listed more than once`},
		{9, 33, "error", `unknown reference "nope"`},
		{10, 13, "error", `unknown reference "A"`},
		{11, 7, "warning", `malformed citation "[@a extra words]" is shown as text`},
		{13, 15, "error", `unknown reference "zz"`},
	}
	if len(got) != len(want) {
		t.Fatalf("diagnostics:\n%v\nwant %d", res.Diagnostics, len(want))
	}
	for i := range want {
		if got[i].Line != want[i].Line || got[i].Col != want[i].Col || got[i].Severity != want[i].Severity ||
			!strings.HasPrefix(got[i].Start, want[i].Start) {
			t.Errorf("diagnostic %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if hint := res.Diagnostics[5].Hint; !strings.Contains(hint, "did you mean @a") {
		t.Errorf("case-mismatch hint = %q", hint)
	}
	if !reflect.DeepEqual(res.Cited, []string{"a", "b"}) {
		t.Errorf("Cited = %v, want [a b]", res.Cited)
	}
}

func TestUnsafeHTMLIsSanitized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src    string
		want, unwant []string
	}{
		{"script block", "<script>alert(1)</script>\n\ntext", []string{"<p>text</p>"}, []string{"<script", "alert"}},
		{"event handler", `<img src="/a.png" onerror="alert(1)">`, []string{`<img src="/a.png">`}, []string{"onerror", "alert"}},
		{"javascript href in raw HTML", `<a href="javascript:alert(1)">x</a>`, []string{"x"}, []string{"javascript", "<a"}},
		{"style and iframe", "<iframe src=\"https://evil.example\"></iframe><p style=\"position:fixed\">p</p>", []string{"<p>p</p>"}, []string{"iframe", "position"}},
		{"allowed semantic HTML stays", "<details><summary>More</summary>\n\n<abbr title=\"chronic obstructive pulmonary disease\">COPD</abbr> <mark>x</mark>\n\n</details>",
			[]string{"<details><summary>More</summary>", `<abbr title="chronic obstructive pulmonary disease">COPD</abbr>`, "<mark>x</mark>"}, nil},
		{"raw id cannot smuggle markup", `<span id="a&quot;onmouseover=alert(1)">x</span>`, []string{"x"}, []string{`"onmouseover`}},
	}
	r := markdown.New(markdown.Options{Unsafe: true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := render(t, r, tt.src, markdown.Context{})
			assertContains(t, res.HTML, tt.want...)
			assertNotContains(t, res.HTML, tt.unwant...)
		})
	}
}

func TestRawHTMLOmittedByDefault(t *testing.T) {
	t.Parallel()
	res := render(t, markdown.New(markdown.Options{}), "<b>bold</b> and <script>x</script>", markdown.Context{})
	assertNotContains(t, res.HTML, "<b>", "<script")
}

// extensionMarkers are pieces of markup the sanitizer must never strip.
var extensionMarkers = []string{
	`<aside class="callout callout-emergency" role="note" aria-labelledby="callout-1-title">`,
	`<p class="callout-title" id="callout-1-title">`,
	`<p class="callout-emergency-text"><strong>`,
	`<sup class="cite"><a href="#ref-gina2024" id="cite-gina2024-1" aria-label="Source 1">[1]</a></sup>`,
	`<section class="references" aria-labelledby="references-title">`,
	`<li id="ref-gina2024">`,
	`class="backref" aria-label="Back to citation 1">`,
	`<span class="gloss-term"><a class="term" href="/glossary/#asthma" aria-describedby="gl-1">Asthma</a><span class="term-def" role="tooltip" id="gl-1">`,
	`<div class="table-wrap" role="region" tabindex="0" aria-label="Table 1">`,
	`<a class="anchor" href="#what-are-the-symptoms" aria-label="Link to this section: What are the symptoms?">#</a>`,
	`<pre class="chroma" tabindex="0"><code class="language-yaml"><span class="nt">plan</span>`,
	`<a href="https://www.example.org/asthma-guide" rel="noopener noreferrer" class="external">`,
	`loading="lazy" decoding="async"`,
	`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
	`<li id="fn:1">`,
}

func articleContext() markdown.Context {
	return markdown.Context{
		File:       "content/conditions/asthma.md",
		LineOffset: 12,
		References: []markdown.Reference{
			{ID: "gina2024", Title: "Global Strategy for Asthma Management and Prevention", Publisher: "Global Initiative for Asthma", Year: 2024, URL: "https://ginasthma.org/reports/"},
			{ID: "nice2021", Title: "Asthma: diagnosis, monitoring and chronic asthma management", Publisher: "NICE", Year: 2021, URL: "https://www.nice.org.uk/guidance/ng80"},
			{ID: "smith:2020", Title: "Inhaled corticosteroids and exercise", DOI: "10.1000/example.2020", PMID: "31234567", Year: 2020},
		},
		Glossary: []markdown.GlossaryTerm{
			{Term: "asthma", Definition: "A long-term condition in which the airways become swollen and narrow."},
			{Term: "inhaled corticosteroid", Synonyms: []string{"ICS", "preventer inhaler"}, Definition: "A daily medicine that calms swelling in the airways."},
			{Term: "reliever inhaler", Definition: "A medicine that opens the airways within minutes."},
			{Term: "spirometry", Definition: "A breathing test that measures how much and how fast you can breathe out."},
			{Term: "wheezing", Definition: "A whistling sound when breathing."},
		},
		GlossaryURL:  "/glossary/",
		LinkGlossary: true,
	}
}

func readArticle(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/article.md")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestSanitizerKeepsExtensionOutput(t *testing.T) {
	t.Parallel()
	src := readArticle(t)
	for _, unsafe := range []bool{false, true} {
		res, err := markdown.New(markdown.Options{Unsafe: unsafe}).Render(src, articleContext())
		if err != nil {
			t.Fatal(err)
		}
		assertContains(t, res.Emergency+res.HTML, extensionMarkers...)
	}
}

// TestEmergencyIsLiftedOut: a top-level EMERGENCY callout leaves the body
// for Result.Emergency, without glossary links, with a tel: link to the
// language's number, and its text still counts as the page's text.
func TestEmergencyIsLiftedOut(t *testing.T) {
	t.Parallel()
	ctx := articleContext()
	ctx.EmergencyNumber, ctx.EmergencyCall = "999", "Call 999"
	ctx.Topic = []string{"Asthma"}
	res, err := markdown.New(markdown.Options{}).Render(readArticle(t), ctx)
	if err != nil {
		t.Fatal(err)
	}
	em, body := res.Emergency, res.HTML
	if !strings.HasPrefix(em, `<aside class="callout callout-emergency"`) || strings.Count(em, "<aside") != 1 {
		t.Errorf("Emergency is not the one EMERGENCY callout:\n%s", em)
	}
	if strings.Contains(body, "callout-emergency") {
		t.Errorf("the EMERGENCY callout is still in the body")
	}
	assertContains(t, res.Emergency, `<a href="tel:999">Call 999</a>`, "Your reliever inhaler is not helping")
	if strings.Contains(em, `class="term"`) {
		t.Errorf("a glossary term is linked in the emergency callout:\n%s", em)
	}
	if strings.Contains(body, `href="/glossary/#asthma"`) {
		t.Errorf("the page's own topic (asthma) is linked to the glossary")
	}
	if !strings.Contains(body, `href="/glossary/#reliever-inhaler"`) {
		t.Errorf("the first use of reliever inhaler outside the emergency callout is not linked")
	}
	if !strings.Contains(res.Plain, "too breathless to speak") {
		t.Errorf("the emergency text is missing from Plain")
	}

	// The front matter's emergency text comes first, escaped; it says
	// "call", so no automatic line doubles it.
	ctx.Emergency = "Call 999 if <b>you</b> cannot breathe."
	res, err = markdown.New(markdown.Options{}).Render(readArticle(t), ctx)
	if err != nil {
		t.Fatal(err)
	}
	em = res.Emergency
	if !strings.HasPrefix(em, `<aside class="callout callout-emergency" role="note" aria-labelledby="callout-0-title">`) ||
		!strings.Contains(em, "<p>Call 999 if &lt;b&gt;you&lt;/b&gt; cannot breathe.</p>") || strings.Count(em, "<aside") != 2 {
		t.Errorf("front matter emergency text not first, or not escaped:\n%s", em)
	}
	if strings.Count(em, "callout-emergency-text") != 1 {
		t.Errorf("want the automatic line only in the body's callout (which does not say call):\n%s", em)
	}
}

func TestArticleResult(t *testing.T) {
	t.Parallel()
	res, err := markdown.New(markdown.Options{}).Render(readArticle(t), articleContext())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", res.Diagnostics)
	}
	if want := []string{"gina2024", "nice2021", "smith:2020"}; !reflect.DeepEqual(res.Cited, want) {
		t.Errorf("Cited = %v, want %v", res.Cited, want)
	}
	var toc []string
	for _, h := range res.TOC {
		toc = append(toc, h.ID)
	}
	wantTOC := []string{"what-are-the-symptoms", "what-causes-asthma", "how-is-asthma-diagnosed", "treatment",
		"reliever-inhalers", "preventer-inhalers", "your-asthma-action-plan", "when-to-get-help"}
	if !reflect.DeepEqual(toc, wantTOC) {
		t.Errorf("TOC ids = %v\nwant %v", toc, wantTOC)
	}
	if len(res.Links) != 2 || res.Links[0].Line != 12+81-1 {
		t.Errorf("Links = %+v, want the guide and allergies links on file line 92 (body line 81)", res.Links)
	}
	for _, want := range []string{"Asthma is a long-term condition", "Spirometry · How much air you can breathe out",
		"Signs of a severe asthma attack", "A review at least once a year"} {
		if !strings.Contains(res.Plain, want) {
			t.Errorf("Plain lacks %q", want)
		}
	}
	for _, unwanted := range []string{"beclometasone", "Sources", "Global Strategy", "<", "[@", "A daily medicine"} {
		if strings.Contains(res.Plain, unwanted) {
			t.Errorf("Plain contains %q", unwanted)
		}
	}
}

// TestPlainTextCitationsAndCells: the plain text that feeds search
// snippets keeps no gap where a citation was and separates table cells.
func TestPlainTextCitationsAndCells(t *testing.T) {
	t.Parallel()
	src := "It can cause a stroke [@a]. Or [@a] (rarely) [@a], [@b] worse [@a]\n\n" +
		"| Type | Use |\n| --- | --- |\n| Reliever | Fast [@a] |\n"
	res, err := markdown.New(markdown.Options{}).Render([]byte(src), markdown.Context{File: "t.md",
		References: []markdown.Reference{{ID: "a", Title: "A", URL: "https://a.test/"}, {ID: "b", Title: "B", URL: "https://b.test/"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"It can cause a stroke. Or (rarely), worse\n", "Type · Use\nReliever · Fast\n"} {
		if !strings.Contains(res.Plain+"\n", want) {
			t.Errorf("Plain lacks %q:\n%s", want, res.Plain)
		}
	}
}

// TestPlainTextResolvesReferencesAndEscapes: plain text reads as the page
// does, character references and backslash escapes resolved, whether a
// text has them or not.
func TestPlainTextResolvesReferencesAndEscapes(t *testing.T) {
	t.Parallel()
	src := "Salt &amp; water, &#65;&#x42;C, \\*not emphasis\\*, a \\ b & c.\n\nPlain words only.\n"
	res, err := markdown.New(markdown.Options{}).Render([]byte(src), markdown.Context{File: "t.md"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Salt & water, ABC, *not emphasis*, a \\ b & c.\nPlain words only."; strings.TrimSpace(res.Plain) != want {
		t.Errorf("Plain = %q, want %q", res.Plain, want)
	}
}

func TestLabelsTranslateUIStrings(t *testing.T) {
	t.Parallel()
	src := "## Auslöser\n\n| a |\n|---|\n| b |\n\n> [!WARNING]\n> x [@a]\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{
		References: []markdown.Reference{{ID: "a"}},
		Labels: map[string]string{
			"heading.anchor": "Link zu diesem Abschnitt", "table": "Tabelle", "callout.warning": "Warnung",
			"references": "Quellen", "cite.source": "Quelle", "cite.back": "Zurück zum Zitat",
		},
	})
	assertContains(t, res.HTML,
		`aria-label="Link zu diesem Abschnitt: Auslöser"`, `aria-label="Tabelle 1"`, `>Warnung</p>`,
		`>Quellen</h2>`, `aria-label="Quelle 1"`, `aria-label="Zurück zum Zitat"`)
}

func TestTaskListCheckboxesAreLabelled(t *testing.T) {
	t.Parallel()
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), "- [ ] a\n- [x] b\n", markdown.Context{Labels: map[string]string{"task.done": "Erledigt"}})
	assertContains(t, res.HTML,
		`<li><input disabled="" type="checkbox" aria-label="To do"> a</li>`,
		`<li><input checked="" disabled="" type="checkbox" aria-label="Erledigt"> b</li>`)
}

func TestGlossaryNeedsLinkGlossary(t *testing.T) {
	t.Parallel()
	ctx := markdown.Context{Glossary: []markdown.GlossaryTerm{{Term: "Wheezing", Definition: "d"}}}
	r := markdown.New(markdown.Options{})
	assertNotContains(t, render(t, r, "wheezing", ctx).HTML, `class="term"`)
	ctx.LinkGlossary = true
	assertContains(t, render(t, r, "wheezing", ctx).HTML, `<a class="term" href="/glossary/#wheezing"`)
}

func TestConcurrentRendersAreIdentical(t *testing.T) {
	t.Parallel()
	r := markdown.New(markdown.Options{Unsafe: true})
	src := readArticle(t)
	want, err := r.Render(src, articleContext())
	if err != nil {
		t.Fatal(err)
	}
	const workers = 8
	results := make([]markdown.Result, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			results[i], errs[i] = r.Render(src, articleContext())
		})
	}
	wg.Wait()
	for i := range workers {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !reflect.DeepEqual(results[i], want) {
			t.Errorf("render %d differs from the sequential render:%s", i, resultDiff(results[i], want))
		}
	}
}

// resultDiff names the fields of Result in which got and want differ,
// with the first difference of a string field.
func resultDiff(got, want markdown.Result) string {
	var b strings.Builder
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range g.NumField() {
		gf, wf := g.Field(i), w.Field(i)
		if reflect.DeepEqual(gf.Interface(), wf.Interface()) {
			continue
		}
		fmt.Fprintf(&b, "\n%s differs", g.Type().Field(i).Name)
		if gs, ok := gf.Interface().(string); ok {
			ws := wf.Interface().(string)
			at := 0
			for at < len(gs) && at < len(ws) && gs[at] == ws[at] {
				at++
			}
			fmt.Fprintf(&b, " at byte %d: got %q, want %q", at, gs[max(at-40, 0):min(at+60, len(gs))], ws[max(at-40, 0):min(at+60, len(ws))])
		} else {
			fmt.Fprintf(&b, ": got %+v, want %+v", gf.Interface(), wf.Interface())
		}
	}
	return b.String()
}

func TestHighlightCSS(t *testing.T) {
	t.Parallel()
	css, err := markdown.New(markdown.Options{}).HighlightCSS()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(css, []byte("@media (prefers-color-scheme: dark)")) || !bytes.Contains(css, []byte(".chroma")) {
		t.Errorf("unexpected stylesheet:\n%s", css)
	}
	if _, err := markdown.New(markdown.Options{HighlightStyleDark: "no-such-style"}).HighlightCSS(); err == nil {
		t.Error("unknown style accepted")
	}
}

func FuzzRender(f *testing.F) {
	f.Add([]byte("# T\n\n[@a] asthma [x](javascript:1) ![i](data:x)\n\n> [!NOTE] t\n> b\n\n| a |\n|---|\n| b |\n"))
	for _, s := range shapes { // the pathological shapes of BenchmarkShapes
		f.Add(s.build(4 << 10))
	}
	f.Add([]byte("![a <b>](/x.jpg \"cap <script>x</script> &amp;\")\n\ntext ![i](/y.png \"t\") ![j](z.jpg)\n\n> ![q](/q.jpg \"in a quote\")\n"))
	ctx := articleContext()
	ctx.Images = func(dest string) (markdown.LocalImage, bool) { // figures, sizes and srcsets too
		var asked []string
		return sized(&asked)(dest)
	}
	renderers := []*markdown.Renderer{markdown.New(markdown.Options{}), markdown.New(markdown.Options{Unsafe: true, AllowDataURLs: true})}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, r := range renderers {
			res, err := r.Render(src, ctx)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			for _, d := range res.Diagnostics {
				if d.Line != 0 && d.Line < ctx.LineOffset {
					t.Errorf("diagnostic before the body: %v", d)
				}
			}
			if strings.Contains(strings.ToLower(res.HTML), "<script") {
				t.Errorf("script element in output:\n%s", res.HTML)
			}
		}
	})
}

// BenchmarkRender renders a realistic ~1,000-word article with citations,
// callouts, glossary terms, a table and a code block; "unsafe" adds the
// bluemonday pass over the output.
func BenchmarkRender(b *testing.B) {
	src := readArticle(b)
	ctx := articleContext()
	for _, unsafe := range []bool{false, true} {
		name := "safe"
		if unsafe {
			name = "unsafe"
		}
		b.Run(name, func(b *testing.B) {
			r := markdown.New(markdown.Options{Unsafe: unsafe})
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(src, ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Bodies are rendered into a buffer that the next rendering uses again:
// what one rendering returned stays as it was, and the next is what a
// fresh renderer makes of its page alone.
func TestRenderKeepsNothingOfAnEarlierPage(t *testing.T) {
	// Not parallel: the second rendering should get the first one's
	// buffer back from the pool.
	r := markdown.New(markdown.Options{})
	long := render(t, r, "> [!EMERGENCY]\n> Call 999 now.\n\n"+strings.Repeat("Asthma makes the airways narrow. ", 400), markdown.Context{})
	longHTML, longEmergency, longPlain := strings.Clone(long.HTML), strings.Clone(long.Emergency), strings.Clone(long.Plain)
	short := render(t, r, "Rest.", markdown.Context{})
	if long.HTML != longHTML || long.Emergency != longEmergency || long.Plain != longPlain {
		t.Fatal("rendering a second page changed the first page's HTML or text")
	}
	if want := render(t, markdown.New(markdown.Options{}), "Rest.", markdown.Context{}); short.HTML != want.HTML || short.Emergency != "" || short.Plain != "Rest." {
		t.Fatalf("second page: %q, %q, %q; want %q alone", short.HTML, short.Emergency, short.Plain, want.HTML)
	}
}
