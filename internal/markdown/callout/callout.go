// Package callout is a goldmark extension for GitHub/Obsidian-style alerts:
// a blockquote whose first line is "[!KIND]", optionally followed by a
// custom title on the same line:
//
//	> [!WARNING] Do not stop suddenly
//	> Stopping this medicine at once can cause withdrawal.
//
// Kinds are NOTE, TIP, IMPORTANT, WARNING, CAUTION, EMERGENCY,
// SEE-A-DOCTOR, DETAILS and TABS, matched case-insensitively. A matching
// blockquote becomes a Callout block rendered as
//
//	<aside class="callout callout-warning" role="note" aria-labelledby="callout-1-title">
//	<p class="callout-title" id="callout-1-title">Do not stop suddenly</p>
//	…body…
//	</aside>
//
// Two kinds are reading tools rather than notes:
//
//   - DETAILS is an expander: "> [!DETAILS]- Title" (closed) or
//     "> [!DETAILS]+ Title" (open) renders
//     <details class="callout callout-details" id="callout-1"><summary
//     class="callout-title" id="callout-1-title">Title</summary>…</details>.
//     Without a title the summary is the "callout.details" label. It works
//     without JavaScript.
//   - TABS holds alternatives ("Adults" / "Children", "UK units" / "US
//     units"): each heading of the body (the level of the first one)
//     starts a panel, <div class="tab-panel" id="callout-1-panel-1">, and
//     the whole is <div class="tabs" id="callout-1" data-tabs>. Blocks
//     before the first heading stay above the panels; a title on the
//     marker line becomes <p class="callout-title" id="callout-1-title">.
//     Without JavaScript every panel shows under its heading; the theme's
//     script turns the headings into an ARIA tabs widget.
//
// The fold signs "+" and "-" right after the marker ("[!DETAILS]-") are
// read for DETAILS only; on other kinds the line is not a marker.
//
// Static content uses role="note", never role="alert" (which is for live
// changes). An EMERGENCY callout also renders a line telling the reader to
// call for help, in <p class="callout-emergency-text"><strong>…</strong></p>:
// a tel: link labelled Config.Call when Config.Number is set, otherwise the
// "emergency.text" label. The line is left out when the writer's callout
// already says it: its text has the word "call" (or a word listed in the
// "emergency.call-words" label, space-separated), the site's number, or a
// run of three or more digits. An unknown kind
// leaves the blockquote untouched. Titles are text only (no icons); the
// default title is the kind's label.
//
// Concurrency: the extension holds no per-document state and is safe for
// concurrent use; numbering is local to one Transform call, and per-document
// labels travel in the parser.Context (Configure).
package callout

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/medkb/medkb/internal/suggest"
)

// Config is the per-document input of the extension.
type Config struct {
	// Labels holds UI strings; missing keys fall back to English:
	// "callout.note", "callout.tip", "callout.important",
	// "callout.warning", "callout.caution", "callout.emergency",
	// "callout.see-a-doctor", "callout.details" (default titles) and
	// "emergency.text".
	Labels map[string]string
	// Number is the emergency telephone number of the page's language
	// ("999"); EMERGENCY callouts link it with a tel: URL. Empty means
	// the "emergency.text" label is shown instead, without a link.
	Number string
	// Call is the text of the tel: link ("Call 999 now"); empty means
	// Number itself.
	Call string
}

// Priorities used when extending goldmark.
const (
	// TransformerPriority runs before the glossary transformer, so titles
	// exist as nodes it can skip.
	TransformerPriority = 500
	// RendererPriority overrides nothing; any value works.
	RendererPriority = 500
)

var configKey = parser.NewContextKey()

// Configure attaches the per-document configuration to pc.
func Configure(pc parser.Context, c Config) {
	pc.Set(configKey, c)
}

// Option configures the extension.
type Option func(*extender)

// WithDefaults sets the configuration used when the parser context
// carries none.
func WithDefaults(c Config) Option {
	return func(e *extender) { e.defaults = c }
}

type extender struct {
	defaults Config
}

// New returns the callout extension.
func New(opts ...Option) goldmark.Extender {
	e := &extender{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		util.Prioritized(transformer{defaults: e.defaults}, TransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(htmlRenderer{}, RendererPriority)))
}

// ParseKind returns the canonical (lower-case) kind for a marker name, and
// false for names that are not callout kinds.
func ParseKind(name string) (string, bool) {
	k := strings.ToLower(name)
	switch k {
	case "note", "tip", "important", "warning", "caution", "emergency", "see-a-doctor", "details", "tabs":
		return k, true
	}
	return "", false
}

func defaultTitle(kind string) string {
	switch kind {
	case "note":
		return "Note"
	case "tip":
		return "Tip"
	case "important":
		return "Important"
	case "warning":
		return "Warning"
	case "caution":
		return "Caution"
	case "emergency":
		return "Emergency"
	case "see-a-doctor":
		return "See a doctor"
	case "details":
		return "Details"
	case "tabs":
		return "Tabs"
	}
	return kind
}

const defaultEmergencyText = "Call your emergency number (such as 911, 999 or 112) now."

// TelURL returns the tel: URL of a telephone number as a writer types it:
// spaces, dots, dashes and brackets dropped, a leading + kept.
func TelURL(number string) string {
	var b strings.Builder
	for i, r := range number {
		if r >= '0' && r <= '9' || r == '+' && i == 0 || r == '*' || r == '#' {
			b.WriteRune(r)
		}
	}
	return "tel:" + b.String()
}

func label(m map[string]string, key, fallback string) string {
	if v := m[key]; v != "" {
		return v
	}
	return fallback
}

// Kinds lists the callout kinds, lower-case, in documentation order.
func Kinds() []string {
	return []string{"note", "tip", "important", "warning", "caution", "emergency", "see-a-doctor", "details", "tabs"}
}

// Closest returns the kind nearest to an unknown name (upper-case, as
// written in a marker), or "" when none is near: a kind containing the
// name or contained in it ("SEE-DOCTOR" → "SEE-A-DOCTOR"), else one at most
// two edits away (suggest.Distance: "WARNIGN" is one edit from "WARNING").
func Closest(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return ""
	}
	squash := func(s string) string { return strings.NewReplacer("-", "", "_", "", " ", "").Replace(s) }
	best, bestDist := "", 3
	for _, k := range Kinds() {
		a, b := squash(n), squash(k)
		switch {
		case a == b:
			return strings.ToUpper(k)
		case len(a) >= 4 && (strings.Contains(b, a) || strings.Contains(a, b)):
			if bestDist > 1 {
				best, bestDist = k, 1
			}
			continue
		}
		if d := suggest.Distance(a, b); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return strings.ToUpper(best)
}
