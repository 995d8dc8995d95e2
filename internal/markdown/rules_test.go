package markdown_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// ruleDiags renders src (body starting on file line 5) and returns the
// diagnostics of rule as "line:col severity message | hint".
func ruleDiags(t *testing.T, src, rule string) []string {
	t.Helper()
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "content/a/b.md", LineOffset: 5})
	var out []string
	for _, d := range res.Diagnostics {
		if d.Check == rule {
			if d.File != "content/a/b.md" {
				t.Errorf("file %q", d.File)
			}
			out = append(out, fmt.Sprintf("%d:%d %s %s | %s", d.Line, d.Col, d.Severity, d.Message, d.Hint))
		}
	}
	return out
}

// ruleCase is a body (its first line is file line 5) and the one line
// ruleDiags gives for it, "" for none.
type ruleCase struct{ src, want string }

// wantRuleCases fails t for each case whose diagnostics of rule are not
// its want.
func wantRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		if got := strings.Join(ruleDiags(t, tc.src, rule), "\n"); got != tc.want {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.src, got, tc.want)
		}
	}
}

// wantLines fails t unless got and want hold the same lines in order,
// printing both.
func wantLines(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestTabsNeedTwoHeadings(t *testing.T) {
	t.Parallel()
	got := ruleDiags(t, "Intro.\n\n> [!TABS]\n> Just text.\n\n> [!TABS]\n> ## Adults\n> a\n\n> [!TABS]\n> ## Adults\n> a\n> ## Children\n> b\n", markdown.RuleCallout)
	want := []string{
		`7:1 warning [!TABS] callout has 0 tab(s); readers see no choice | start each tab with a heading inside the callout, such as > ### Adults and > ### Children`,
		`10:1 warning [!TABS] callout has 1 tab(s); readers see no choice | start each tab with a heading inside the callout, such as > ### Adults and > ### Children`,
	}
	wantLines(t, got, want)
}

func TestUnknownCalloutKinds(t *testing.T) {
	t.Parallel()
	got := ruleDiags(t, "Intro.\n\n> [!SEE-DOCTOR]\n> Go today.\n\n> [!WARNIGN] Careful\n> Text.\n\n> [!BANANA]\n> x\n\n> [!DETAIL]- More\n> x\n\n> [!TAB]\n> ### A\n", markdown.RuleCallout)
	want := []string{
		`7:3 error unknown callout kind "SEE-DOCTOR"; did you mean SEE-A-DOCTOR? | write > [!SEE-A-DOCTOR]`,
		`10:3 error unknown callout kind "WARNIGN"; did you mean WARNING? | write > [!WARNING]`,
		`13:3 error unknown callout kind "BANANA"; the marker would show as text | use one of NOTE, TIP, IMPORTANT, WARNING, CAUTION, EMERGENCY, SEE-A-DOCTOR, DETAILS, TABS`,
		`16:3 error unknown callout kind "DETAIL"; did you mean DETAILS? | write > [!DETAILS]`,
		`19:3 error unknown callout kind "TAB"; did you mean TABS? | write > [!TABS]`,
	}
	wantLines(t, got, want)
	// Known kinds, any case, and ordinary quotes are not reported.
	if got := ruleDiags(t, "> [!see-a-doctor]\n> x\n\n> [!NOTE]\n> y\n\n> A quote [!x] inside.\n", markdown.RuleCallout); len(got) != 0 {
		t.Errorf("false positives: %q", got)
	}
}

func TestSkippedHeadingLevels(t *testing.T) {
	t.Parallel()
	got := ruleDiags(t, "## Symptoms\n\n#### Mild\n\nText.\n\n## Causes\n\n### Triggers\n\n### Genes\n", markdown.RuleHeadingLevel)
	want := []string{`7:1 warning heading level skips from h2 to h4 (#### after ##) | make it a ### heading, or add the missing level above it`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	got = ruleDiags(t, "### First\n", markdown.RuleHeadingLevel)
	if len(got) != 1 || !strings.HasPrefix(got[0], "5:1 warning heading level skips from h1 to h3") {
		t.Errorf("a body starting at ### = %q", got)
	}
	// Raw HTML headings count too, where raw HTML is kept (VA.gov's alert
	// boxes open with an <h4>): in order with the Markdown ones.
	src := "## Help\n\n<div class=\"alert\">\n  <h4>Talk now</h4>\n</div>\n\n### Ongoing\n\n<h3>Also</h3> <h5>x</h5>\n"
	res := render(t, markdown.New(markdown.Options{Unsafe: true}), src, markdown.Context{File: "a.md"})
	got = nil
	for _, d := range res.Diagnostics {
		if d.Check == markdown.RuleHeadingLevel {
			got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message, d.Hint))
		}
	}
	want = []string{"3:1 raw HTML heading <h4> skips a level: it follows an h2 | make it an <h3>, or add the missing level above it",
		"9:1 raw HTML heading <h5> skips a level: it follows an h3 | make it an <h4>, or add the missing level above it"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("raw headings: got %q\nwant %q", got, want)
	}
	res = render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md"})
	for _, d := range res.Diagnostics {
		if d.Check == markdown.RuleHeadingLevel {
			t.Errorf("raw HTML that is not published was checked: %s", d.Message)
		}
	}
}

