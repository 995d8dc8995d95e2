package search

import (
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// referenceSentences is the first implementation of sentences: it split the
// whole text into runes and sentences before keeping the first ones. The
// current one reads only as far as it keeps and skips the rebuilding of
// sentences that need no change, and walks each sentence once; its
// output must stay the same.
func referenceSentences(text string, limit int) []string {
	var all []string
	var b strings.Builder
	emit := func() {
		if s := strings.Join(strings.Fields(b.String()), " "); s != "" {
			all = append(all, s)
		}
		b.Reset()
	}
	runes := []rune(text)
	for i, r := range runes {
		if r == '\n' {
			emit()
			continue
		}
		b.WriteRune(r)
		if (r == '.' || r == '!' || r == '?') && (i+1 == len(runes) || runes[i+1] == ' ' || runes[i+1] == '\n' || runes[i+1] == '\t') {
			emit()
		}
	}
	emit()
	return keepSentences(slices.Values(all), limit)
}

var sentenceCases = []string{
	"",
	"One. Two! Three? Four",
	"  leading and trailing  \n\n middle   spaces.\tTabbed.\vvertical\ffeed\rreturn",
	"No stop at 3.5 mg or e.g.here. But here.\nAnd a line\r\nwith CRLF.",
	"Non-breaking\u00a0space and\u2003em space; ideographic\u3000space. Next\u0085line.",
	"Ünïcödé sentence — with dashes… Done. ¿Qué tal? Bien.",
	"Invalid \xff byte. And \xe2\x82 a cut rune.",
	"ends with a dot.",
	"...",
	". . .",
	"a  .  b",
	strings.Repeat("A long sentence without a stop that runs on and on ", 20) + ". Short one.",
	strings.Repeat("Word. ", 2000),
	"Plain one. Then two spaces.  After them. A tab\tinside. And\xffinvalid late. Plain again.",
	"Ends with a space \nand a line. \n  \n Lead.",
}

func TestSentencesMatchReference(t *testing.T) {
	for _, text := range sentenceCases {
		for _, limit := range []int{0, 10, 320, maxExcerptChars} {
			got, want := sentences(text, limit), referenceSentences(text, limit)
			if !slices.Equal(got, want) {
				t.Errorf("sentences(%.40q, %d)\n got %q\nwant %q", text, limit, got, want)
			}
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, c := range sentenceCases {
		f.Add(c, maxExcerptChars)
	}
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if got, want := sentences(text, limit), referenceSentences(text, limit); !slices.Equal(got, want) {
			t.Fatalf("sentences(%q, %d)\n got %q\nwant %q", text, limit, got, want)
		}
	})
}

// TestPostingsListsInRankOrder checks every postings list of a built index:
// by score, best first, then by document number, so that equal scores
// cut the same way in every build and in the browser.
func TestPostingsListsInRankOrder(t *testing.T) {
	docs := handDocs()
	for i := range 40 { // equal scores: many short pages of the same words
		docs = append(docs, Doc{URL: fmt.Sprintf("/same/%02d/", i), Title: "Same page", Body: "Asthma and inhalers."})
	}
	files, _, err := Build(docs, Options{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	lists, ties := 0, 0
	for _, f := range files {
		if !strings.HasPrefix(f.Path, "postings/") {
			continue
		}
		var shard map[string]json.RawMessage
		if err := json.Unmarshal(f.Data, &shard); err != nil {
			t.Fatal(err)
		}
		for key, raw := range shard {
			if strings.HasPrefix(key, "#") {
				continue // facet lists are plain document numbers
			}
			var list [][]int
			if err := json.Unmarshal(raw, &list); err != nil {
				t.Fatalf("%s %s: %v", f.Path, key, err)
			}
			lists++
			for i := 1; i < len(list); i++ {
				a, b := list[i-1], list[i]
				if a[1] == b[1] {
					ties++
				}
				if a[1] < b[1] || a[1] == b[1] && a[0] >= b[0] {
					t.Fatalf("%s %q: posting %v before %v", f.Path, key, a, b)
				}
			}
		}
	}
	if lists == 0 || ties == 0 {
		t.Fatalf("checked %d lists with %d equal scores; the test needs both", lists, ties)
	}
}

// keepSentences is how the first implementation kept sentences: each cut
// to maxSentenceChars runes, until the next would pass limit runes in all.
func keepSentences(seq iter.Seq[string], limit int) []string {
	var out []string
	used := 0
	for s := range seq {
		s = truncateRunes(s, maxSentenceChars)
		n := utf8.RuneCountInString(s)
		if used+n > limit {
			break
		}
		out = append(out, s)
		used += n
	}
	return out
}
