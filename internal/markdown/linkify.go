package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GFM's autolinks (goldmark's extension.Linkify) turn a bare
// http://, https://, ftp:// or www. address and an email address written
// as text into links. goldmark consults its inline parser at every
// space, '*', '_', '~' and '(' of every paragraph, and there it looks up
// the link-label state in the parse context, compares four prefixes and
// scans the next word for an email address: a call for nearly every
// word of a page, and nearly all of them find nothing.
//
// quickLinkify is that same parser, with the same triggers at the same
// priority (so goldmark cuts the text into the same nodes), behind a
// test that lets through every position where goldmark's parser can
// find a link and turns away, without calling it, the positions where it
// cannot: a word that begins with none of the four prefixes and holds no
// '@' before a character an email address cannot have. What it turns
// away, goldmark's parser would have declined too, so every page parses
// to the same tree (TestQuickLinkifyMatchesGoldmark, FuzzQuickLinkify).
type quickLinkify struct{}

// linkifyPriority is goldmark's own for extension.Linkify.
const linkifyPriority = 999

// Extend implements goldmark.Extender.
func (quickLinkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(&quickLinkifyParser{full: extension.NewLinkifyParser()}, linkifyPriority)))
}

// quickLinkifyParser declines where full would, without asking it.
type quickLinkifyParser struct {
	full parser.InlineParser
}

// Trigger implements parser.InlineParser: goldmark's linkify triggers.
func (p *quickLinkifyParser) Trigger() []byte { return p.full.Trigger() }

// goldmark's linkify parser has a CloseBlock(parent, pc) that does
// nothing and is not parser.CloseBlocker's: goldmark never calls it, and
// this parser has none.

// Parse implements parser.InlineParser.
func (p *quickLinkifyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !mayLinkify(line) {
		return nil
	}
	return p.full.Parse(parent, block, pc)
}

var (
	prefixHTTP  = []byte("http:")
	prefixHTTPS = []byte("https:")
	prefixFTP   = []byte("ftp:")
	prefixWWW   = []byte("www.")
)

// maxEmailLocal is how many characters goldmark's util.FindEmailIndex
// reads before the '@' of an email address at most.
const maxEmailLocal = 64

// mayLinkify reports whether goldmark's linkify parser could return a
// link for line, the rest of the line from its trigger on. False means
// it surely returns none: the word after the trigger character (which
// it skips, as goldmark's parser does) starts with none of the prefixes
// it tries a URL at, and no '@' follows at most 64 bytes (the longest
// local part goldmark reads) before a byte no local part holds.
func mayLinkify(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
		if len(line) == 0 {
			return false
		}
	}
	switch line[0] { // one prefix compared, not four
	case 'h':
		if bytes.HasPrefix(line, prefixHTTP) || bytes.HasPrefix(line, prefixHTTPS) {
			return true
		}
	case 'f':
		if bytes.HasPrefix(line, prefixFTP) {
			return true
		}
	case 'w':
		if bytes.HasPrefix(line, prefixWWW) {
			return true
		}
	}
	for _, c := range line[:min(len(line), maxEmailLocal+1)] {
		switch emailByte[c] {
		case emailLocal:
			continue
		case emailAt:
			return true
		default:
			return false
		}
	}
	return false
}

// What a byte is to mayLinkify's look for an email address's '@'.
const (
	emailLocal = iota // may stand in a local part
	emailStop         // never does: no '@' can follow
	emailAt           // the '@'
)

// emailByte sorts bytes for mayLinkify: emailStop marks those that never
// stand in the local part of an email address as goldmark reads one
// (util.FindEmailIndex): white space and control bytes, bytes of
// non-ASCII characters, and the specials "(),:;<>[\]. A byte it leaves
// emailLocal may still end goldmark's local part; mayLinkify then only
// looks further than it needs to.
var emailByte = func() (t [256]uint8) {
	for c := range 256 {
		if c <= ' ' || c >= 0x7f {
			t[c] = emailStop
		}
	}
	for _, c := range []byte("\"(),:;<>[\\]") {
		t[c] = emailStop
	}
	t['@'] = emailAt
	return t
}()
