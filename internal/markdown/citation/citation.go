// Package citation is a goldmark extension for Pandoc-style citations of the
// references listed in a page's front matter.
//
// Syntax: "[@key]", "[@a; @b]" and "[@key, p. 12]" (a locator after a comma).
// A citation renders as a superscript number linked to the reference list,
// numbered in order of first citation:
//
//	<sup class="cite"><a href="#ref-key" id="cite-key-1" aria-label="Source 1">[1]</a></sup>
//
// When the document has references, a ReferenceList block is appended at the
// end of the document (after footnotes): cited references first in citation
// order, then the uncited ones, each with DOI, PubMed and URL links and
// back-links to its citations. A key that names no reference is rendered
// literally; the Citation node keeps it with Number 0 so the caller can
// report it.
//
// The extension never reports diagnostics itself and never reads files: the
// AST carries everything a caller needs (Citation.Items, ReferenceList
// entries with citation counts, duplicate ids).
//
// Concurrency: the extension, its parser, transformer and renderer hold no
// per-document state and are safe for concurrent use. Per-document input is
// attached to the parser.Context with Configure; numbering happens in a
// single Transform call per document.
package citation

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Reference is a source listed in the front matter.
type Reference struct {
	ID, Title, DOI, PMID, URL, Publisher string
	Year                                 int
	Line                                 int // in the source file, for messages; 0 when not known
}

// Config is the per-document input of the extension.
type Config struct {
	References []Reference
	// Labels holds UI strings; missing keys fall back to English:
	// "references" (list heading, "Sources"), "cite.source" (link label
	// prefix, "Source"), "cite.back" (back-link label, "Back to citation").
	Labels map[string]string
}

// Priorities used when extending goldmark.
const (
	// ParserPriority places the citation parser before goldmark's link
	// parser (200), which also triggers on '['.
	ParserPriority = 150
	// TransformerPriority runs numbering after the footnote transformer
	// (999), so the reference list comes after the footnotes.
	TransformerPriority = 1000
	// RendererPriority overrides nothing; any value works.
	RendererPriority = 500
)

var configKey = parser.NewContextKey()

// Configure attaches the per-document configuration to pc. It replaces the
// extension's defaults for that document.
func Configure(pc parser.Context, c Config) {
	pc.Set(configKey, c)
}

func configFrom(pc parser.Context, defaults Config) Config {
	if c, ok := pc.Get(configKey).(Config); ok {
		return c
	}
	return defaults
}

// Option configures the extension.
type Option func(*extender)

// WithDefaults sets the configuration used for documents whose parser
// context carries none (tests, single-document tools).
func WithDefaults(c Config) Option {
	return func(e *extender) { e.defaults = c }
}

type extender struct {
	defaults Config
}

// New returns the citation extension.
func New(opts ...Option) goldmark.Extender {
	e := &extender{}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Extend implements goldmark.Extender.
func (e *extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, ParserPriority)),
		parser.WithASTTransformers(util.Prioritized(transformer{defaults: e.defaults}, TransformerPriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(htmlRenderer{}, RendererPriority)))
}
