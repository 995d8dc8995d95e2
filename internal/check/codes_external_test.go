package check_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/schema"
	"github.com/medkb/medkb/internal/staticset"
)

// TestSchemaKnowsEveryCheck keeps the check: keys medkb.yaml and front
// matter accept (internal/schema) equal to the checks that exist: this
// package's, the Markdown renderer's rules and the static files' check.
func TestSchemaKnowsEveryCheck(t *testing.T) {
	t.Parallel()
	want := slices.Concat(check.Codes(), markdown.Rules(), []string{staticset.CheckThirdParty})
	slices.Sort(want)
	if got := schema.CheckNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("schema.CheckNames() = %v\nwant check.Codes(), markdown.Rules() and staticset's = %v", got, want)
	}
	var levels []string
	for _, l := range []check.Level{check.LevelError, check.LevelWarning, check.LevelOff} {
		levels = append(levels, string(l))
	}
	if got := schema.CheckLevels(); !reflect.DeepEqual(got, levels) {
		t.Errorf("schema.CheckLevels() = %v, want %v", got, levels)
	}
}
