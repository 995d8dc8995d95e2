// Package body renders the Markdown body of every page (package markdown)
// and fills in what the rest of a build reads of it: the HTML, the
// contents list, links, images with their pixel sizes (the caller measures
// and resizes them), citations, plain
// text, the glossary terms used and an article's automatic summary. A
// Renderer keeps one goldmark instance and the content-hashed cache of
// rendered bodies (buildcache) across builds: a body whose text, options,
// glossary, labels and context are unchanged is never rendered again.
//
// A page's rendered body (HTML, emergency callouts, plain text: some 15
// KiB an article) is the largest thing it has. With a cache folder (medkb
// build) the page does not hold it: the cache writes each body to disk as
// it is rendered, and the page reads it back when an output asks
// (page.Page.SetTextSource), so a build's memory does not grow with its
// bodies; loading the cache reads none of them (buildcache.Markdowns).
// A body the cache cannot give back (its file damaged since it was
// written) is rendered again, once, in the same context, by the page's
// loader, with a warning (Renderer.Redone).
// Without a cache folder (the dev server) the page holds its body.
//
// It reads no files but the cache's; a Renderer is safe for concurrent
// use, but a page must be rendered by one Render call at a time.
package body

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/parallel"
	"github.com/medkb/medkb/internal/theme"
)

// Renderer renders page bodies, reusing its cache and Markdown instance
// across builds.
type Renderer struct {
	cache  *buildcache.Markdowns
	mu     sync.Mutex
	md     *markdown.Renderer
	opts   markdown.Options
	redone diag.List // warnings for bodies rendered again (Redone)
}

// New returns a Renderer whose cache lives in cacheDir ("" keeps it in
// memory only).
func New(cacheDir string) *Renderer {
	return &Renderer{cache: buildcache.NewMarkdown(cacheDir)}
}

// Load reads the cache from disk now rather than when Render first needs
// it; safe to call beside a Render, which waits for it.
func (r *Renderer) Load() { r.cache.Load() }

// Save stores the cache for the next build.
func (r *Renderer) Save() { r.cache.Save() }

// Input is what bodies are rendered with.
type Input struct {
	Config   *config.Config
	Site     *assemble.Site
	Theme    *theme.Set // the labels of callouts, citations, emergencies
	Glossary []page.GlossaryTerm
	// Images returns the look-up of p's local images (sizes, resized
	// copies) for its Markdown, or nil to render it without (a draft
	// rendered only for its checks).
	Images func(p *page.Page) func(dest string) (markdown.LocalImage, bool)
	// SizeImages returns p's images with their pixel sizes; it is called
	// with the cache's own slice, which it must not change.
	SizeImages func(p *page.Page, imgs []page.Image) []page.Image
}

// Stats is what a Render call did.
type Stats struct {
	Rendered, Cached int // bodies rendered and taken from the cache
	Diagnostics      diag.List
}

// Options are the Markdown options of cfg.
func Options(cfg *config.Config) markdown.Options {
	m := cfg.Markup
	return markdown.Options{Unsafe: m.Unsafe, AllowDataURLs: m.AllowDataURLs, HighlightStyleLight: m.HighlightLight, HighlightStyleDark: m.HighlightDark}
}

// Markdown returns the Markdown renderer for opts, reusing it while the
// options stay the same.
func (r *Renderer) Markdown(opts markdown.Options) *markdown.Renderer {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.md == nil || r.opts != opts {
		r.md = markdown.New(opts)
		r.opts = opts
	}
	return r.md
}

