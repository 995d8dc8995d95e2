package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// CoronaCheck.nl's guidepost pages (minvws/nl-covid19-coronacheck-website,
// EUPL-1.2; en/guidepost.md, shortened here) keep each answer in a Liquid
// capture, {% capture copy_intro %}…{% endcapture %}, and show it later
// with {{ copy_intro }} inside <details> blocks. The importer replaced
// each tag and each use by an HTML comment: the answers stood at the top
// of the page, outside their blocks, and the blocks were empty. Now the
// text goes where {{ name }} showed it (also {{ name | strip }}, and a
// capture on one line), as Jekyll did, with a note at the capture; a
// capture nothing shows is kept where it is, with a note for a person;
// notes made after (links) keep naming the lines of the old file.
func TestImportJekyllCaptureIsWrittenWhereItIsUsed(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: CoronaCheck\n",
		"en/guidepost.md": `---
title: Guidepost
---
Read this first.

{% capture copy_intro %}
<div markdown="1">
Are you unable to make a certificate? Read [what to do](/en/faq/).
</div>
{% endcapture %}

{% capture phone %}0800-1351{% endcapture %}
{% capture unused %}
Text nobody shows.
{% endcapture %}

Call {{ phone }} for help.

{{ copy_intro }}

<details><summary>Help</summary>
{{ copy_intro | strip }}
</details>

Or call 0800-1352.
`,
		"en/privacy.md": "---\ntitle: Privacy\n---\nYour data.\n",
		"en/inline.md":  "---\ntitle: Inline\n---\nWe {% capture verb %}help{% endcapture %} you.\n",
	})
	got := readImported(t, dest, "en/guidepost.md")
	_, body, _ := strings.Cut(got, "\n---\n")
	// The unused capture's text stays where it was; the others' lines
	// go, with the blank lines around them (Markdown reads a run as one).
	// The <div markdown="1"> is written as goldmark reads Markdown inside
	// (TestImportJekyllMarkdownInsideHTML).
	want := `Read this first.

Text nobody shows.


Call 0800-1351 for help.


<div>

Are you unable to make a certificate? Read [what to do](/en/faq/).

</div>


<details><summary>Help</summary>
<div>

Are you unable to make a certificate? Read [what to do](/en/faq/).

</div>

</details>

Or call 0800-1352.
`
	if body != want {
		t.Errorf("content/en/guidepost.md body:\n%s\nwant:\n%s", body, want)
	}
	wantNote(t, rep, "en/guidepost.md", 6, importer.Changed, "{% capture copy_intro %}: its text is written where the page showed it, {{ copy_intro }} at line 19 and 22, as Jekyll did")
	wantNote(t, rep, "en/guidepost.md", 12, importer.Changed, "{% capture phone %}: its text is written where the page showed it, {{ phone }} at line 17")
	wantNote(t, rep, "en/guidepost.md", 13, importer.Human, "{% capture unused %}: Jekyll kept this text in the variable unused and showed it only where {{ unused }} used it, and no {{ unused }} after it shows it: the text is kept here, where Jekyll did not show it")
	// A capture sharing its line with text is not followed: its note
	// says how to write it.
	wantNoteWith(t, rep, "en/inline.md", importer.Human, "template tag {% capture verb %} cannot be translated", "when {% capture NAME %} and {% endcapture %} are each on a line of their own")
	// The notes made after name the lines of the old file, in the
	// capture's text too.
	wantNote(t, rep, "en/guidepost.md", 8, importer.Human, "link to /en/faq/: no imported page has this address")
	wantNote(t, rep, "en/guidepost.md", 17, importer.Human, "phone number ****-**51 listed under identifiers.allow")
	wantNote(t, rep, "en/guidepost.md", 25, importer.Human, "phone number ****-**52 listed under identifiers.allow")
	build(t, dest)
}

