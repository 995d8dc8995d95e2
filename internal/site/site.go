// Package site is the recipe of a build. Build reads like a list of timed
// phases — config, read (listing the sources), parse (reading, parsing
// and dropping each: rendering and the checks read a file again when they
// need it), data, assemble, theme, release, Markdown, then pages, feeds,
// sitemap, static files and checks beside the search index — each a short
// function returning diagnostics rather than printing them.
//
// Around the recipe: Publish is the whole protocol of `medkb build` (lock,
// fingerprint, skip an unchanged site, patch or build, swap in, save the
// state for the next patch), so the CLI only parses flags and prints.
// Rebuild is the dev server's: it makes a new snapshot from the last good
// one, which it never changes, re-rendering only what an edit to an
// article's body shows when package source classifies every change as one
// (rebuild.go), else building everything. Patch is the same rule from the
// command line, from the state the last build saved (state.go). What builds
// reuse from one another — rendered Markdown, parsed front matter, input
// hashes — is package buildcache's; the folders a build reads and the kind
// of each input are package source's.
//
// A Builder is not safe for concurrent Build, Rebuild or Patch calls; the
// dev server serialises them. Publish takes a lock against other builds of
// the same site.
package site

import (
	"context"
	"crypto/sha256"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/body"
	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/buildstate"
	"github.com/medkb/medkb/internal/cardset"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/checkset"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/feedset"
	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/render"
	"github.com/medkb/medkb/internal/report"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/searchset"
	"github.com/medkb/medkb/internal/sitedata"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/staticset"
	"github.com/medkb/medkb/internal/theme"
)

// Options configure a Builder.
type Options struct {
	Source  string
	Drafts  bool
	BaseURL string    // overrides base_url from medkb.yaml when set
	Now     time.Time // the clock, for review notices and future-dated feed items
	Serve   bool      // building for the dev server (its editor's report page)
	// DeferSearch lets an incremental rebuild (Rebuild) leave the search
	// index to the caller: Result.PendingSearch holds what to build. The dev
	// server uses it to reload the page first and swap the index in after.
	DeferSearch bool
	// CacheDir holds the on-disk caches and build state; "" disables them.
	CacheDir string
	// Dest is the output folder the build state describes (see state.go):
	// a site built into two folders patches neither from the other's state.
	Dest string
	// Report fills Result.Report with the editor's report (`medkb check
	// --report`); for the dev server (Serve) Result.ReportInput is filled.
	Report bool
	// PhaseStart, when set, is called as each phase starts (from the
	// goroutine that runs it; phases of parallel chains call it
	// concurrently): medkb build --trace prints it live.
	PhaseStart func(name string)
	// MemoryBudget is the memory budget in bytes the caller holds the
	// build to (medkb build sets Go's soft memory limit to it): the search
	// postings held in memory and the choice to write outputs one after
	// the other are sized from it. 0: the site's own
	// (config.Config.MemoryBudget of its articles).
	MemoryBudget int64
}

// Phase is one timed step of a build.
type Phase = phase.Timing

// Result summarises a build.
type Result struct {
	Pages, Articles, Sections, Tags, Aliases, Languages int
	Files                                               int
	Bytes                                               int64
	SearchBytes                                         int64
	Rendered, Cached                                    int // Markdown renders done and reused
	// ImagesResized counts body images decoded to make resized copies;
	// ImagesReused those whose copies came from the cache folder.
	ImagesResized, ImagesReused int
	SearchShards                int // search index files a delta update wrote
	Patched                     int // files a Patch rewrote in place
	Diagnostics                 diag.List
	// NotChecked, when set, says that the build stopped before the
	// page checks ran, and where: Diagnostics are then not all the
	// site's problems.
	NotChecked string
	Phases     []Phase
	// CheckOverrides are medkb.yaml's check settings, then the pages'
	// own (front matter check:) grouped by check and level, for the check
	// summary.
	CheckOverrides []check.Override
	// PendingSearch lists the search indexes a deferred rebuild left out.
	PendingSearch []searchset.Pending
	// BasePath is the path the site is served under (config.Config.BasePath):
	// "/", or "/guide/" for base_url https://org.github.io/guide/. The
	// output's addresses carry it (package basepath); its files do not.
	BasePath string
	// ServerFiles are the server configs a full build made that are not
	// part of the site (nginx, Caddy); the caller writes them beside it.
	ServerFiles []hostconfig.File
	// Report is the editor's report (Options.Report), made from the
	// checks' data even when they found errors.
	Report *report.Report
	// reportInput: see ReportInput (unexported: the build state saves
	// Results with gob, and the report's memo is not data).
	reportInput func() *report.Input
}

