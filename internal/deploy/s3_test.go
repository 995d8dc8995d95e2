package deploy_test

// The deploy against a real S3 server: versitygw (github.com/versity/
// versitygw, an S3 gateway over a POSIX folder, written in Go) on loopback,
// never a mock of the S3 API. internal/e2e/install.sh builds it once into
// ~/.cache/medkb/bin; this test fails, naming it, when it is missing.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/medkb/medkb/internal/cli"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/deploy"
	"github.com/medkb/medkb/internal/hostconfig"
)

const (
	s3Access = "medkbtestaccess"
	s3Secret = "medkbtestsecretkey0123456789"
	s3Bucket = "health"
)

// versitygwPath finds the S3 server the test runs.
func versitygwPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("MEDKB_VERSITYGW"); p != "" {
		return p
	}
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	home, _ := os.UserHomeDir()
	p := filepath.Join(home, ".cache", "medkb", "bin", "versitygw")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("the S3 server versitygw is not installed (looked on PATH, in $MEDKB_VERSITYGW and at %s): run bash internal/e2e/install.sh, which builds it with go install github.com/versity/versitygw/cmd/versitygw", p)
	}
	return p
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// s3Server is a running versitygw with one bucket.
type s3Server struct {
	api, website string // host:port of the S3 API and of the website endpoint
	client       *s3.Client
}

func startS3(t testing.TB) *s3Server {
	t.Helper()
	bin := versitygwPath(t)
	root, meta := t.TempDir(), t.TempDir()
	srv := &s3Server{api: freePort(t), website: freePort(t)}
	cmd := exec.Command(bin, "--access", s3Access, "--secret", s3Secret, "--port", srv.api,
		"--website", srv.website, "--quiet", "posix", "--sidecar", meta, root)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting versitygw: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("versitygw output:\n%s", logs.String())
		}
	})
	// The SDKs' standard chain reads these; nothing else may be consulted
	// (no instance metadata: the test never leaves loopback).
	t.Setenv("AWS_ACCESS_KEY_ID", s3Access)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3Secret)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(meta, "no-config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(meta, "no-credentials"))
	deadline := time.Now().Add(15 * time.Second)
	for {
		c, err := net.Dial("tcp", srv.api)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("versitygw did not listen on %s: %v\n%s", srv.api, err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	srv.client = s3.New(s3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://" + srv.api),
		UsePathStyle: true,
		Credentials:  aws.NewCredentialsCache(staticCreds{}),
	})
	for _, name := range []string{s3Bucket, s3Bucket + "-gz", s3Bucket + "-br"} {
		if _, err := srv.client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
			t.Fatalf("creating the bucket %s: %v", name, err)
		}
	}
	return srv
}

type staticCreds struct{}

func (staticCreds) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: s3Access, SecretAccessKey: s3Secret}, nil
}

func (s *s3Server) url(bucket, prefix string) string {
	return fmt.Sprintf("s3://%s/%s?endpoint=http://%s&use_path_style=true&region=us-east-1", bucket, prefix, s.api)
}