func TestEmailAddressesAreMailtoLinks(t *testing.T) {
	t.Parallel()
	res := render(t, markdown.New(markdown.Options{}), "Write to help@clinic.example.org today.\n", markdown.Context{File: "a.md"})
	assertContains(t, res.HTML, `<a href="mailto:help@clinic.example.org">help@clinic.example.org</a>`)
	if len(res.Links) != 1 || res.Links[0].Dest != "mailto:help@clinic.example.org" {
		t.Errorf("links %+v, want the mailto: address (a bare address is checked as a relative link)", res.Links)
	}
}

func TestPhoneNumbersAreTelLinks(t *testing.T) {
	t.Parallel()
	src := "Call 0800 123 4567 or +44 (0)20 7946 0958, or (555) 123-4567.\n\n" +
		"Not: 2024-03-04, 120-140 mmHg, 10 000 people, ISBN 978-0-19-852663-6, `0800 123 4567`, [0800 123 4567](/x/).\n\n" +
		"## Call 0800 123 4567\n"
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md"})
	assertContains(t, res.HTML,
		`Call <a href="tel:08001234567">0800 123 4567</a> or <a href="tel:+442079460958">+44 (0)20 7946 0958</a>, or <a href="tel:5551234567">(555) 123-4567</a>.`)
	if n := strings.Count(res.HTML, `href="tel:`); n != 3 {
		t.Errorf("%d tel: links, want 3:\n%s", n, res.HTML)
	}
}

// A footnote reference without a definition shows as "[^1]"; a definition
// no reference calls is left out of the page. Both are named at their
// place; a footnote used as written, an escaped reference and code are not.
func TestFootnotesThatDoNotWork(t *testing.T) {
	t.Parallel()
	src := "Gout hurts.[^1] Also[^note], \\[^2] and `[^3]` and [^x y].\n" + // line 5
		"A note over\ntwo lines [^2\n] and a last one [^last].\n\n" + // 6-9
		"[^note]: Used.\n\n" + // 10-11
		"[^orphan]: Never referenced.\n\n" + // 12-13
		"```\n[^code]: in code\n```\n\n" + // 14-17
		"> [^1] in a quote.\n\n" + // 18-19
		"  [^spaced]: indented two spaces, also orphan.\n" // 20
	got := ruleDiags(t, src, markdown.RuleFootnote)
	want := []string{
		`5:12 warning footnote [^1] has no definition, so it shows as text | add a line "[^1]: the note" after the paragraph, or remove the reference`,
		`8:18 warning footnote [^last] has no definition, so it shows as text | add a line "[^last]: the note" after the paragraph, or remove the reference`,
		`12:1 warning footnote [^orphan] is never referenced, so its text is left out of the page | put [^orphan] in the text where the note belongs, or remove the note`,
		`18:3 warning footnote [^1] has no definition, so it shows as text | add a line "[^1]: the note" after the paragraph, or remove the reference`,
		`20:3 warning footnote [^spaced] is never referenced, so its text is left out of the page | put [^spaced] in the text where the note belongs, or remove the note`,
	}
	wantLines(t, got, want)
}

// Hugo shortcodes and Liquid tags, which medkb does not run, are named
// once each (not at their closing tag), wherever goldmark split their
// text; in code they are not.
func TestShortcodesShownAsText(t *testing.T) {
	t.Parallel()
	src := "{{< youtube abc >}}\n\n" + // 5
		"A {{% note %}}text{{% /note %}} and {{< figure src=\"x.png\" >}}.\n\n" + // 7
		"{% include note.html %} and {% if x %}y{% endif %}\n\n" + // 9
		"`{{< inline-code >}}` and {{ page.title }} and {x}\n\n" + // 11
		"    {{< indented-code >}}\n" // 13
	got := ruleDiags(t, src, markdown.RuleShortcode)
	hugo := ` | write it in Markdown (an image as ![alt](file.png), a note as a > [!NOTE] callout); medkb import translates figure, ref and relref`
	liquid := ` | write it in Markdown; medkb import translates {% link %} and {% post_url %}`
	want := []string{
		`5:1 warning Hugo shortcode "youtube" is not medkb Markdown: it shows as text` + hugo,
		`7:3 warning Hugo shortcode "note" is not medkb Markdown: it shows as text` + hugo,
		`7:37 warning Hugo shortcode "figure" is not medkb Markdown: it shows as text` + hugo,
		`9:1 warning Liquid tag "include" is not medkb Markdown: it shows as text` + liquid,
		`9:29 warning Liquid tag "if" is not medkb Markdown: it shows as text` + liquid,
	}
	wantLines(t, got, want)
}

