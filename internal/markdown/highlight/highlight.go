// Package highlight is a goldmark extension that renders fenced and
// indented code blocks with chroma, using CSS classes only:
//
//	<pre class="chroma" tabindex="0"><code class="language-go"><span class="kd">func</span> …</code></pre>
//
// A block without a language, or with one chroma does not know, renders as
// plain escaped code in the same wrapper. The <pre> is in the tab order, as
// chroma's own formatter puts it: a line longer than the screen is wide
// scrolls inside the block (code keeps its lines), and a scrolling region
// that cannot take focus cannot be scrolled without a mouse (WCAG 2.1.1,
// axe's scrollable-region-focusable). Tables get the same for the same
// reason (package markdown's table regions). CSS returns the stylesheet for a
// light style plus a dark style scoped to prefers-color-scheme: dark, which
// first undoes the light style's token rules (darkReset).
//
// It never writes inline styles. The extension and its renderer are
// stateless apart from chroma's internally synchronized style cache, the
// lexer copies below and the fallback style (each built once), and are safe
// for concurrent use.
//
// The output depends on the code, not on the machine's load: chroma gives
// every rule of its lexers a 250 ms match timeout and takes a rule that
// timed out for one that did not match, so on a loaded machine (a
// goroutine descheduled in the middle of a match) a block came out
// highlighted differently, silently. The lexers used here are copies of
// chroma's whose matches may take matchTimeout (untimedLexer). The limit
// stays finite: chroma added its timeout because some real files made a
// lexer's regular expressions backtrack for hours (chroma issue #410),
// and a build must end.
package highlight

import (
	"bytes"
	"fmt"
	"html"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// RendererPriority is below goldmark's HTML renderer (1000), so this
// extension's code block functions replace the defaults.
const RendererPriority = 100

// New returns the highlighting extension.
func New() goldmark.Extender { return extender{} }

type extender struct{}

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	r := &htmlRenderer{formatter: newFormatter()}
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(r, RendererPriority)))
}

func newFormatter() *chromahtml.Formatter {
	return chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))
}

type htmlRenderer struct {
	formatter *chromahtml.Formatter
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
	reg.Register(ast.KindCodeBlock, r.render)
}

func (r *htmlRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var lang string
	if f, ok := node.(*ast.FencedCodeBlock); ok {
		lang = string(f.Language(source))
	}
	code := codeText(node, source)
	_, _ = w.WriteString(`<pre class="chroma" tabindex="0"><code`)
	if lang != "" {
		_, _ = w.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
	}
	_ = w.WriteByte('>')
	if !r.highlight(w, lang, code) {
		_, _ = w.WriteString(html.EscapeString(code))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// highlight writes code as chroma token spans; it reports false (and
// writes nothing) when the language is unknown or lexing fails.
func (r *htmlRenderer) highlight(w util.BufWriter, lang, code string) bool {
	if lang == "" {
		return false
	}
	lexer := untimedLexer(lang)
	if lexer == nil {
		return false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return false
	}
	var buf bytes.Buffer
	if err := r.formatter.Format(&buf, fallbackStyle(), it); err != nil {
		return false
	}
	_, _ = w.Write(buf.Bytes())
	return true
}

// untimedLexer returns the lexer chroma has for lang, as a copy whose
// matches have no timeout (a lexer that is not a chroma.RegexLexer, a
// handful such as markdown and ERB, is chroma's own).
func untimedLexer(lang string) chroma.Lexer {
	l := lexers.Get(lang)
	if rl, ok := l.(*chroma.RegexLexer); ok {
		if c := untimedRegistry().copies[rl]; c != nil {
			return c
		}
	}
	return l
}

// untimed is chroma's lexer registry with every RegexLexer copied without
// match timeouts. The copies are registered in a registry of their own, so
// that a lexer running another (HTML running CSS and JavaScript through
// chroma.Using) runs the untimed copy. Each copy compiles its rules on
// first use, as chroma's own lexers do.
type untimed struct {
	registry *chroma.LexerRegistry
	copies   map[*chroma.RegexLexer]chroma.Lexer
}

var untimedRegistry = sync.OnceValue(func() *untimed {
	u := &untimed{registry: chroma.NewLexerRegistry(), copies: map[*chroma.RegexLexer]chroma.Lexer{}}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		rl, ok := l.(*chroma.RegexLexer)
		if !ok {
			// Register would point chroma's own lexer at this registry.
			u.registry.Register(foreign{l})
			continue
		}
		c, err := chroma.NewLexer(rl.Config(), func() chroma.Rules {
			rules := rl.MustRules().Clone()
			rules["root"] = append(rules["root"], chroma.Rule{Mutator: &noTimeout{}})
			return rules
		})
		if err != nil { // chroma's own configuration: cannot happen
			continue
		}
		u.copies[rl] = u.registry.Register(c)
	}
	return u
})

// foreign is a lexer of chroma's that is not copied: its registry stays
// chroma's.
type foreign struct{ chroma.Lexer }

func (f foreign) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return f }

