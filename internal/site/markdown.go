package site

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io"
	"strings"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

func (bd *build) markdownOptions() markdown.Options {
	m := bd.cfg.Markup
	return markdown.Options{Unsafe: m.Unsafe, AllowDataURLs: m.AllowDataURLs, HighlightStyleLight: m.HighlightLight, HighlightStyleDark: m.HighlightDark}
}

// renderMarkdown renders every page body, in parallel, reusing cached
// results whose inputs have not changed.
// Drafts left out of the build are rendered too: they are checked like
// published pages.
func (bd *build) renderMarkdown() error {
	return bd.renderMarkdownOf(append(bd.allPages(), bd.unbuiltDrafts()...))
}

// unbuiltDrafts returns the drafts a build without drafts leaves out.
func (bd *build) unbuiltDrafts() []*page.Page {
	var out []*page.Page
	for _, ls := range bd.site.Langs {
		out = append(out, ls.Drafts...)
	}
	return out
}

// renderMarkdownOf renders the bodies of the given pages.
func (bd *build) renderMarkdownOf(pages []*page.Page) error {
	bd.b.cache.Load()
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
		for _, k := range []string{"references", "emergency.text", "emergency.call-words", "heading.anchor", "cite.source", "cite.back", "table"} {
			m[k] = bd.theme.String(l.Code, k)
		}
		// The number is part of the labels, so its change re-renders.
		m["emergency.number"], m["emergency.label"] = l.Emergency.Number, l.Emergency.Label
		labels[l.Code] = m
		labelHash[l.Code] = hashJSON(m)
	}
	unbuilt := map[*page.Page]bool{} // drafts rendered for checking only
	for _, p := range bd.unbuiltDrafts() {
		unbuilt[p] = true
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
			GlossaryURL: glossURL[p.Lang], LinkGlossary: p.IsArticle() && p.Meta.Audience != "professional" && p.Lang == bd.cfg.DefaultLanguage().Code,
			Topic: []string{p.Meta.Title}, Emergency: p.Meta.Emergency}
		for _, ref := range p.Meta.References {
			ctx.References = append(ctx.References, markdown.Reference{ID: ref.ID, Title: ref.Title, DOI: ref.DOI,
				PMID: ref.PMID, URL: ref.URL, Publisher: ref.Publisher, Year: ref.Year})
		}
		// The key covers the glossary and the labels through hashes made
		// once; the context is hashed before they are attached to it.
		key := hashKey(p.Body, buildcache.Version, optHash, glossHash, labelHash[p.Lang], hashJSON(ctx))
		ctx.Labels = labels[p.Lang]
		ctx.EmergencyNumber, ctx.EmergencyCall = ctx.Labels["emergency.number"], ctx.Labels["emergency.label"]
		if ctx.LinkGlossary {
			ctx.Glossary = gloss
		}
		var images func(string) (markdown.LocalImage, bool)
		if !unbuilt[p] {
			images = bd.imageLookup(p)
		}
		look := &recordingLookup{look: images}
		if images != nil {
			ctx.Images = look.lookup
		}
		e, _ := bd.b.cache.Get(key)
		if e != nil && bd.imageKey(images, e.Sized) != e.ImageKey {
			e = nil // an image it shows changed
		}
		if e == nil {
			res, err := r.Render(p.Body, ctx)
			if err != nil {
				return &diag.Diagnostic{File: p.File, Severity: diag.Error, Message: "rendering Markdown: " + err.Error()}
			}
			e = &buildcache.Markdown{HTML: string(res.HTML), Emergency: string(res.Emergency), Cited: res.Cited, Plain: res.Plain,
				Sized: look.dests}
			e.ImageKey = bd.imageKey(images, e.Sized)
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
				rule := "markdown"
				if d.Check != "" {
					rule = d.Check
				}
				e.Diagnostics = append(e.Diagnostics, diag.Diagnostic{File: d.File, Line: d.Line, Col: d.Col,
					Severity: diag.Severity(d.Severity), Check: rule, Message: d.Message, Hint: d.Hint})
			}
			bd.b.cache.Put(key, e)
			bd.mu.Lock()
			bd.res.Rendered++
			bd.mu.Unlock()
		} else {
			bd.mu.Lock()
			bd.res.Cached++
			bd.mu.Unlock()
		}
		p.Content = template.HTML(e.HTML)
		p.Emergency = template.HTML(e.Emergency)
		p.TOC, p.Links, p.Images, p.Cited, p.Plain = e.TOC, e.Links, bd.sizeImages(p, e.Images), e.Cited, e.Plain
		if p.IsArticle() && p.Summary() == "" {
			p.Meta.Summary = autoSummary(e.Plain, 200)
		}
		p.Glossary = e.Glossary
		if p.Meta.Draft {
			bd.addDiags(whileDraft(e.Diagnostics)...)
		} else {
			bd.addDiags(e.Diagnostics...)
		}
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

// whileDraft downgrades a draft's errors to warnings, as check.WhileDraft
// does for the content checks.
func whileDraft(ds []diag.Diagnostic) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(ds))
	for i, d := range ds {
		c := check.WhileDraft(check.Diagnostic{Severity: check.Severity(d.Severity), Check: d.Check, Hint: d.Hint})
		d.Severity, d.Hint = diag.Severity(c.Severity), c.Hint
		out[i] = d
	}
	return out
}
