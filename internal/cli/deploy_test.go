package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runWithInput(t testing.TB, dir, input string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), Env{Stdout: &out, Stderr: &errOut, Stdin: strings.NewReader(input), Dir: dir,
		Getenv: func(string) string { return "" }}, args)
	return code, out.String(), errOut.String()
}

// TestDeployFromNewSiteToAFolder follows the README: new site, build,
// deploy — to a folder (file://), as a web server would serve it.
func TestDeployFromNewSiteToAFolder(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatalf("build: %d %s%s", code, out, errOut)
	}
	www := filepath.Join(filepath.Dir(site), "www")
	url := "file://" + www
	code, out, errOut := run(t, site, "deploy", url)
	if code != ExitOK || !strings.Contains(out, "Deployed to "+url+": uploaded ") || !strings.Contains(out, "deleted 0, unchanged 0") {
		t.Fatalf("first deploy: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"index.html", ".htaccess", "_headers", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(www, f)); err != nil {
			t.Errorf("the deployed folder lacks %s", f)
		}
	}
	if _, err := os.Stat(filepath.Join(www, ".medkb-output")); err == nil {
		t.Error("the build marker was deployed")
	}
	if code, out, _ := run(t, site, "deploy", url); code != ExitOK || !strings.Contains(out, "uploaded 0 (0 B), deleted 0") {
		t.Fatalf("second deploy: exit %d\n%s", code, out)
	}

	stray := filepath.Join(www, "old-page", "index.html")
	os.MkdirAll(filepath.Dir(stray), 0o755)
	os.WriteFile(stray, []byte("old"), 0o644)
	code, out, _ = run(t, site, "deploy", "--dry-run", url)
	if code != ExitOK || !strings.Contains(out, "delete  old-page/index.html\n") || !strings.Contains(out, "would upload 0, delete 1") {
		t.Fatalf("dry run: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, site, "deploy", "--max-deletes", "0", url); code != ExitError || !strings.Contains(errOut, "more than the limit of 0") {
		t.Fatalf("--max-deletes 0: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := runWithInput(t, site, "n\n", "deploy", "--confirm", url); code != ExitError || !strings.Contains(errOut, "not confirmed") {
		t.Fatalf("--confirm answered n: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(stray); err != nil {
		t.Fatal("a dry run, a refusal or a declined deploy deleted the stray page")
	}
	code, out, _ = runWithInput(t, site, "y\n", "deploy", "--confirm", url)
	if code != ExitOK || !strings.Contains(out, "delete  old-page/index.html\nUpload 0 and delete 1 files? [y/N] ") || !strings.Contains(out, "deleted 1") {
		t.Fatalf("--confirm answered y: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(stray); err == nil {
		t.Fatal("the confirmed deploy left the stray page")
	}
}

func TestDeployTargetsAndInvalidation(t *testing.T) {
	t.Parallel()
	site := newSite(t, nil)
	dir := filepath.Dir(site)
	www, log := filepath.Join(dir, "www"), filepath.Join(dir, "invalidated.txt")
	cfg, _ := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	cfg = append(cfg, []byte("deploy:\n  targets:\n    - name: staging\n      url: file://"+www+
		"\n      exclude: [\"*.xml\"]\n      invalidate: [sh, -c, \"cat > "+log+"\"]\n")...)
	os.WriteFile(filepath.Join(site, "medkb.yaml"), cfg, 0o644)
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatalf("build: %d %s%s", code, out, errOut)
	}
	if code, out, errOut := run(t, site, "deploy", "--target", "staging"); code != ExitOK {
		t.Fatalf("deploy --target staging: %d\n%s%s", code, out, errOut)
	}
	paths, err := os.ReadFile(log)
	if err != nil || !strings.Contains(string(paths), "\n/index.html\n") {
		t.Fatalf("the invalidation command got %q (%v); want the changed paths", paths, err)
	}
	if strings.Contains(string(paths), ".xml") {
		t.Errorf("an excluded file was deployed: %s", paths)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"deploy", "--target", "production"}, "no deploy target named \"production\""},
		{[]string{"deploy", "--target", "staging", "file:///tmp/x"}, "not both"},
		{[]string{"deploy", "ftp://host/x"}, "the scheme is s3, gs, azblob or file"},
		{[]string{"deploy", "file:///a", "file:///b"}, "one bucket URL"},
	} {
		if code, _, errOut := run(t, site, c.args...); code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

func TestDeployThatChangesFeedsTellsTheHub(t *testing.T) {
	t.Parallel()
	hub := newPingHub(t)
	site := newSite(t, nil)
	cfg, _ := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	os.WriteFile(filepath.Join(site, "medkb.yaml"), bytes.Replace(cfg, []byte("\nfeeds:\n"), []byte("\nfeeds:\n  websub_hub: \""+hub.URL+"/\"\n"), 1), 0o644)
	if code, out, errOut := run(t, site, "build", "--quiet"); code != ExitOK {
		t.Fatalf("build: %s%s", out, errOut)
	}
	url := "file://" + filepath.Join(filepath.Dir(site), "www")
	code, out, errOut := run(t, site, "deploy", url)
	n := len(hub.pinged())
	if code != ExitOK || n == 0 || !strings.Contains(out, "notified "+hub.URL) {
		t.Fatalf("deploy with new feeds: exit %d, hub got %d pings\n%s%s", code, n, out, errOut)
	}
	if code, out, _ := run(t, site, "deploy", url); code != ExitOK || strings.Contains(out, "notified") {
		t.Fatalf("a deploy that changed no feed pinged the hub: exit %d\n%s", code, out)
	}
}
