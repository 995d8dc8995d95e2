package markdown

import (
	"maps"
	"slices"
)

// For the external tests (package markdown_test).
const MaxVagueLinkText = maxVagueLinkText

func VagueLinkTexts() []string { return slices.Sorted(maps.Keys(vagueLinkTexts)) }