// A footnote definition in a list item's code block is code; a Liquid tag
// with quoted arguments (the typographer makes the quotes nodes of their
// own) is still found, and its else branches are not tags of their own.
func TestFootnotesAndTagsInTheirCorners(t *testing.T) {
	t.Parallel()
	if got := ruleDiags(t, "1. a\n   ```\n   [^k]: code\n   ```\n", markdown.RuleFootnote); len(got) != 0 {
		t.Errorf("a definition in a list item's code block: %q", got)
	}
	got := ruleDiags(t, "{% include \"note.html\" %} and {% if a %}b{% elsif c %}d{% else %}e{% endif %} in {% of patients}\n", markdown.RuleShortcode)
	liquid := ` | write it in Markdown; medkb import translates {% link %} and {% post_url %}`
	want := []string{
		`5:1 warning Liquid tag "include" is not medkb Markdown: it shows as text` + liquid,
		`5:31 warning Liquid tag "if" is not medkb Markdown: it shows as text` + liquid,
	}
	wantLines(t, got, want)
}

// A reference link whose label has no definition shows as text: full and
// collapsed links are named at their opening bracket, with the label
// (case and all) the writer must define; one whose label is defined (in
// any case), a shortcut reference such as [sic], an escaped bracket and
// code are not.
func TestReferenceLinksWithoutDefinition(t *testing.T) {
	t.Parallel()
	src := "See [the NHS page][nhs] and [NICE][] for more.\n\n" + // 5
		"[Asthma UK][AUK] is [defined][ok], [sic] and [1] are prose, \\[x][y] is escaped and `[a][b]` is code.\n\n" + // 7
		"> Also in a quote: [the\nleaflet][leaflet].\n\n" + // 9-10
		"[ok]: https://www.nhs.uk/\n[auk]: https://www.asthmaandlung.org.uk/\n" // 12-13
	got := ruleDiags(t, src, markdown.RuleLinkSyntax)
	want := []string{
		`5:5 warning link [the NHS page][nhs] has no definition of [nhs], so it shows as text and leads nowhere | add a line "[nhs]: https://…" below the paragraph, or write the link as [the NHS page](address)`,
		`5:29 warning link [NICE][] has no definition of [NICE], so it shows as text and leads nowhere | add a line "[NICE]: https://…" below the paragraph, or write the link as [NICE](address)`,
		`9:20 warning link [the leaflet][leaflet] has no definition of [leaflet], so it shows as text and leads nowhere | add a line "[leaflet]: https://…" below the paragraph, or write the link as [the leaflet](address)`,
	}
	wantLines(t, got, want)
}

// An inline link or image Markdown does not read as one, for a space in
// its address or between its text and address, shows as text; the
// glossary's term inside its text does not hide it. Prose with brackets
// and parentheses is left alone.
func TestInlineLinksShownAsText(t *testing.T) {
	t.Parallel()
	src := "See [the heart attack page](/conditions/heart attack/) now.\n\n" + // 5
		"Read [the leaflet] (/leaflets/asthma/) and ![a spacer](spacer device.png).\n\n" + // 7
		"Results [1] (2019) and [sic] (sic) are prose; [works](/conditions/asthma/) and [also](<a b.pdf>) work.\n" // 9
	r := markdown.New(markdown.Options{})
	res := render(t, r, src, markdown.Context{File: "content/a/b.md", LineOffset: 5, LinkGlossary: true,
		Glossary: []markdown.GlossaryTerm{{Term: "heart attack", Slug: "heart-attack", Definition: "When the blood supply to the heart is blocked."}}})
	var got []string
	for _, d := range res.Diagnostics {
		if d.Check == markdown.RuleLinkSyntax {
			got = append(got, fmt.Sprintf("%d:%d %s | %s", d.Line, d.Col, d.Message, d.Hint))
		}
	}
	want := []string{
		`5:5 link [the heart attack page](/conditions/heart attack/) is not a link: its address has a space, so it shows as text | write the address without the space (a hyphen, or %20 in a file name), or put it in angle brackets: [the heart attack page](</conditions/heart attack/>)`,
		`7:6 link [the leaflet] (/leaflets/asthma/) is not a link: a space between ] and ( makes it text | remove the space: [the leaflet](/leaflets/asthma/)`,
		`7:44 image [a spacer](spacer device.png) is not an image: its address has a space, so it shows as text | write the address without the space (a hyphen, or %20 in a file name), or put it in angle brackets: ![a spacer](<spacer device.png>)`,
	}
	wantLines(t, got, want)
	if !strings.Contains(string(res.HTML), "gloss-term") {
		t.Errorf("the glossary did not mark its term, so the test does not show a run through it:\n%s", res.HTML)
	}
}

