package site

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// cacheVersion changes whenever rendering changes, invalidating old caches.
const cacheVersion = "md-5"

// mdEntry is a cached Markdown rendering.
type mdEntry struct {
	HTML        string // a string, so pages share it without a copy
	TOC         []page.Heading
	Links       []page.Link
	Images      []page.Image
	Cited       []string
	Plain       string
	Glossary    []string // the glossary terms the HTML links
	Diagnostics []diag.Diagnostic
}

// mdCache maps a hash of everything a rendering depends on to its result.
//
// On disk (markdown.bin, see mdcodec.go) it is a log: the version, then
// records until the end of the file. A build appends the renderings it
// made; entries it did not use stay behind as garbage until they outweigh
// the live ones, and only then is the file rewritten. So an edit costs
// one appended record, not a rewrite of the whole cache (1.4 GB at
// 100,000 pages). A record cut short by a killed build ends the log there;
// the next save rewrites it.
type mdCache struct {
	dir     string
	mu      sync.Mutex
	entries map[string]*mdEntry
	used    map[string]bool
	loaded  bool
	// inFile holds the size of each entry's record in the file; an entry
	// not in it was rendered since and is appended by save.
	inFile map[string]int
	size   int64 // the file's length as loaded or last written; 0: none
	torn   bool  // the file ends in a damaged record
}

func newMDCache(dir string) *mdCache {
	return &mdCache{dir: dir, entries: map[string]*mdEntry{}, used: map[string]bool{}, inFile: map[string]int{}}
}

func (c *mdCache) file() string { return filepath.Join(c.dir, "markdown.bin") }

func (c *mdCache) load() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded || c.dir == "" {
		c.loaded = true
		return
	}
	c.loaded = true
	data, err := mapFile(c.file())
	if err != nil || len(data) == 0 {
		return
	}
	d := &mdDecoder{b: data}
	if d.str() != cacheVersion || d.err != nil {
		unmapFile(data) // another version: rendered anew, then rewritten
		return
	}
	entries := make(map[string]*mdEntry, len(data)/8192)
	for len(d.b) > 0 {
		before := len(d.b)
		key, e := d.entry()
		if d.err != nil {
			c.torn = true // keep the records before it
			break
		}
		entries[key] = e
		c.inFile[key] = before - len(d.b) // a later copy of a key wins; the earlier is garbage
	}
	c.entries, c.size = entries, int64(len(data))
}

func (c *mdCache) get(key string) *mdEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[key]
	if e != nil {
		c.used[key] = true
	}
	return e
}

func (c *mdCache) put(key string, e *mdEntry) {
	c.mu.Lock()
	c.entries[key] = e
	c.used[key] = true
	delete(c.inFile, key)
	c.mu.Unlock()
}

// save drops the entries the last build did not use and brings the file up
// to date: by appending the new renderings, or by rewriting it (temp file
// and rename) when garbage would outweigh the live records. Failing to
// save only costs speed.
func (c *mdCache) save() {
	c.mu.Lock()
	defer c.mu.Unlock()
	live := int64(0)
	var fresh []string
	for k := range c.entries {
		switch n, ok := c.inFile[k]; {
		case !c.used[k]:
			delete(c.entries, k)
			delete(c.inFile, k)
		case ok:
			live += int64(n)
		default:
			fresh = append(fresh, k)
		}
	}
	c.used = map[string]bool{}
	if c.dir == "" || (len(fresh) == 0 && !c.torn && 2*live >= c.size) {
		return
	}
	if os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	slices.Sort(fresh)
	if c.size > 0 && !c.torn && 2*live >= c.size && c.appendRecords(fresh) == nil {
		return
	}
	c.rewrite()
}

// appendRecords appends the records of keys in one write, when the file
// is still the one the cache knows.
func (c *mdCache) appendRecords(keys []string) error {
	f, err := os.OpenFile(c.file(), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || st.Size() != c.size {
		return errors.New("the cache file changed") // rewritten by another build
	}
	e := &mdEncoder{}
	sizes := make([]int, len(keys))
	for i, k := range keys {
		before := len(e.b)
		e.entry(k, c.entries[k])
		sizes[i] = len(e.b) - before
	}
	if _, err := f.Write(e.b); err != nil {
		c.torn = true
		return err
	}
	for i, k := range keys {
		c.inFile[k] = sizes[i]
	}
	c.size += int64(len(e.b))
	return nil
}

// rewrite writes every entry to a new file and renames it over the old.
func (c *mdCache) rewrite() {
	tmp, err := os.CreateTemp(c.dir, "markdown-*.tmp")
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	e := &mdEncoder{}
	e.str(cacheVersion)
	size := int64(0)
	inFile := make(map[string]int, len(c.entries))
	for _, k := range slices.Sorted(maps.Keys(c.entries)) {
		before := len(e.b)
		e.entry(k, c.entries[k])
		inFile[k] = len(e.b) - before
		if len(e.b) > 512<<10 {
			if _, err = w.Write(e.b); err != nil {
				break
			}
			size += int64(len(e.b))
			e.b = e.b[:0]
		}
	}
	if err == nil {
		_, err = w.Write(e.b)
		size += int64(len(e.b))
	}
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp.Name())
		return
	}
	if os.Rename(tmp.Name(), c.file()) == nil {
		c.inFile, c.size, c.torn = inFile, size, false
		os.Remove(filepath.Join(c.dir, "markdown.gob")) // the format before md-4
	}
}

