// Package markdown renders a page body from Markdown to HTML with goldmark
// and returns what the rest of the build needs to know about it: headings
// for the table of contents, links and images for checking, cited
// references, plain text for readability and search, and positioned
// diagnostics.
//
// Features: GFM (tables, strikethrough, task lists, autolinks), footnotes,
// definition lists, typographer; stable unique heading ids with an
// accessible anchor link after each h2–h4; chroma highlighting with CSS
// classes (package highlight); citations with a numbered source list
// (package citation); GitHub-style callouts (package callout); first-use
// glossary definitions (package glossary), never inside EMERGENCY callouts
// nor for the page's own topic; top-level EMERGENCY callouts lifted out of
// the body into Result.Emergency, for the layout to show first; scrollable,
// labelled table
// regions; lazy images sized by Context.Images (width, height, srcset,
// sizes); links to Markdown files led to their pages' URLs
// (Context.Pages); an image alone in its paragraph with a title,
// ![alt](src "caption"), becomes <figure> with the title as its
// <figcaption>; rel="noopener noreferrer" on external links.
//
// Safety contract:
//   - javascript:, vbscript: and data: destinations are removed from links
//     and images (the link text or alt text stays as plain text) with a
//     warning diagnostic; data:image/ URLs survive only with
//     Options.AllowDataURLs.
//   - Raw HTML is omitted unless Options.Unsafe, with a warning saying how
//     much was dropped; with Unsafe it is kept and the whole body is
//     sanitized with a bluemonday allow-list (sanitize.go) that admits
//     everything this package itself emits and the attributes of real
//     health content; each element or attribute it removes is a warning at
//     its line, links and images in raw HTML are reported like Markdown
//     ones, and unbalanced raw HTML is re-serialised balanced (rawhtml.go).
//   - Everything the writer typed is escaped wherever it lands.
//
// The package never reads files, never touches the network and reports
// content problems as Diagnostics, never as errors. It imports no other
// medkb package.
//
// Concurrency: a Renderer is immutable after New and safe for concurrent
// use. All per-render state (citation numbers, glossary first use, heading
// and element ids) lives in the goldmark parser.Context or in locals of one
// Render call.
package markdown

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/medkb/medkb/internal/bufpool"
	"github.com/medkb/medkb/internal/markdown/callout"
	"github.com/medkb/medkb/internal/markdown/citation"
	"github.com/medkb/medkb/internal/markdown/glossary"
	"github.com/medkb/medkb/internal/markdown/highlight"
)

// Options configure a Renderer; they are fixed for its lifetime.
type Options struct {
	// Unsafe keeps raw HTML in Markdown and sanitizes the rendered body with
	// a bluemonday allow-list. When false raw HTML is omitted.
	Unsafe bool
	// AllowDataURLs keeps data:image/ URLs in links and images. javascript:,
	// vbscript: and other data: URLs are always removed.
	AllowDataURLs bool
	// HighlightStyleLight and HighlightStyleDark are chroma style names used
	// by HighlightCSS; defaults "github" and "github-dark".
	HighlightStyleLight, HighlightStyleDark string
}

// Reference is a source listed in a page's front matter.
type Reference = citation.Reference

// GlossaryTerm is one entry of the site glossary.
type GlossaryTerm = glossary.Entry