// A table row with more cells than the header row has columns loses its
// last cells; the row is named with what is lost, also without outer
// pipes and in a quote. A short row (padded with empty cells), extra
// cells that are empty and an escaped pipe are not reported.
func TestTableRowsWithTooManyCells(t *testing.T) {
	t.Parallel()
	src := "| Medicine | Adult dose |\n|---|---|\n" + // 5-6
		"| Ibuprofen | 400 mg | every 8 hours |\n" + // 7
		"| Paracetamol | 1 g | |\n| Aspirin |\n" + // 8-9
		"| Codeine | 30 mg \\| 60 mg |\n" + // 10
		"Naproxen | 250 mg | twice | with food\n\n" + // 11
		"> | a | b |\n> |---|---|\n> | 1 | 2 | 3 |\n" // 13-15
	got := ruleDiags(t, src, markdown.RuleTable)
	hint := ` | add the column to the header row and its |---| line, or join the cells`
	want := []string{
		`7:1 warning table row has 3 cells but the table has 2 columns: "every 8 hours" is left out of the page` + hint,
		`11:1 warning table row has 4 cells but the table has 2 columns: "twice | with food" is left out of the page` + hint,
		`15:3 warning table row has 3 cells but the table has 2 columns: "3" is left out of the page` + hint,
	}
	wantLines(t, got, want)
	res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "a.md"})
	if strings.Contains(string(res.HTML), "every 8 hours") || !strings.Contains(string(res.HTML), "60 mg") {
		t.Errorf("the test's premise: GFM drops the extra cell and keeps the escaped pipe's:\n%s", res.HTML)
	}
}

// A line that starts as a heading without its space shows as text; it is
// named with the heading it should be, at the start of a paragraph, on
// a later line of one and in a quote. "#1", "# " (a heading), code, an escaped "\#" and an indented line of a paragraph (a YAML
// comment pasted as text) are not reported.
func TestHeadingsWithoutTheirSpace(t *testing.T) {
	t.Parallel()
	src := "#Causes\n\n" + // 5
		"Some text.\n##When to get help\n\n" + // 7-8
		"> ###Émergency\n\n" + // 10
		"#1 cause of illness. # A heading\n\n# Real heading\n\n#\n\n\\#hashtag\n\n`#code`\n\n    #indented\n\n" + // 12-23
		"on:\n  schedule:\n    #runs at 00:00 UTC\n" // 24-26: YAML pasted as text, its comment indented
	got := ruleDiags(t, src, markdown.RuleHeadingSyntax)
	want := []string{
		`5:1 warning #Causes is not a heading: without a space after the # it shows as text | write # Causes, with a space (a hashtag meant as text: \#Causes)`,
		`8:1 warning ##When to get help is not a heading: without a space after the ## it shows as text | write ## When to get help, with a space (a hashtag meant as text: \##When to get help)`,
		`10:3 warning ###Émergency is not a heading: without a space after the ### it shows as text | write ### Émergency, with a space (a hashtag meant as text: \###Émergency)`,
		// "#" alone is a heading, an empty one (TestEmptyHeading).
		`16:1 warning this heading (h1) has no words: screen readers announce an empty heading | write the heading's words after the #s, or remove the line`,
	}
	wantLines(t, got, want)
}