func (bd *build) markdownOptions() markdown.Options {
	m := bd.cfg.Markup
	return markdown.Options{Unsafe: m.Unsafe, AllowDataURLs: m.AllowDataURLs, HighlightStyleLight: m.HighlightLight, HighlightStyleDark: m.HighlightDark}
}

// renderMarkdown renders every page body, in parallel, reusing cached
// results whose inputs have not changed.
func (bd *build) renderMarkdown() error { return bd.renderMarkdownOf(bd.allPages()) }

// renderMarkdownOf renders the bodies of the given pages.
func (bd *build) renderMarkdownOf(pages []*page.Page) error {
	bd.b.cache.load()
	r := bd.b.renderer(bd.markdownOptions())
	gloss := make([]markdown.GlossaryTerm, 0, len(bd.data.glossary))
	for _, g := range bd.data.glossary {
		gloss = append(gloss, markdown.GlossaryTerm{Term: g.Term, Definition: g.Definition, Synonyms: g.Synonyms, Slug: g.Slug})
	}
	glossHash := hashJSON(gloss)
	optHash := hashJSON(bd.markdownOptions())
	labels := map[string]map[string]string{}
	labelHash := map[string]string{} // hashed once per language, not per page
	for _, l := range bd.cfg.Languages {
		m := bd.theme.Strings(l.Code, "callout.")
		for _, k := range []string{"references", "emergency.text", "heading.anchor", "cite.source", "cite.back", "table"} {
			m[k] = bd.theme.String(l.Code, k)
		}
		labels[l.Code] = m
		labelHash[l.Code] = hashJSON(m)
	}
	glossURL := map[string]string{}
	for _, ls := range bd.site.Langs {
		glossURL[ls.Language.Code] = ls.Glossary.RelPermalink
	}
	return parallel(bd.ctx, len(pages), func(i int) error {
		p := pages[i]
		if p.Body == nil && p.File == "" {
			return nil
		}
		ctx := markdown.Context{File: p.File, LineOffset: p.BodyLine,
			GlossaryURL: glossURL[p.Lang], LinkGlossary: p.IsArticle() && p.Meta.Audience != "professional" && p.Lang == bd.cfg.DefaultLanguage().Code}
		for _, ref := range p.Meta.References {
			ctx.References = append(ctx.References, markdown.Reference{ID: ref.ID, Title: ref.Title, DOI: ref.DOI,
				PMID: ref.PMID, URL: ref.URL, Publisher: ref.Publisher, Year: ref.Year})
		}
		// The key covers the glossary and the labels through hashes made
		// once; the context is hashed before they are attached to it.
		key := hashKey(p.Body, cacheVersion, optHash, glossHash, labelHash[p.Lang], hashJSON(ctx))
		ctx.Labels = labels[p.Lang]
		if ctx.LinkGlossary {
			ctx.Glossary = gloss
		}
		e := bd.b.cache.get(key)
		if e == nil {
			res, err := r.Render(p.Body, ctx)
			if err != nil {
				return &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "rendering Markdown: " + err.Error()}
			}
			e = &mdEntry{HTML: string(res.HTML), Cited: res.Cited, Plain: res.Plain}
			for _, h := range res.TOC {
				e.TOC = append(e.TOC, page.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
			}
			for _, l := range res.Links {
				e.Links = append(e.Links, page.Link{Dest: l.Dest, Line: l.Line})
			}
			for _, im := range res.Images {
				e.Images = append(e.Images, page.Image{Src: im.Src, Alt: im.Alt, Line: im.Line})
			}
			e.Glossary = glossaryUsed(e.HTML, bd.data.glossary)
			for _, d := range res.Diagnostics {
				e.Diagnostics = append(e.Diagnostics, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col,
					Severity: diag.Severity(d.Severity), Check: "markdown", Message: d.Message, Hint: d.Hint})
			}
			bd.b.cache.put(key, e)
			bd.mu.Lock()
			bd.res.Rendered++
			bd.mu.Unlock()
		} else {
			bd.mu.Lock()
			bd.res.Cached++
			bd.mu.Unlock()
		}
		p.Content = template.HTML(e.HTML)
		p.TOC, p.Links, p.Images, p.Cited, p.Plain = e.TOC, e.Links, e.Images, e.Cited, e.Plain
		if p.IsArticle() && p.Summary() == "" {
			p.Meta.Summary = autoSummary(e.Plain, 200)
		}
		p.Glossary = e.Glossary
		bd.addDiags(e.Diagnostics...)
		return nil
	})
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

// hashKey hashes body and parts, each ended by a zero byte.
func hashKey(body []byte, parts ...string) string {
	h := sha256.New()
	h.Write(body)
	h.Write([]byte{0})
	for _, p := range parts {
		io.WriteString(h, p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// renderer returns the Builder's Markdown renderer for opts, reusing it
// across builds while the options stay the same.
func (b *Builder) renderer(opts markdown.Options) *markdown.Renderer {
	b.mdMu.Lock()
	defer b.mdMu.Unlock()
	if b.md == nil || b.mdOpts != opts {
		b.md = markdown.New(opts)
		b.mdOpts = opts
	}
	return b.md
}

// autoSummary is the summary of a page whose front matter gives none, as
// Hugo does: the opening text, cut at a word boundary near max bytes.
func autoSummary(plain string, max int) string {
	text := strings.Join(strings.Fields(plain), " ")
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut <= 0 {
		cut = max
	}
	return strings.TrimRight(text[:cut], ",;:") + "…"
}
