package buildstate

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"

	"github.com/medkb/medkb/internal/check"
)

// Hashes is a map that gob carries as one byte string, in the form
// below, rather than an entry at a time by reflection: the input hashes
// (State.Inputs) and front matter keys (Head.Metas) of
// 10,000 articles took gob 25 to 40 ms to decode in a process that had
// decoded nothing before, on the way of every one-article rebuild. The
// form: the number of entries, then each key's length and bytes and its
// value (32 bytes), lengths as unsigned varints. Decoded keys are slices
// of one string holding the whole encoding: one allocation, not one an
// entry.
type Hashes map[string][sha256.Size]byte

var errDamaged = errors.New("damaged build state")

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// GobEncode implements gob.GobEncoder.
func (h Hashes) GobEncode() ([]byte, error) {
	return encodeMap(h, 96, func(b []byte, v [sha256.Size]byte) []byte { return append(b, v[:]...) }), nil
}

// GobDecode implements gob.GobDecoder.
func (h *Hashes) GobDecode(data []byte) error {
	m, err := decodeMap(data, func(r *reader) (sum [sha256.Size]byte) {
		copy(sum[:], r.bytes(sha256.Size))
		return sum
	})
	*h = m
	return err
}

// encodeMap writes m in the form above, each value with value; each
// entry takes about per bytes.
func encodeMap[V any](m map[string]V, per int, value func([]byte, V) []byte) []byte {
	b := binary.AppendUvarint(make([]byte, 0, len(m)*per), uint64(len(m)))
	for k, v := range m {
		b = value(appendString(b, k), v)
	}
	return b
}

// decodeMap reads what encodeMap wrote, each value with value; nil and
// errDamaged when data is cut short, too long or otherwise damaged.
func decodeMap[V any](data []byte, value func(*reader) V) (map[string]V, error) {
	r, n := entries(data)
	m := make(map[string]V, n)
	for range n {
		k, v := r.str(), value(r)
		if r.bad {
			break
		}
		m[k] = v
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	return m, nil
}

// reader reads the form above from b, whose strings it returns as
// slices of s, one copy of b; bad is set at the first thing it cannot
// read, after which it reads empty strings.
type reader struct {
	b   []byte
	s   string
	at  int
	bad bool
}

// entries returns a reader of data after its count of entries, and the
// count (each entry at least two bytes long).
func entries(data []byte) (*reader, int) {
	r := &reader{b: data, s: string(data)}
	n := r.uvarint()
	if n > (len(r.b)-r.at)/2 {
		r.bad, n = true, 0
	}
	return r, n
}

// done reports errDamaged unless everything was read, and only that.
func (r *reader) done() error {
	if r.bad || r.at != len(r.b) {
		return errDamaged
	}
	return nil
}

// uvarint reads a length or count, which cannot exceed what is left.
func (r *reader) uvarint() int {
	n, k := binary.Uvarint(r.b[r.at:])
	if k <= 0 || n > uint64(len(r.b)-r.at-k) {
		r.bad = true
		return 0
	}
	r.at += k
	return int(n)
}

func (r *reader) str() string { return r.bytes(r.uvarint()) }

func (r *reader) bytes(n int) string {
	if r.bad || n > len(r.b)-r.at {
		r.bad = true
		return ""
	}
	v := r.s[r.at : r.at+n]
	r.at += n
	return v
}

// LinkTargets are pages as link targets (checkset.LinkTarget: a page's
// file, URL, language, title, element ids and footer links), which gob
// carries as one byte string in the form above (a string list as its
// length and strings): gob decoded the 10,000 of a 10,000-article base
// in some 50 ms of CPU beside every one-article rebuild. A field
// LinkTarget keeps and this form does not fails TestLinkTargetsRoundTrip.
type LinkTargets []check.Page

// GobEncode implements gob.GobEncoder.
func (l LinkTargets) GobEncode() ([]byte, error) {
	b := binary.AppendUvarint(make([]byte, 0, len(l)*256), uint64(len(l)))
	for _, p := range l {
		for _, s := range [...]string{p.File, p.URL, p.Lang, p.Title} {
			b = appendString(b, s)
		}
		for _, list := range [...][]string{p.IDs, p.FooterLinks} {
			b = binary.AppendUvarint(b, uint64(len(list)))
			for _, s := range list {
				b = appendString(b, s)
			}
		}
	}
	return b, nil
}

// GobDecode implements gob.GobDecoder. It decodes into the slice *l
// when its capacity holds the pages (decodeBody decodes each chunk into
// the room left in the whole list), else into a new one; each page is
// overwritten whole.
func (l *LinkTargets) GobDecode(data []byte) error {
	r, n := entries(data)
	out := (*l)[:0]
	if cap(out) < n {
		out = make(LinkTargets, 0, n)
	}
	out = out[:n]
	for i := range out {
		out[i] = check.Page{File: r.str(), URL: r.str(), Lang: r.str(), Title: r.str(), IDs: r.strs(), FooterLinks: r.strs()}
	}
	if err := r.done(); err != nil {
		return err
	}
	*l = out
	return nil
}

// strs reads a string list; nil when empty, as gob leaves one.
func (r *reader) strs() []string {
	n := r.uvarint()
	if n == 0 || r.bad {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.str()
	}
	return out
}
