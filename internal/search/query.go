package search

import (
	"strings"
	"unicode/utf8"
)

// parsedQuery is a query split the way search.js splits it: free words
// (synonym spans found among them) and quoted phrases, which must match.
type parsedQuery struct {
	words   []token   // unquoted words, stop words included
	phrases [][]token // quoted phrases
	prefix  bool      // the last free word is still being typed (no trailing space)
}

// parseQuery analyses q with a. Text between double quotes is a phrase; an
// unbalanced quote runs to the end of the query.
func parseQuery(a *analyzer, q string) parsedQuery {
	var pq parsedQuery
	parts := strings.Split(q, `"`)
	for i, part := range parts {
		toks := a.analyze(part)
		if i%2 == 1 {
			if len(toks) > 0 {
				pq.phrases = append(pq.phrases, toks)
			}
			continue
		}
		pq.words = append(pq.words, toks...)
	}
	last := parts[len(parts)-1]
	pq.prefix = len(parts)%2 == 1 && last != "" && !strings.HasSuffix(last, " ")
	return pq
}

// synonymSpan is a run of query words equal to a phrase of some synonym
// groups, with the other phrases of those groups as alternatives.
type synonymSpan struct {
	start, end int        // word indexes [start, end)
	alts       [][]string // alternative phrases
}

// phraseWords is a synonym phrase as analysed words.
type phraseWords []token

// findSynonymSpans scans words left to right and returns the longest
// synonym phrase starting at each position not already covered. A phrase
// word matches a query word with the same surface or the same stem.
func findSynonymSpans(words []token, groups [][]phraseWords) []synonymSpan {
	var spans []synonymSpan
	for i := 0; i < len(words); {
		best := 0
		var alts [][]string
		for _, g := range groups {
			for pi, ph := range g {
				n := len(ph)
				if n < best || n == 0 || i+n > len(words) || !phraseAt(words[i:i+n], ph) {
					continue
				}
				if n > best {
					best, alts = n, nil
				}
				for pj, other := range g {
					if pj != pi {
						alts = append(alts, surfaces(other))
					}
				}
			}
		}
		if best == 0 || words[i].Stem == "" {
			i++
			continue
		}
		spans = append(spans, synonymSpan{start: i, end: i + best, alts: alts})
		i += best
	}
	return spans
}

func phraseAt(words []token, ph phraseWords) bool {
	for k, w := range ph {
		q := words[k]
		if q.Surface != w.Surface && (q.Stem == "" || q.Stem != w.Stem) {
			return false
		}
	}
	return true
}

func surfaces(ph phraseWords) []string {
	out := make([]string, len(ph))
	for i, w := range ph {
		out[i] = w.Surface
	}
	return out
}

// analyzeGroups analyses every phrase of every synonym group.
func analyzeGroups(a *analyzer, groups [][]string) [][]phraseWords {
	out := make([][]phraseWords, 0, len(groups))
	for _, g := range groups {
		var pg []phraseWords
		for _, p := range g {
			if toks := a.analyze(p); len(toks) > 0 {
				pg = append(pg, toks)
			}
		}
		out = append(out, pg)
	}
	return out
}

// fuzziness is the edit distance a word of n runes tolerates.
func fuzziness(word string) int {
	switch n := utf8.RuneCountInString(word); {
	case n >= fuzzyTwoEditMinRunes:
		return 2
	case n >= fuzzyOneEditMinRunes:
		return 1
	}
	return 0
}

// damerau returns the optimal-string-alignment distance between a and b
// (a transposition counts as one edit), or max+1 once it exceeds max. It is
// the same function as damerau in search.js.
func damerau(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > max {
		return max + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev = prev, cur
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