// Render renders the bodies of pages on all cores, reusing the cached
// result of any body whose inputs have not changed, and fills in each
// page's content, contents list, links, images (with their pixel sizes),
// citations, plain text, glossary terms and, for an article without one,
// its summary. The Markdown diagnostics come back in Stats, a draft's
// errors as warnings.
func (r *Renderer) Render(ctx context.Context, in Input, pages []*page.Page) (Stats, error) {
	var (
		mu sync.Mutex
		st Stats
	)
	r.cache.Load()
	j := r.newJob(in)
	keyBufs := make([][]byte, parallel.Workers(0)) // each worker's (job.key)
	err := parallel.For(ctx, len(pages), 0, func(w, i int) error {
		p := pages[i]
		if p.Body == nil && p.File == "" {
			return nil
		}
		mctx := j.context(p)
		key, err := j.key(p, mctx, &keyBufs[w])
		if err != nil {
			return err
		}
		images := in.Images(p)
		e, _ := r.cache.Get(key)
		if e != nil && imageKey(images, e.Sized) != e.ImageKey {
			e = nil // an image it shows changed
		}
		if e != nil && len(e.Linked) > 0 && pageKey(j.pages(p), e.Linked) != e.LinkKey {
			// (Most bodies link to no Markdown file: no look-up is made for them.)
			e = nil // a page it links to by its Markdown file moved, came or went
		}
		rendered := e == nil
		if e == nil {
			if e, err = j.render(p, mctx, images); err != nil {
				return err
			}
			r.cache.Put(key, e)
		}
		mu.Lock()
		if rendered {
			st.Rendered++
		} else {
			st.Cached++
		}
		mu.Unlock()
		p.TOC, p.Links, p.Images, p.Cited = e.TOC, e.Links, in.SizeImages(p, e.Images), e.Cited
		if r.cache.InMemory() {
			p.SetText(text(e))
		} else {
			p.SetTextSource(&stored{j: j, p: p, key: key})
		}
		if p.IsArticle() && p.Summary() == "" {
			p.Meta.Summary = e.Summary
		}
		p.Glossary = e.Glossary
		ds := e.Diagnostics
		if len(p.Meta.Controls) > 0 {
			ds = slices.Concat(frontMatterControls(p), ds) // not appended to: ds is the cache's
		}
		ds = levelled(ds, in.Config.Check, p.Meta.Check)
		if p.Meta.Draft {
			ds = whileDraft(ds)
		}
		mu.Lock()
		st.Diagnostics = append(st.Diagnostics, ds...)
		mu.Unlock()
		return nil
	})
	return st, err
}

// job is what every page of a Render call is rendered with, kept by the
// pages' body loaders, which render a body again when the cache cannot
// give it back.
type job struct {
	r                   *Renderer
	mu                  sync.Mutex
	redone              map[buildcache.Key]*redo // bodies rendered again, by key
	in                  Input
	md                  *markdown.Renderer
	gloss               []markdown.GlossaryTerm
	glossHash, optHash  string
	labels              map[string]map[string]string
	labelHash, glossURL map[string]string // by language
	defaultLang         string
	// urls maps each content file to its page's URL (assemble.Site.URLs),
	// made when a link to a Markdown file first asks (job.pages).
	urls func() map[string]string
}

func (r *Renderer) newJob(in Input) *job {
	cfg := in.Config
	opts := Options(cfg)
	j := &job{r: r, in: in, md: r.Markdown(opts), gloss: make([]markdown.GlossaryTerm, 0, len(in.Glossary)),
		labels: map[string]map[string]string{}, labelHash: map[string]string{}, glossURL: map[string]string{},
		defaultLang: cfg.DefaultLanguage().Code, urls: sync.OnceValue(in.Site.URLs)}
	for _, g := range in.Glossary {
		j.gloss = append(j.gloss, markdown.GlossaryTerm{Term: g.Term, Definition: g.Definition, Synonyms: g.Synonyms, Slug: g.Slug})
	}
	j.glossHash = hashJSON(j.gloss)
	j.optHash = hashJSON(opts)
	for _, l := range cfg.Languages { // labels hashed once per language, not per page
		m := in.Theme.Strings(l.Code, "callout.")
		for _, k := range []string{"references", "emergency.text", "emergency.call-words", "heading.anchor", "cite.source", "cite.back", "table", "task.todo", "task.done"} {
			m[k] = in.Theme.String(l.Code, k)
		}
		// The number is part of the labels, so its change re-renders.
		m["emergency.number"], m["emergency.label"] = l.Emergency.Number, l.Emergency.Label
		j.labels[l.Code] = m
		j.labelHash[l.Code] = hashJSON(m)
	}
	for _, ls := range in.Site.Langs {
		j.glossURL[ls.Language.Code] = ls.Glossary.RelPermalink
	}
	return j
}

