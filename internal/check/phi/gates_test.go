package phi

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// gateLines mixes the lines the other tests use with near misses: labels
// without values, values split by words, the long s and the Kelvin sign in
// labels, and addresses in odd case.
var gateLines = []string{
	"Call (555) 123-4567 now", "Ring 020 7946 0958 please", "+44 (0)20 7946 0958",
	"Paris +33 1 23 45 67 89", "Tel: 02079460958", "call 555-1234", "SSN 123-45-6789",
	"ſocial ſecurity number: 123 45 6789", "NHS number: 9434765919", "MRN: A1B2C3D4E5",
	"Medical record number is A1234567", "hoſpital no. 00123456", "DOB 01/02/1980",
	"born March 3, 1975", "d.o.b. 1980-02-01", "lives at 12 High Street", "221B Baker St",
	"P.O. Box 1234", "from 193.168.1.23 at", "addr 2a01:4f8::8a2e:370:7334",
	"Take 500 mg twice a day for 7 days in 2024.", "Blood pressure 120/80 mmHg.",
	"jane@gmail.com", "PATIENT ID: ab1-2-3-4", "Born on 3rd of March, 2020",
}

// scan runs the detectors over line as Scan does, gated or not.
func scan(line string, gated bool) []span {
	return scanWith(line, gated, new(lineFacts))
}

// factsOf gathers the facts of text.
func factsOf(text string) *lineFacts {
	f := new(lineFacts)
	f.gather(text)
	return f
}

// TestGatesNeverHideFindings holds scan's cheap gates to their promise:
// on every line, the gated scan finds exactly what running every detector
// finds.
func TestGatesNeverHideFindings(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"0", "1", "5", "9", "12", "555", "2024", " ", "-", ".", "/", "(", ")", "+", ":",
		"@", "[@", "a", "x", ".org", "Tel", "MRN", "dob", "born", "NHS", "ssn", "Street", "Rd", "PO Box", "March", "mg", "ſ", "\u212a",
		"://", "http", "www.", "WWW.", "doi:", "DOI: ", "10.", "1234", "PMID", "pmc", "ISBN ", "ISſN", "1.2.3.4", "patient id", "Hospital No"}
	lines := append([]string(nil), gateLines...)
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := 2 + rng.IntN(14); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		lines = append(lines, b.String())
	}
	found := 0
	for _, l := range append(lines, "see [@smith2020] or mail a.b@nhs.net", "[@who] x@y", "@@a", "a@") {
		if emailRE.MatchString(l) && !mayHaveEmail(l) {
			t.Errorf("line %q: mayHaveEmail is false but the pattern matches", l)
		}
		if referenceRE.MatchString(l) && !mayHaveReference(l, factsOf(l)) {
			t.Errorf("line %q: mayHaveReference is false but the pattern matches", l)
		}
	}
	for _, l := range lines {
		got, want := scan(l, true), scan(l, false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("line %q: gated scan %+v, every detector %+v", l, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Fatalf("only %d findings over %d lines: the lines no longer exercise the detectors", found, len(lines))
	}
}

// FuzzGates is the fuzzing form of TestGatesNeverHideFindings.
func FuzzGates(f *testing.F) {
	for _, l := range gateLines {
		f.Add(l)
	}
	f.Add("see [@smith2020] or mail a.b@nhs.net")
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := scan(line, true), scan(line, false); !reflect.DeepEqual(got, want) {
			t.Fatalf("line %q: gated scan %+v, every detector %+v", line, got, want)
		}
		if emailRE.MatchString(line) && !mayHaveEmail(line) {
			t.Fatalf("line %q: mayHaveEmail is false but the pattern matches", line)
		}
		if referenceRE.MatchString(line) && !mayHaveReference(line, factsOf(line)) {
			t.Fatalf("line %q: mayHaveReference is false but the pattern matches", line)
		}
	})
}

// TestGatherMatchesByteByByte holds the eight-bytes-at-a-time lowering and
// digit and ASCII tests to what a byte-by-byte loop finds, for every byte
// value at every position of a word and in the tail after the last word.
func TestGatherMatchesByteByByte(t *testing.T) {
	t.Parallel()
	for c := range 256 {
		for n := 1; n <= 17; n++ {
			for at := range n {
				b := []byte(strings.Repeat("x", n))
				b[at] = byte(c)
				var f lineFacts
				f.gather(string(b))
				want := bytes.Clone(b)
				if c >= 'A' && c <= 'Z' {
					want[at] = byte(c) + 'a' - 'A'
				}
				if !bytes.Equal(f.lower, want) || f.ascii != (c < 0x80) || f.hasDigit != (c >= '0' && c <= '9') {
					t.Fatalf("byte %#x at %d of %d: lower %q ascii %v digit %v, want %q %v %v",
						c, at, n, f.lower, f.ascii, f.hasDigit, want, c < 0x80, c >= '0' && c <= '9')
				}
			}
		}
	}
}