// ReportInput is, for the dev server (Options.Serve), what the editor's
// report page is made from (report.Build, report.HTML): a snapshot safe to
// use after the next build starts. The build writes an empty placeholder
// at ReportPath. Nil otherwise.
func (r *Result) ReportInput() *report.Input {
	if r.reportInput == nil {
		return nil
	}
	return r.reportInput()
}

// Builder builds one site, reusing its caches across builds.
type Builder struct {
	last   *build       // the last successful build, for Rebuild
	lastFS *publish.Mem // its output, when built into memory
	opts   Options
	bodies *body.Renderer                           // with the Markdown cache
	parsed *buildcache.Log[*buildcache.FrontMatter] // nil without a cache folder
	// failed holds the changes of the rebuilds that failed since the last
	// good one, which the next Rebuild applies too.
	failed []string
	grades *report.Grades // readability scores the editor's report keeps
}

// New returns a Builder.
func New(opts Options) *Builder {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	b := &Builder{opts: opts, bodies: body.New(opts.CacheDir), grades: report.NewGrades()}
	if opts.CacheDir != "" {
		// YAML parsing is most of what a rebuild of a large site spends
		// before rendering anything; the dev server keeps the parsed
		// files of its last build instead.
		b.parsed = buildcache.NewFrontMatter(opts.CacheDir)
	}
	return b
}

// build is one run of the recipe: a full build, a dev-server rebuild or a
// command-line patch.
type build struct {
	b       *Builder
	ctx     context.Context
	sink    publish.Sink
	*snap                   // what the run makes of the site
	outcome                 // what it tells the caller
	facts   *checkset.Facts // what rendering saw of each page, for the checks
	// rebuilding is set for an incremental rebuild, which rewrites outputs.
	rebuilding bool
	// state is the saved state a Patch started from, brought up to date.
	state *buildstate.State
	// relatedOnly limits related-page lists to these source files (a
	// Patch renders no other page).
	relatedOnly map[string]bool
	// once is set for a command-line patch, whose work nothing reuses
	// (see withLinkers).
	once bool
	// known is the hash of each input file, by site-relative path, when
	// the caller fingerprinted the site just before this build (Publish).
	known map[string][sha256.Size]byte
	// outs is out's value, made once: the Markdown phase asks for it for
	// every page, and making it made three closures each time.
	outs     staticset.Out
	outsOnce sync.Once
}

