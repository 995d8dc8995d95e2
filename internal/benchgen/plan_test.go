package benchgen

import (
	"math/rand/v2"
	"testing"
)

func TestHeadingID(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"When to see a doctor", "when-to-see-a-doctor"},
		{"Living with type 2 diabetes", "living-with-type-2-diabetes"},
		{"COVID-19: what to expect", "covid-19-what-to-expect"},
		{"  --Crohn's disease!  ", "crohn-s-disease"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := headingID(tt.in); got != tt.want {
			t.Errorf("headingID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTitlesStayUniqueAtScale plans (without writing) a corpus far larger
// than the title templates alone could name, in the smallest section layout.
func TestTitlesStayUniqueAtScale(t *testing.T) {
	t.Parallel()
	for _, o := range []Options{{Articles: 20000, Seed: 1, Sections: 12}, {Articles: 5000, Seed: 2, Sections: 1}} {
		p := newPlan(o)
		titles, slugs := map[string]bool{}, map[string]bool{}
		for _, a := range p.articles {
			if titles[a.Title] || slugs[a.Slug] {
				t.Fatalf("%+v: duplicate title %q or slug %q", o, a.Title, a.Slug)
			}
			titles[a.Title], slugs[a.Slug] = true, true
			if a.Slug != headingID(a.Title) {
				t.Errorf("slug %q is not the title's id %q", a.Slug, headingID(a.Title))
			}
		}
	}
}

func TestVocabularyIsLargeAndZipfian(t *testing.T) {
	t.Parallel()
	v := newVocabulary()
	if n := len(v.words); n < 3000 || n > 5000 {
		t.Errorf("%d words, want 3,000–5,000", n)
	}
	seen := map[string]bool{}
	for _, w := range v.words {
		if seen[w] {
			t.Errorf("word %q listed twice", w)
		}
		seen[w] = true
	}
	// P(rank 1)/P(rank 10) should be 10^1.07 ≈ 11.7.
	if ratio := v.cdf[0] / (v.cdf[9] - v.cdf[8]); ratio < 11 || ratio > 12.5 {
		t.Errorf("P(1)/P(10) = %.2f, want ≈ 11.7", ratio)
	}
}

func TestWordSamplingFollowsRanks(t *testing.T) {
	t.Parallel()
	v := newVocabulary()
	r := rand.New(rand.NewPCG(1, 2))
	counts := map[string]int{}
	for range 400_000 {
		counts[v.word(r)]++
	}
	// Expected ratio 10^1.07 ≈ 11.7; 400k draws keep the noise well inside ±15%.
	ratio := float64(counts[v.words[0]]) / float64(counts[v.words[9]])
	if ratio < 10 || ratio > 13.5 {
		t.Errorf("count(rank 1)/count(rank 10) = %.2f, want ≈ 11.7", ratio)
	}
	if len(counts) < len(v.words)*9/10 {
		t.Errorf("only %d of %d words drawn in 400k samples", len(counts), len(v.words))
	}
}

func TestTagPoolHas200UniqueSlugs(t *testing.T) {
	t.Parallel()
	tags := tagPool()
	if len(tags) != 200 {
		t.Errorf("%d tags, want 200", len(tags))
	}
	seen := map[string]bool{}
	for _, tag := range tags {
		if seen[tag] || tag != headingID(tag) {
			t.Errorf("tag %q is repeated or not a slug", tag)
		}
		seen[tag] = true
	}
}
