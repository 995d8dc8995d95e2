package phi

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestNamesInAClinicalContext(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: A\n---\n" +
		"Mrs Margaret Okoye, aged 54, came to our clinic on 3 March.\n" +
		"Our patient John Smith had a cough.\n" +
		"Ana López (61) was admitted with pneumonia.\n" +
		"We saw Peter Jones, a 45-year-old builder.\n" +
		"Grace Young (7) was seen in the clinic.\n" + // words that are names too
		// A row of a patient table R printed is an identifier: the row
		// number before the name changes nothing.
		"    ## 1 Mrs Jane Smith     42 F     ward 3\n" +
		"    ## 2 Ahmed Khan aged 61   admitted\n"
	got := Scan([]byte(src))
	var names []Finding
	for _, f := range got {
		if f.Kind == Name {
			names = append(names, f)
		}
	}
	want := []Finding{
		{Line: 4, Col: 1, Kind: Name, Masked: "Mrs M******* O****", Match: "Mrs Margaret Okoye"},
		{Line: 5, Col: 13, Kind: Name, Masked: "J*** S****", Match: "John Smith"},
		{Line: 6, Col: 1, Kind: Name, Masked: "A** L****", Match: "Ana López"},
		{Line: 7, Col: 8, Kind: Name, Masked: "P**** J****", Match: "Peter Jones"},
		{Line: 8, Col: 1, Kind: Name, Masked: "G**** Y****", Match: "Grace Young"},
		{Line: 9, Col: 10, Kind: Name, Masked: "Mrs J*** S****", Match: "Mrs Jane Smith"},
		{Line: 10, Col: 10, Kind: Name, Masked: "A**** K***", Match: "Ahmed Khan"},
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("names\n got %+v\nwant %+v", names, want)
	}
}

func TestNamesWithoutAClinicalContextAreNotIdentifiers(t *testing.T) {
	t.Parallel()
	for _, line := range []string{
		"Reviewed by Dr Alex Morgan, Consultant in Respiratory Medicine.",
		"Mr Men books are fun.", // an honorific without a clinical context
		"Adults Aged 40 to 74 are invited.",
		"The NHS Health Check, aged 40 to 74, every five years.",
		"Type 2 diabetes (T2D) is common in people aged 40 and over.",
		"Our patients say the clinic is friendly.",
		"Mrs Okoye, aged 54 <!-- medkb:allow-identifier -->",
		// Rows of R's output (USAID-OHA-SI/usaid-oha-si.github.io, MIT):
		// a row number, a place and a count are no name and age.
		"    ##  1 New Sou~ Banks Males 18-19                 1102             1431",
		"## 3 Minoria Dedup",
		"    ##  1 New South Wales Divisions",
	} {
		for _, f := range Scan([]byte(line + "\n")) {
			if f.Kind == Name {
				t.Errorf("%q: reported %+v", line, f)
			}
		}
	}
}

// names runs the name patterns over text as Scan does, gated or not.
func names(text string, gated bool) []span {
	return namesWith(text, factsOf(text), gated)
}

func TestNameGatesNeverHideNames(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 4))
	parts := []string{"Mrs ", "Mr. ", "Ms ", "Miss ", "Mx ", "Margaret ", "Okoye", "John ", "Smith", "López ", ", ", " ", "(",
		"54", ")", "aged ", "Aged ", "age ", "page ", "a ", "45-year-old", " year old", "our ", "My ", "patient ", "Patient ",
		"client, ", "came to", " clinic", "was admitted", "to 74", "-", "over", "A", "b",
		"OUR ", "mY ", "PATIENT ", "cLIENTs ", "Year-old", "year-", "old ", "an 8 year", "ient "}
	found := 0
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := 2 + rng.IntN(10); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		l := b.String()
		got, want := names(l, true), names(l, false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("line %q: gated %+v, ungated %+v", l, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Fatalf("only %d names found: the lines no longer exercise the patterns", found)
	}
}