// copyDemo copies the demo site at the repository root into a temp folder.
func copyDemo(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"content", "static", "data", "medkb.yaml"} {
		src := filepath.Join("..", "..", name)
		err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(filepath.Join("..", ".."), p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// medkb runs the real command line and returns its exit code and output.
func medkb(t testing.TB, dir string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	code := cli.Main(context.Background(), cli.Env{Stdout: &out, Stderr: &out, Dir: dir, Getenv: os.Getenv}, args)
	return code, out.String()
}

func build(t testing.TB, dir string) {
	t.Helper()
	if code, out := medkb(t, dir, "build", "--quiet"); code != 0 {
		t.Fatalf("medkb build: exit %d\n%s", code, out)
	}
}

// deployRun deploys dir/public with the library, to see exactly what changed.
func deployRun(t testing.TB, ctx context.Context, dir, bucketURL string, mod func(*deploy.Options)) (deploy.Summary, error) {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := deploy.Open(context.Background(), bucketURL)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	opts := deploy.Options{Dir: filepath.Join(dir, "public"), Policy: hostconfig.FromConfig(cfg), MaxDeletes: 256}
	if mod != nil {
		mod(&opts)
	}
	sum, _, err := deploy.Run(ctx, b, opts)
	return sum, err
}

// siteFiles lists the files a bucket deploy uploads, with their bytes.
func siteFiles(t testing.TB, public string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(public, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() || hostconfig.Hidden(rel) {
			return nil
		}
		files[rel], _ = os.ReadFile(p)
		return nil
	})
	return files
}

// store is a bucket service the deploy is tested against: url returns a
// bucket URL for a key prefix ("" for the bucket's root).
type store struct {
	name string
	url  func(prefix string) string
}

// deployCycle is the test every driver passes, against its real server:
// deploy the demo site through the command line, deploy again with nothing
// changed, edit one article, delete another, refuse too many deletions; after
// each deploy the bucket holds public/ byte for byte with the policy's
// headers, and keys outside the prefix are never touched. It returns the
// site's folder, deployed under the prefix "site".
func deployCycle(t *testing.T, st store) string {
	ctx := context.Background()
	dir := copyDemo(t)
	build(t, dir)
	public := filepath.Join(dir, "public")
	url := st.url("site")
	want := siteFiles(t, public)
	outside := map[string]string{"outside.txt": "not the site", "site-old/index.html": "<p>an older site</p>", "sites/index.html": "<p>another</p>"}
	root, err := deploy.Open(ctx, st.url(""))
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	for k, v := range outside {
		if err := root.WriteAll(ctx, k, []byte(v), nil); err != nil {
			t.Fatalf("%s: writing %s: %v", st.name, k, err)
		}
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	policy := hostconfig.FromConfig(cfg)

	// 1. The command line: a first deploy uploads every file.
	code, out := medkb(t, dir, "deploy", url)
	if code != 0 || !strings.Contains(out, fmt.Sprintf("uploaded %d", len(want))) || !strings.Contains(out, "deleted 0, unchanged 0") {
		t.Fatalf("%s: first deploy: exit %d, want %d uploads:\n%s", st.name, code, len(want), out)
	}
	compareBucket(t, st, policy, want)

	// 2. Nothing changed: nothing uploaded (the time is measured by BenchmarkNoopDeployS3).
	sum, err := deployRun(t, ctx, dir, url, nil)
	if err != nil || sum.Uploaded != 0 || sum.Deleted != 0 || sum.Unchanged != len(want) {
		t.Fatalf("%s: second deploy: %+v, %v", st.name, sum, err)
	}

	// 3. One article edited: exactly the files that changed are uploaded.
	article := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, err := os.ReadFile(article)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(article, bytes.Replace(src, []byte("\n\n"), []byte("\n\nAn added sentence about spacers.\n\n"), 1), 0o644)
	before := want
	build(t, dir)
	want = siteFiles(t, public)
	var changed []string
	for k, v := range want {
		if !bytes.Equal(before[k], v) {
			changed = append(changed, k)
		}
	}
	for k := range before {
		if _, ok := want[k]; !ok {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	if !slices.Contains(changed, "conditions/asthma/index.html") {
		t.Fatalf("the edit did not change the article's page; changed: %v", changed)
	}
	sum, err = deployRun(t, ctx, dir, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sum.Changed, changed) {
		t.Fatalf("%s: uploaded and deleted %v\nwant exactly the changed files %v", st.name, sum.Changed, changed)
	}
	compareBucket(t, st, policy, want)
	for key, want := range map[string][2]string{
		"conditions/asthma/index.html": {"text/html; charset=utf-8", "public, max-age=0, must-revalidate"},
		"index.xml":                    {"application/xml; charset=utf-8", "public, max-age=0, must-revalidate"},
		"feed.json":                    {"application/feed+json", "public, max-age=0, must-revalidate"},
		"search/manifest.json":         {"application/json", "public, max-age=0, must-revalidate"},
		"images/logo.png":              {"image/png", "public, max-age=86400"},
	} {
		if got := policy.CacheControl(key); got != want[1] || hostconfig.ContentType(key) != want[0] {
			t.Errorf("the policy gives %s Content-Type %q, Cache-Control %q; want %q, %q", key, hostconfig.ContentType(key), got, want[0], want[1])
		}
	}
	shard := ""
	for k := range want {
		if strings.HasPrefix(k, "search/postings/") {
			shard = k
		}
	}
	if got := policy.CacheControl(shard); got != "public, max-age=31536000, immutable" {
		t.Errorf("%s: Cache-Control %q, want immutable for a year", shard, got)
	}

	// 4. An article deleted: its objects are gone.
	if err := os.Remove(filepath.Join(dir, "content", "conditions", "urinary-tract-infection.md")); err != nil {
		t.Fatal(err)
	}
	build(t, dir)
	sum, err = deployRun(t, ctx, dir, url, nil)
	if err != nil || !slices.Contains(sum.Changed, "conditions/urinary-tract-infection/index.html") {
		t.Fatalf("%s: deploy after deleting an article: %+v, %v", st.name, sum, err)
	}
	want = siteFiles(t, public)
	compareBucket(t, st, policy, want)

	// 5. --max-deletes refuses, through the command line, and changes nothing.
	emptyish := t.TempDir()
	os.WriteFile(filepath.Join(emptyish, "index.html"), []byte("<p>wrong folder</p>"), 0o644)
	code, out = medkb(t, dir, "deploy", "--destination", emptyish, "--max-deletes", "10", url)
	if code != cli.ExitError || !strings.Contains(out, "more than the limit of 10") || !strings.Contains(out, "nothing was changed") {
		t.Fatalf("%s: deploy of a near-empty folder: exit %d\n%s", st.name, code, out)
	}
	compareBucket(t, st, policy, want)
	for k, v := range outside {
		if got, err := root.ReadAll(ctx, k); err != nil || string(got) != v {
			t.Errorf("%s: %s, outside the prefix, holds %q (%v); want %q", st.name, k, got, err, v)
		}
	}
	return dir
}

// compareBucket checks that the bucket's prefix "site" holds exactly the
// files of want, byte for byte, each with the policy's Content-Type and
// Cache-Control and no Content-Encoding — read through the driver itself.
func compareBucket(t *testing.T, st store, policy hostconfig.Policy, want map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	b, err := deploy.Open(ctx, st.url("site"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	seen := 0
	it := b.List(nil)
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: listing: %v", st.name, err)
		}
		body, ok := want[obj.Key]
		if !ok {
			t.Errorf("%s: the bucket holds %s, which public/ does not", st.name, obj.Key)
			continue
		}
		seen++
		got, err := b.ReadAll(ctx, obj.Key)
		if err != nil || !bytes.Equal(got, body) {
			t.Errorf("%s: %s: %d bytes (%v) differ from public/'s %d", st.name, obj.Key, len(got), err, len(body))
		}
		a, err := b.Attributes(ctx, obj.Key)
		if err != nil {
			t.Fatalf("%s: attributes of %s: %v", st.name, obj.Key, err)
		}
		if a.ContentType != hostconfig.ContentType(obj.Key) || a.CacheControl != policy.CacheControl(obj.Key) || a.ContentEncoding != "" {
			t.Errorf("%s: %s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, none", st.name, obj.Key,
				a.ContentType, a.CacheControl, a.ContentEncoding, hostconfig.ContentType(obj.Key), policy.CacheControl(obj.Key))
		}
	}
	if seen != len(want) {
		t.Errorf("%s: the bucket holds %d of public/'s %d files", st.name, seen, len(want))
	}
}

func TestDeployToS3(t *testing.T) {
	srv := startS3(t)
	dir := deployCycle(t, store{"S3 (versitygw)", func(prefix string) string { return srv.url(s3Bucket, prefix) }})
	public := filepath.Join(dir, "public")
	ctx := context.Background()
	url := srv.url(s3Bucket, "site")

	// 6. A deploy stopped part-way, then run again, converges.
	cfg, _ := os.ReadFile(filepath.Join(dir, "medkb.yaml"))
	os.WriteFile(filepath.Join(dir, "medkb.yaml"), bytes.Replace(cfg, []byte(`title: "Demo Health Library"`), []byte(`title: "Demo Health Library (new)"`), 1), 0o644)
	build(t, dir)
	stopCtx, stop := context.WithCancel(ctx)
	sum, err := deployRun(t, stopCtx, dir, url, func(o *deploy.Options) {
		o.Progress = func(done, total int) {
			if done == 20 {
				stop()
			}
		}
	})
	if !errors.Is(err, context.Canceled) || sum.Uploaded < 20 {
		t.Fatalf("stopped deploy: %+v, %v", sum, err)
	}
	sum, err = deployRun(t, ctx, dir, url, nil)
	if err != nil || sum.Uploaded == 0 {
		t.Fatalf("rerun: %+v, %v", sum, err)
	}
	if sum, err = deployRun(t, ctx, dir, url, nil); err != nil || sum.Uploaded+sum.Deleted != 0 {
		t.Fatalf("after the rerun a deploy still changes %+v (%v): it did not converge", sum, err)
	}

	// 7. Served by the bucket's website endpoint, the site is public/, byte
	// for byte, with the generated S3 website rules (index, 404, aliases).
	want := siteFiles(t, public)
	compareServed(t, srv, s3Bucket, "site/", &s3types.WebsiteConfiguration{IndexDocument: &s3types.IndexDocument{Suffix: aws.String("index.html")}}, want)

	// 8. Stored gzip-compressed at the root of another bucket, with the
	// generated S3 website configuration (index, 404 and alias rules).
	gz := s3Bucket + "-gz"
	sum, err = deployRun(t, ctx, dir, srv.url(gz, ""), func(o *deploy.Options) { o.Compress = "gzip" })
	if err != nil || sum.Uploaded != len(want) {
		t.Fatalf("gzip deploy: %+v, %v", sum, err)
	}
	for key, enc := range map[string]string{"index.html": "gzip", "feed.json": "gzip", "css/site.css": "gzip", "images/logo.png": ""} {
		h, err := srv.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(gz), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(h.ContentEncoding) != enc || aws.ToString(h.ContentType) != hostconfig.ContentType(key) {
			t.Errorf("%s stored with Content-Encoding %q, Content-Type %q; want %q, %q", key,
				aws.ToString(h.ContentEncoding), aws.ToString(h.ContentType), enc, hostconfig.ContentType(key))
		}
	}
	if sum, err := deployRun(t, ctx, dir, srv.url(gz, ""), func(o *deploy.Options) { o.Compress = "gzip" }); err != nil || sum.Uploaded+sum.Deleted != 0 {
		t.Fatalf("a second gzip deploy changed %+v (%v): compression is not deterministic", sum, err)
	}
	rules, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(hostconfig.PrivateDir), "s3-website.json"))
	if err != nil {
		t.Fatal(err)
	}
	var website s3types.WebsiteConfiguration
	if err := json.Unmarshal(rules, &website); err != nil {
		t.Fatalf("s3-website.json: %v", err)
	}
	compareServed(t, srv, gz, "", &website, want)
	resp, body := websiteGet(t, srv, gz, "/no/such/page/")
	if resp.StatusCode != 404 || !bytes.Equal(body, want["404.html"]) {
		t.Errorf("GET /no/such/page/: %s, %d bytes; want 404 with 404.html", resp.Status, len(body))
	}
	resp, _ = websiteGet(t, srv, gz, "/conditions/hypertension/")
	if resp.StatusCode != 301 || !strings.HasSuffix(resp.Header.Get("Location"), "/conditions/high-blood-pressure/") {
		t.Errorf("GET /conditions/hypertension/ (an alias): %s, Location %q; want a 301 to /conditions/high-blood-pressure/", resp.Status, resp.Header.Get("Location"))
	}

	// 10. The generated Caddyfile.bucket: real Caddy as the reverse proxy in
	// front of the bucket's website endpoint adds the security headers the
	// bucket cannot send, and passes the objects' own headers through.
	proxy := startCaddyBucket(t, filepath.Join(dir, filepath.FromSlash(hostconfig.PrivateDir), "Caddyfile.bucket"), srv.website, gz)
	cfgLoaded, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	policy := hostconfig.FromConfig(cfgLoaded)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	shard := shardOf(want)
	for _, tc := range []struct {
		path, file string
		status     int
	}{
		{"/", "index.html", 200},
		{"/conditions/asthma/", "conditions/asthma/index.html", 200},
		{"/feed.json", "feed.json", 200},
		{"/" + shard, shard, 200},
		{"/no/such/page/", "404.html", 404},
		{"/conditions/hypertension/", "", 301},
	} {
		resp, err := client.Get("http://" + proxy + tc.path) // Go's client asks for gzip and decodes it
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || (tc.file != "" && !bytes.Equal(got, want[tc.file])) {
			t.Errorf("through Caddy, GET %s: %s, %d bytes; want %d with public/%s", tc.path, resp.Status, len(got), tc.status, tc.file)
		}
		for k, v := range policy.Headers {
			if got := resp.Header.Values(k); len(got) != 1 || got[0] != v {
				t.Errorf("through Caddy, GET %s: %s %q; want %q", tc.path, k, got, v)
			}
		}
		if tc.status == 200 {
			if cc := resp.Header.Get("Cache-Control"); cc != policy.CacheControl(tc.file) {
				t.Errorf("through Caddy, GET %s: Cache-Control %q; want the object's %q", tc.path, cc, policy.CacheControl(tc.file))
			}
		}
	}

	// 9. Stored brotli-compressed: text files with Content-Encoding br, and
	// every file served decodes to public/'s bytes.
	br := s3Bucket + "-br"
	brOpts := func(o *deploy.Options) { o.Compress = "br" }
	if sum, err := deployRun(t, ctx, dir, srv.url(br, ""), brOpts); err != nil || sum.Uploaded != len(want) {
		t.Fatalf("brotli deploy: %+v, %v", sum, err)
	}
	for key, enc := range map[string]string{"index.html": "br", "feed.json": "br", "index.xml": "br", "css/site.css": "br", "images/logo.png": "", "images/favicon.svg": "br"} {
		h, err := srv.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(br), Key: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		if aws.ToString(h.ContentEncoding) != enc || aws.ToString(h.ContentType) != hostconfig.ContentType(key) {
			t.Errorf("%s stored with Content-Encoding %q, Content-Type %q; want %q, %q", key,
				aws.ToString(h.ContentEncoding), aws.ToString(h.ContentType), enc, hostconfig.ContentType(key))
		}
	}
	if sum, err := deployRun(t, ctx, dir, srv.url(br, ""), brOpts); err != nil || sum.Uploaded+sum.Deleted != 0 {
		t.Fatalf("a second brotli deploy changed %+v (%v): compression is not deterministic", sum, err)
	}
	compareServed(t, srv, br, "", &website, want)
}

func shardOf(files map[string][]byte) string {
	for k := range files {
		if strings.HasPrefix(k, "search/postings/") {
			return k
		}
	}
	return ""
}

// startCaddyBucket runs Caddy (the Debian package caddy) with the generated
// Caddyfile.bucket in front of a versitygw website endpoint, and returns
// its address.
func startCaddyBucket(t *testing.T, snippet, website, bucket string) string {
	t.Helper()
	bin, err := exec.LookPath("caddy")
	if err != nil {
		t.Fatalf("caddy is not installed: the bucket proxy test runs it; run bash internal/e2e/install.sh (Debian package caddy)")
	}
	addr := freePort(t)
	home := t.TempDir()
	conf := fmt.Sprintf("{\n\tadmin off\n\tauto_https off\n}\nhttp://%s {\n\timport %s\n}\n", addr, snippet)
	os.WriteFile(filepath.Join(home, "Caddyfile"), []byte(conf), 0o644)
	cmd := exec.Command(bin, "run", "--config", filepath.Join(home, "Caddyfile"), "--adapter", "caddyfile")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "XDG_CONFIG_HOME="+home,
		"MEDKB_BUCKET_ENDPOINT=http://"+website, "MEDKB_BUCKET_HOST="+bucket)
	startProcess(t, "caddy", "run bash internal/e2e/install.sh", addr, cmd)
	return addr
}

// BenchmarkNoopDeployS3 measures a deploy of the unchanged demo site to a
// bucket that already holds it: a listing and a hash of every file, no
// upload (the target is under a second).
func BenchmarkNoopDeployS3(b *testing.B) {
	srv := startS3(b)
	dir := copyDemo(b)
	build(b, dir)
	url := srv.url(s3Bucket, "site")
	ctx := context.Background()
	if _, err := deployRun(b, ctx, dir, url, nil); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		sum, err := deployRun(b, ctx, dir, url, nil)
		if err != nil || sum.Uploaded+sum.Deleted != 0 {
			b.Fatalf("%+v %v", sum, err)
		}
	}
}