// TestStreetWordWalkMatchesSearch holds hasStreetWord's walk over a line's
// capitals to what it replaced, a search of the line for each street word:
// on random lines of street words, their halves, other capitals and
// letters, at every offset from the eight-byte steps of the walk.
func TestStreetWordWalkMatchesSearch(t *testing.T) {
	t.Parallel()
	search := func(text string) bool {
		for _, w := range streetWords {
			if strings.Contains(text, w) {
				return true
			}
		}
		return false
	}
	parts := []string{" ", "x", "é", "Z", "A", "S", "t", "T", "ST", "St", "Ro", "ad", "Me", "ws", "Gard", "ens",
		"Hw", "y", "\x7f", "[", "@", "La", "ne", "L", "n", "Bou", "levard", "Mews", "q"}
	rng := rand.New(rand.NewPCG(3, 4))
	lines := []string{"", "S", "St", "12 High Street", "221B Baker St", "no street here at all, none"}
	for _, w := range streetWords {
		for pad := range 9 {
			lines = append(lines, strings.Repeat("x", pad)+w, strings.Repeat("x", pad)+w[:len(w)-1])
		}
	}
	for range 20000 {
		var b strings.Builder
		for n := rng.IntN(12); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		lines = append(lines, b.String())
	}
	found := 0
	for _, l := range lines {
		want := search(l)
		if got := hasStreetWord(l); got != want {
			t.Errorf("hasStreetWord(%q) = %v, a search for each word %v", l, got, want)
		}
		if want {
			found++
		}
	}
	t.Logf("found %d of %d", found, len(lines))
	if found < len(lines)/4 || found > len(lines)*3/4 {
		t.Errorf("%d of %d lines hold a street word: the lines do not test both answers", found, len(lines))
	}
}

// TestScanMatchesLineByLine holds Scan, which looks for the allow marker
// on a line only when its file holds one and reuses one lineFacts for
// every line, to scanning each line alone (scanLineByLine): on random
// files of the gate lines, the name cues and their near misses, an allow
// marker, CRLF and front matter.
func TestScanMatchesLineByLine(t *testing.T) {
	t.Parallel()
	parts := append([]string{"\n", "\n", "\r\n", " ", "my patient John Smith", "our client Ana López", "My Patient",
		"Patient", "year-old", "year old", "years old", "John Smith, aged 54", "Mary Jones (54)", "a 54-year-old", "Ann Lee, a 54-year-old", "Tom Hale, a 7 year old",
		"Mrs Mary Jones was admitted", "Year", "YEAR-OLD", AllowMarker, "---\n", "doi: 10.1000/182\n", "date: 2024-01-02\n",
		"é", "ſ"}, gateLines...)
	rng := rand.New(rand.NewPCG(7, 8))
	files := 0
	for range 3000 {
		var b strings.Builder
		if rng.IntN(3) == 0 {
			b.WriteString("---\ntitle: T\n")
		}
		for n := rng.IntN(24); n > 0; n-- {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		src := []byte(b.String())
		got, want := Scan(src), scanLineByLine(src)
		if len(got) > 0 {
			files++
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("file %q:\nScan        %+v\nline by line %+v", src, got, want)
		}
	}
	if files < 1000 {
		t.Errorf("only %d of 3000 files had findings: the files do not test Scan", files)
	}
}

// scanLineByLine is Scan written plainly: each line split, tested for
// the marker and scanned alone with facts of its own.
func scanLineByLine(src []byte) []Finding {
	var out []Finding
	open, fm := frontMatter(src)
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if strings.Contains(line, AllowMarker) {
			continue
		}
		if i >= open && i < fm && (i == open || i == fm-1 || skipFrontMatterLine(line)) {
			continue
		}
		col, at := 1, 0
		for _, s := range scanWith(line, true, new(lineFacts)) {
			col += utf8.RuneCountInString(line[at:s.start])
			at = s.start
			out = append(out, Finding{Line: i + 1, Col: col, Kind: s.kind, Masked: s.masked, Match: line[s.start:s.end]})
		}
	}
	return out
}