// matchTimeout is how long one match of a lexer copy may take: far more
// than any descheduling of a busy build (a goroutine waits for a core for
// milliseconds, not seconds), and still an end to a pathological input.
const matchTimeout = 30 * time.Second

// noTimeout is a rule added to a lexer copy. chroma runs its MutateLexer
// once, when it compiles the copy, after compiling every rule's regular
// expression with a 250 ms MatchTimeout (which it sets itself, with no
// option to change it); it sets matchTimeout instead and removes its own
// rule.
type noTimeout struct{}

func (*noTimeout) Mutate(*chroma.LexerState) error { return nil }

func (*noTimeout) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = matchTimeout
			}
		}
	}
	rules[state] = slices.Concat(rules[state][:rule], rules[state][rule+1:])
	return nil
}

func codeText(n ast.Node, source []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
	return b.String()
}

// CSS returns the stylesheet for the light style followed by the dark
// style wrapped in @media (prefers-color-scheme: dark). Unknown style names
// are an error.
func CSS(light, dark string) ([]byte, error) {
	ls, err := style(light)
	if err != nil {
		return nil, err
	}
	ds, err := style(dark)
	if err != nil {
		return nil, err
	}
	f := newFormatter()
	var buf bytes.Buffer
	if err := f.WriteCSS(&buf, ls); err != nil {
		return nil, fmt.Errorf("highlight: light style %q: %w", light, err)
	}
	var darkCSS bytes.Buffer
	if err := f.WriteCSS(&darkCSS, ds); err != nil {
		return nil, fmt.Errorf("highlight: dark style %q: %w", dark, err)
	}
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	buf.WriteString(darkReset)
	buf.Write(darkCSS.Bytes())
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// darkReset starts the dark sheet from a clean slate. chroma writes a rule
// only for a token a style colours differently from its text, so a token
// the light style colours and the dark one does not (github-dark leaves
// names, .nx, and attributes, .na, in its text colour) kept the light
// style's near-black on the dark background (contrast 1.19:1), and the
// light style's red background of an error token stayed under the dark
// style's red text (3.13:1): JavaScript and JSON on the cht-docs import
// failed axe's color-contrast in the dark. The reset has the specificity
// of a token rule (.chroma .nx), so it overrides every light rule before
// it and yields to every dark rule after it: in the dark a token looks
// exactly as the dark style alone draws it.
const darkReset = "/* Reset: no light token style in the dark */ .chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: none }\n"

// style parses the one chroma style named name from styleXML.
//
// medkb does not import chroma's styles package: its init parses all of
// chroma's 74 style files (about 11 ms and 1.9 MB of every medkb process,
// `medkb version` included, by GODEBUG=inittrace=1), where a build needs
// two of them for its stylesheet and one (the fallback) to format code.
// styles_gen.go holds chroma's styles as chroma serialises them
// (Style.MarshalXML), written by gen_styles.go; TestStylesMatchChroma
// fails when they and chroma's differ (after a chroma upgrade: run go
// generate).
func style(name string) (*chroma.Style, error) {
	i := sort.Search(len(styleXML), func(i int) bool { return styleXML[i].name >= name })
	if i == len(styleXML) || styleXML[i].name != name {
		return nil, fmt.Errorf("highlight: unknown chroma style %q (see https://xyproto.github.io/splash/docs/)", name)
	}
	s, err := chroma.NewXMLStyle(strings.NewReader(styleXML[i].xml))
	if err != nil { // chroma's own serialisation: cannot happen
		return nil, fmt.Errorf("highlight: chroma style %q: %w", name, err)
	}
	return s, nil
}

// fallbackStyle is the style chroma's formatter is given for code blocks
// (chroma's styles.Fallback): with CSS classes it decides which token
// types get a class. One value, so that the formatter's cache of the
// style's classes is built once.
var fallbackStyle = sync.OnceValue(func() *chroma.Style {
	s, err := style(fallbackStyleName)
	if err != nil {
		panic(err) // styles_gen.go lacks its own fallback: cannot happen
	}
	return s
})

//go:generate go run gen_styles.go