// compareServed fetches every file through the website endpoint of a
// public-read bucket with the given website configuration.
func compareServed(t testing.TB, srv *s3Server, bucket, prefix string, website *s3types.WebsiteConfiguration, want map[string][]byte) {
	t.Helper()
	ctx := context.Background()
	if _, err := srv.client.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::` + bucket + `/*"]}]}`)}); err != nil {
		t.Fatalf("public-read policy: %v", err)
	}
	if _, err := srv.client.PutBucketWebsite(ctx, &s3.PutBucketWebsiteInput{Bucket: aws.String(bucket), WebsiteConfiguration: website}); err != nil {
		t.Fatalf("website configuration: %v", err)
	}
	n := 0
	for key, body := range want {
		resp, got := websiteGet(t, srv, bucket, "/"+prefix+key)
		if redirected(website, prefix+key) {
			if resp.StatusCode != 301 {
				t.Errorf("GET /%s%s: %s, want the routing rule's 301", prefix, key, resp.Status)
			}
			continue // an alias's own redirect page, behind its 301
		}
		if resp.StatusCode != 200 {
			t.Fatalf("GET /%s%s: %s\n%s", prefix, key, resp.Status, got)
		}
		if !bytes.Equal(got, body) {
			t.Errorf("GET /%s%s: %d bytes differ from public/%s (%d bytes)", prefix, key, len(got), key, len(body))
		}
		n++
	}
	if n < 200 {
		t.Fatalf("only %d files compared", n)
	}
}

func redirected(website *s3types.WebsiteConfiguration, key string) bool {
	for _, r := range website.RoutingRules {
		if r.Condition != nil && strings.HasPrefix(key, aws.ToString(r.Condition.KeyPrefixEquals)) {
			return true
		}
	}
	return false
}

// websiteGet asks the bucket's website endpoint for a path, as a browser
// would (accepting gzip, not following redirects), and returns the
// response and its decoded body.
func websiteGet(t testing.TB, srv *s3Server, bucket, p string) (*http.Response, []byte) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest("GET", "http://"+srv.website+p, nil)
	req.Host = bucket
	req.Header.Set("Accept-Encoding", "gzip, br")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(got))
		if err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
		if got, err = io.ReadAll(zr); err != nil {
			t.Fatalf("GET %s: %v", p, err)
		}
	case "br":
		var err error
		if got, err = io.ReadAll(brotli.NewReader(bytes.NewReader(got))); err != nil {
			t.Fatalf("GET %s: brotli: %v", p, err)
		}
	}
	return resp, got
}