// snap is the snapshot a build made of the site, and all a rebuild starts
// from. A rebuild makes a new snapshot, copying what it changes (the site
// graph, the edited files, the check view, the search delta) and sharing
// the rest, which nothing writes once its phase is over; it never changes
// the last one.
type snap struct {
	cfg    *config.Config
	files  []*source.File
	parsed []assemble.Parsed // the parse phase's; a rebuild does not carry it
	// unparsed are the addresses (output paths) the content files that
	// could not be parsed would have without url: or slug:, which links
	// from other pages are not reported as broken for (the file's own
	// error says what to fix).
	unparsed []string
	// held lets go of the bodies the parse phase held for the Markdown
	// phase (releaseFile), by file; dropHeld calls them.
	held []func()
	// scans holds phi.Scan's findings in each file the parse phase read
	// or found in the front matter cache (buildcache.FrontMatter), by
	// file version: an edit makes a new source.File, which the checks
	// read and scan themselves.
	scans   map[*source.File][]phi.Finding
	data    sitedata.Data
	site    *assemble.Site
	theme   *theme.Set
	static  *staticset.Files // measured images too: shared until a static file changes
	written *publish.Claims  // every output path, claimed once by a full build
	// staticReported are the static files whose clash with a page was
	// reported before the pages were written (staticClashes).
	staticReported map[string]bool
	urls           map[string]bool
	renderers      map[*assemble.Lang]*render.Renderer
	// checked holds the check input of every page, by source file, for an
	// incremental rebuild to reuse; linkFiles the published paths as the
	// checks look them up (check.IndexPaths), which a body edit leaves as
	// they are.
	checked   *checkset.View
	linkFiles map[string]bool
	// contentFiles are the files of content/ the build publishes as they
	// are (the unlinked-file check's), which a body edit leaves as they
	// are; mentions, which of them the layouts and static files name,
	// read once when the check first asks (it asks only when some file
	// is linked from no page) and shared by the rebuilds of body edits,
	// which change neither.
	contentFiles []check.ContentFile
	mentions     func() map[string]bool
	// lastWritten are the paths the last build wrote, for a patch of
	// it, whose checks look links up among them (checkFiles).
	lastWritten []string
	// searchBase holds what a delta needs of each language's index (the
	// last full build's); delta is what the delta carries.
	searchBase map[string]*search.Base
	delta      searchset.Delta
	links      *checkset.Links // nil until a dev-server rebuild needs it
	// feeds are what the feeds listed, for the next body edit's feeds;
	// pageURLs is Site.URLs, made once per full build (a body edit moves
	// no page) when the dev server first asks.
	feeds    *feedset.Entries
	pageURLs func() map[string]string
	// cards are the social cards drawn so far, a cache keyed by each
	// page's content (package cardset), shared by rebuilds like images.
	cards *cardset.Set
}

// outcome is what a build tells its caller, gathered from the phases
// running side by side.
type outcome struct {
	mu    sync.Mutex
	res   *Result
	diags diag.List
	// doubled holds, by address, the pages whose rendered HTML wrote a
	// site-rooted address that already had the base path (writeHTML).
	doubled map[string][]string
}

// Build builds the site into sink. Content problems come back in
// Result.Diagnostics; the error is non-nil when the build must stop (it then
// carries the error diagnostics).
func (b *Builder) Build(ctx context.Context, sink publish.Sink) (*Result, error) {
	return b.build(ctx, sink, nil)
}

// build is Build of a site whose input files the caller has just hashed
// (known, as Inputs.Files; nil when it has not).
func (b *Builder) build(ctx context.Context, sink publish.Sink, known map[string][sha256.Size]byte) (*Result, error) {
	bd := newBuild(b, ctx, sink)
	bd.known = known
	if err := bd.run(bd.phases()); err != nil {
		bd.notChecked()
		return bd.res, err
	}
	bd.diags.Sort()
	bd.res.Diagnostics = bd.reported()
	if err := bd.diags.Err(); err != nil {
		return bd.res, err
	}
	b.last = bd
	b.lastFS, _ = sink.(*publish.Mem)
	return bd.res, nil
}

// notChecked says, in Result.NotChecked, that a build stopped before its
// checks ran, and where: the diagnostics are then not all the site's
// problems.
func (bd *build) notChecked() {
	if bd.checked != nil {
		return
	}
	bd.stoppedBeforeChecks()
}