// Context is the per-page input of Render.
type Context struct {
	// File names the page in diagnostics ("content/conditions/asthma.md").
	File string
	// LineOffset is the 1-based file line of the first body line, so
	// diagnostics point at real file lines. Zero is taken as 1.
	LineOffset int
	// References from the front matter.
	References []Reference
	// Glossary is the site glossary; nil means no glossary linking.
	Glossary []GlossaryTerm
	// GlossaryURL is the glossary page ("/glossary/"); terms link to
	// GlossaryURL + "#" + Slug. Empty means "/glossary/".
	GlossaryURL string
	// LinkGlossary turns on glossary linking for this page (patient
	// pages): the first use of each term gets an inline definition. Both
	// LinkGlossary and a non-empty Glossary are needed.
	LinkGlossary bool
	// Labels are UI strings for i18n; missing keys fall back to English.
	// Keys: "callout.note", "callout.tip", "callout.important",
	// "callout.warning", "callout.caution", "callout.emergency",
	// "callout.see-a-doctor", "emergency.text", "references",
	// "cite.source", "cite.back", "table" ("Table", numbered per page),
	// "heading.anchor" ("Link to this section"), "task.done" ("Done") and
	// "task.todo" ("To do"), "emergency.call-words" (words that, like
	// "call", mean the writer's EMERGENCY callout already says to call).
	Labels map[string]string
	// Topic names what the page is about (its title): glossary entries
	// with one of these names are not linked on the page.
	Topic []string
	// EmergencyNumber is the emergency telephone number of the page's
	// language; EmergencyCall is the text of its tel: link. See package
	// callout.
	EmergencyNumber, EmergencyCall string
	// Emergency is the front matter's plain-text emergency advice; it
	// becomes the first EMERGENCY callout of Result.Emergency.
	Emergency string
	// Images looks up a local image of the body by its destination as
	// written ("/images/x.png", "spacer.png"), once per Markdown image;
	// what it returns sizes the <img>. Nil, or false, leaves the <img> as
	// written. Raw HTML images are never looked up.
	Images func(dest string) (LocalImage, bool) `json:"-"`
	// Pages looks up the page published from the Markdown file a link
	// names, as editors' previews (GitHub, MkDocs, VS Code) follow such
	// links: for a link with no scheme whose path ends in .md or
	// .markdown ("asthma.md", "../conditions/asthma.es.md#causes",
	// "/conditions/my%20page.md"), it is asked the path as written,
	// percent-decoded, without the fragment ("../conditions/asthma.es.md"),
	// once per such link in document order. What it returns is the page's
	// URL: the link leads there, with its fragment, and Result.Links holds
	// that address, for the checks. Where the path leads (relative to
	// which file) is the caller's to say. Nil, or false, leaves the link
	// as written. A raw HTML link (<a href="asthma.md">, kept with
	// Options.Unsafe) is looked up and led the same way, after the
	// Markdown links; images are never looked up.
	Pages func(file string) (url string, ok bool) `json:"-"`
}

// LocalImage is what the build knows of a local image file.
type LocalImage struct {
	// Width and Height are the displayed size in pixels; 0 when unknown.
	Width, Height int
	// Src, when set, replaces the destination as written: the largest
	// resized variant, so that a browser without srcset support never
	// fetches the original.
	Src string
	// Srcset and Sizes are the <img> attributes of the resized variants
	// ("/a.480w.jpg 480w, /a.960w.jpg 960w"); empty without variants.
	Srcset, Sizes string
}

// Heading is an h2–h4 of the body, in document order.
type Heading struct {
	Level    int
	ID, Text string
}

// Link is a link destination as written (after URL sanitizing) and its
// file line. Links generated by this package (citations, glossary, heading
// anchors) are not included. A link to a Markdown file that leads to a
// page (Context.Pages) has that page's address as Dest, and what the
// writer wrote ("asthma.md#causes") as Written, for the checks' messages;
// Written is "" for every other link.
type Link struct {
	Dest    string
	Line    int
	Written string
}

// Image is an image source, its alt text and file line. Decorative is
// true for a raw HTML <img> written with an alt attribute and no text in
// it (alt="" or a bare alt), the WCAG way (technique H67) to mark an image
// that tells nothing, which screen readers skip; a Markdown image has no
// way to say so, so an empty ![](…) is never decorative. Alt is trimmed,
// except a raw <img>'s alt of only white space (alt=" "), kept as written:
// it is not decorative, and not quite missing either (check's alt-text
// says so). A Markdown ![ ](…)'s alt is "".
type Image struct {
	Src, Alt   string
	Line       int
	Decorative bool
}

// Diagnostic is a positioned content problem. Line 0 means the problem is
// in the front matter at an unknown line.
type Diagnostic struct {
	File      string
	Line, Col int
	Severity  string // "error" | "warning"
	Check     string // a rule id (RuleCallout, RuleHeadingLevel) or ""
	Message   string
	Hint      string
}

