// Package deploy copies a built site to a bucket — S3 and every
// S3-compatible store, Google Cloud Storage, Azure Blob Storage or a local
// folder — through gocloud.dev/blob, so one code path serves them all.
//
// A deploy is incremental: it lists the bucket, uploads only the files whose
// MD5 differs from the stored object's (the bytes as stored: gzip-compressed
// when the target stores files compressed) and deletes the objects the site
// no longer has, refusing before it changes anything when that is more than
// Options.MaxDeletes. It works only under the bucket URL's prefix: every
// key it lists, writes or deletes is inside it. Every object gets the
// Content-Type, Cache-Control and (when compressed) Content-Encoding of the
// site's policy (hostconfig).
//
// The order never serves a half-updated site: first the assets (the search
// index's content-hashed shards, images, styles, scripts), which no page of
// the old site refers to by a name that changes; then the pages; then the
// search manifest, the feeds and the sitemap, which point at the rest;
// deletions last. New files of every stage go before all changed ones
// (nothing of the old site refers to them), so a changed page never links
// to a page, feed or shard not yet uploaded. A deploy
// stopped part-way (killed, cancelled, a network error) leaves a site whose
// every link and search shard resolves, and the next deploy compares again
// and finishes the job.
//
// Credentials come only from each cloud SDK's standard chain (environment,
// shared config files, instance metadata); the package never reads, logs
// or writes them, and prints bucket URLs only through Redact.
//
// Run is safe to call concurrently for different buckets; it uploads with a
// few goroutines of its own and returns when they have all stopped.
package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file://; the cloud drivers are in driver_*.go
	"golang.org/x/sync/errgroup"

	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/publish"
)

// Options configure a deploy.
type Options struct {
	Dir    string            // the built site
	Policy hostconfig.Policy // Cache-Control by file class
	// Compress is "gzip" or "br" to store compressible files compressed
	// (Content-Encoding gzip or br); "" stores them as built.
	Compress string
	// Exclude lists path.Match patterns (matched against the path and the
	// file name) of files neither uploaded nor deleted.
	Exclude []string
	// MaxDeletes bounds the deletions; a deploy that would delete more
	// changes nothing and returns a *TooManyDeletesError.
	MaxDeletes int
	// DryRun plans and returns without changing the bucket.
	DryRun bool
	// Force uploads every file, changed or not (after a cache policy change).
	Force bool
	// KeepHostFiles uploads _headers, _redirects and .htaccess, which only a
	// web server reading a folder uses (set for file:// targets).
	KeepHostFiles bool
	// Confirm, when set, sees the plan before anything changes; false
	// stops the deploy with ErrNotConfirmed.
	Confirm func(Plan) bool
	// Progress, when set, is called after each upload or deletion.
	Progress func(done, total int)
	// Workers is the number of concurrent uploads (default 8).
	Workers int
}

// Op is what a deploy does to one key.
type Op int

const (
	Upload Op = iota
	Delete
)

// Stage orders the changes so the site is never half updated.
type Stage int

const (
	StageAssets  Stage = iota // hashed search shards, images, CSS, scripts
	StagePages                // HTML
	StageIndexes              // search manifest and the module that carries it, feeds, sitemap, robots.txt
	StageDeletes              // objects the site no longer has
)

var stageNames = [...]string{"assets", "pages", "indexes", "deletions"}

func (s Stage) String() string { return stageNames[s] }

// Change is one upload or deletion.
type Change struct {
	Key    string // relative to the prefix, e.g. conditions/asthma/index.html
	Op     Op
	Stage  Stage
	Reason string // new, changed, forced, or gone
	Size   int64  // bytes sent (after compression)
	// What an upload sets on the object.
	ContentType, CacheControl, ContentEncoding string

	file string // the local file of an upload
}

// Plan is what a deploy changes, in the order it changes it.
type Plan struct {
	Changes   []Change
	Unchanged int
}

// Counts returns the number of uploads and deletions.
func (p Plan) Counts() (uploads, deletes int) {
	for _, c := range p.Changes {
		if c.Op == Delete {
			deletes++
		} else {
			uploads++
		}
	}
	return uploads, deletes
}