// context is p's Markdown context as its cache key hashes it: without
// the labels, the glossary and the image look-up, which render attaches.
func (j *job) context(p *page.Page) markdown.Context {
	mctx := markdown.Context{File: p.File, LineOffset: p.BodyLine,
		GlossaryURL: j.glossURL[p.Lang], LinkGlossary: p.IsArticle() && p.Meta.Audience != "professional" && p.Lang == j.defaultLang,
		Topic: []string{p.Meta.Title}, Emergency: p.Meta.Emergency}
	if len(p.Meta.References) > 0 {
		mctx.References = make([]markdown.Reference, 0, len(p.Meta.References))
	}
	for _, ref := range p.Meta.References {
		mctx.References = append(mctx.References, markdown.Reference{ID: ref.ID, Title: ref.Title, DOI: ref.DOI,
			PMID: ref.PMID, URL: ref.URL, Publisher: ref.Publisher, Year: ref.Year, Line: ref.Line})
	}
	return mctx
}

// key is the cache key of p's body in mctx (context's). It covers the
// glossary and the labels through hashes made once; the context is
// hashed before they are attached to it, in the same call as the other
// parts: one hash a page, not two. The body by its id: a page whose
// source is unchanged is looked up without reading the file again
// (page.Page.MarkdownID). The bytes hashed are written into *buf (nil:
// a buffer of its own), which keeps them for the next call: a buffer
// made for every page was 10 MB of fresh memory for 10,000 pages, whose
// page faults (12-14.5 us each on the project's machine) were most of a
// one-article rebuild's time in this function (see BenchmarkRenderCached).
func (j *job) key(p *page.Page, mctx markdown.Context, buf *[]byte) (buildcache.Key, error) {
	id, err := p.MarkdownID()
	if err != nil {
		return buildcache.Key{}, err
	}
	var kb []byte
	if buf != nil {
		kb = (*buf)[:0]
	}
	if cap(kb) == 0 {
		kb = make([]byte, 0, 1024)
	}
	for _, part := range [...]string{id, buildcache.Version, j.optHash, j.glossHash, j.labelHash[p.Lang]} {
		kb = markdown.AppendKeyPart(kb, part)
	}
	kb = mctx.AppendKey(kb)
	if buf != nil {
		*buf = kb
	}
	return sha256.Sum256(kb), nil
}

