package search

import (
	"cmp"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// chain names the bleve analysis components for one language. The same chain
// is registered as the custom analyzer of the terminal bleve index and used
// by Build, so both indexes see identical terms.
//
// Surface filters produce the word as a reader would type it (lowercased,
// possessive stripped); index filters turn a surface word into the indexed
// stem or drop it (stop words). The browser matches query words against
// surface words and looks up the stem, so it never needs a stemmer.
type chain struct {
	Lang    string   `json:"lang"`
	Surface []string `json:"surface"`
	Index   []string `json:"index"`
	Stop    string   `json:"stop"` // name of the stop-word token map
}

// chainFor returns the analysis chain for lang: bleve's stemmer and stop
// words where bleve has them, otherwise bleve's "standard" analysis
// (unicode tokenizer, lowercase, English stop words, no stemmer).
func chainFor(lang string, cache *registry.Cache) chain {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i]
	}
	switch lang {
	case "", "en":
		return chain{Lang: "en", Surface: []string{en.PossessiveName, lowercase.Name}, Index: []string{"stop_en", "stemmer_porter"}, Stop: "stop_en"}
	case "ar":
		return chain{Lang: "ar", Surface: []string{lowercase.Name}, Index: []string{"stop_ar", "normalize_ar", "stemmer_ar"}, Stop: "stop_ar"}
	}
	c := chain{Lang: lang, Surface: []string{lowercase.Name}}
	stop := "stop_" + lang
	if _, err := cache.TokenFilterNamed(stop); err != nil {
		// No bleve support for this language: bleve's standard analyzer.
		return chain{Lang: lang, Surface: []string{lowercase.Name}, Index: []string{"stop_en"}, Stop: "stop_en"}
	}
	c.Stop = stop
	c.Index = append(c.Index, stop)
	for _, stem := range []string{"stemmer_" + lang + "_snowball", "stemmer_" + lang, "stemmer_" + lang + "_light"} {
		if _, err := cache.TokenFilterNamed(stem); err == nil {
			c.Index = append(c.Index, stem)
			break
		}
	}
	return c
}

// analyzer runs a chain, its words split as bleve's unicode tokenizer
// splits them (asciiWords, unicodeWords). It is safe for concurrent use:
// bleve's filters are, and the memo is guarded (except in a worker's
// copy, see worker).
type analyzer struct {
	chain     chain
	surface   []analysis.TokenFilter
	index     []analysis.TokenFilter
	stopWords []string // sorted
	memo      *termMemo
	scratch   *docScratch // a worker's reusable buffers for analyzeDoc; nil: allocate
	idLimit   int         // the numbering limit of the workers' memos (termMemo.idLimit); 0: memoLimit
}

// termMemo remembers what the filters make of each distinct token. Every
// filter of a chain works on one token at a time (case, possessive, stop
// word, stemmer, normalisation), so a word's surface form and stem depend
// only on the word and its token type; running the filters once per
// distinct word instead of once per occurrence removes most of the
// analysis cost of a corpus, whose words repeat (Zipf).
type termMemo struct {
	private bool // used by one goroutine: no locking
	mu      sync.RWMutex
	words   wordTable // by token type and word
	// A private memo numbers the surface words and stems it hands out
	// (surfIDs, stemIDs), memoised or not, up to idLimit of each, so that
	// analyzeDoc can mark them in slices rather than look each word up in
	// two maps of its own (a third of a corpus analysis's map lookups).
	surfIDs, stemIDs map[string]int32
	idLimit          int
}

// memoTypes bounds the token types the memo keeps (bleve's are 0–7).
const memoTypes = 8

type memoEntry struct {
	surface, stem string // surface "" drops the token; stem "" marks a stop word
	// surfID and stemID number surface and stem in a private memo (stemID
	// -1 for a stop word); both are -1 in a shared one.
	surfID, stemID int32
}

// memoLimit bounds the memo; words past it are analysed every time.
const memoLimit = 1 << 20

func newAnalyzer(lang string) (*analyzer, error) {
	cache := registry.NewCache()
	c := chainFor(lang, cache)
	a := &analyzer{chain: c, memo: &termMemo{}}
	var err error
	if a.surface, err = filters(cache, c.Surface); err != nil {
		return nil, err
	}
	if a.index, err = filters(cache, c.Index); err != nil {
		return nil, err
	}
	words, err := cache.TokenMapNamed(c.Stop)
	if err != nil {
		return nil, fmt.Errorf("search: stop words %s: %w", c.Stop, err)
	}
	for w := range words {
		a.stopWords = append(a.stopWords, w)
	}
	sort.Strings(a.stopWords)
	return a, nil
}