// A level-1 heading in the text is a second h1 on the page (its title is
// the first); a sentence underlined with --- or === became a heading by
// accident; a short title underlined on purpose, and a --- after a blank
// line (a horizontal line), are left alone.
func TestHeadingsByAccident(t *testing.T) {
	t.Parallel()
	if got := ruleDiags(t, "---\ntags: [joints]\nspecialty: Rheumatology\n---\n\nGout.\n", markdown.RuleHeadingSyntax); len(got) != 0 {
		t.Errorf("a second front matter block (package frontmatter's) was reported: %q", got)
	}
	src := "# Migraine\n\n" + // 5
		"Take 2 tablets a day with food.\n---\n\n" + // 7-8
		"Children under 12\n===\n\n" + // 10-11
		"Causes\n---\n\n" + // 13-14
		"A first line\nand a second\n---\n\n" + // 16-18
		"Rest in a dark room.\n\n---\n" // 20-22
	got := append(ruleDiags(t, src, markdown.RuleHeadingLevel), ruleDiags(t, src, markdown.RuleHeadingSyntax)...)
	h1 := ` | make it a ## heading, or delete it if it repeats the title`
	setext := ` | for a horizontal line, leave a blank line between the paragraph and `
	want := []string{
		`5:1 warning a level-1 heading (#) in the text: the page's title is its only h1, so the text's headings start at ##` + h1,
		`10:1 warning a level-1 heading (#) in the text: the page's title is its only h1, so the text's headings start at ##` + h1,
		`7:1 warning this paragraph is a heading (h2 in the page's contents) because the line under it is ---` + setext + `---; for a heading, write it as ## on one short line`,
		`16:1 warning this paragraph is a heading (h2 in the page's contents) because the line under it is ---` + setext + `---; for a heading, write it as ## on one short line`,
	}
	wantLines(t, got, want)
}

// A ** or __ that opens or closes bold text with no partner shows as
// text; with a space before its closing mark ("**above **") the opening
// one is named (the closing one, between spaces, reads as no mark).
// Between two letters or digits (2**3, snake__case), escaped or in code
// it is not reported; bold that works is not either.
func TestUnpairedBold(t *testing.T) {
	t.Parallel()
	src := "Take **two tablets a day.\n\n" + // 5
		"Move the button **above ** the photo.\n\n" + // 7
		"And __this too.\n\n" + // 9
		"Powers 2**3, snake__case, \\*\\*escaped, `**code`, **bold** and __bold__.\n\n" + // 11
		"**Register:\u00a0**[the form](https://example.org/)\n\n" + // 13
		"<span>**\u00a0**</span> and __ __ here.\n\n" + // 15
		"Prose: 5 ** 2, a ** b ** c.\n" // 17
	got := ruleDiags(t, src, markdown.RuleEmphasis)
	ast := ` | close the bold text with ** after its last word (**two tablets**), or write \*\* to show the characters`
	want := []string{
		`5:6 warning ** has no partner, so it shows as two asterisks and no text is made bold` + ast,
		`7:17 warning ** has no partner, so it shows as two asterisks and no text is made bold | remove the space before the ** that was to close it: Markdown closes bold text only right after a word or punctuation mark, never after a space`,
		`9:5 warning __ has no partner, so it shows as two underscores and no text is made bold | close the bold text with __ after its last word (__two tablets__), or write \_\_ to show the characters`,
		`13:1 warning ** has no partner, so it shows as two asterisks and no text is made bold | remove the no-break space (U+00A0, which looks like no space at all) before the ** that was to close it: Markdown closes bold text only right after a word or punctuation mark, never after a space`,
		`15:7 warning ** ** makes nothing bold (only a space is inside), so it shows as four asterisks | remove it (an editor's empty bold text, left around a space), or write \*\* \*\* to show the characters`,
		`15:24 warning __ __ makes nothing bold (only a space is inside), so it shows as four underscores | remove it (an editor's empty bold text, left around a space), or write \_\_ \_\_ to show the characters`,
	}
	wantLines(t, got, want)
}

// A kramdown attribute list ({: .class}, {: width="552"}) under a
// paragraph or a table, as Jekyll sites and Word exports have them, is
// text on the page; "{:a => 1}" in prose and "{: .x}" in code are not
// reported.
func TestKramdownAttributeListIsText(t *testing.T) {
	t.Parallel()
	src := "Text here.\n{: .x_MsoNormal}\n\n" + // 5-6
		"| a | b |\n|---|---|\n| 1 | 2 |\n{: width=\"552\"}\n\n" + // 8-11
		"## Title {:#custom-id}\n\n" + // 13
		"A map {:a => 1} in `{: .code}`.\n" // 15
	got := ruleDiags(t, src, markdown.RuleShortcode)
	hint := ` | remove it: medkb gives headings their ids and styles the page itself (medkb import removes these from a Jekyll site)`
	want := []string{
		`6:1 warning kramdown attribute list {: …} is not medkb Markdown: it shows as text` + hint,
		`11:1 warning kramdown attribute list {: …} is not medkb Markdown: it shows as text` + hint,
		`13:10 warning kramdown attribute list {: …} is not medkb Markdown: it shows as text` + hint,
	}
	wantLines(t, got, want)
}