// render renders p's body in mctx (context's), with images, the look-up
// of its local images (nil: none), into a cache entry.
func (j *job) render(p *page.Page, mctx markdown.Context, images func(string) (markdown.LocalImage, bool)) (*buildcache.Markdown, error) {
	mctx.Labels = j.labels[p.Lang]
	mctx.EmergencyNumber, mctx.EmergencyCall = mctx.Labels["emergency.number"], mctx.Labels["emergency.label"]
	if mctx.LinkGlossary {
		mctx.Glossary = j.gloss
	}
	look := &recordingLookup{look: images}
	if images != nil {
		mctx.Images = look.lookup
	}
	linked := &recordingPages{look: j.pages(p)}
	mctx.Pages = linked.lookup
	src, err := p.Markdown()
	if err != nil {
		return nil, err
	}
	res, err := j.md.Render(src, mctx)
	if err != nil {
		return nil, &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "rendering Markdown: " + err.Error()}
	}
	e := &buildcache.Markdown{HTML: res.HTML, Emergency: res.Emergency, Cited: res.Cited, Plain: res.Plain,
		Sized: look.dests}
	e.ImageKey = imageKey(images, e.Sized)
	e.Linked = linked.files
	e.LinkKey = pageKey(linked.look, e.Linked)
	// The lists are kept with the page for the whole build: each is made
	// at its length (nil when empty, as before), not grown by append to
	// the next power of two, whose spare third or so the build would hold.
	if n := len(res.TOC); n > 0 {
		e.TOC = make([]page.Heading, 0, n)
	}
	for _, h := range res.TOC {
		e.TOC = append(e.TOC, page.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
	}
	if n := len(res.Links); n > 0 {
		e.Links = make([]page.Link, 0, n)
	}
	for _, l := range res.Links {
		e.Links = append(e.Links, page.Link{Dest: l.Dest, Line: l.Line, Written: l.Written})
	}
	if n := len(res.Images); n > 0 {
		e.Images = make([]page.Image, 0, n)
	}
	for _, im := range res.Images {
		e.Images = append(e.Images, page.Image{Src: im.Src, Alt: im.Alt, Line: im.Line, Decorative: im.Decorative})
	}
	page.PackBody(e.TOC, e.Links, e.Images) // kept with the page: one string, not one each
	e.Glossary = glossaryUsed(e.HTML, j.in.Glossary)
	e.Summary = autoSummary(e.Plain, summaryLength)
	for _, d := range res.Diagnostics {
		rule := "markdown"
		if d.Check != "" {
			rule = d.Check
		}
		e.Diagnostics = append(e.Diagnostics, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col,
			Severity: diag.Severity(d.Severity), Check: rule, Message: d.Message, Hint: d.Hint})
	}
	return e, nil
}

// again renders p's body again for a loader the cache could not give it
// back to: only for a body the cache found damaged
// (buildcache.DamagedError; any other error stands), and once a build
// for each body, whichever of its loaders asks first (the cache tells
// every later reader of it the same), the others waiting for that one
// alone. The rendered body is kept for the page's other readers, for as
// long as the pages: a damaged file's bodies only, and the next build
// renders them into the cache. The body must be the one the page was
// rendered with: the same source (page.Page.Markdown reads the file only
// while it holds the bytes its id names) in the same context, its key
// unchanged. Each body rendered again is a warning (Renderer.Redone).
func (j *job) again(p *page.Page, key buildcache.Key, err error) (*buildcache.Markdown, error) {
	var damaged *buildcache.DamagedError
	if !errors.As(err, &damaged) {
		return nil, err
	}
	j.mu.Lock()
	once := j.redone[key]
	if once == nil {
		if j.redone == nil {
			j.redone = map[buildcache.Key]*redo{}
		}
		once = &redo{}
		j.redone[key] = once
	}
	j.mu.Unlock()
	once.Do(func() { once.e, once.err = j.renderAgain(p, key, damaged) })
	return once.e, once.err
}

// redo is a body rendered again (job.again), once.
type redo struct {
	sync.Once
	e   *buildcache.Markdown
	err error
}

// renderAgain is again's rendering of p's body, whose key is key.
func (j *job) renderAgain(p *page.Page, key buildcache.Key, damaged *buildcache.DamagedError) (*buildcache.Markdown, error) {
	mctx := j.context(p)
	if now, err := j.key(p, mctx, nil); err != nil {
		return nil, fmt.Errorf("%w; rendering it again failed: %w", damaged, err)
	} else if now != key {
		return nil, fmt.Errorf("%w; the page changed since it was rendered, so it was not rendered again", damaged)
	}
	e, err := j.render(p, mctx, j.in.Images(p))
	if err != nil {
		return nil, fmt.Errorf("%w; rendering it again failed: %w", damaged, err)
	}
	j.r.redo(diag.Diagnostic{File: p.File, Severity: diag.Warning,
		Message: "its rendered body could not be read back from the build cache (" + damaged.File + ": " + damaged.Err.Error() + "), so it was rendered again",
		Hint:    "nothing to do: medkb removed the damaged cache file; if this comes back, delete .medkb/cache and check the disk"})
	return e, nil
}

// redo records a body rendered again (job.again).
func (r *Renderer) redo(d diag.Diagnostic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.redone = append(r.redone, d)
}