// stoppedBeforeChecks sets Result.NotChecked for a build that stopped
// with an error before its check step, which notChecked tells by the
// check view a full build's checks make and the body-edit rebuild tells
// by its own steps (it starts from the last snapshot's view). A
// cancelled build reports nothing: it is not a result anyone reads.
func (bd *build) stoppedBeforeChecks() {
	if bd.ctx.Err() != nil {
		return
	}
	why := "the build stopped at the error above"
	if errs := bd.res.Diagnostics.Errors(); len(errs) > 0 {
		if pos := errs[0].Pos(); pos != "" {
			why = "the build stopped at the error at " + pos
		}
	}
	bd.res.NotChecked = "the page checks (links, anchors, images, alt text, reviews, sources, readability, identifiers, duplicate titles) did not run: " + why +
		"; fix that error and run medkb check again to see the rest"
}

// reported is what the build tells its caller: its diagnostics and, for
// this build only (never saved with the state, which a patch keeps
// warnings from), a warning for each body the Markdown cache could not
// give back, which the build rendered again (body.Renderer.Redone).
func (bd *build) reported() diag.List {
	redone := bd.b.bodies.Redone()
	if len(redone) == 0 {
		return bd.diags
	}
	out := slices.Concat(bd.diags, redone)
	out.Sort()
	return out
}

func newBuild(b *Builder, ctx context.Context, sink publish.Sink) *build {
	return &build{b: b, ctx: ctx, sink: sink, snap: &snap{written: publish.NewClaims(), cards: &cardset.Set{}},
		outcome: outcome{res: &Result{}}, facts: checkset.NewFacts()}
}

// phases is the recipe of a build, in order.
//
// After Markdown, two chains run at once: the pages and everything else
// the checks look at (they need every written path, for links), then the
// checks; and the search index, then saving the Markdown cache. The checks
// do not wait for the search index: its files have content-hashed names
// that no writer can link to, and its fixed names are known in advance
// (searchset.Paths).
func (bd *build) phases() []phase.Step {
	return []phase.Step{
		{Name: "config", Run: bd.loadConfig},
		// The theme (templates, the static files' index) needs only the
		// configuration, and nothing before the Markdown needs the theme:
		// it loads while one core reads, parses and assembles the content.
		{Name: "load", Chains: [][]phase.Step{
			{
				{Name: "read", Run: bd.read},
				{Name: "parse", Run: bd.parse},
				{Name: "data", Run: bd.loadData},
				{Name: "assemble", Run: bd.assemble},
			},
			{
				{Name: "theme", Run: bd.loadTheme},
			},
		}},
		{Name: "release", Run: bd.release},
		{Name: "markdown", Run: bd.renderMarkdown},
		{Name: "outputs", OneByOne: bd.short, Chains: [][]phase.Step{
			{
				{Name: "search", Run: bd.writeSearch},
				{Name: "cache", Run: bd.saveCache},
			},
			{
				{Name: "pages", Run: bd.renderPages},
				{Name: "feeds", Run: bd.writeFeeds},
				{Name: "sitemap", Run: bd.writeSitemap},
				{Name: "static", Run: bd.copyStatic},
				{Name: "check", Run: bd.check},
			},
		}},
	}
}

// short reports whether the build's memory is short for its outputs'
// two chains side by side, which then run one after the other (the
// search index first): when the live heap as they start is past 40 % of
// the memory budget (config.Config.MemoryBudget). Side by side, the
// outputs add about as much again as they start with (10,000 articles:
// 82 MiB live as they start, 272 MiB at the peak) or half again (100,000:
// 738 MiB, 1124 MiB): the index's postings and result data, the pages'
// render buffers and the checks' facts at once. Started past 40 %, they
// would pass three quarters of the budget, where the command's memory
// watch lifts its limit (package cli), and near the limit the collector
// runs almost without pause. One after the other, the 100,000-article
// build's live heap peaked at 995 MiB (build.memory_mb: 1536; one run
// each, `medkb build --trace`). The output is the same either way
// (TestShortMemoryRunsOutputsOneByOneToTheSameSite). A process without
// a soft memory limit (medkb serve, which keeps the bodies in memory and
// sets none) is never short: there is no limit to run near.
func (bd *build) short() bool {
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		return false
	}
	return phase.LiveHeap() > uint64(bd.memoryBudget())/5*2
}