// Summary is what a deploy did.
type Summary struct {
	Uploaded, Deleted, Unchanged int
	Bytes                        int64
	Duration                     time.Duration
	// Changed lists the keys uploaded or deleted, for a CDN invalidation.
	Changed []string
	// FeedsChanged reports whether a feed was uploaded or deleted, so the
	// WebSub hub should be told.
	FeedsChanged bool
}

// ErrNotConfirmed is returned when Options.Confirm declines the plan.
var ErrNotConfirmed = errors.New("deploy not confirmed; nothing was changed")

// TooManyDeletesError is returned, before anything changes, by a deploy
// that would delete more objects than Options.MaxDeletes.
type TooManyDeletesError struct {
	Deletes, Max int
	Examples     []string
}

func (e *TooManyDeletesError) Error() string {
	return fmt.Sprintf("the deploy would delete %d files, more than the limit of %d (for example %s); nothing was changed. "+
		"Check that the target's bucket and prefix hold this site and nothing else, run with --dry-run to see every change, "+
		"then pass --max-deletes %d if the deletions are intended",
		e.Deletes, e.Max, strings.Join(e.Examples, ", "), e.Deletes)
}

// Open opens a bucket URL. For s3://, gs:// and azblob:// a path after the
// bucket is the key prefix the deploy works in (s3://bucket/site/ deploys
// under site/); for file:// the path is the folder, created if missing, and
// no metadata sidecar files are written into it unless the URL asks for
// them (metadata=).
func Open(ctx context.Context, bucketURL string) (*blob.Bucket, error) {
	u, err := url.Parse(bucketURL)
	if err != nil {
		return nil, fmt.Errorf("invalid bucket URL: %w", err)
	}
	if u.User != nil {
		return nil, fmt.Errorf("bucket URL %s carries credentials; use the cloud SDK's environment variables or credential files", Redact(bucketURL))
	}
	q := u.Query()
	switch u.Scheme {
	case "file":
		if !q.Has("metadata") {
			q.Set("metadata", "skip")
		}
		if !q.Has("create_dir") {
			q.Set("create_dir", "true")
		}
	case "s3", "gs", "azblob":
		if p := strings.Trim(u.Path, "/"); p != "" && !q.Has("prefix") {
			q.Set("prefix", p+"/")
		}
		u.Path = ""
	default:
		return nil, fmt.Errorf("bucket URL %s: the scheme is s3, gs, azblob or file", Redact(bucketURL))
	}
	if p := q.Get("prefix"); p != "" && !strings.HasSuffix(p, "/") {
		q.Set("prefix", p+"/")
	}
	u.RawQuery = q.Encode()
	if err := builtIn(u.Scheme); err != nil {
		return nil, fmt.Errorf("opening %s: %w", Redact(bucketURL), err)
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", Redact(bucketURL), err)
	}
	return b, nil
}

