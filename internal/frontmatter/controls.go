package frontmatter

import (
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/yamlsyntax"
)

// A control character pasted into a front matter value (U+0092 for ’,
// out of mis-converted Word text) is read as written and kept with the
// page for the body's control-char rule to report: decodeYAML hides it
// from yaml.v3, which refuses it, and puts it back
// (yamlsyntax.HideControls, ShowControls), and findControls finds it,
// raw or written as a YAML escape, at its value.

// findControls returns the control characters in the values of the
// front matter mapping m (top-level and nested: a reference's title is
// on the page too), once a value, at the value's line and column
// (firstLine is the line before the block's first). Keys name a
// top-level key and, for a nested value, the innermost key above it
// ("references: title").
func findControls(m *yaml.Node, firstLine int) []page.ControlChar {
	found := yamlsyntax.FindControls(m, firstLine)
	if found == nil {
		return nil
	}
	out := make([]page.ControlChar, len(found))
	for i, c := range found {
		out[i] = page.ControlChar{Line: c.Line, Col: c.Col, Key: c.Key, Rune: c.Rune}
	}
	return out
}
