package buildcache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
)

// The build caches (Log, and the bodies of Markdowns) are written in a
// small binary format of their own rather than gob: the rendered bodies
// are some 140 MB at 10,000 pages, and a rebuild that patches one page
// still looks up every page. Decoding works in place: every string is a
// view of the mapped file (unsafe.String) or of the buffer a body was
// read into, and the mapping is read-only and never undone. Gob spent most
// of a patch's Markdown phase copying those strings, and reading the
// whole file (1.4 GB at 100,000 pages) most of the rest; it spent a second
// decoding the front matter of 100,000 pages.
//
// Integers are varints (lengths unsigned), strings a length and the bytes;
// slices and maps of front matter are their length plus one, 0 standing
// for nil, so that nil and empty survive the round trip (front matter
// hashes tell them apart).

type encoder struct{ b []byte }

func (e *encoder) int(n int)    { e.b = binary.AppendUvarint(e.b, uint64(n)) }
func (e *encoder) sint(n int)   { e.b = binary.AppendVarint(e.b, int64(n)) }
func (e *encoder) str(s string) { e.int(len(s)); e.b = append(e.b, s...) }

// key writes a record's key: its 32 bytes, no length.
func (e *encoder) key(k Key) { e.b = append(e.b, k[:]...) }

func (e *encoder) bool(v bool) {
	n := 0
	if v {
		n = 1
	}
	e.int(n)
}

// count writes the length of a slice or map, nil apart from empty.
func (e *encoder) count(n int, isNil bool) {
	if isNil {
		e.int(0)
		return
	}
	e.int(n + 1)
}

func (e *encoder) strs(s []string) {
	e.count(len(s), s == nil)
	for _, v := range s {
		e.str(v)
	}
}

func (e *encoder) time(t time.Time) {
	b, err := t.MarshalBinary()
	if err != nil {
		b = nil // a time Go cannot encode cannot have come from YAML
	}
	e.str(string(b))
}

var errBadCache = errors.New("damaged cache")

type decoder struct {
	b   []byte
	err error
	// mapped: b is a view of a mapped file (Log.Load), so small reads
	// copy their strings out of it (small).
	mapped bool
	arena  []byte // where small copies them, a chunk at a time
}

// arenaChunk is the size of the chunks small copies strings into.
const arenaChunk = 64 << 10

// small reads a string that a build reads for every page (a heading, a link, a citation): from a mapped file, a copy, so
// that reading it does not bring the page of the file it lies in back
// into memory after Load gave the mapping's pages back (dropResident). A
// patch at 100,000 articles reads those of every page, one or two pages of the file a
// record, which held the whole 1.4 GB Markdown cache resident again. The
// copies share chunks of arenaChunk bytes (a chunk lives while any of its
// strings does: the records of one build, which live as long). The large
// strings (a body's HTML and text) stay views, read only for the pages a
// build renders.
func (d *decoder) small() string {
	s := d.str()
	if !d.mapped || s == "" {
		return s
	}
	if len(d.arena)+len(s) > cap(d.arena) {
		d.arena = make([]byte, 0, max(arenaChunk, len(s)))
	}
	at := len(d.arena)
	d.arena = append(d.arena, s...) // within capacity: earlier copies stay put
	return unsafe.String(&d.arena[at], len(s))
}

// key reads a record's key (encoder.key): a copy, held in the value
// that holds it (a map's key), so nothing of the file stays in use.
func (d *decoder) key() (k Key) {
	if len(d.b) < len(k) {
		d.fail()
		return k
	}
	copy(k[:], d.b)
	d.b = d.b[len(k):]
	return k
}

// compareKeys orders keys by their bytes, for files written in a set
// order.
func compareKeys(a, b Key) int { return bytes.Compare(a[:], b[:]) }

// smalls is strs for small strings.
func (d *decoder) smalls() []string { return d.list(d.small) }

func (d *decoder) fail() {
	d.err, d.b = errBadCache, nil
}

func (d *decoder) int() int {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b))+1<<20 { // no number read exceeds the data left by much
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

// offset reads a number that says where something lies in another file
// (bodyAt), so is no bound on the data left.
func (d *decoder) offset() int64 {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > math.MaxInt64 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int64(n)
}

func (d *decoder) sint() int {
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return int(n)
}

func (d *decoder) bool() bool { return d.int() == 1 }

func (d *decoder) str() string {
	n := d.int()
	if n > len(d.b) {
		d.fail()
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], n)
	d.b = d.b[n:]
	return s
}

// count reads a length written by encoder.count; -1 is nil.
func (d *decoder) count() int {
	n := d.int() - 1
	if n > len(d.b) { // every element takes a byte at least
		d.fail()
		return -1
	}
	return n
}

func (d *decoder) strs() []string { return d.list(d.str) }

// list reads a list of strings written by encoder.strs, each with read.
func (d *decoder) list(read func() string) []string {
	n := d.count()
	if n < 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < n && d.err == nil; i++ {
		out = append(out, read())
	}
	return out
}