// String formats d as "file:line:col: severity: message (hint)".
func (d Diagnostic) String() string {
	s := fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Col, d.Severity, d.Message)
	if d.Hint != "" {
		s += " (" + d.Hint + ")"
	}
	return s
}

// Severities of a Diagnostic.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// Result is everything Render learns about a page body.
type Result struct {
	// HTML is the body, including the numbered source list at the end when
	// the page has references.
	HTML string
	// Emergency holds the EMERGENCY callouts written at the top level of
	// the body, in order, lifted out of HTML so that the layout can put
	// them first (directly under the page's heading).
	Emergency string
	// TOC lists h2..h4 in order with their ids.
	TOC    []Heading
	Links  []Link
	Images []Image
	// Cited lists reference ids in first-citation order.
	Cited []string
	// Plain is the visible text of the body without markup, code blocks or
	// the source list, blocks separated by newlines.
	Plain       string
	Diagnostics []Diagnostic
}

// Renderer renders Markdown bodies. Build it once and share it.
type Renderer struct {
	opts   Options
	md     goldmark.Markdown
	policy *bluemonday.Policy // nil unless Options.Unsafe
	allow  *allowList         // what policy keeps; nil unless Options.Unsafe

	// glossary is the last site glossary prepared for linking (slugs
	// filled in, names compiled), reused while pages pass the same one.
	glossaryMu sync.Mutex
	glossary   *preparedGlossary
}

// preparedGlossary is a site glossary ready for glossary.Config: src is
// the glossary as the pages pass it, entries its copy with every slug set.
type preparedGlossary struct {
	src     []GlossaryTerm
	entries []glossary.Entry
	index   *glossary.Index
}

// New returns a Renderer for opts.
func New(opts Options) *Renderer {
	if opts.HighlightStyleLight == "" {
		opts.HighlightStyleLight = "github"
	}
	if opts.HighlightStyleDark == "" {
		opts.HighlightStyleDark = "github-dark"
	}
	r := &Renderer{opts: opts, md: newGoldmark(opts.Unsafe)}
	if opts.Unsafe {
		r.allow = newAllowList(opts.AllowDataURLs)
		r.policy = r.allow.policy()
	}
	return r
}

func newGoldmark(unsafe bool) goldmark.Markdown {
	htmlOpts := []renderer.Option{}
	if unsafe {
		htmlOpts = append(htmlOpts, html.WithUnsafe())
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			quickLinkify{}, // extension.Linkify, consulted less (linkify.go)
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
			highlight.New(),
			callout.New(),
			glossary.New(glossary.WithSkipKinds(callout.KindTitle), glossary.WithSkip(isEmergency)),
			citation.New(),
		),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(wrapRenderer{}, 100))),
	)
}

// Render converts one page body. The error is reserved for internal
// failures; content problems are reported in Result.Diagnostics.
func (r *Renderer) Render(src []byte, ctx Context) (Result, error) {
	pc := parser.NewContext()
	citation.Configure(pc, citation.Config{References: ctx.References, Labels: ctx.Labels})
	callout.Configure(pc, callout.Config{Labels: ctx.Labels, Number: ctx.EmergencyNumber, Call: ctx.EmergencyCall})
	glossary.Configure(pc, r.glossaryConfig(ctx))
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if r.allow != nil {
		unlinkInsideRawAnchors(doc, src)
	}

	p := newPage(src, ctx, r.opts.AllowDataURLs)
	p.rawKept = r.allow != nil
	p.prepare(doc)
	unbalanced := false
	if len(p.raw) > 0 {
		p.unclosedComments(p.raw)
		p.tagsCutByABlankLine(p.raw)
		if r.allow == nil {
			p.rawOmitted(p.raw)
		} else {
			unbalanced = p.auditRaw(p.raw, r.allow)
		}
	}

	plain := plainText(doc, src)
	emergency := liftEmergency(doc)
	raw := &rawOut{pages: p.rawPages, tableLabel: p.label("table", "Table"), tables: p.tables}
	out, err := r.render(src, doc, unbalanced, raw)
	if err != nil {
		return Result{}, fmt.Errorf("markdown: render %s: %w", ctx.File, err)
	}
	res := p.result(doc, out, plain)
	if emergency.HasChildren() {
		if res.Emergency, err = r.render(src, emergency, unbalanced, raw); err != nil {
			return Result{}, fmt.Errorf("markdown: render %s: %w", ctx.File, err)
		}
	}
	if text := strings.TrimSpace(ctx.Emergency); text != "" {
		// callout-0 is never a callout of the body, which count from 1.
		cfg := callout.Config{Labels: ctx.Labels, Number: ctx.EmergencyNumber, Call: ctx.EmergencyCall}
		res.Emergency = callout.Text(text, "callout-0", cfg) + res.Emergency
		res.Plain = text + "\n" + res.Plain
	}
	return res, nil
}