// Redone returns a warning for each body rendered again since the last
// call because the cache could not give it back (a damaged cache file),
// and forgets them. Call it once the outputs are written.
func (r *Renderer) Redone() diag.List {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.redone
	r.redone = nil
	return out
}

func text(e *buildcache.Markdown) page.Text {
	return page.Text{Content: template.HTML(e.HTML), Emergency: template.HTML(e.Emergency), Plain: e.Plain}
}

// stored is where a page's rendered body is once the cache has written it
// to disk and dropped it (buildcache.Markdowns): Text reads it back, and
// Plain reads the plain text alone, into a string of its own, so the
// search index and the checks, which read nothing else, allocate a third
// of what reading the body does. Either renders the body again when the
// cache cannot give it back (a body file damaged or removed since: the
// cache drops it, so the next build renders those pages too). One for
// every page, kept to the build's end: one object, not a closure for each
// method.
type stored struct {
	j   *job
	p   *page.Page
	key buildcache.Key
}

func (s *stored) Text() (page.Text, error) {
	e, err := s.j.r.cache.Text(s.key)
	if err != nil {
		if e, err = s.j.again(s.p, s.key, err); err != nil {
			return page.Text{}, err
		}
	}
	return text(e), nil
}

func (s *stored) Plain() (string, error) {
	plain, err := s.j.r.cache.Plain(s.key)
	if err != nil {
		e, err := s.j.again(s.p, s.key, err)
		if err != nil {
			return "", err
		}
		return e.Plain, nil
	}
	return plain, nil
}

// glossaryUsed lists the glossary terms linked from a page's HTML.
func glossaryUsed(html string, gloss []page.GlossaryTerm) []string {
	var out []string
	for _, g := range gloss {
		if strings.Contains(html, "#"+g.Slug+"\"") {
			out = append(out, g.Term)
		}
	}
	return out
}

func hashJSON(v any) string {
	b, _ := json.Marshal(v)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// hashKey hashes parts, each ended by a zero byte.
func hashKey(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// summaryLength is the length of an automatic summary (autoSummary), in
// bytes at most.
const summaryLength = 200

// autoSummary is the summary of a page whose front matter gives none, as
// Hugo does: the opening text, cut at a word boundary near max bytes.
func autoSummary(plain string, max int) string {
	// Only the words the summary can hold are joined: a page's plain text
	// runs to thousands of words, and joining all of them (strings.Fields)
	// to keep the first max bytes took 3 % of a 10,000-article build's CPU.
	var b strings.Builder
	for w := range strings.FieldsSeq(plain) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		if b.Len() > max {
			break
		}
	}
	text := b.String()
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut <= 0 { // one word longer than max: cut it, at a character's start
		cut = max
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], ",;:") + "…"
}

// frontMatterControls are the control-char warnings of the control
// characters in p's front matter values: made with its body's, so that
// the rule's level applies to both and a rebuild of an edited body,
// which makes the body's anew (checkset.Keep), makes them too.
func frontMatterControls(p *page.Page) []diag.Diagnostic {
	out := make([]diag.Diagnostic, 0, len(p.Meta.Controls))
	for _, c := range p.Meta.Controls {
		d := markdown.FrontMatterControlChar(p.File, c.Line, c.Col, c.Key, c.Rune)
		out = append(out, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col, Severity: diag.Severity(d.Severity),
			Check: d.Check, Message: d.Message, Hint: d.Hint})
	}
	return out
}

// whileDraft downgrades a draft's errors to warnings, as check.WhileDraft
// does for the content checks.
// levelled returns ds, a body's Markdown diagnostics as the cache keeps
// them, with the levels medkb.yaml (site) and the page's front matter
// (own) give their rules (check: {footnote: off, heading-level: error}):
// a new slice when a level applies, as ds is the cache's.
func levelled(ds []diag.Diagnostic, site, own map[string]string) []diag.Diagnostic {
	if len(site) == 0 && len(own) == 0 || len(ds) == 0 {
		return ds
	}
	out := make([]diag.Diagnostic, 0, len(ds))
	for _, d := range ds {
		lv, ok := own[d.Check]
		if !ok {
			lv = site[d.Check]
		}
		sev, keep := check.Level(lv).Apply(check.Severity(d.Severity))
		if keep {
			d.Severity = diag.Severity(sev)
			out = append(out, d)
		}
	}
	return out
}

