package buildstate

import (
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/imaging"
)

// TestKeyNamesEveryRuleVersion: a build's key holds the versions of the
// caches' formats and of the image rules, so that a medkb whose version
// string did not change (a development build) but whose rules did is not
// taken for the last build, and the options and the day.
func TestKeyNamesEveryRuleVersion(t *testing.T) {
	t.Parallel()
	day := time.Date(2026, 12, 6, 23, 0, 0, 0, time.UTC)
	k := Key("0.1.0-dev", false, "https://health.example.org/", day)
	for _, want := range []string{"0.1.0-dev", buildcache.Versions(), imaging.Version, "drafts=false", "base=https://health.example.org/", "day=2026-12-06"} {
		if !strings.Contains(k, want) {
			t.Errorf("Key = %q lacks %q", k, want)
		}
	}
	if Key("0.1.0-dev", true, "https://health.example.org/", day) == k || Key("0.1.0-dev", false, "https://health.example.org/", day.Add(2*time.Hour)) == k {
		t.Error("the key does not change with the drafts option or the day")
	}
}