func (d *decoder) time() time.Time {
	var t time.Time
	if b := d.str(); b != "" && t.UnmarshalBinary([]byte(b)) != nil {
		d.fail()
	}
	return t
}

// encodeMD writes a Markdown cache entry: where its body lies (bodyAt),
// the automatic summary, and what a build reads of every page. The body
// (HTML, emergency callouts, plain text), some 15 KiB of the 16 a page
// takes, is a record of a body file (encodeBody), which a build reads only
// for the pages it writes.
func encodeMD(e *encoder, m *Markdown) {
	e.int(m.body.gen)
	e.int(int(m.body.at))
	e.int(m.body.n)
	e.str(m.Summary)
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
		e.str(l.Written)
	}
	e.int(len(m.Images))
	for _, im := range m.Images {
		e.str(im.Src)
		e.str(im.Alt)
		e.int(im.Line)
		e.bool(im.Decorative)
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
	e.strs(m.Sized)
	e.str(m.ImageKey)
	e.strs(m.Linked)
	e.str(m.LinkKey)
}

// decodeMD reads a Markdown cache entry.
func decodeMD(d *decoder) *Markdown {
	m := &Markdown{body: bodyAt{gen: int(d.offset()), at: d.offset(), n: int(d.offset())}, Summary: d.small()}
	if n := d.int(); n > 0 {
		m.TOC = make([]page.Heading, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.TOC = append(m.TOC, page.Heading{Level: d.int(), ID: d.small(), Text: d.small()})
		}
	}
	if n := d.int(); n > 0 {
		m.Links = make([]page.Link, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Links = append(m.Links, page.Link{Dest: d.small(), Line: d.int(), Written: d.small()})
		}
	}
	if n := d.int(); n > 0 {
		m.Images = make([]page.Image, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Images = append(m.Images, page.Image{Src: d.small(), Alt: d.small(), Line: d.int(), Decorative: d.bool()})
		}
	}
	m.Cited = d.smalls()
	m.Glossary = d.smalls()
	if n := d.int(); n > 0 {
		m.Diagnostics = make([]diag.Diagnostic, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			m.Diagnostics = append(m.Diagnostics, diag.Diagnostic{File: d.small(), Line: d.int(), Col: d.int(),
				Severity: diag.Severity(d.small()), Check: d.small(), Message: d.small(), Hint: d.small()})
		}
	}
	m.Sized = d.smalls()
	m.ImageKey = d.small()
	m.Linked = d.smalls()
	m.LinkKey = d.small()
	return m
}

// encodeBody writes the body of key's entry, as a body file holds it: the
// key first, so that reading it back can tell a body from another.
func encodeBody(e *encoder, key Key, m *Markdown) {
	e.key(key)
	e.str(m.HTML)
	e.str(m.Emergency)
	e.str(m.Plain)
}

// decodeBody reads the body encodeBody wrote for key into m: its strings
// are views of b.
func decodeBody(b []byte, key Key, m *Markdown) error {
	d := &decoder{b: b}
	if got := d.key(); got != key && d.err == nil {
		return fmt.Errorf("found the body of another page (%.12s…) where %.12s… should be", got, key)
	}
	m.HTML, m.Emergency, m.Plain = d.str(), d.str(), d.str()
	if d.err != nil || len(d.b) != 0 {
		return errBadCache
	}
	return nil
}

// encodeParsed writes a parse cache entry. Front matter with params (any
// YAML value) is not cached: cacheable reports whether m can be.
func encodeParsed(e *encoder, p *FrontMatter) {
	e.sint(p.BodyLine)
	e.int(p.Skip)
	e.key(p.MetaKey)
	m := &p.Meta
	for _, s := range []string{m.Title, m.ID, m.Summary, m.Description} {
		e.str(s)
	}
	e.time(m.Date.Time)
	e.time(m.Lastmod.Time)
	e.bool(m.Draft)
	e.strs(m.Tags)
	e.bool(m.TagsText)
	e.bool(m.SecondBlock != nil)
	if b := m.SecondBlock; b != nil {
		e.sint(b.Line)
		e.sint(b.EndLine)
		e.str(b.Delim)
		e.sint(b.FrontMatterLine)
		e.sint(b.FrontMatterEnd)
		e.str(b.FrontMatterDelim)
		e.strs(b.Keys)
	}
	e.str(m.Slug)
	e.str(m.URL)
	e.strs(m.Aliases)
	e.sint(m.Weight)
	for _, s := range []string{m.Layout, m.Image, m.ImageAlt} {
		e.str(s)
	}
	e.strs(m.Authors)
	e.strs(m.ReviewedBy)
	e.strs(m.Translators)
	e.time(m.LastReviewed.Time)
	e.time(m.NextReview.Time)
	e.str(m.Audience)
	e.str(m.Specialty)
	e.count(len(m.About), m.About == nil)
	for _, c := range m.About {
		e.str(c.Name)
		e.str(c.ICD10)
		e.str(c.SNOMED)
	}
	e.count(len(m.References), m.References == nil)
	for _, r := range m.References {
		for _, s := range []string{r.ID, r.Title, r.DOI, r.PMID, r.URL, r.Publisher} {
			e.str(s)
		}
		e.sint(r.Year)
		e.sint(r.Line)
	}
	e.str(m.Funding)
	e.str(m.Sponsor)
	e.str(m.TranslationOf)
	e.time(m.PublishDate.Time)
	e.time(m.Expires.Time)
	e.bool(m.Withdrawn != nil)
	if m.Withdrawn != nil {
		e.time(m.Withdrawn.Date.Time)
		e.str(m.Withdrawn.Reason)
		e.str(m.Withdrawn.ReplacedBy)
	}
	e.str(m.ChangeNote)
	e.str(m.Emergency)
	for _, b := range []*bool{m.Search, m.Feed, m.Sitemap} {
		e.bool(b != nil)
		if b != nil {
			e.bool(*b)
		}
	}
	e.count(len(m.Check), m.Check == nil)
	for k, v := range m.Check {
		e.str(k)
		e.str(v)
	}
	e.count(m.Lines.Len(), m.Lines.Absent())
	for k, v := range m.Lines.All() {
		e.str(k)
		e.sint(v)
	}
	e.int(len(p.Identifiers))
	for _, f := range p.Identifiers {
		e.sint(f.Line)
		e.sint(f.Col)
		e.str(string(f.Kind))
		e.str(f.Masked)
		e.str(f.Match)
	}
}