func whileDraft(ds []diag.Diagnostic) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(ds))
	for i, d := range ds {
		c := check.WhileDraft(check.Diagnostic{Severity: check.Severity(d.Severity), Check: d.Check, Hint: d.Hint})
		d.Severity, d.Hint = diag.Severity(c.Severity), c.Hint
		out[i] = d
	}
	return out
}

// pages is the look-up of the pages p's links to Markdown files name
// (markdown.Context.Pages). A path is taken relative to p's own file, as
// the editors writers preview in follow it (GitHub, MkDocs, VS Code,
// Obsidian): "asthma.md" beside it, "../treatments/inhalers.md" in
// another folder. A path starting with "/" is taken from content/, not
// from the repository's root as GitHub would: a link to a page's URL
// is written from the site's root (/conditions/asthma/, the page of
// content/conditions/asthma.md), so /conditions/asthma.md names that
// file. A translation's file (asthma.es.md) leads to its language's
// page, a draft's to its URL (the draft-link check names it), a file
// that makes no page (none there, its front matter in error, outside
// content/) nowhere: the link stays as written, and the link check
// reports it with the file it looked for.
func (j *job) pages(p *page.Page) func(string) (string, bool) {
	return func(file string) (string, bool) {
		name := contentFile(p.File, file)
		if name == "" {
			return "", false
		}
		u, ok := j.urls()[name]
		return u, ok && u != ""
	}
}

// contentFile is the content file a link to a Markdown file names, as
// job.pages reads it: dest (percent-decoded, without its fragment)
// relative to from, the linking page's file ("content/conditions/a.md"),
// or, starting with "/", relative to content/. It is "" for a path that
// leaves content/.
func contentFile(from, dest string) string {
	var name string
	if strings.HasPrefix(dest, "/") {
		name = path.Join("content", dest)
	} else {
		name = path.Join(path.Dir(from), dest)
	}
	if !strings.HasPrefix(name, "content/") {
		return ""
	}
	return name
}

// pageKey hashes what the look-ups of files tell a rendering.
func pageKey(look func(string) (string, bool), files []string) string {
	if len(files) == 0 {
		return "" // most pages: no hash to make per page
	}
	var b strings.Builder
	for _, f := range files {
		u, ok := look(f)
		fmt.Fprintf(&b, "%q %v %q\n", f, ok, u)
	}
	return hashKey(b.String())
}

// recordingPages wraps a look-up of pages, recording each file asked.
type recordingPages struct {
	look  func(string) (string, bool)
	files []string
}

func (r *recordingPages) lookup(file string) (string, bool) {
	r.files = append(r.files, file)
	return r.look(file)
}

// imageKey hashes what the look-ups of dests tell a rendering; look is
// nil for a page rendered without them.
func imageKey(look func(string) (markdown.LocalImage, bool), dests []string) string {
	if look == nil {
		return "unsized"
	}
	if len(dests) == 0 {
		return noImagesKey // most pages: no hash to make per page
	}
	var b strings.Builder
	for _, d := range dests {
		li, ok := look(d)
		fmt.Fprintf(&b, "%q %v %+v\n", d, ok, li)
	}
	return hashKey(b.String())
}

// noImagesKey is imageKey's value for a body that shows no local image.
var noImagesKey = hashKey("")

// recordingLookup wraps a look-up, recording each destination asked.
type recordingLookup struct {
	look  func(string) (markdown.LocalImage, bool)
	dests []string
}

func (r *recordingLookup) lookup(dest string) (markdown.LocalImage, bool) {
	r.dests = append(r.dests, dest)
	return r.look(dest)
}