// A Liquid comment shows nothing in Jekyll; the importer dropped its tags
// and kept its text, which readers then saw: CoronaCheck.nl's guidepost
// pages label their parts with an indented "Page structure ---", a
// block of code in medkb. Now a comment is an HTML comment, its text
// kept for editors (its Liquid as written, no note for it) and shown to
// no reader.
func TestImportJekyllCommentIsShownToNoReader(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: CoronaCheck\n",
		"en/guidepost.md": `---
title: Guidepost
date: 2024-01-02
---
{% comment %}
    Page structure -----
    {{ copy_intro }}
{% endcomment %}

Read this{% comment %} (draft) {% endcomment %} first.
`,
	})
	got := readImported(t, dest, "en/guidepost.md")
	if !strings.HasSuffix(got, "\n<!--\n    Page structure - - - - -\n    {{ copy_intro }}\n-->\n\nRead this<!-- (draft) --> first.\n") {
		t.Errorf("content/en/guidepost.md:\n%s\nwant the comments as HTML comments", got)
	}
	wantNote(t, rep, "en/guidepost.md", 5, importer.Changed, "{% comment %}: its text, which Jekyll did not show, is an HTML comment")
	if n := notesContaining(rep, "en/guidepost.md", "copy_intro"); len(n) != 0 {
		t.Errorf("the Liquid in a comment is noted: %+v", n)
	}
	built, _ := build(t, dest)
	if page := string(built["en/guidepost/index.html"]); !strings.Contains(page, "Read this") || strings.Contains(page, "Page structure") || strings.Contains(page, "draft") {
		t.Errorf("the built page shows a comment's text, or not the page's:\n%s", page)
	}
}

// A documentation page that shows Liquid as text keeps it in a capture
// opened with {% raw %} on the tag's line, {% capture example %}{% raw %}
// … {% endraw %}{% endcapture %}, and shows it once below. The importer
// read the capture's tags only alone on their lines: it made both tags
// and the use HTML comments with a note each, and the sample stood where
// Jekyll showed nothing. Now the text, kept as written (Liquid and all),
// goes where {{ example }} showed it; the tags with text after them on
// the same line are still named, as before.
func TestImportJekyllCaptureWithRawOnTheTagLine(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic docs\n",
		"guide.md": "---\ntitle: Guide\ndate: 2024-01-01\n---\nThe page's title in a template:\n\n" +
			"{% capture example %}{% raw %}\n<h1>{{ page.title }}</h1>\n{% endraw %}{% endcapture %}\n\n" +
			"Write this:\n\n{{ example }}\n",
		"liquid.md": "---\ntitle: Captures\ndate: 2024-01-01\n---\n{% capture example %}{% raw %}\n{% capture note %}\nText\n{% endcapture %}\n{% endraw %}{% endcapture %}\n\nWrite:\n\n{{ example }}\n",
		"other.md":  "---\ntitle: Other\ndate: 2024-01-01\n---\n{% capture two %}{% raw %}{{ a }}\nb{% endraw %}{% endcapture %}\n\n{{ two }}\n",
	})
	_, body := readImportedMeta(t, dest, "pages/guide.md")
	if strings.Contains(body, "capture") || strings.Contains(body, "medkb import") || strings.Index(body, "<h1>{{ page.title }}</h1>") < strings.Index(body, "Write this:") {
		t.Errorf("content/pages/guide.md: want the sample, as written, after \"Write this:\" and no tag left:\n%s", body)
	}
	wantNote(t, rep, "guide.md", 7, importer.Changed, "{% capture example %}: its text is written where the page showed it, {{ example }} at line 13")
	if n := notesContaining(rep, "guide.md", "cannot be translated"); len(n) != 0 {
		t.Errorf("notes of tags not translated: %v", n)
	}
	// In the sample, {% endcapture %} alone is text, as raw makes it.
	if _, body := readImportedMeta(t, dest, "pages/liquid.md"); !strings.Contains(body, "Write:\n\n\n{% capture note %}\nText\n{% endcapture %}\n") {
		t.Errorf("content/pages/liquid.md: want the whole sample, its {%% endcapture %%} included, after \"Write:\":\n%s", body)
	}
	wantNote(t, rep, "other.md", 5, importer.Human, "template tag {% capture two %} cannot be translated: replaced by an HTML comment; the importer writes a capture's text where {{ NAME }} uses it when {% capture NAME %} and {% endcapture %} are each on a line of their own (the first may end in {% raw %}")
}
