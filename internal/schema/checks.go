package schema

// checkDescs names and describes every check of medkb check (the
// Diagnostic.Check names of internal/check and the rule ids of
// internal/markdown, whose tests keep the lists equal): the keys of
// check: in medkb.yaml and in front matter.
var checkDescs = [][2]string{
	{"alt-text", "an image without alternative text"},
	{"anchor", "a link to a #fragment the target page does not have"},
	{"callout", "a > [!KIND] callout marker of a kind that does not exist"},
	{"capitals", "words in block capitals for emphasis (DO NOT TAKE WITH ALCOHOL), harder to read and spelled out by some screen readers"},
	{"code-fence", "a code block whose ``` fence is never closed, so the rest of the page shows as code"},
	{"control-char", "a control character in the text (U+0092, a vertical tab), which HTML forbids: usually a Windows-1252 character such as ’ garbled, or Word's line break pasted"},
	{"date-order", "a lastmod before the page's date"},
	{"draft-link", "a link from a published page to a draft"},
	{"duplicate-slug", "two pages at one address, or one slug in two sections"},
	{"duplicate-title", "two pages in one language with the same title"},
	{"emphasis", "a ** or __ with no partner, or around nothing but a space, which shows as text and leaves the words unbolded"},
	{"expires", "a page whose expires date is near"},
	{"footnote", "a footnote reference without its note, or a note nothing refers to"},
	{"future-date", "a date after today: an article on the site before its date, or a lastmod or last_reviewed not yet come"},
	{"heading-level", "a heading that skips a level, such as #### after ##"},
	{"heading-syntax", "a line such as #Causes, a heading without the space after its #, which shows as text"},
	{"identifier", "a possible patient identifier (phone, email, record number)"},
	{"image", "an image whose file does not exist"},
	{"indented-code", "sentences indented by four spaces or a tab, which show as a block of code"},
	{"language-disclaimer", "a language other than the default without a disclaimer of its own"},
	{"link", "a link to a page or file that does not exist"},
	{"link-syntax", "a link Markdown does not read as one: a [text][label] without a definition, or an address with a space"},
	{"link-text", "a link whose words say nothing about where it leads (click here, read more), which screen reader users hear alone"},
	{"list-numbers", "a numbered list whose numbers are not the ones the page shows (1. 2. 5. shows 1, 2, 3)"},
	{"local-link", "a link to localhost or a private network address, which readers cannot follow from their own computer"},
	{"no-date", "an article without a date"},
	{"no-references", "a patient article without references"},
	{"no-reviewer", "a patient article not yet medically reviewed"},
	{"placeholder", "a writer's placeholder (TODO, TBC, lorem ipsum) left in a page's text"},
	{"readability", "a patient page above the readability target"},
	{"review-overdue", "a page past its next review date"},
	{"reviewer-specialty", "a reviewer from another specialty than the article's"},
	{"self-review", "an author who reviewed their own article"},
	{"shortcode", "a Hugo shortcode, Liquid tag or kramdown attribute list left in the text"},
	{"source-age", "a reference older than source_max_age"},
	{"summary", "an article summary that is missing, too short or too long"},
	{"table", "a table row with more cells than the table has columns, whose last cells are left out"},
	{"third-party", "a static HTML or CSS file of the site that loads a script, font, image or frame from another host"},
	{"tracked-link", "a link through a redirect wrapper (google.com/url, Outlook Safe Links) or with tracking parameters (utm_source, fbclid)"},
	{"translation", "a translation older than its original's last change"},
	{"trust-page", "a trust page that is missing or not linked from every page"},
	{"unlinked-file", "a file in content/ that is published but no page links to (a leftover note, draft or scan anyone can read at its address)"},
	{"url", "a malformed address"},
	{"withdrawn-link", "a link to a withdrawn page"},
}

// CheckLevels is the names of the levels a check can be set to.
func CheckLevels() []string { return []string{"error", "warning", "off"} }

// CheckNames returns the names of medkb check's checks, sorted.
func CheckNames() []string {
	out := make([]string, len(checkDescs))
	for i, c := range checkDescs {
		out[i] = c[0]
	}
	return out
}

// checkNode is the schema of a check: mapping, from a check's name to its
// level; an unknown name gets a did-you-mean like any unknown key. Each
// call returns a new node (Derive writes the annotation into it).
func checkNode() *Node {
	n := &Node{Type: Object}
	for _, c := range checkDescs {
		n.Fields = append(n.Fields, &Field{Key: c[0], Node: &Node{Type: String, Enum: CheckLevels(),
			Description: "error, warning or off for " + c[1] + "."}})
	}
	return n
}

// CheckAnn is the annotation of a check: key (medkb.yaml and front
// matter), whose value is a mapping of check names to levels; scope says
// where the setting applies ("the whole site", "this page").
func CheckAnn(scope string) Ann {
	return Ann{Desc: "Sets checks of medkb check to error, warning or off for " + scope + ", such as readability: off or source-age: error; a check not named keeps its usual severity.",
		Node: checkNode()}
}
