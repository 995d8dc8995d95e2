package site

import (
	"encoding/binary"
	"errors"
	"unsafe"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
)

// The Markdown cache is written in a small binary format of its own rather
// than gob: at 10,000 pages it is some 140 MB, almost all of it HTML and
// plain text, and a rebuild that patches one page still looks up every
// page. Loading maps the file (mapFile) and decodes in place: every string
// of every entry is a view of the mapping (unsafe.String), never copied,
// and only the pages a build reads are ever paged in; the mapping is
// read-only and never undone. Gob spent most of a patch's Markdown phase
// copying those strings, and reading the whole file (1.4 GB at 100,000
// pages) most of the rest.
//
// Layout: the cache version, then records to the end of the file (see
// mdCache), each an entry's key then its fields; integers are uvarints,
// strings a uvarint length and the bytes.

type mdEncoder struct{ b []byte }

func (e *mdEncoder) int(n int)    { e.b = binary.AppendUvarint(e.b, uint64(n)) }
func (e *mdEncoder) str(s string) { e.int(len(s)); e.b = append(e.b, s...) }
func (e *mdEncoder) strs(s []string) {
	e.int(len(s))
	for _, v := range s {
		e.str(v)
	}
}

func (e *mdEncoder) entry(key string, m *mdEntry) {
	e.str(key)
	e.str(m.HTML)
	e.str(m.Plain)
	e.int(len(m.TOC))
	for _, h := range m.TOC {
		e.int(h.Level)
		e.str(h.ID)
		e.str(h.Text)
	}
	e.int(len(m.Links))
	for _, l := range m.Links {
		e.str(l.Dest)
		e.int(l.Line)
	}
	e.int(len(m.Images))
	for _, im := range m.Images {
		e.str(im.Src)
		e.str(im.Alt)
		e.int(im.Line)
	}
	e.strs(m.Cited)
	e.strs(m.Glossary)
	e.int(len(m.Diagnostics))
	for _, d := range m.Diagnostics {
		e.str(d.File)
		e.int(d.Line)
		e.int(d.Col)
		e.str(string(d.Severity))
		e.str(d.Check)
		e.str(d.Message)
		e.str(d.Hint)
	}
}

var errBadCache = errors.New("damaged cache")

type mdDecoder struct {
	b   []byte
	err error
}

func (d *mdDecoder) int() int {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b))+1<<20 { // no count exceeds the data left by much
		d.err, d.b = errBadCache, nil
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *mdDecoder) str() string {
	n := d.int()
	if n > len(d.b) {
		d.err, d.b = errBadCache, nil
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], n)
	d.b = d.b[n:]
	return s
}

func (d *mdDecoder) strs() []string {
	n := d.int()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, min(n, len(d.b)))
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, d.str())
	}
	return out
}

func (d *mdDecoder) entry() (string, *mdEntry) {
	key := d.str()
	m := &mdEntry{HTML: d.str(), Plain: d.str()}
	if n := d.int(); n > 0 {
		m.TOC = make([]page.Heading, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.TOC = append(m.TOC, page.Heading{Level: d.int(), ID: d.str(), Text: d.str()})
		}
	}
	if n := d.int(); n > 0 {
		m.Links = make([]page.Link, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Links = append(m.Links, page.Link{Dest: d.str(), Line: d.int()})
		}
	}
	if n := d.int(); n > 0 {
		m.Images = make([]page.Image, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Images = append(m.Images, page.Image{Src: d.str(), Alt: d.str(), Line: d.int()})
		}
	}
	m.Cited = d.strs()
	m.Glossary = d.strs()
	if n := d.int(); n > 0 {
		m.Diagnostics = make([]diag.Diagnostic, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Diagnostics = append(m.Diagnostics, diag.Diagnostic{File: d.str(), Line: d.int(), Col: d.int(),
				Severity: diag.Severity(d.str()), Check: d.str(), Message: d.str(), Hint: d.str()})
		}
	}
	return key, m
}
