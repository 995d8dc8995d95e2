package check_test

import (
	"reflect"
	"testing"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/schema"
)

// TestSchemaKnowsEveryCheck keeps the check: keys medkb.yaml and front
// matter accept (internal/schema) equal to the checks that exist.
func TestSchemaKnowsEveryCheck(t *testing.T) {
	t.Parallel()
	if got, want := schema.CheckNames(), check.Codes(); !reflect.DeepEqual(got, want) {
		t.Errorf("schema.CheckNames() = %v\nwant check.Codes() = %v", got, want)
	}
	var levels []string
	for _, l := range []check.Level{check.LevelError, check.LevelWarning, check.LevelOff} {
		levels = append(levels, string(l))
	}
	if got := schema.CheckLevels(); !reflect.DeepEqual(got, levels) {
		t.Errorf("schema.CheckLevels() = %v, want %v", got, levels)
	}
}