func filters(cache *registry.Cache, names []string) ([]analysis.TokenFilter, error) {
	out := make([]analysis.TokenFilter, 0, len(names))
	for _, n := range names {
		f, err := cache.TokenFilterNamed(n)
		if err != nil {
			return nil, fmt.Errorf("search: token filter %s: %w", n, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// token is one word of analysed text. Stem is empty for a stop word.
type token struct {
	Surface string
	Stem    string
	// surfID and stemID are the memo's numbers for Surface and Stem
	// (memoEntry), -1 where it has none.
	surfID, stemID int32
	Pos            int // 1-based word position, stop words included
	Start          int // byte offsets in the analysed text
	End            int
}

// analyze tokenizes text and returns every word with its surface form and
// its stem.
func (a *analyzer) analyze(text string) []token {
	out := make([]token, 0, len(text)/6)
	a.each(text, func(t token) { out = append(out, t) })
	return out
}

// each calls fn with every word of text, as analyze returns them, without
// collecting them: a corpus analysis needs each word once, and a slice of
// a whole article's tokens, grown as it goes, was a tenth of its cost.
func (a *analyzer) each(text string, fn func(token)) {
	textWords(text, func(word string, pos, start, end int, typ analysis.TokenType) {
		var e memoEntry
		ok := false
		if typ >= 0 && typ < memoTypes {
			a.memo.rlock()
			e, ok = a.memo.words.get(typ, word)
			a.memo.runlock()
		}
		if !ok {
			e = a.filter(typ, word)
		}
		if e.surface != "" {
			fn(token{Surface: e.surface, Stem: e.stem, surfID: e.surfID, stemID: e.stemID, Pos: pos, Start: start, End: end})
		}
	})
}

// filter runs the chain's filters over one word and remembers the result.
func (a *analyzer) filter(typ analysis.TokenType, word string) memoEntry {
	var e memoEntry
	one := analysis.TokenStream{{Term: []byte(word), Start: 0, End: len(word), Position: 1, Type: typ}}
	for _, f := range a.surface {
		one = f.Filter(one)
	}
	if len(one) == 1 && len(one[0].Term) > 0 {
		e.surface = string(one[0].Term)
		for _, f := range a.index {
			one = f.Filter(one)
		}
		if len(one) == 1 && len(one[0].Term) > 0 {
			e.stem = string(one[0].Term)
		}
	}
	a.memo.lock()
	e.surfID, e.stemID = a.memo.number(e.surface, e.stem)
	if a.memo.words.n < memoLimit && typ >= 0 && typ < memoTypes {
		if _, dup := a.memo.words.get(typ, word); !dup {
			a.memo.words.put(typ, word, e)
		}
	}
	a.memo.unlock()
	return e
}

// worker returns a copy of the analyzer with a memo of its own, for one
// goroutine of a corpus analysis: a shared memo's read lock, taken for
// every word, was most of the cost of a memo hit.
func (a *analyzer) worker() *analyzer {
	w := *a
	w.memo = &termMemo{private: true, idLimit: cmp.Or(a.idLimit, memoLimit)}
	w.scratch = newDocScratch()
	return &w
}

// number returns the private memo's numbers for surface and stem, made
// when new (-1 for an empty one, and for both in a shared memo); the
// memo's lock is held. Like the memo, the numbering stops growing, at
// idLimit strings of a kind: a string numbered before keeps its number,
// one first seen after is -1 every time, so a document never holds the
// same word both numbered and not (which would give its stem two terms).
func (m *termMemo) number(surface, stem string) (surfID, stemID int32) {
	if !m.private {
		return -1, -1
	}
	if m.surfIDs == nil {
		m.surfIDs, m.stemIDs = map[string]int32{}, map[string]int32{}
	}
	id := func(ids map[string]int32, s string) int32 {
		if s == "" {
			return -1
		}
		n, ok := ids[s]
		if !ok {
			if len(ids) >= m.idLimit {
				return -1
			}
			n = int32(len(ids))
			ids[s] = n
		}
		return n
	}
	return id(m.surfIDs, surface), id(m.stemIDs, stem)
}

func (m *termMemo) rlock() {
	if !m.private {
		m.mu.RLock()
	}
}

func (m *termMemo) runlock() {
	if !m.private {
		m.mu.RUnlock()
	}
}

func (m *termMemo) lock() {
	if !m.private {
		m.mu.Lock()
	}
}

func (m *termMemo) unlock() {
	if !m.private {
		m.mu.Unlock()
	}
}

// fold lowercases s and removes combining marks, so "Úlcera" and "ulcera"
// share a vocabulary key. search.js implements the same function with
// String.prototype.normalize("NFD").
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.M, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lessUTF16 orders strings as JavaScript's < does (by UTF-16 code units), so
// shard bounds written by Go are binary-searchable from the browser.
// It walks both strings' runes without converting them (a []rune and a
// []uint16 of each side made four allocations a comparison, called by
// every sort and search of the vocabulary): UTF-16 orders runes as their
// code points do but for those past U+FFFF, whose first unit (a high
// surrogate, U+D800–U+DBFF) sorts before U+E000–U+FFFF.
func lessUTF16(a, b string) bool {
	for len(a) > 0 && len(b) > 0 {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			ha, la := utf16Units(ra)
			hb, lb := utf16Units(rb)
			if ha != hb {
				return ha < hb
			}
			return la < lb
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) == 0 && len(b) > 0
}

// utf16Units returns r's UTF-16 code units, the second 0 for a rune of one.
func utf16Units(r rune) (uint16, uint16) {
	if r < 0x10000 {
		return uint16(r), 0
	}
	hi, lo := utf16.EncodeRune(r)
	return uint16(hi), uint16(lo)
}

// key2 is the vocabulary shard key of a folded word: its first two runes.
func key2(folded string) string {
	n := 0
	for i := range folded {
		if n == 2 {
			return folded[:i]
		}
		n++
	}
	return folded
}
