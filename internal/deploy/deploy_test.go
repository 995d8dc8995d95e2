package deploy

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/hostconfig"
)

// writeSite writes files (path → content) into a fresh folder.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testPolicy(t testing.TB) hostconfig.Policy {
	t.Helper()
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	return hostconfig.FromConfig(cfg)
}

// deployTo deploys dir to a file:// bucket and returns what it did.
func deployTo(t testing.TB, dir, bucketURL string, mod func(*Options)) (Summary, Plan, error) {
	t.Helper()
	ctx := context.Background()
	b, err := Open(ctx, bucketURL)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	opts := Options{Dir: dir, Policy: testPolicy(t), MaxDeletes: 256}
	if mod != nil {
		mod(&opts)
	}
	return Run(ctx, b, opts)
}

func readTree(t testing.TB, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

var demo = map[string]string{
	"index.html":                      "<p>home</p>",
	"conditions/asthma/index.html":    "<p>asthma</p>",
	"conditions/gout/index.html":      "<p>gout</p>",
	"search/docs/0.30a8b7483ee5.json": `{"d":1}`,
	"search/manifest.json":            `{"docs":"0.30a8b7483ee5"}`,
	"index.xml":                       "<rss/>",
	"css/site.css":                    "body{}",
	"_headers":                        "/*\n  X: y\n",
	".htaccess":                       "ErrorDocument 404 /404.html\n",
	".medkb-output":                   "marker",
}

func TestFileDeployIsIncrementalAndExact(t *testing.T) {
	t.Parallel()
	site := writeSite(t, demo)
	target := t.TempDir()
	url := "file://" + target

	sum, _, err := deployTo(t, site, url, func(o *Options) { o.KeepHostFiles = true })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 9 || sum.Deleted != 0 {
		t.Fatalf("first deploy: %+v, want 9 uploads (every file but the build marker)", sum)
	}
	want := maps(demo)
	delete(want, ".medkb-output")
	if got := readTree(t, target); !equalMaps(got, want) {
		t.Fatalf("target differs from the site:\n got %v\nwant %v", got, want)
	}

	// Nothing changed: nothing uploaded.
	sum, _, err = deployTo(t, site, url, func(o *Options) { o.KeepHostFiles = true })
	if err != nil || sum.Uploaded != 0 || sum.Deleted != 0 || sum.Unchanged != 9 {
		t.Fatalf("second deploy of an unchanged site: %+v, %v; want 0 uploads, 9 unchanged", sum, err)
	}

	// One page edited, one removed: exactly those change.
	os.WriteFile(filepath.Join(site, "conditions/asthma/index.html"), []byte("<p>asthma, reviewed</p>"), 0o644)
	os.RemoveAll(filepath.Join(site, "conditions/gout"))
	sum, _, err = deployTo(t, site, url, func(o *Options) { o.KeepHostFiles = true })
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.Changed, []string{"conditions/asthma/index.html", "conditions/gout/index.html"}) || sum.Uploaded != 1 || sum.Deleted != 1 {
		t.Fatalf("after an edit and a deletion: %+v", sum)
	}
	if _, err := os.Stat(filepath.Join(target, "conditions/gout/index.html")); !os.IsNotExist(err) {
		t.Fatalf("the deleted page is still deployed: %v", err)
	}
	if sum.FeedsChanged {
		t.Error("FeedsChanged without a feed change")
	}
}

func TestDeployNeverTouchesKeysOutsideThePrefix(t *testing.T) {
	t.Parallel()
	site := writeSite(t, demo)
	target := writeSite(t, map[string]string{"other/keep.txt": "not ours", "top.txt": "not ours", "site/stale.html": "old"})
	sum, _, err := deployTo(t, site, "file://"+target+"?prefix=site", nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Deleted != 1 || !slices.Contains(sum.Changed, "stale.html") {
		t.Fatalf("%+v: want the stale page under the prefix deleted", sum)
	}
	got := readTree(t, target)
	if got["other/keep.txt"] != "not ours" || got["top.txt"] != "not ours" {
		t.Fatalf("keys outside the prefix changed: %v", got)
	}
	if got["site/index.html"] != "<p>home</p>" {
		t.Fatalf("site not deployed under the prefix: %v", got)
	}
	if _, ok := got["site/_headers"]; ok {
		t.Error("_headers uploaded to a bucket; only a folder served by a web server wants it")
	}
}

func TestMaxDeletesRefusesBeforeChangingAnything(t *testing.T) {
	t.Parallel()
	site := writeSite(t, map[string]string{"index.html": "new home"})
	old := map[string]string{"index.html": "old home"}
	for _, n := range []string{"a", "b", "c", "d"} {
		old[n+"/index.html"] = n
	}
	target := writeSite(t, old)
	_, plan, err := deployTo(t, site, "file://"+target, func(o *Options) { o.MaxDeletes = 3 })
	var tooMany *TooManyDeletesError
	if !errors.As(err, &tooMany) || tooMany.Deletes != 4 || tooMany.Max != 3 {
		t.Fatalf("err = %v, want a refusal naming 4 deletes over a limit of 3", err)
	}
	if !strings.Contains(err.Error(), "--max-deletes 4") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("the refusal does not explain itself: %v", err)
	}
	if ups, dels := plan.Counts(); ups != 1 || dels != 4 {
		t.Errorf("plan: %d uploads, %d deletes; want 1 and 4", ups, dels)
	}
	if got := readTree(t, target); !equalMaps(got, old) {
		t.Fatalf("a refused deploy changed the target: %v", got)
	}
	if _, _, err := deployTo(t, site, "file://"+target, func(o *Options) { o.MaxDeletes = 4 }); err != nil {
		t.Fatalf("with --max-deletes 4: %v", err)
	}
	if got := readTree(t, target); !equalMaps(got, map[string]string{"index.html": "new home"}) {
		t.Fatalf("after the allowed deploy: %v", got)
	}
}

