package body

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/buildcache"
	"github.com/medkb/medkb/internal/cputime"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// namedSource is a page's Markdown source named by id, as a source file
// read from disk is (source.Tail): the key of a page holding it does not
// hash its bytes.
type namedSource string

func (s namedSource) MarkdownID() string        { return string(s) }
func (s namedSource) Markdown() ([]byte, error) { return nil, nil }

// keyPages returns n articles that do not hold their bodies, as a build
// with a cache folder has them, with contexts of different lengths (a
// few with many references), and the job that keys them.
func keyPages(n int) (*job, []*page.Page) {
	j := &job{optHash: "opts", glossHash: "gloss", labelHash: map[string]string{"en": "labels", "fr": "étiquettes"}, glossURL: map[string]string{"en": "/glossary/"}, defaultLang: "en"}
	pages := make([]*page.Page, n)
	for i := range pages {
		p := &page.Page{File: fmt.Sprintf("content/conditions/article-%06d.md", i), Lang: "en", BodyLine: 7}
		if i%3 == 0 {
			p.Lang = "fr"
		}
		p.Meta.Title = "Article " + strings.Repeat("long ", i%40)
		for r := range i % 11 {
			p.Meta.References = append(p.Meta.References, page.Reference{ID: fmt.Sprint("ref", r), Title: strings.Repeat("A study of asthma. ", r), DOI: "10.1000/x", Year: 2020})
		}
		p.SetMarkdownSource(namedSource(fmt.Sprintf("file:%d:%d", i, i*31)))
		pages[i] = p
	}
	return j, pages
}

// TestKeyWithAReusedBufferIsTheKeyAlone checks that job.key gives every
// page the same key with one buffer kept across calls, as Render's
// workers key their pages, as with a buffer of its own: nothing one
// page's key wrote into the buffer (a longer context, more references)
// leaks into the next's.
func TestKeyWithAReusedBufferIsTheKeyAlone(t *testing.T) {
	j, pages := keyPages(200)
	var buf []byte
	for _, order := range [][]*page.Page{pages, reversed(pages)} {
		for _, p := range order {
			alone, err := j.key(p, j.context(p), nil)
			if err != nil {
				t.Fatal(err)
			}
			reused, err := j.key(p, j.context(p), &buf)
			if err != nil {
				t.Fatal(err)
			}
			if reused != alone {
				t.Fatalf("%s: key with a reused buffer %x, alone %x", p.File, reused[:6], alone[:6])
			}
		}
	}
	if cap(buf) == 0 {
		t.Error("the buffer given was not kept for the next call")
	}
}

func reversed(ps []*page.Page) []*page.Page {
	out := make([]*page.Page, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// BenchmarkKeyPages keys 10,000 pages as the Markdown phase of a
// one-article rebuild does (every page, from the cache), with a buffer
// of each key's own (own: as before) and with one kept across the calls
// (reused: Render's workers), reporting the process's CPU per op
// (cpu-ns/op), which counts the page faults of fresh memory.
func BenchmarkKeyPages(b *testing.B) {
	j, pages := keyPages(10_000)
	ctxs := make([]markdown.Context, len(pages))
	for i, p := range pages {
		ctxs[i] = j.context(p)
	}
	for _, bc := range []struct {
		name  string
		reuse bool
	}{{"own", false}, {"reused", true}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink buildcache.Key
			start := cputime.Process()
			for b.Loop() {
				var buf []byte
				for i, p := range pages {
					bp := &buf
					if !bc.reuse {
						bp = nil
					}
					k, err := j.key(p, ctxs[i], bp)
					if err != nil {
						b.Fatal(err)
					}
					sink[0] ^= k[0]
				}
			}
			b.ReportMetric(float64(cputime.Process()-start)/float64(b.N), "cpu-ns/op")
			_ = sink
		})
	}
}