// Sentences indented by four spaces or a tab are a code block; code, a
// command and a word alone indented are not reported.
func TestIndentedProse(t *testing.T) {
	t.Parallel()
	src := "Intro.\n\n    Take two tablets a day with food.\n    Do not drive after taking them.\n\n" + // 5-8
		"Run:\n\n    go test ./...\n\n" + // 10-13
		"Config:\n\n    name = value;\n\n" + // 15-18
		"Then:\n\n\tYes.\n" // 20-22
	got := ruleDiags(t, src, markdown.RuleIndentedCode)
	want := []string{
		`7:1 warning this text is indented by four spaces or a tab, so it shows as a block of code, not as a paragraph | remove the indentation; to quote it, start the lines with >; to put it in a list item, indent it under the item's text`,
	}
	wantLines(t, got, want)
}

// A code fence never closed turns the rest of its container into code:
// on the page, in a list item, with ~~~ and a longer fence; a closed one,
// closed by a longer fence, or closed in a quote is not reported.
func TestUnclosedCodeFences(t *testing.T) {
	t.Parallel()
	hint := " | close it with ``` on a line of its own where the code ends"
	tests := []ruleCase{
		{"Intro.\n\n```\ncode\n\nMore text.\n\n## Heading\n", "7:1 warning a code block opened here with ``` is never closed: the 5 lines below it (to line 12) show as code" + hint},
		{"- item\n  ```yaml\n  code\n- next\n", "6:1 warning a code block opened here with ``` is never closed: the line below it (line 7) shows as code" + hint},
		{"~~~~\ncode\n~~~\n", "5:1 warning a code block opened here with ~~~~ is never closed: the 2 lines below it (to line 7) show as code | close it with ~~~~ on a line of its own where the code ends"},
		{"Intro.\n\n```json\n", "7:1 warning a code block opened here with ``` is never closed" + hint},
		{"```\ncode\n```\n\nAfter.\n", ""},
		{"```go\ncode\n`````\n", ""},
		{"> ```\n> code\n> ```\n", ""},
		{"```\n```\n", ""},
	}
	wantRuleCases(t, markdown.RuleCodeFence, tests)
}

// A numbered list whose numbers are not the ones the page shows is named
// at its first wrong item; a list numbered in turn from any start, one
// numbered 1. throughout, a bullet list and a list in a quote numbered in
// turn are not reported.
func TestListNumbersThePageDoesNotShow(t *testing.T) {
	t.Parallel()
	hint := func(n int) string {
		return fmt.Sprintf(" | number it %d (and the items after it in turn), or number every item 1. to let Markdown count", n)
	}
	tests := []ruleCase{
		{"1. Rest.\n2. Drink water.\n5. Call 111.\n", "7:1 warning list item numbered 5 shows as 3: Markdown numbers a list from its first item, one by one" + hint(3)},
		{"1. One.\n2. Two.\n2. Again.\n3. Three.\n", "7:1 warning list item numbered 2 shows as 3: Markdown numbers a list from its first item, one by one" + hint(3)},
		{"> 1) One.\n> 3) Three.\n", "6:1 warning list item numbered 3 shows as 2: Markdown numbers a list from its first item, one by one" + hint(2)},
		{"4. Four.\n5. Five.\n6. Six.\n", ""},
		{"1. One.\n1. One.\n1. One.\n", ""},
		{"3. Three.\n3. Again.\n", ""}, // alike: counting left to Markdown
		{"- One.\n- Two.\n", ""},
		{"1. One.\n\n   More of one.\n2. Two.\n", ""},
	}
	wantRuleCases(t, markdown.RuleListNumbers, tests)
}

// A numbered list not starting at 1 straight under a line of text runs
// on as the paragraph: reported after a line ending ":"; a list from 1, a
// list after a blank line and a wrapped sentence with a year or a page
// number at a line's start are not.
func TestListRunningOnAsText(t *testing.T) {
	t.Parallel()
	tests := []ruleCase{
		{"Steps:\n2. Wash your hands.\n3. Dry them.\n", "6:1 warning this numbered list, starting at 2, runs on as text: under a line of text a list must start at 1 | leave a blank line above it, or number it from 1"},
		{"Steps:\n1. Wash your hands.\n2. Dry them.\n", ""},
		{"Steps:\n\n2. Wash your hands.\n", ""},
		{"The clinic has been open since\n2019. The doctors see children.\n", ""},
		{"The dose is on the leaflet, page\n12. It says to take it with food.\n", ""},
		{"Open since 2019, after:\n12. Then more.\n", "6:1 warning this numbered list, starting at 12, runs on as text: under a line of text a list must start at 1 | leave a blank line above it, or number it from 1"},
	}
	wantRuleCases(t, markdown.RuleListNumbers, tests)
}

