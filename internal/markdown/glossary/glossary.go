// Package glossary is a goldmark extension that turns the first use of each
// glossary term in a document into an inline definition:
//
//	<span class="gloss-term"><a class="term" href="/glossary/#asthma" aria-describedby="gl-1">asthma</a><span class="term-def" role="tooltip" id="gl-1">A long-term condition…</span></span>
//
// The .gloss-term wrapper anchors the definition to its term. Without
// JavaScript the link leads to the glossary page, the theme shows .term-def
// on :hover and :focus of .term, and screen readers announce the
// definition as the link's description; the theme's script turns the link
// into a toggletip button (Inclusive Components / GOV.UK pattern). The
// markup is valid HTML (phrasing <span>s, the definition after the link,
// never inside it).
//
// Matching is case-insensitive on whole words (Unicode letters, digits and
// marks are word characters), longest term or synonym first, in text nodes
// only. It never links inside headings, links, images, code, raw-HTML
// <dfn>/<abbr> elements, or nodes of the kinds given to WithSkipKinds (the
// markdown package passes callout titles) or accepted by WithSkip (the
// markdown package passes EMERGENCY callouts: nothing may pop up over
// emergency advice). Each entry is defined at most once per document, by
// whichever of its names appears first; entries named in Config.Exclude
// (the page's own topic) are never linked.
//
// Concurrency: the extension holds no per-document state; the terms of a
// document travel in the parser.Context (Configure), the matcher and the
// "gl-N" counter are local to one Transform call; an Index is read-only.
package glossary

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Entry is one glossary term.
type Entry struct {
	Term, Definition string
	Synonyms         []string
	// Slug is the anchor id of the term on the glossary page; when empty
	// the link goes to the glossary page itself.
	Slug string
}

// Config is the per-document input of the extension.
type Config struct {
	// Entries to link; none means the document is left alone.
	Entries []Entry
	// URL is the glossary page ("/glossary/"); the link target is
	// URL + "#" + Slug.
	URL string
	// Exclude names the document's own topic (its title): an entry whose
	// term or synonym equals one of them, ignoring case, is not linked.
	Exclude []string
	// Index, when set, is NewIndex(Entries), built once for every
	// document that shares Entries; nil compiles them per document.
	Index *Index
}

// Priorities used when extending goldmark.
const (
	// TransformerPriority runs after the callout transformer (500) and
	// before the citation transformer (1000).
	TransformerPriority = 900
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

// WithSkipKinds names further node kinds whose text is never linked.
func WithSkipKinds(kinds ...ast.NodeKind) Option {
	return func(e *extender) { e.skip = append(e.skip, kinds...) }
}

// WithSkip adds a test for nodes whose text is never linked.
func WithSkip(skip func(ast.Node) bool) Option {
	return func(e *extender) { e.skipFuncs = append(e.skipFuncs, skip) }
}

type extender struct {
	defaults  Config
	skip      []ast.NodeKind
	skipFuncs []func(ast.Node) bool
}

// New returns the glossary extension.
func New(opts ...Option) goldmark.Extender {
	e := &extender{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	t := &transformer{defaults: e.defaults, skip: append([]ast.NodeKind(nil), e.skip...),
		skipFuncs: append([]func(ast.Node) bool(nil), e.skipFuncs...)}
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(t, TransformerPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, RendererPriority)))
}
