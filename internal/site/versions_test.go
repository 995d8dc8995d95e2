package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/publish"
)

// TestNewParseRulesAreNoSkip: a build whose destination was written by a
// medkb with the same version string but other cache versions (another
// front matter version: new parse rules, new diagnostics) is not skipped
// as "nothing changed". A development build without version control
// information always says 0.1.0-dev, and a changed working tree says
// the same for every change, so the version string alone cannot tell
// such builds apart.
func TestNewParseRulesAreNoSkip(t *testing.T) {
	dir := writeSite(t, twoArticles)
	dest := filepath.Join(t.TempDir(), "public")
	// A cache folder: a build is skipped only when the state saved there
	// gives back the last build's warnings.
	opts := Options{Source: dir, Dest: dest, Now: fixedNow, CacheDir: filepath.Join(t.TempDir(), "cache")}
	po := PublishOptions{Version: "0.1.0-dev", LockWait: time.Second}
	if pub, err := Publish(t.Context(), opts, po); err != nil || pub.Skipped {
		t.Fatalf("first build: %+v, %v", pub, err)
	}
	if pub, err := Publish(t.Context(), opts, po); err != nil || !pub.Skipped {
		t.Fatalf("a second build with nothing changed: skipped %v, %v", pub != nil && pub.Skipped, err)
	}

	// The marker the same medkb version wrote with the front matter cache
	// one version older.
	now := buildcache.Versions()
	older := strings.Replace(now, " fm-", " fm-older-", 1)
	key := buildKey(opts, po.Version)
	oldKey := strings.Replace(key, now, older, 1)
	if older == now || oldKey == key {
		t.Fatalf("the build's key %q does not hold the front matter cache's version (buildcache.Versions %q)", key, now)
	}
	in, err := buildstate.Fingerprint(t.Context(), dir, "", oldKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dest, publish.Marker), []byte(publish.Marker+" "+in.Sum+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if pub, err := Publish(t.Context(), opts, po); err != nil || pub.Skipped {
		t.Errorf("a build by a medkb with other front matter rules was skipped (%v): the last build's diagnostics would stand", err)
	}
}