// A placeholder left in the text is named: TODO, TBC and lorem ipsum as
// text, in a list and in a table; one in code, in an HTML comment, as
// part of a word or with an apostrophe (a word about the label) is not.
func TestPlaceholdersInTheText(t *testing.T) {
	t.Parallel()
	src := "Added in TODO.\n\n" + // 5
		"- Dose: TBC\n\n" + // 7
		"| a |\n|---|\n| Lorem Ipsum dolor |\n\n" + // 9-11
		"`TODO` and <!-- TODO: check --> and TODOS and TODO’s are small changes; XXXL is a size; NOTTODO.\n" // 13
	got := ruleDiags(t, src, markdown.RulePlaceholder)
	hint := " | write what it stands for, or move the note into an HTML comment (<!-- TODO: … -->), which readers do not see"
	want := []string{
		`5:10 warning placeholder "TODO" in the text: readers would take it for the page's content` + hint,
		`7:9 warning placeholder "TBC" in the text: readers would take it for the page's content` + hint,
		`11:3 warning placeholder "Lorem Ipsum" in the text: readers would take it for the page's content` + hint,
	}
	wantLines(t, got, want)
}

// A link whose words say nothing about where it leads is named at the
// link, in the languages the list knows; a link that says where it leads,
// one whose words hold more than the vague ones, and one that is an image
// or code are not reported.
func TestLinkTextThatSaysNothing(t *testing.T) {
	t.Parallel()
	msg := func(text, words string) string {
		return fmt.Sprintf("warning link text %q says nothing about where the link leads: screen reader users who list a page's links hear only %q"+
			" | put the words that say where it leads in the link, such as [book an asthma review](…) or [NICE's asthma guideline](…)", text, words)
	}
	tests := []ruleCase{
		{"To book, [click here](/book/).\n", "5:10 " + msg("click here", "click here")},
		{"See [Here.](/a/) and [Read more »](/b/).\n", "5:5 " + msg("Here.", "here") + "\n5:22 " + msg("Read more »", "read more")},
		{"Más información [aquí](/es/asma/).\n", "5:17 " + msg("aquí", "aquí")},
		{"[Click\nhere](/book/)\n", "5:1 " + msg("Click here", "click here")},
		{"[Book an asthma review](/book/) and [read more about inhalers](/inhalers/).\n", ""},
		{"[![Book here](/images/book.png)](/book/)\n", ""},
		{"[`here`](/book/)\n", ""},
		{"<https://www.nhs.uk/>\n", ""},
	}
	wantRuleCases(t, markdown.RuleLinkText, tests)
}

// A heading with no words ("## " alone) is named; one with words, or
// only an image, is not.
func TestEmptyHeading(t *testing.T) {
	t.Parallel()
	const msg = " | write the heading's words after the #s, or remove the line"
	tests := []ruleCase{
		{"Intro.\n\n## \n\nText.\n", "7:1 warning this heading (h2) has no words: screen readers announce an empty heading" + msg},
		{"Intro.\n\n###\n", "7:1 warning this heading (h3) has no words: screen readers announce an empty heading" + msg},
		{"## Causes\n\nText.\n", ""},
		{"## ![Causes](/images/causes.png)\n", ""},
	}
	wantRuleCases(t, markdown.RuleHeadingSyntax, tests)
}

// Words in block capitals for emphasis are named at the run's start, with
// the words in sentence case, bold, as the fix; acronyms alone, in pairs
// or listed with commas, a capital word or two, code and mixed case are
// not reported.
func TestCapitalsForEmphasis(t *testing.T) {
	t.Parallel()
	msg := func(run, bold string) string {
		return fmt.Sprintf("warning text in capitals, %q: capitals are harder to read, and some screen readers spell them out letter by letter | write it in sentence case; to stress it, make it bold: **%s**", run, bold)
	}
	tests := []ruleCase{
		{"Ibuprofen: DO NOT TAKE WITH ALCOHOL.\n", "5:12 " + msg("DO NOT TAKE WITH ALCOHOL", "Do not take with alcohol")},
		{"## WHEN TO GET HELP\n", "5:4 " + msg("WHEN TO GET HELP", "When to get help")},
		{"**CALL 999 IMMEDIATELY IF THE PERSON COLLAPSES**\n", "5:3 " + msg("CALL 999 IMMEDIATELY IF THE PERSON COLLAPSES", "Call 999 immediately if the person collapses")},
		{"NO LLAMES SI ESTÁS BIEN.\n", "5:1 " + msg("NO LLAMES SI ESTÁS BIEN", "No llames si estás bien")},
		{"Then: DO NOT TAKE\nWITH ALCOHOL.\n", "5:7 " + msg("DO NOT TAKE WITH ALCOHOL", "Do not take with alcohol")},
		{"DO NOT COME IF YOU HAVE A FEVER.\n", "5:1 " + msg("DO NOT COME IF YOU HAVE A FEVER", "Do not come if you have a fever")},
		{"Ask your GP or call NHS 111 about COPD.\n", ""},
		{"Tests: HbA1c, FBC, U&E, LFT and TSH.\n", ""},
		{"Codes ANCP, ANCV, IMMV are used.\n", ""},
		{"Do NOT stop taking it.\n", ""},
		{"Run `DO NOT TAKE WITH ALCOHOL` in the shell.\n", ""},
		{"NHS COVID-19 app.\n", ""},
	}
	wantRuleCases(t, markdown.RuleCapitals, tests)
}

