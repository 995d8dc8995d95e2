package markdown

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"maps"
	"slices"
)

// Key returns a hash of everything in c that decides what rendering with
// it gives, but Images and Pages (functions: a caller keys what their
// look-ups answered). A build keys each page's cached rendering by it, once per
// page per build, so it is written out by hand: encoding/json took 14 µs a
// page, 1.4 s of CPU in a one-article rebuild of 100,000 articles.
// TestContextKeyCoversEveryField fails when a field is added to Context,
// Reference or GlossaryTerm that Key leaves out.
func (c *Context) Key() string {
	sum := sha256.Sum256(c.AppendKey(make([]byte, 0, 1024)))
	return hex.EncodeToString(sum[:])
}

// AppendKey appends to b the bytes Key hashes, so that a caller keying
// more than the context (package body: the body's id, the options) hashes
// them in one call, with the strings it prefixes written by AppendKeyPart.
func (c *Context) AppendKey(b []byte) []byte {
	w := keyWriter{b: b}
	w.str(c.File)
	w.int(c.LineOffset)
	w.int(len(c.References))
	for _, r := range c.References {
		for _, s := range []string{r.ID, r.Title, r.DOI, r.PMID, r.URL, r.Publisher} {
			w.str(s)
		}
		w.int(r.Year)
		w.int(r.Line)
	}
	w.int(len(c.Glossary))
	for _, g := range c.Glossary {
		w.str(g.Term)
		w.str(g.Definition)
		w.strs(g.Synonyms)
		w.str(g.Slug)
	}
	w.str(c.GlossaryURL)
	w.bool(c.LinkGlossary)
	w.int(len(c.Labels))
	for _, k := range slices.Sorted(maps.Keys(c.Labels)) {
		w.str(k)
		w.str(c.Labels[k])
	}
	w.strs(c.Topic)
	w.str(c.EmergencyNumber)
	w.str(c.EmergencyCall)
	w.str(c.Emergency)
	return w.b
}

// AppendKeyPart appends s to b as AppendKey writes a string: after its
// length, so that no two sequences of parts write the same bytes.
func AppendKeyPart(b []byte, s string) []byte {
	w := keyWriter{b: b}
	w.str(s)
	return w.b
}

// keyWriter appends values to the bytes Key hashes in one call, each
// string after its length, so that no two different sequences of values
// write the same bytes. (Writing each value to the hash as it came cost
// a call and a copy per value: 8–10 µs a page with eight references
// on a loaded machine, 6.6–7.4 µs in one call; BenchmarkContextKey.)
type keyWriter struct {
	b []byte
}

func (w *keyWriter) int(n int) { w.b = binary.AppendVarint(w.b, int64(n)) }

func (w *keyWriter) str(s string) {
	w.int(len(s))
	w.b = append(w.b, s...)
}

func (w *keyWriter) strs(ss []string) {
	w.int(len(ss))
	for _, s := range ss {
		w.str(s)
	}
}

func (w *keyWriter) bool(b bool) {
	if b {
		w.int(1)
	} else {
		w.int(0)
	}
}
