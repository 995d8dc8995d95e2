//go:build unix

package deploy_test

// A deploy killed part-way: the real medkb binary, SIGKILLed while it
// uploads to the real S3 server (versitygw), at a point fixed by counting
// the requests that change the bucket — a loopback proxy between the two
// lets exactly N of them through and holds the rest, so the kill lands
// after the Nth change, never after a guessed sleep.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/deploy"
	"github.com/medkb/medkb/internal/hostconfig"
)

// medkbBinary builds cmd/medkb once per test run: SIGKILL must reach a
// real process.
func medkbBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "medkb")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/medkb/medkb/cmd/medkb").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// holdProxy forwards requests to the S3 server and lets through only the
// first limit requests that change the bucket (PUT, POST, DELETE); later
// ones wait until their client goes away. reached is closed when the
// limit-th change has been answered by the server.
type holdProxy struct {
	addr    string
	mu      sync.Mutex
	limit   int
	started int
	done    int
	reached chan struct{}
}

func startHoldProxy(t *testing.T, target string, limit int) *holdProxy {
	t.Helper()
	p := &holdProxy{limit: limit, reached: make(chan struct{})}
	if limit == 0 {
		close(p.reached)
	}
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: target})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.addr = l.Addr().String()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			rp.ServeHTTP(w, r) // the Host header stays the proxy's: the signature holds
			return
		}
		p.mu.Lock()
		if p.started >= p.limit {
			p.mu.Unlock()
			<-r.Context().Done() // held until the client is killed
			return
		}
		p.started++
		p.mu.Unlock()
		rp.ServeHTTP(w, r)
		p.mu.Lock()
		p.done++
		if p.done == p.limit {
			close(p.reached)
		}
		p.mu.Unlock()
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return p
}

// killDeploy runs `medkb deploy` through a proxy that holds every change
// after the first n, waits for the nth, and SIGKILLs the process.
func killDeploy(t *testing.T, bin, dir string, srv *s3Server, n int) {
	t.Helper()
	proxy := startHoldProxy(t, srv.api, n)
	target := fmt.Sprintf("s3://%s/site?endpoint=http://%s&use_path_style=true&region=us-east-1", s3Bucket, proxy.addr)
	cmd := exec.Command(bin, "deploy", "--source", dir, "--quiet", target)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-proxy.reached:
	case err := <-exited:
		t.Fatalf("medkb deploy ended (%v) before making %d changes:\n%s", err, n, out.String())
	case <-time.After(2 * time.Minute): // a hang guard, not a timing assumption
		cmd.Process.Kill()
		t.Fatalf("medkb deploy made fewer than %d changes in 2 minutes:\n%s", n, out.String())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := <-exited
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("medkb deploy was not killed by SIGKILL after %d changes: %v\n%s", n, err, out.String())
	}
}

// bucketKeys lists every key of the bucket, inside the site's prefix or not.
func bucketKeys(t *testing.T, srv *s3Server) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	pages := s3.NewListObjectsV2Paginator(srv.client, &s3.ListObjectsV2Input{Bucket: aws.String(s3Bucket)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			keys[aws.ToString(o.Key)] = true
		}
	}
	return keys
}

func getObject(t *testing.T, srv *s3Server, key string) (*s3.GetObjectOutput, []byte) {
	t.Helper()
	o, err := srv.client.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(s3Bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatalf("GET %s: %v", key, err)
	}
	defer o.Body.Close()
	b, err := io.ReadAll(o.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", key, err)
	}
	return o, b
}

const siteBase = "https://health.example.org/" // the demo's base_url

var siteURL = regexp.MustCompile(regexp.QuoteMeta(siteBase) + `[^"'<>\s]*`)
var jsonPath = regexp.MustCompile(`^[a-z0-9][a-z0-9/._-]*\.json$`)

