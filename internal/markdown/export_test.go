package markdown

import (
	"maps"
	"slices"
)

// For the external tests (package markdown_test).
const MaxVagueLinkText = maxVagueLinkText

func VagueLinkTexts() []string { return slices.Sorted(maps.Keys(vagueLinkTexts)) }

// ReportCPU is reportCPU, for the benchmarks of package markdown_test.
var ReportCPU = reportCPU