// render writes the HTML of doc, sanitized when raw HTML is kept, into a
// pooled buffer and returns it as a string of its own: one allocation of
// the body's size, where a buffer grown from nothing and then copied by
// the caller was three (233 MiB of a 10,000-article build). goldmark
// writes into the buffer directly (bufpool.Buffer is a util.BufWriter),
// without a bufio.Writer of its own.
func (r *Renderer) render(src []byte, doc ast.Node, unbalanced bool, raw *rawOut) (string, error) {
	bp := bufpool.Get()
	defer bufpool.Put(bp)
	if err := r.md.Renderer().Render(bp, src, doc); err != nil {
		return "", err
	}
	out := bp.Bytes()
	if r.policy != nil {
		out = secureRaw(r.policy.SanitizeBytes(out), raw)
		if unbalanced {
			out = balance(out)
		}
	}
	return string(out), nil
}

var _ util.BufWriter = (*bufpool.Buffer)(nil)

// isEmergency reports whether n is an EMERGENCY callout.
func isEmergency(n ast.Node) bool {
	c, ok := n.(*callout.Callout)
	return ok && c.Variant == "emergency"
}

// liftEmergency moves the top-level EMERGENCY callouts of doc, in order,
// into a document of their own. Nested ones (in a list, say) stay where
// the writer put them.
func liftEmergency(doc ast.Node) *ast.Document {
	lifted := ast.NewDocument()
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if isEmergency(n) {
			lifted.AppendChild(lifted, n) // AppendChild detaches n from doc
		}
		n = next
	}
	return lifted
}

func (r *Renderer) glossaryConfig(ctx Context) glossary.Config {
	if !ctx.LinkGlossary || len(ctx.Glossary) == 0 {
		return glossary.Config{}
	}
	g := r.prepareGlossary(ctx.Glossary)
	return glossary.Config{Entries: g.entries, URL: ctx.GlossaryURL, Exclude: ctx.Topic, Index: g.index}
}

// prepareGlossary returns terms with their slugs and compiled names: the
// previous page's when it passed an equal glossary (every page of a build
// does), so a build slugs and compiles its glossary once, not per page.
func (r *Renderer) prepareGlossary(terms []GlossaryTerm) *preparedGlossary {
	r.glossaryMu.Lock()
	defer r.glossaryMu.Unlock()
	if g := r.glossary; g != nil && slices.EqualFunc(g.src, terms, sameTerm) {
		return g
	}
	entries := make([]glossary.Entry, len(terms))
	for i, e := range terms {
		if e.Slug == "" {
			e.Slug = Slug(e.Term)
		}
		entries[i] = e
	}
	r.glossary = &preparedGlossary{src: slices.Clone(terms), entries: entries, index: glossary.NewIndex(entries)}
	return r.glossary
}

// sameTerm compares two glossary entries field by field (the strings of a
// build's one glossary share their bytes, so this is pointer checks).
func sameTerm(a, b GlossaryTerm) bool {
	return a.Term == b.Term && a.Definition == b.Definition && a.Slug == b.Slug && slices.Equal(a.Synonyms, b.Synonyms)
}

// HighlightCSS returns the chroma stylesheet: the light style, then the
// dark style inside @media (prefers-color-scheme: dark). It only styles
// classes; code blocks carry no inline styles.
func (r *Renderer) HighlightCSS() ([]byte, error) {
	return highlight.CSS(r.opts.HighlightStyleLight, r.opts.HighlightStyleDark)
}