func TestDryRunListsChangesAndChangesNothing(t *testing.T) {
	t.Parallel()
	site := writeSite(t, demo)
	target := writeSite(t, map[string]string{"index.html": "<p>home</p>", "gone.html": "x"})
	sum, plan, err := deployTo(t, site, "file://"+target, func(o *Options) { o.DryRun = true })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Uploaded != 0 || plan.Unchanged != 1 {
		t.Fatalf("dry run: %+v, unchanged %d", sum, plan.Unchanged)
	}
	var keys []string
	for _, c := range plan.Changes {
		keys = append(keys, c.Stage.String()+" "+c.Key)
	}
	want := []string{
		"assets css/site.css", "assets search/docs/0.30a8b7483ee5.json",
		"pages conditions/asthma/index.html", "pages conditions/gout/index.html",
		"indexes index.xml", "indexes search/manifest.json",
		"deletions gone.html",
	}
	if !slices.Equal(keys, want) {
		t.Fatalf("plan, in order:\n got %q\nwant %q", keys, want)
	}
	if got := readTree(t, target); len(got) != 2 {
		t.Fatalf("a dry run changed the target: %v", got)
	}
}

func TestCancelledDeployRerunConverges(t *testing.T) {
	t.Parallel()
	site := writeSite(t, demo)
	target := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	b, err := Open(ctx, "file://"+target)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	opts := Options{Dir: site, Policy: testPolicy(t), MaxDeletes: 256, Workers: 1,
		Progress: func(done, total int) {
			if done == 2 {
				cancel()
			}
		}}
	sum, _, err := Run(ctx, b, opts)
	if !errors.Is(err, context.Canceled) || sum.Uploaded != 2 {
		t.Fatalf("cancelled deploy: %+v, %v; want 2 uploads and context.Canceled", sum, err)
	}
	got := readTree(t, target)
	for k := range got {
		if stageOf(k) != StageAssets {
			t.Errorf("%s was uploaded before the assets were all in place", k)
		}
	}
	sum, _, err = deployTo(t, site, "file://"+target, nil)
	if err != nil || sum.Uploaded != 5 || sum.Unchanged != 2 {
		t.Fatalf("rerun: %+v, %v; want the 5 missing files uploaded, 2 unchanged", sum, err)
	}
	sum, _, _ = deployTo(t, site, "file://"+target, nil)
	if sum.Uploaded != 0 || sum.Deleted != 0 {
		t.Fatalf("third deploy: %+v; the rerun did not converge", sum)
	}
}

func TestOpenRefusesCredentialsInTheURL(t *testing.T) {
	t.Parallel()
	_, err := Open(context.Background(), "s3://AKIAEXAMPLE:s3cr3t@bucket/site")
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("err = %v; want a refusal that does not print the secret", err)
	}
	if r := Redact("s3://bucket/site?region=eu-west-2&access_key_id=AKIA&secret=x"); strings.Contains(r, "AKIA") || !strings.Contains(r, "region=eu-west-2") {
		t.Fatalf("Redact = %s", r)
	}
}

func maps(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// The default binary deploys to every kind of bucket; the build tags that
// leave drivers out are for smaller special builds only.
func TestDefaultBuildHasEveryDriver(t *testing.T) {
	for _, scheme := range []string{"s3", "gs", "azblob", "file"} {
		if err := builtIn(scheme); err != nil {
			t.Errorf("%s: %v", scheme, err)
		}
	}
	if err := builtIn("ftp"); err == nil || !strings.Contains(err.Error(), "built without the ftp:// driver") || !strings.Contains(err.Error(), "medkb_nocloud") {
		t.Errorf("a missing driver: %v; want the build tags named", err)
	}
}

// TestSearchModuleGoesUpWithTheManifest: search.js carries its index's
// manifest, so it is uploaded with the manifests, after the shards and
// pages; a theme's own script of that name is an asset.
func TestSearchModuleGoesUpWithTheManifest(t *testing.T) {
	for key, want := range map[string]Stage{
		"search/search.js":       StageIndexes,
		"es/search/search.js":    StageIndexes,
		"search/manifest.json":   StageIndexes,
		"search/search-ui.js":    StageAssets,
		"js/search.js":           StageAssets,
		"search/docs/0.abc.json": StageAssets,
		"search/index.html":      StagePages,
	} {
		if got := stageOf(key); got != want {
			t.Errorf("stageOf(%q) = %v, want %v", key, got, want)
		}
	}
}
