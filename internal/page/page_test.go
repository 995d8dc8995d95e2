package page

import (
	"strings"
	"testing"
)

var wordCases = []string{
	"", " ", "one", " two  words ", "tab\tnew\nline\rcr\vvt\fff",
	"non\u00a0breaking and\u2003em\u3000ideographic\u0085nel",
	"ünïcödé wörds — and dashes…", "bad \xff utf8 \xe2\x82 cut",
}

// TestWordsMatchesFields holds Words to the definition it replaces.
func TestWordsMatchesFields(t *testing.T) {
	for _, s := range wordCases {
		if got, want := wordsOf(s), len(strings.Fields(s)); got != want {
			t.Errorf("Words of %q = %d, want %d", s, got, want)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordsOf(s), len(strings.Fields(s)); got != want {
			t.Fatalf("Words of %q = %d, want %d", s, got, want)
		}
	})
}

func wordsOf(s string) int {
	p := &Page{}
	p.SetText(Text{Plain: s})
	n, err := p.Words()
	if err != nil {
		panic(err)
	}
	return n
}

// A reference's link takes its DOI as the citation list does: written
// with "doi:" or as a resolver address, it is the same address; a DOI
// not shaped as one gives way to the PMID or URL.
func TestReferenceLinkReadsTheDOIAsWritten(t *testing.T) {
	for _, c := range []struct {
		ref  Reference
		want string
	}{
		{Reference{DOI: "10.1056/NEJMoa2034577"}, "https://doi.org/10.1056/NEJMoa2034577"},
		{Reference{DOI: "doi:10.1056/NEJMoa2034577"}, "https://doi.org/10.1056/NEJMoa2034577"},
		{Reference{DOI: "https://doi.org/10.1016/S0140-6736(25)22852-7"}, "https://doi.org/10.1016/S0140-6736(25)22852-7"},
		{Reference{DOI: "not-a-doi", PMID: "123", URL: "https://example.org/"}, "https://pubmed.ncbi.nlm.nih.gov/123/"},
		{Reference{DOI: "not-a-doi", URL: "https://example.org/"}, "https://example.org/"},
	} {
		if got := c.ref.Link(); got != c.want {
			t.Errorf("%+v: Link() = %q, want %q", c.ref, got, c.want)
		}
	}
}
