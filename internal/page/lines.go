package page

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Lines holds the line of each top-level key of a page's front matter,
// for the diagnostics that name it. Every page keeps it for the whole
// build, so it is packed: one 8-byte word a key (the key's number in a
// table shared by all pages, and its line). For a bench article's 14
// keys that is 112 bytes allocated where a map[string]int took 504
// (BenchmarkLinesAgainstMap): 39 MB less at 100,000 articles. The zero
// value holds no keys; a Lines is not safe for a write concurrent with
// another use (Set), like a map.
type Lines struct {
	packed []uint64 // key number << 32 | line, in the order set
}

// keyTable numbers every front matter key any page has had, for all
// pages: a site's schema keys and its misspellings, never emptied. It is
// read for every key of every page, on every core, and written only for
// a key not seen before: readers load the current table without a lock,
// and a writer replaces it with a copy holding the new key.
type keyTable struct {
	ids   map[string]uint32
	names []string
}

var (
	keys    atomic.Pointer[keyTable]
	keysAdd sync.Mutex // serialises the writers of keys
)

// keyID returns key's number, adding it when add is true; ok is false for
// a key no page has (and add false).
func keyID(key string, add bool) (id uint32, ok bool) {
	if t := keys.Load(); t != nil {
		if id, ok = t.ids[key]; ok || !add {
			return id, ok
		}
	} else if !add {
		return 0, false
	}
	keysAdd.Lock()
	defer keysAdd.Unlock()
	old := keys.Load()
	next := &keyTable{ids: map[string]uint32{}}
	if old != nil {
		if id, ok = old.ids[key]; ok {
			return id, true
		}
		maps.Copy(next.ids, old.ids)
		next.names = slices.Clip(old.names)
	}
	// A copy: the key may be a view of a cache file's bytes, which the
	// table, kept for the process's life, would otherwise hold.
	key = strings.Clone(key)
	id = uint32(len(next.names))
	next.ids[key] = id
	next.names = append(next.names, key)
	keys.Store(next)
	return id, true
}

func keyName(id uint32) string { return keys.Load().names[id] }

// MakeLines returns Lines with room for n keys. A zero n gives empty,
// not absent, Lines (Absent).
func MakeLines(n int) Lines { return Lines{packed: make([]uint64, 0, n)} }

// Absent reports whether l was never made: the zero Lines, as against
// front matter with no keys (MakeLines(0)); the caches keep the two
// apart.
func (l Lines) Absent() bool { return l.packed == nil }

// Set records key's line, replacing a line set before.
func (l *Lines) Set(key string, line int) {
	id, _ := keyID(key, true)
	w := uint64(id)<<32 | uint64(uint32(line))
	for i, v := range l.packed {
		if uint32(v>>32) == id {
			l.packed[i] = w
			return
		}
	}
	l.packed = append(l.packed, w)
}

// Line returns key's line and whether the front matter has the key.
func (l Lines) Line(key string) (int, bool) {
	if len(l.packed) == 0 {
		return 0, false
	}
	id, ok := keyID(key, false)
	if !ok {
		return 0, false
	}
	for _, v := range l.packed {
		if uint32(v>>32) == id {
			return int(int32(uint32(v))), true
		}
	}
	return 0, false
}

// Of returns key's line, 0 when the front matter does not have it.
func (l Lines) Of(key string) int {
	n, _ := l.Line(key)
	return n
}

// Len returns the number of keys.
func (l Lines) Len() int { return len(l.packed) }

// All yields each key and its line, in the order they were set.
func (l Lines) All() iter.Seq2[string, int] {
	return func(yield func(string, int) bool) {
		for _, v := range l.packed {
			if !yield(keyName(uint32(v>>32)), int(int32(uint32(v)))) {
				return
			}
		}
	}
}

// LinesOf returns m as Lines (nil m: absent Lines), the keys in sorted
// order so that equal maps give equal Lines.
func LinesOf(m map[string]int) Lines {
	if m == nil {
		return Lines{}
	}
	l := MakeLines(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		l.Set(k, m[k])
	}
	return l
}