// memoryBudget is the build's memory budget in bytes (Options.MemoryBudget);
// before the site is assembled, its content files stand for its articles.
func (bd *build) memoryBudget() int64 {
	if b := bd.b.opts.MemoryBudget; b > 0 {
		return b
	}
	n := bd.res.Articles
	if n == 0 {
		n = len(bd.files)
	}
	return bd.cfg.MemoryBudget(n)
}

// phasesThrough returns the recipe up to and including the named phase.
func (bd *build) phasesThrough(name string) []phase.Step { return phase.Through(bd.phases(), name) }

// runThrough runs the recipe up to and including the named phase, for a
// caller that uses what those phases made (medkb fix ids, medkb search, a
// patch): the error is the first phase's that stopped, else the errors
// the phases recorded and went on past (a file that could not be parsed,
// the site's errors).
func (bd *build) runThrough(name string) error {
	if err := bd.run(bd.phasesThrough(name)); err != nil {
		return err
	}
	if err := bd.diags.Err(); err != nil {
		bd.res.Diagnostics = bd.reported()
		bd.res.Diagnostics.Sort()
		return err
	}
	return nil
}

// run runs phases in order (package phase), timing each, stopping at the
// first error, whose diagnostics join the build's in the Result (with the
// warnings of bodies rendered again, as reported gives them).
func (bd *build) run(steps []phase.Step) error {
	err := phase.Runner{Ctx: bd.ctx, Start: bd.b.opts.PhaseStart, Done: func(t phase.Timing) {
		bd.mu.Lock()
		bd.res.Phases = append(bd.res.Phases, t)
		bd.mu.Unlock()
	}}.Run(steps)
	if err != nil && bd.ctx.Err() == nil {
		bd.mu.Lock()
		bd.res.Diagnostics = slices.Concat(bd.reported(), diag.From(err))
		bd.res.Diagnostics.Sort()
		bd.mu.Unlock()
	}
	return err
}

// saveCache stores the Markdown cache for the next build.
func (bd *build) saveCache() error {
	bd.b.bodies.Save()
	bd.b.parsed.Save()
	if dir := bd.b.opts.CacheDir; dir != "" {
		for _, old := range []string{"markdown.gob", "frontmatter.gob"} { // earlier formats
			os.Remove(filepath.Join(dir, old))
		}
	}
	return nil
}

func (bd *build) addDiags(ds ...diag.Diagnostic) {
	bd.mu.Lock()
	bd.diags = append(bd.diags, ds...)
	bd.mu.Unlock()
}

func (bd *build) loadConfig() error {
	cfg, err := config.Load(bd.b.opts.Source)
	if err != nil {
		return err
	}
	if bd.b.opts.BaseURL != "" {
		cfg.BaseURL = bd.b.opts.BaseURL
		if err := cfg.Validate(); err != nil {
			return err
		}
	}
	// Before anything reads it: the trust pages decide how pages are
	// assembled.
	bd.addDiags(configPaths(cfg, bd.b.opts.Source)...)
	bd.cfg = cfg
	bd.addDiags(cfg.Warnings...)
	bd.res.Languages = len(cfg.Languages)
	bd.res.BasePath = cfg.BasePath()
	return nil
}

func (bd *build) read() error {
	// Named pipes, sockets and devices, and static files the ignore rules
	// keep out of the site: each one named in a warning. A walk of its
	// own, beside the content's. Not in a command-line patch, which keeps
	// the last full build's warnings for every file it does not edit (the
	// files it edits are Markdown, never skipped) and applies only when
	// the set of files is the one that build saw.
	skipped := make(chan diag.List, 1)
	if bd.relatedOnly == nil {
		go func() { skipped <- source.Skipped(bd.b.opts.Source, bd.cfg.Ignore) }()
	} else {
		skipped <- nil
	}
	files, err := source.ReadContent(bd.b.opts.Source, source.Options{Languages: bd.cfg.Codes(), Ignore: bd.cfg.Ignore, Deferred: true})
	bd.addDiags(<-skipped...)
	if err != nil {
		return err
	}
	bd.files = files
	return nil
}

