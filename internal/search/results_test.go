package search

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestNeededSurfacesKeepsWhatPairsReads: the surface words split records
// are those of the carried stems and of the terms of carried phrase
// lists; a word of a stem no carried list names is left out.
func TestNeededSurfacesKeepsWhatPairsReads(t *testing.T) {
	surfaces := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack", "water": "water", "pill": "pill"}
	carry := map[string]bool{"asthma": true, phrasePrefix + "heart attack": true, "pill": false}
	got := neededSurfaces(surfaces, carry)
	want := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack"}
	if !maps.Equal(got, want) {
		t.Errorf("neededSurfaces = %v, want %v", got, want)
	}
}

// TestHeadIsTheEntryWithoutSentences: newDocHead, which reads no body,
// encodes exactly as the full entry with its sentences dropped (what a
// postings shard's head was made from before).
func TestHeadIsTheEntryWithoutSentences(t *testing.T) {
	docs := append(handDocs(), syntheticDocs(50)...)
	for _, d := range docs {
		e := newDocEntry(d)
		if len(e.Sentences) == 0 {
			t.Fatalf("%s: no sentences, so the test would compare nothing", d.URL)
		}
		e.Sentences = nil
		if got, want := string(htmlSafeJSON(newDocHead(d))), string(htmlSafeJSON(e)); got != want {
			t.Errorf("%s: head %s, want %s", d.URL, got, want)
		}
	}
}

// TestBundleSentencesAreTheExcerptsCut: a bundle splits maxBundleChars of
// a body, which must give the sentences it kept when it cut the
// maxExcerptChars' worth down to maxBundleChars.
func TestBundleSentencesAreTheExcerptsCut(t *testing.T) {
	long := strings.Repeat("word ", 100)
	texts := []string{"", "One.", "Ärztin sagt: Ruhe. " + long + ". Ende.", strings.Repeat("Short one. ", 200),
		strings.Repeat(long+"x. ", 20), strings.Repeat("中文句子。", 300) + " End."}
	for _, d := range append(handDocs(), syntheticDocs(50)...) {
		texts = append(texts, d.body())
	}
	for i, x := range texts {
		got := sentences(x, maxBundleChars)
		want := keepSentences(slices.Values(sentences(x, maxExcerptChars)), maxBundleChars)
		if !slices.Equal(got, want) {
			t.Errorf("text %d: %q, want %q", i, got, want)
		}
	}
}