// checkServable crawls the site as a visitor would from its home pages,
// feeds and search manifests: every link, stylesheet, script and image of
// every page reached, every page a feed names and every search shard a
// manifest names must be an object in the bucket, if it is a file of
// either version of the site (known). A reference to a file neither
// version has is the build's fault, not the deploy's: it is logged. It
// returns how many objects it checked.
func checkServable(t *testing.T, srv *s3Server, prefix string, known map[string][]byte) int {
	t.Helper()
	keys := bucketKeys(t, srv)
	seen := map[string]bool{}
	var queue []string
	var missing, unbuilt []string
	visit := func(from, key string) {
		if seen[key] {
			return
		}
		seen[key] = true
		if _, ok := known[key]; !ok {
			unbuilt = append(unbuilt, fmt.Sprintf("%s refers to %s", from, key))
			return
		}
		if !keys[prefix+key] {
			missing = append(missing, fmt.Sprintf("%s refers to %s", from, key))
			return
		}
		queue = append(queue, key)
	}
	// toKey maps a URL on the site to the key of the object it serves.
	toKey := func(page, ref string) (string, bool) {
		base, _ := url.Parse(siteBase + page)
		u, err := base.Parse(strings.TrimSpace(ref))
		if err != nil || u.Scheme != "https" || u.Host != base.Host {
			return "", false
		}
		p := strings.TrimPrefix(u.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		return p, true
	}
	visit("the visitor", "index.html")
	for k := range keys {
		if rel, ok := strings.CutPrefix(k, prefix); ok && path.Base(rel) == "manifest.json" && strings.Contains(rel, "search/") {
			visit("the search page", rel)
		}
	}
	for len(queue) > 0 {
		key := queue[0]
		queue = queue[1:]
		_, body := getObject(t, srv, prefix+key)
		switch {
		case path.Ext(key) == ".html":
			z := html.NewTokenizer(bytes.NewReader(body))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
					continue
				}
				for {
					name, val, more := z.TagAttr()
					if n := string(name); n == "href" || n == "src" {
						if k, ok := toKey(key, string(val)); ok {
							visit(key, k)
						}
					}
					if !more {
						break
					}
				}
			}
		case strings.Contains(key, "search/") && path.Ext(key) == ".json":
			// The manifest and vocabularies name their shards relative to
			// the search folder.
			dir := key[:strings.LastIndex(key, "search/")+len("search/")]
			var walkJSON func(v any)
			walkJSON = func(v any) {
				switch v := v.(type) {
				case string:
					if jsonPath.MatchString(v) {
						visit(key, dir+v)
					}
				case []any:
					for _, e := range v {
						walkJSON(e)
					}
				case map[string]any:
					for _, e := range v {
						walkJSON(e)
					}
				}
			}
			var v any
			if err := json.Unmarshal(body, &v); err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			walkJSON(v)
		case path.Base(key) == "index.xml" || path.Base(key) == "atom.xml" || path.Base(key) == "feed.json":
			for _, m := range siteURL.FindAll(body, -1) {
				if k, ok := toKey(key, strings.TrimRight(string(m), `\`)); ok {
					visit(key, k)
				}
			}
		}
	}
	if len(unbuilt) > 0 {
		sort.Strings(unbuilt)
		t.Logf("links to files the build did not write (a build bug, not the deploy's):\n%s", strings.Join(unbuilt, "\n"))
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		t.Errorf("the site served from the bucket refers to %d missing objects:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	return len(seen)
}

// stepsOf counts a plan's changes in the order the deploy makes them: new
// files of any kind, then changed assets, pages, indexes, deletions.
func stepsOf(plan deploy.Plan) (newFiles, assets, pages, indexes, deletes int) {
	for _, c := range plan.Changes {
		switch {
		case c.Op == deploy.Upload && c.Reason == "new":
			newFiles++
		case c.Stage == deploy.StageAssets:
			assets++
		case c.Stage == deploy.StagePages:
			pages++
		case c.Stage == deploy.StageIndexes:
			indexes++
		default:
			deletes++
		}
	}
	return
}

// TestDeployKilledConverges SIGKILLs the real `medkb deploy` in each stage
// of a deploy that adds, edits and deletes articles and changes every page.
// After each kill the site served from the bucket refers to no missing
// object; a rerun converges to public/, byte for byte and header for
// header, and nothing outside the prefix is touched.
func TestDeployKilledConverges(t *testing.T) {
	srv := startS3(t)
	bin := medkbBinary(t)
	dir := copyDemo(t)
	build(t, dir)
	ctx := context.Background()
	url := srv.url(s3Bucket, "site")
	outside := map[string]string{"outside.txt": "not the site", "site-old/index.html": "<p>an older site</p>", "sites/index.html": "<p>another</p>"}
	for k, v := range outside {
		if _, err := srv.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s3Bucket), Key: aws.String(k), Body: strings.NewReader(v)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := deployRun(t, ctx, dir, url, nil); err != nil {
		t.Fatal(err)
	}
	known := siteFiles(t, filepath.Join(dir, "public"))
	if n := checkServable(t, srv, "site/", known); n < 100 {
		t.Fatalf("the crawl of the deployed site checked only %d objects", n)
	}

	// The next version: a new article linked from its section, one edited,
	// one deleted, and a new title on every page.
	os.WriteFile(filepath.Join(dir, "content", "conditions", "hay-fever.md"), []byte(`---
title: "Hay fever"
id: "tag:health.example.org,2025-01-10:conditions-hay-fever"
summary: "Hay fever is an allergy to pollen that causes sneezing and itchy eyes. Learn what helps."
date: 2025-01-10
tags: [allergy]
authors: [pnavarro]
reviewed_by: [dokafor]
last_reviewed: 2025-01-10
next_review: 2026-01-10
audience: patient
---

Hay fever is an allergy to pollen. Antihistamines and nasal sprays help.
`), 0o644)
	article := filepath.Join(dir, "content", "conditions", "asthma.md")
	src, _ := os.ReadFile(article)
	os.WriteFile(article, bytes.Replace(src, []byte("\n\n"), []byte("\n\nAn added sentence about spacers.\n\n"), 1), 0o644)
	if err := os.Remove(filepath.Join(dir, "content", "conditions", "urinary-tract-infection.md")); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "medkb.yaml"))
	os.WriteFile(filepath.Join(dir, "medkb.yaml"), bytes.Replace(cfg, []byte(`title: "Demo Health Library"`), []byte(`title: "Demo Health Library (new)"`), 1), 0o644)
	for _, img := range []string{"favicon.svg", "logo.png", "icon.png"} { // new images under old names
		p := filepath.Join(dir, "static", "images", img)
		b, _ := os.ReadFile(p)
		os.WriteFile(p, append(b, '\n'), 0o644)
	}
	build(t, dir)
	for k, v := range siteFiles(t, filepath.Join(dir, "public")) {
		known[k] = v
	}

	dryRun := func() deploy.Plan {
		t.Helper()
		c, err := config.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		b, err := deploy.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		_, plan, err := deploy.Run(ctx, b, deploy.Options{Dir: filepath.Join(dir, "public"), Policy: hostconfig.FromConfig(c), MaxDeletes: 256, DryRun: true})
		if err != nil {
			t.Fatal(err)
		}
		return plan
	}
	newFiles, assets, pages, indexes, deletes := stepsOf(dryRun())
	if newFiles < 2 || assets < 2 || pages < 10 || indexes < 2 || deletes == 0 {
		t.Fatalf("the new version has new files %d, changed assets %d, pages %d, indexes %d, deletions %d: every stage should have some",
			newFiles, assets, pages, indexes, deletes)
	}

	// Kill in the middle of each stage in turn; each plan is what the
	// previous kill left.
	for _, stage := range []string{"new files", "assets", "pages", "indexes", "deletions"} {
		newFiles, assets, pages, indexes, deletes := stepsOf(dryRun())
		n := 0
		switch stage {
		case "new files":
			n = newFiles / 2
		case "assets":
			n = newFiles + assets/2
		case "pages":
			n = newFiles + assets + pages/2
		case "indexes":
			n = newFiles + assets + pages + indexes/2
		case "deletions":
			n = newFiles + assets + pages + indexes + deletes/2
		}
		killDeploy(t, bin, dir, srv, n)
		if checked := checkServable(t, srv, "site/", known); checked < 100 {
			t.Fatalf("killed in the %s: the crawl checked only %d objects", stage, checked)
		}
		if t.Failed() {
			t.Fatalf("killed after %d changes, in the %s, the bucket serves a broken site", n, stage)
		}
	}

	// The rerun finishes the job.
	cmd := exec.Command(bin, "deploy", "--source", dir, "--quiet", url)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the rerun: %v\n%s", err, out)
	}
	if sum, err := deployRun(t, ctx, dir, url, nil); err != nil || sum.Uploaded+sum.Deleted != 0 {
		t.Fatalf("after the rerun a deploy still changes %+v (%v): it did not converge", sum, err)
	}
	want := siteFiles(t, filepath.Join(dir, "public"))
	c, _ := config.Load(dir)
	policy := hostconfig.FromConfig(c)
	keys := bucketKeys(t, srv)
	for key := range keys {
		rel, ok := strings.CutPrefix(key, "site/")
		if !ok {
			continue
		}
		if _, ok := want[rel]; !ok {
			t.Errorf("the bucket holds %s, which public/ does not", key)
		}
	}
	for rel, body := range want {
		if !keys["site/"+rel] {
			t.Errorf("public/%s is missing from the bucket", rel)
			continue
		}
		o, got := getObject(t, srv, "site/"+rel)
		if !bytes.Equal(got, body) {
			t.Errorf("site/%s: %d bytes differ from public/%s (%d bytes)", rel, len(got), rel, len(body))
		}
		if ct, cc := aws.ToString(o.ContentType), aws.ToString(o.CacheControl); ct != hostconfig.ContentType(rel) ||
			cc != policy.CacheControl(rel) || o.ContentEncoding != nil {
			t.Errorf("site/%s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, none",
				rel, ct, cc, aws.ToString(o.ContentEncoding), hostconfig.ContentType(rel), policy.CacheControl(rel))
		}
	}
	for k, v := range outside {
		if _, got := getObject(t, srv, k); string(got) != v {
			t.Errorf("%s, outside the prefix, now holds %q; want %q", k, got, v)
		}
	}
}