// write claims a path and writes it to the sink. A build without a sink
// (SearchInput, which writes nothing) claims the path and drops the data:
// rendering Markdown makes the resized variants of a body's images, and
// their paths still have to be claimed once.
func (bd *build) write(path, by string, data []byte) error {
	if bd.rebuilding {
		// A rebuild replaces files the previous build claimed.
		return bd.sink.Write(path, data)
	}
	if err := bd.written.Claim(path, by); err != nil {
		// Reported, and the build goes on without this file, so that
		// the phases after this one (the checks) still run; the build
		// fails at its end.
		msg := err.Error()
		if strings.HasPrefix(by, "feed of ") {
			msg = "feed name clash: " + msg
		}
		hint := "give one of them another slug, url or section name"
		if errors.As(err, new(*publish.FolderClash)) {
			hint = "give one of them another address: one ending in .html (/a/page.html) is a file's, and no page or file can be inside it"
		}
		bd.addDiags(diag.Diagnostic{File: by, Severity: diag.Error, Message: msg, Hint: hint})
		return nil
	}
	if bd.sink == nil {
		return nil
	}
	bd.count(1, int64(len(data)))
	return bd.sink.Write(path, data)
}

// count adds files written and their bytes to the result.
func (bd *build) count(files int, bytes int64) {
	bd.mu.Lock()
	bd.res.Files += files
	bd.res.Bytes += bytes
	bd.mu.Unlock()
}

// out is where the static files (package staticset) put what they make.
func (bd *build) out() staticset.Out {
	bd.outsOnce.Do(func() {
		bd.outs = staticset.Out{Write: bd.write, Warn: func(d diag.Diagnostic) { bd.addDiags(d) }, Counted: func(resized, reused int) {
			bd.mu.Lock()
			bd.res.ImagesResized += resized
			bd.res.ImagesReused += reused
			bd.mu.Unlock()
		}}
	})
	return bd.outs
}

// imageSize reports an image's size and length: a generated social
// card's, else a static file's. Every page's preview tags and every feed
// item ask, mostly for the same default card.
func (bd *build) imageSize(rel string) (w, h int, length int64, ok bool) {
	if w, h, n, ok := bd.cards.Size(rel); ok {
		return w, h, n, true
	}
	return bd.static.Size(rel)
}

// card returns the URL of p's generated social card, or "" (package
// cardset).
func (bd *build) card(p *page.Page) string {
	return bd.cards.URL(cardset.Site{Config: bd.cfg, Theme: bd.theme, CacheDir: bd.b.opts.CacheDir, Write: bd.write,
		Warn: func(d diag.Diagnostic) { bd.addDiags(d) }, Open: bd.static.Open}, p)
}

// fileOf returns the source file at path, or nil.
func (s *snap) fileOf(path string) *source.File {
	for _, f := range s.files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// PageURLs maps each content file of the last successful build, drafts
// included, to its page's URL path ("content/conditions/asthma.md" →
// "/conditions/asthma/"); nil before a build. The map is shared by the
// snapshots of body edits: the caller must not change it.
func (b *Builder) PageURLs() map[string]string {
	if b.last == nil || b.last.site == nil {
		return nil
	}
	return b.last.pageURLs()
}

// UnbuiltDrafts maps the URL path of each draft the last build left out
// (a build without drafts) to its source file, so the dev server's 404 can
// say the page is a draft and how to see it.
func (b *Builder) UnbuiltDrafts() map[string]string {
	if b.last == nil || b.last.site == nil {
		return nil
	}
	return b.last.site.UnbuiltDrafts()
}