// Redact returns a bucket URL fit for printing: without user information
// or query values that could hold secrets.
func Redact(bucketURL string) string {
	u, err := url.Parse(bucketURL)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	q := u.Query()
	for k := range q {
		switch strings.ToLower(k) {
		case "region", "prefix", "endpoint", "use_path_style", "disable_https", "metadata", "create_dir", "profile":
		default:
			q.Set(k, "REDACTED")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// local is one file of the built site.
type local struct {
	rel, file string
	md5       []byte
	size      int64
	ctype     string
	encoding  string
}

// Run deploys opts.Dir to the bucket and returns what it did and the plan
// it followed. On an error the summary counts what was done before it.
func Run(ctx context.Context, bucket *blob.Bucket, opts Options) (Summary, Plan, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	plan, err := makePlan(ctx, bucket, opts)
	if err != nil {
		return Summary{}, plan, err
	}
	sum := Summary{Unchanged: plan.Unchanged}
	_, deletes := plan.Counts()
	if deletes > opts.MaxDeletes {
		ex := []string{}
		for _, c := range plan.Changes {
			if c.Op == Delete && len(ex) < 3 {
				ex = append(ex, c.Key)
			}
		}
		return sum, plan, &TooManyDeletesError{Deletes: deletes, Max: opts.MaxDeletes, Examples: ex}
	}
	if opts.DryRun || len(plan.Changes) == 0 {
		sum.Duration = time.Since(start)
		return sum, plan, nil
	}
	if opts.Confirm != nil && !opts.Confirm(plan) {
		return sum, plan, ErrNotConfirmed
	}
	var mu sync.Mutex
	done := 0
	for _, step := range steps(plan.Changes) {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(opts.Workers)
		for _, c := range step {
			g.Go(func() error {
				if err := apply(gctx, bucket, opts, c); err != nil {
					return err
				}
				mu.Lock()
				defer mu.Unlock()
				done++
				if c.Op == Delete {
					sum.Deleted++
				} else {
					sum.Uploaded++
					sum.Bytes += c.Size
				}
				sum.Changed = append(sum.Changed, c.Key)
				if isFeed(c.Key) {
					sum.FeedsChanged = true
				}
				if opts.Progress != nil {
					opts.Progress(done, len(plan.Changes))
				}
				return nil
			})
		}
		if err := g.Wait(); err != nil {
			sort.Strings(sum.Changed)
			sum.Duration = time.Since(start)
			return sum, plan, err
		}
	}
	sort.Strings(sum.Changed)
	sum.Duration = time.Since(start)
	return sum, plan, nil
}

func apply(ctx context.Context, bucket *blob.Bucket, opts Options, c Change) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if c.Op == Delete {
		if err := bucket.Delete(ctx, c.Key); err != nil {
			return fmt.Errorf("deleting %s: %w", c.Key, err)
		}
		return nil
	}
	data, err := body(c.file, c.ContentEncoding)
	if err != nil {
		return err
	}
	sum := md5.Sum(data)
	err = bucket.WriteAll(ctx, c.Key, data, &blob.WriterOptions{
		ContentType:                 c.ContentType,
		CacheControl:                c.CacheControl,
		ContentEncoding:             c.ContentEncoding,
		ContentMD5:                  sum[:],
		DisableContentTypeDetection: true,
	})
	if err != nil {
		return fmt.Errorf("uploading %s: %w", c.Key, err)
	}
	return nil
}

// body returns a file's bytes as stored: compressed with gzip or brotli
// when encoding says so. Both are deterministic (the gzip header carries no
// name or time), so the same file always compresses to the same bytes and
// the same MD5.
func body(file, encoding string) ([]byte, error) {
	data, err := os.ReadFile(file)
	if err != nil || encoding == "" {
		return data, err
	}
	var buf bytes.Buffer
	var zw io.WriteCloser
	switch encoding {
	case "gzip":
		zw, _ = gzip.NewWriterLevel(&buf, gzip.BestCompression)
	case "br":
		// Level 5: on the demo site 1.68 MB in 1.8 s against level 11's
		// 1.58 MB in 95 s — and every deploy compresses every file to
		// compare it.
		zw = brotli.NewWriterLevel(&buf, 5)
	default:
		return nil, fmt.Errorf("unknown compression %q: use gzip or br", encoding)
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// makePlan compares the site with the bucket.
func makePlan(ctx context.Context, bucket *blob.Bucket, opts Options) (Plan, error) {
	files, err := walk(opts)
	if err != nil {
		return Plan{}, err
	}
	remote := map[string]*blob.ListObject{}
	it := bucket.List(nil)
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return Plan{}, fmt.Errorf("listing the bucket: %w", err)
		}
		remote[obj.Key] = obj
	}
	var plan Plan
	for _, f := range files {
		reason := ""
		obj, ok := remote[f.rel]
		switch {
		case !ok:
			reason = "new"
		case opts.Force:
			reason = "forced"
		default:
			same, err := sameMD5(ctx, bucket, obj, f.md5)
			if err != nil {
				return Plan{}, err
			}
			if !same {
				reason = "changed"
			}
		}
		delete(remote, f.rel)
		if reason == "" {
			plan.Unchanged++
			continue
		}
		plan.Changes = append(plan.Changes, Change{Key: f.rel, Op: Upload, Stage: stageOf(f.rel), Reason: reason,
			Size: f.size, ContentType: f.ctype, CacheControl: opts.Policy.CacheControl(f.rel),
			ContentEncoding: f.encoding, file: f.file})
	}
	for key := range remote {
		if excluded(opts.Exclude, key) {
			continue
		}
		plan.Changes = append(plan.Changes, Change{Key: key, Op: Delete, Stage: StageDeletes, Reason: "gone"})
	}
	sort.SliceStable(plan.Changes, func(i, j int) bool {
		a, b := plan.Changes[i], plan.Changes[j]
		if ra, rb := a.step(), b.step(); ra != rb {
			return ra < rb
		}
		return a.Key < b.Key
	})
	return plan, nil
}

// step is the rank of the group a change runs in: first the new files of
// every stage (nothing the site already has refers to them: a new page's
// new feeds and shards are there before any changed page links to them),
// then the changed files stage by stage, deletions last.
func (c Change) step() int {
	if c.Reason == "new" && c.Stage != StageDeletes {
		return int(c.Stage)
	}
	return int(StageDeletes) + 1 + int(c.Stage)
}

// steps splits a sorted plan into the groups that run one after another,
// each finished before the next starts.
func steps(changes []Change) [][]Change {
	var out [][]Change
	for i := 0; i < len(changes); {
		j := i + 1
		for j < len(changes) && changes[j].step() == changes[i].step() {
			j++
		}
		out = append(out, changes[i:j])
		i = j
	}
	return out
}

// sameMD5 compares a stored object with local bytes: by the MD5 the store
// lists when it has one (S3's ETag of a single-part upload, GCS, Azure),
// else by reading the object (a folder without metadata sidecars).
func sameMD5(ctx context.Context, bucket *blob.Bucket, obj *blob.ListObject, sum []byte) (bool, error) {
	if obj.MD5 != nil {
		return bytes.Equal(obj.MD5, sum), nil
	}
	r, err := bucket.NewReader(ctx, obj.Key, nil)
	if err != nil {
		return false, fmt.Errorf("reading %s: %w", obj.Key, err)
	}
	defer r.Close()
	h := md5.New()
	if _, err := io.Copy(h, r); err != nil {
		return false, fmt.Errorf("reading %s: %w", obj.Key, err)
	}
	return bytes.Equal(h.Sum(nil), sum), nil
}

// walk lists the site's files with the MD5 of the bytes each would store.
func walk(opts Options) ([]local, error) {
	var files []local
	err := filepath.WalkDir(opts.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(opts.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == publish.Marker || excluded(opts.Exclude, rel) ||
			(!opts.KeepHostFiles && hostconfig.Hidden(rel)) {
			return nil
		}
		f := local{rel: rel, file: p, ctype: hostconfig.ContentType(rel)}
		if opts.Compress != "" && hostconfig.Compressible(f.ctype) {
			f.encoding = opts.Compress
		}
		data, err := body(p, f.encoding)
		if err != nil {
			return err
		}
		sum := md5.Sum(data)
		f.md5, f.size = sum[:], int64(len(data))
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the site in %s: %w", opts.Dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no site; build it first with: medkb build", opts.Dir)
	}
	return files, nil
}

func excluded(patterns []string, rel string) bool {
	for _, pat := range patterns {
		if ok, _ := path.Match(pat, rel); ok {
			return true
		}
		if ok, _ := path.Match(pat, path.Base(rel)); ok {
			return true
		}
	}
	return false
}

// isFeed reports whether a key is one of the site's feeds.
func isFeed(key string) bool {
	switch path.Base(key) {
	case "index.xml", "atom.xml", "feed.json":
		return true
	}
	return false
}

// isSearchModule reports whether key is a search index's search.js, which
// carries the index's manifest (and so names its shards): it goes up with
// the manifest, after them.
func isSearchModule(key string) bool {
	return path.Base(key) == "search.js" && path.Base(path.Dir(key)) == "search"
}

// stageOf returns the stage a file is uploaded in.
func stageOf(rel string) Stage {
	base := path.Base(rel)
	switch {
	case isFeed(rel), base == "manifest.json", isSearchModule(rel), base == "sitemap.xml", base == "robots.txt":
		return StageIndexes
	case path.Ext(base) == ".html":
		return StagePages
	}
	return StageAssets
}