// decodeParsed reads a parse cache entry.
func decodeParsed(d *decoder) *FrontMatter {
	p := &FrontMatter{BodyLine: d.sint(), Skip: d.int(), MetaKey: d.key()}
	m := &p.Meta
	m.Title, m.ID, m.Summary, m.Description = d.str(), d.str(), d.str(), d.str()
	m.Date.Time = d.time()
	m.Lastmod.Time = d.time()
	m.Draft = d.bool()
	m.Tags = d.strs()
	m.TagsText = d.bool()
	if d.bool() {
		m.SecondBlock = &page.SecondBlock{Line: d.sint(), EndLine: d.sint(), Delim: d.str(),
			FrontMatterLine: d.sint(), FrontMatterEnd: d.sint(), FrontMatterDelim: d.str(), Keys: d.strs()}
	}
	m.Slug, m.URL = d.str(), d.str()
	m.Aliases = d.strs()
	m.Weight = d.sint()
	m.Layout, m.Image, m.ImageAlt = d.str(), d.str(), d.str()
	m.Authors, m.ReviewedBy, m.Translators = d.strs(), d.strs(), d.strs()
	m.LastReviewed.Time = d.time()
	m.NextReview.Time = d.time()
	m.Audience, m.Specialty = d.str(), d.str()
	if n := d.count(); n >= 0 {
		m.About = make([]page.Condition, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			m.About = append(m.About, page.Condition{Name: d.str(), ICD10: d.str(), SNOMED: d.str()})
		}
	}
	if n := d.count(); n >= 0 {
		m.References = make([]page.Reference, 0, n)
		for i := 0; i < n && d.err == nil; i++ {
			m.References = append(m.References, page.Reference{ID: d.str(), Title: d.str(), DOI: d.str(), PMID: d.str(),
				URL: d.str(), Publisher: d.str(), Year: d.sint(), Line: d.sint()})
		}
	}
	m.Funding, m.Sponsor, m.TranslationOf = d.str(), d.str(), d.str()
	m.PublishDate.Time = d.time()
	m.Expires.Time = d.time()
	if d.bool() {
		m.Withdrawn = &page.Withdrawal{}
		m.Withdrawn.Date.Time = d.time()
		m.Withdrawn.Reason, m.Withdrawn.ReplacedBy = d.str(), d.str()
	}
	m.ChangeNote = d.str()
	m.Emergency = d.str()
	for _, b := range []**bool{&m.Search, &m.Feed, &m.Sitemap} {
		if d.bool() {
			v := d.bool()
			*b = &v
		}
	}
	if n := d.count(); n >= 0 {
		m.Check = make(map[string]string, n)
		for i := 0; i < n && d.err == nil; i++ {
			k := d.str()
			m.Check[k] = d.str()
		}
	}
	if n := d.count(); n >= 0 {
		m.Lines = page.MakeLines(n)
		for i := 0; i < n && d.err == nil; i++ {
			k := d.str()
			m.Lines.Set(k, d.sint())
		}
	}
	if n := d.int(); n > 0 {
		p.Identifiers = make([]phi.Finding, 0, min(n, len(d.b)))
		for i := 0; i < n && d.err == nil; i++ {
			p.Identifiers = append(p.Identifiers, phi.Finding{Line: d.sint(), Col: d.sint(), Kind: phi.Kind(d.str()), Masked: d.str(), Match: d.str()})
		}
	}
	return p
}