// Every vague link text fits the bound checkLinkText reads up to.
func TestVagueLinkTextsFitTheirBound(t *testing.T) {
	for _, s := range markdown.VagueLinkTexts() {
		if len(s)+len(" » ") > markdown.MaxVagueLinkText {
			t.Errorf("%q (%d bytes) and its punctuation exceed maxVagueLinkText", s, len(s))
		}
	}
}

// HTML indented after a blank line inside an HTML block shows as code
// (nhs-pycom/nhs.pycom's conference programme, MIT, lost its rows so);
// an indented HTML example apart from raw HTML, or HTML with no blank
// line, is not reported (indented words after HTML are the prose rule's).
func TestIndentedHTMLAfterABlankLine(t *testing.T) {
	t.Parallel()
	const msg = "warning this HTML shows as code: a blank line above it ended the HTML block it belongs to, and lines indented by four spaces after one are a block of code | remove the blank lines inside the HTML (or the indentation of the lines after them)"
	tests := []ruleCase{
		{"<table>\n  <tbody>\n    <tr><td>09:15</td></tr>\n\n    <tr><td>09:30</td></tr>\n  </tbody>\n</table>\n", "9:1 " + msg},
		{"<div>\n\n    </div>\n", "7:1 " + msg},
		{"<table>\n  <tr><td>09:15</td></tr>\n  <tr><td>09:30</td></tr>\n</table>\n", ""},
		{"An example:\n\n    <table><tr><td>x</td></tr></table>\n", ""},
	}
	wantRuleCases(t, markdown.RuleIndentedCode, tests)
}

// A control character is named once a line; a C1 one with the Windows-1252
// character it stood for: HealthCare.gov's 2013 text had "you'\u0092ll"
// and "they\u00c2\u0092ll" (the Nu Html Checker's "Forbidden code point
// U+0092" on each page), and a dash written U+0096. One with no
// Windows-1252 meaning (U+0081) is to be deleted; a letter such as Â
// (U+00C2, whose UTF-8 starts with the same byte) is not reported.
func TestControlCharactersInTheText(t *testing.T) {
	t.Parallel()
	src := "If your state does, you'\u0092ll use your state'\u0092s Marketplace website.\n\n" + // 5
		"* Through work \u0096 your own job.\n\n" + // 7
		"A stray \u0081 here; Âge is a word.\n\n" + // 9
		"Pasted from Word:\vthe second line.\n\n" + // 11
		"A bell\a and a DEL\x7f on one line; a tab\there and a form feed\f are whitespace.\n\n" + // 13
		"```\ncode with a backspace\b\n```\n" // 15-17
	got := ruleDiags(t, src, markdown.RuleControlChar)
	msg := func(cp string) string {
		return "warning control character " + cp + " in the text: HTML forbids it and browsers show nothing or a box in its place | "
	}
	want := []string{
		"5:25 " + msg("U+0092") + "write the character it stands for, ’ (Windows-1252's 0x92), or delete it where the text has that character beside it already",
		"7:16 " + msg("U+0096") + "write the character it stands for, – (Windows-1252's 0x96), or delete it where the text has that character beside it already",
		"9:9 " + msg("U+0081") + "delete it: it is no letter or sign (Windows-1252, from which it usually comes, has none at 0x81)",
		"11:18 " + msg("U+000B") + "write a line break or a space instead: a vertical tab is what Word's line break (Shift+Enter) becomes when pasted",
		"13:7 " + msg("U+0007") + "delete it: it is no letter or sign",
		"16:22 " + msg("U+0008") + "delete it: it is no letter or sign",
	}
	wantLines(t, got, want)
}
