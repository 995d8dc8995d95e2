package render

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/medkb/medkb/internal/page"
)

func pages(titles ...string) []*page.Page {
	var out []*page.Page
	for _, t := range titles {
		out = append(out, &page.Page{Meta: page.Meta{Title: t}})
	}
	return out
}

// index renders an A–Z index as "A:x,y B: C:z" (letters without entries
// are kept: the jump list shows them inert).
func index(az AZ[*page.Page]) string {
	var parts []string
	for _, l := range az.Letters {
		var titles []string
		for _, p := range l.Entries {
			titles = append(titles, p.Meta.Title)
		}
		parts = append(parts, l.Letter+":"+strings.Join(titles, ","))
	}
	return strings.Join(parts, " ")
}

func TestSectionAZGroupsInTheLanguagesCollation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, alphabet string
		titles               []string
		want                 string
	}{
		{"diacritics file under the base letter, sorted in collation order", "en", "A B C D E",
			[]string{"Eczema", "Épilepsie", "ear wax", "Asthma", "Ácido", "Bronchitis"},
			"A:Ácido,Asthma B:Bronchitis C: D: E:ear wax,Eczema,Épilepsie"},
		{"Ñ is its own letter in Spanish", "es", "M N Ñ O",
			[]string{"Ñame", "Náuseas", "Ojo"},
			"M: N:Náuseas Ñ:Ñame O:Ojo"},
		{"other scripts open groups after the alphabet; digits and symbols go under #", "en", "A B",
			[]string{"Β-blockers", "5-a-day", "Αλλεργία", "Ангина", "Aspirin", "“Brain fog”"},
			"A:Aspirin B:“Brain fog” Α:Αλλεργία Β:Β-blockers А:Ангина #:5-a-day"},
		{"Arabic hamza forms file under alif", "ar", "ا ب ت",
			[]string{"تنفس", "إبرة", "أنسولين", "ربو"},
			"ا:أنسولين,إبرة ب: ت:تنفس ر:ربو"},
		{"no alphabet: only the letters found", "en", "",
			[]string{"Zinc", "apple", "Éclair"},
			"A:apple E:Éclair Z:Zinc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := index(SectionAZ(tt.lang, strings.Fields(tt.alphabet), pages(tt.titles...)))
			if got != tt.want {
				t.Errorf("SectionAZ(%s, %q)\n got %s\nwant %s", tt.lang, tt.titles, got, tt.want)
			}
		})
	}
}

func TestAZLetterIDsAndFlat(t *testing.T) {
	t.Parallel()
	az := SectionAZ("en", []string{"A", "B"}, pages("Bee", "Ant", "Éclair"))
	var ids []string
	for _, l := range az.Letters {
		ids = append(ids, l.ID)
	}
	if want := []string{"az-A", "az-B", "az-E"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %q, want %q", ids, want)
	}
	var flat []string
	for _, p := range az.Flat() {
		flat = append(flat, p.Meta.Title)
	}
	if want := []string{"Ant", "Bee", "Éclair"}; !slices.Equal(flat, want) {
		t.Errorf("Flat = %q, want %q", flat, want)
	}
	if !az.Any() || (AZ[*page.Page]{}).Any() {
		t.Error("Any is wrong")
	}
}

func TestGlossaryAZ(t *testing.T) {
	t.Parallel()
	az := GlossaryAZ("en", []string{"A", "B"}, []page.GlossaryTerm{{Term: "Bronchodilator"}, {Term: "angina"}, {Term: "Atheroma"}})
	var got []string
	for _, l := range az.Letters {
		for _, e := range l.Entries {
			got = append(got, l.Letter+"/"+e.Term)
		}
	}
	if want := []string{"A/angina", "A/Atheroma", "B/Bronchodilator"}; !slices.Equal(got, want) {
		t.Errorf("glossary index = %q, want %q", got, want)
	}
}

// TestSectionAZSortsAsTheCollatorCompares: the entries of a letter are in
// the order the language's collator compares their titles (case ignored),
// titles it holds equal in the order given. The index sorts by keys made
// once per title; this compares it with sorting by CompareString.
func TestSectionAZSortsAsTheCollatorCompares(t *testing.T) {
	t.Parallel()
	// Upper case before lower, so that case-ignoring ties keep an order a
	// case-sensitive sort would change; ö sorts after z in Swedish only.
	parts := []string{"EAR", "Ear", "ear", "Éar", "éar", "ea r", "eb", "e-b", "ÉCZEMA", "Eczema", "e", "Ear-wax", "ear wax", "eö", "ez"}
	var titles []string
	for i, a := range parts {
		for _, b := range parts[i%3:] {
			titles = append(titles, a+" "+b)
		}
	}
	for _, lang := range []string{"en", "fr", "sv"} {
		order := collate.New(language.MustParse(lang), collate.IgnoreCase)
		want := slices.Clone(titles)
		slices.SortStableFunc(want, order.CompareString)
		var got []string
		for _, p := range SectionAZ(lang, []string{"E"}, pages(titles...)).Flat() {
			got = append(got, p.Meta.Title)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: SectionAZ order differs from CompareString's:\n got %q\nwant %q", lang, got, want)
		}
	}
}
