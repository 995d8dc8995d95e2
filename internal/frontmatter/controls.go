package frontmatter

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/page"
)

// A control character is one HTML forbids in text (the Nu Html Checker's
// "Forbidden code point"), as package markdown's control-char rule has
// it for the body: a C0 control other than tab, line feed, form feed and
// carriage return, DEL, or a C1 control (U+0080 to U+009F), nearly
// always a Windows-1252 character garbled (U+0092 for ’).
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\f' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// Raw in a YAML block, every control character but tab, line feed and
// carriage return is refused by yaml.v3 with "control characters are not
// allowed" and no line, and the whole page is lost to one pasted
// apostrophe; U+0085, which it lets through, it reads as a line break,
// so Windows-1252's … became a new line. hideControls writes each such
// character c as U+E000+c, a private-use character YAML reads as any
// letter (one character for one, so every line and column stays), and
// showControls puts it back in the parsed values, where findControls
// finds it: the page is built as written, and the writer warned, as in
// the body. A block that holds a private-use character of that range
// already is left as it is (and fails as before).
const hiddenBase = 0xE000

func hideControls(block []byte) ([]byte, bool) {
	at := bytes.IndexFunc(block, func(r rune) bool { return yamlRefuses(r) || r >= hiddenBase && r <= hiddenBase+0x9F })
	if at < 0 {
		return block, false
	}
	out := make([]byte, 0, len(block)+16)
	for i := 0; i < len(block); {
		r, size := utf8.DecodeRune(block[i:])
		switch {
		case r >= hiddenBase && r <= hiddenBase+0x9F:
			return block, false
		case yamlRefuses(r):
			out = utf8.AppendRune(out, hiddenBase+r)
		default:
			out = append(out, block[i:i+size]...)
		}
		i += size
	}
	return out, true
}

// yamlRefuses reports whether yaml.v3 refuses r written raw in a block,
// or (U+0085) reads it as a line break.
func yamlRefuses(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

// showControls puts back the characters hideControls hid in every
// scalar of n.
func showControls(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && strings.ContainsFunc(n.Value, isHidden) {
		n.Value = strings.Map(func(r rune) rune {
			if isHidden(r) {
				return r - hiddenBase
			}
			return r
		}, n.Value)
	}
	for _, c := range n.Content {
		showControls(c)
	}
}

func isHidden(r rune) bool { return r >= hiddenBase && r <= hiddenBase+0x9F }

// findControls returns the control characters in the values of the
// front matter mapping m (top-level and nested: a reference's title is
// on the page too), once a value, at the value's line and column
// (firstLine is the line before the block's first), written raw or as
// a YAML escape ("\x92"). Keys name a top-level key and, for a nested
// value, the innermost key above it ("references: title").
func findControls(m *yaml.Node, firstLine int) []page.ControlChar {
	var out []page.ControlChar
	var walk func(n *yaml.Node, top, inner string)
	walk = func(n *yaml.Node, top, inner string) {
		switch n.Kind {
		case yaml.ScalarNode:
			if i := strings.IndexFunc(n.Value, isControl); i >= 0 {
				r, _ := utf8.DecodeRuneInString(n.Value[i:])
				key := top
				if inner != "" && inner != top {
					key = top + ": " + inner
				}
				out = append(out, page.ControlChar{Line: firstLine + n.Line, Col: n.Column, Key: key, Rune: r})
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if top == "" {
					walk(v, k.Value, "")
				} else {
					walk(v, top, k.Value)
				}
			}
		default: // sequences, aliases (their target is walked where it is)
			if n.Kind == yaml.AliasNode {
				return
			}
			for _, c := range n.Content {
				walk(c, top, inner)
			}
		}
	}
	walk(m, "", "")
	return out
}
