package readability

import (
	"math"
	"strings"
	"testing"
)

// TestAnalyzePublished checks scores against examples whose scores are
// published in the Flesch–Kincaid literature (both appear in the Wikipedia
// article "Flesch–Kincaid readability tests"). Published values are given
// to one decimal place, so the tolerance is 0.05.
func TestAnalyzePublished(t *testing.T) {
	tests := []struct {
		name             string
		text             string
		words, syllables int
		wantEase, wantFK float64
	}{
		{
			name:  "cat on the mat",
			text:  "The cat sat on the mat.",
			words: 6, syllables: 6,
			wantEase: 116.1, wantFK: -1.4,
		},
		{
			name:  "platypus",
			text:  "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
			words: 13, syllables: 26,
			wantEase: 24.4, wantFK: 13.1,
		},
	}
	const tolerance = 0.05 + 1e-9
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Analyze(tt.text)
			if got.Words != tt.words || got.Syllables != tt.syllables || got.Sentences != 1 {
				t.Fatalf("counts = %d words, %d syllables, %d sentences; want %d, %d, 1",
					got.Words, got.Syllables, got.Sentences, tt.words, tt.syllables)
			}
			if math.Abs(round1(got.FleschEase)-tt.wantEase) > tolerance {
				t.Errorf("FleschEase = %.2f, want %.1f", got.FleschEase, tt.wantEase)
			}
			if math.Abs(round1(got.FKGrade)-tt.wantFK) > tolerance {
				t.Errorf("FKGrade = %.2f, want %.1f", got.FKGrade, tt.wantFK)
			}
		})
	}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// TestAnalyzeHandCounted uses a patient-information passage counted by hand
// (words, sentences, dictionary syllables) and checks every score against
// the formulas to within 0.01.
func TestAnalyzeHandCounted(t *testing.T) {
	// Polysyllables: inflammation(4), medicine(3), important(3),
	// exercise(3), emergency(4) → 5; "every" and "even" have two.
	text := "Asthma is a long-term inflammation of your airways.\n" + // 8 words, 14 syl
		"Take your medicine every day, even when you feel well.\n" + // 10 words, 14 syl
		"It is important to exercise.\n" + // 5 words, 9 syl
		"Call 999 in an emergency!" // 5 words, 8 syl
	got := Analyze(text)
	want := Scores{Words: 28, Sentences: 4, Syllables: 45, Polysyllables: 5}
	if got.Words != want.Words || got.Sentences != want.Sentences ||
		got.Syllables != want.Syllables || got.Polysyllables != want.Polysyllables {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
	fk := 0.39*(28.0/4) + 11.8*(45.0/28) - 15.59
	smog := 1.0430*math.Sqrt(5*30.0/4) + 3.1291
	if math.Abs(got.FKGrade-fk) > 0.01 || math.Abs(got.SMOG-smog) > 0.01 {
		t.Errorf("FK %.3f SMOG %.3f, want %.3f %.3f", got.FKGrade, got.SMOG, fk, smog)
	}
	if got.LongestWords[0] != "inflammation" {
		t.Errorf("LongestWords = %q, want inflammation first", got.LongestWords)
	}
}

// TestSMOGAboveFK checks the well-known relationship on ordinary prose: SMOG
// reads about two to four grades above Flesch–Kincaid.
func TestSMOGAboveFK(t *testing.T) {
	text := strings.Join([]string{
		"High blood pressure rarely causes symptoms, but it raises your risk of heart attack and stroke.",
		"Your doctor can check your blood pressure with a simple test.",
		"If your readings stay high, lifestyle changes and medication can help bring them down.",
		"Eating less salt, being more active and drinking less alcohol all make a real difference.",
		"Some people need to take tablets every day for the rest of their lives.",
		"Regular reviews make sure the treatment is still working and is not causing side effects.",
	}, " ")
	got := Analyze(text)
	if d := got.SMOG - got.FKGrade; d < 1.5 || d > 4.5 {
		t.Errorf("SMOG %.1f - FK %.1f = %.1f, want between 1.5 and 4.5", got.SMOG, got.FKGrade, d)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 0},
		{"whitespace and punctuation only", "  \n ... \n -- ", 0},
		{"two sentences", "It hurts. Rest it.", 2},
		{"question and exclamation", "Is it serious? No! See a GP.", 3},
		{"no final stop", "Wash your hands", 1},
		{"list items and heading are sentences", "Symptoms\n- cough\n- wheeze\n- chest tightness", 4},
		{"blank lines ignored", "One.\n\n\nTwo.", 2},
		{"abbreviations do not split", "Take e.g. paracetamol or ibuprofen, i.e. a painkiller.", 1},
		{"titles do not split", "Ask Dr. Patel or Mrs. Jones.", 1},
		{"initials do not split", "J. R. Smith wrote it.", 1},
		{"decimals do not split", "Take 2.5 ml twice a day.", 1},
		{"closing quote after stop", `He said "stop." Then he left.`, 2},
		{"ellipsis then more text", "Wait... then go.", 2},
		{"dotted acronym mid sentence", "In the U.S. many people have it.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Analyze(tt.text).Sentences; got != tt.want {
				t.Errorf("Sentences(%q) = %d, want %d", tt.text, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		text      string
		words     int
		syllables int
	}{
		{"follow-up", 1, 3},
		{"and/or", 2, 2},
		{"it's don't", 2, 2},
		{"Take 500 mg", 3, 3},
		{"NHS GP", 2, 5},
		{"MRI scan", 2, 4},
		{"COVID-19", 1, 3},
		{"— – …", 0, 0},
		{"(asthma)", 1, 2},
	}
	for _, tt := range tests {
		got := Analyze(tt.text)
		if got.Words != tt.words || got.Syllables != tt.syllables {
			t.Errorf("Analyze(%q) = %d words %d syllables, want %d %d",
				tt.text, got.Words, got.Syllables, tt.words, tt.syllables)
		}
	}
}

func TestAnalyzeEmptyHasNoScores(t *testing.T) {
	got := Analyze("")
	if got.FKGrade != 0 || got.SMOG != 0 || got.FleschEase != 0 {
		t.Errorf("empty text scored %+v, want zero scores", got)
	}
}

// TestCounterMatchesAnalyze holds a Counter, whose syllable memo carries
// over from text to text, to fresh analyses of each text.
func TestCounterMatchesAnalyze(t *testing.T) {
	texts := []string{
		"The cat sat on the mat. Immunisation protects children.",
		"Immunisation and vaccination protect communities. The cat sat.\nAnother line, with words.",
		"",
		"Cardiovascular disease is common. CARDIOVASCULAR checks help. Cardiovascular!",
		strings.Repeat("Hypertension is often silent. ", 50),
	}
	var c Counter
	for round := 0; round < 2; round++ {
		for i, text := range texts {
			got, want := c.Analyze(text), Analyze(text)
			if got.Words != want.Words || got.Sentences != want.Sentences || got.Syllables != want.Syllables ||
				got.Polysyllables != want.Polysyllables || got.FKGrade != want.FKGrade || got.SMOG != want.SMOG ||
				strings.Join(got.LongestWords, ",") != strings.Join(want.LongestWords, ",") {
				t.Errorf("round %d, text %d: Counter %+v, Analyze %+v", round, i, got, want)
			}
		}
	}
	if len(c.known) == 0 {
		t.Error("the Counter remembered no words")
	}
}

// TestHardestIsTheHardestBlock holds Scores.Hardest, found in Analyze's one
// pass, to scoring each block on its own: the first block of at least
// MinBlockWords words with the highest grade, and that block's grade.
func TestHardestIsTheHardestBlock(t *testing.T) {
	t.Parallel()
	texts := []string{
		"Short heading\nThe cat sat on the mat and the dog sat too.\nCardiovascular complications necessitate comprehensive pharmacological intervention today.\nEat well.",
		"Two blocks that read the same, word for word and all.\nTwo blocks that read the same, word for word and all.",
		"Too short.\nAlso short.",
		"Immunisation programmes reduce hospitalisation considerably. Vaccination helps.\n\nDrink water when you are thirsty, and rest when you are tired.",
		"Café crème: an évaluation of the patient’s médications and/or dosages — reviewed…\nA plain line of eight words is here now.",
	}
	for _, text := range texts {
		s := Analyze(text)
		want, grade := "", 0.0
		for block := range strings.SplitSeq(text, "\n") {
			b := Analyze(block)
			if b.Words >= MinBlockWords && (want == "" || b.FKGrade > grade) {
				want, grade = block, b.FKGrade
			}
		}
		if s.Hardest != want || s.HardestGrade != grade {
			t.Errorf("Analyze(%q): hardest %q (grade %v), want %q (grade %v)", text, s.Hardest, s.HardestGrade, want, grade)
		}
	}
}

// TestASCIIScanMatchesUnicodeScan holds the byte-by-byte scan of ASCII
// blocks to the rune-by-rune scan every other block takes.
func TestASCIIScanMatchesUnicodeScan(t *testing.T) {
	t.Parallel()
	blocks := []string{
		"The cat sat on the mat.", "and/or  e.g. Dr. Smith said: \"Stop!\" (really?) [1] *done*.",
		"U.S. rules... apply. A. B. Jones", "x//y /// 3.5 mg, 10%", "\tTabs\vand\fform feeds\rhere. ",
		"'Quoted.' \"Double.\"] end_", "...", ".", "", "   ", "...word...", "--- __ ** !!",
	}
	for _, b := range blocks {
		assertSameScan(t, b)
	}
}

func assertSameScan(t *testing.T, block string) {
	t.Helper()
	var a, u []string
	na := scanBlockASCII(block, func(w string) { a = append(a, w) })
	nu := scanBlockUnicode(block, func(w string) { u = append(u, w) })
	if na != nu || strings.Join(a, "|") != strings.Join(u, "|") {
		t.Errorf("block %q: ASCII scan %d sentences %q, Unicode scan %d %q", block, na, a, nu, u)
	}
}

// TestASCIIBlockTests holds isASCII, which reads eight bytes at a time,
// and isASCIISpace, two comparisons, to their byte-by-byte definitions:
// every byte value at every offset of blocks of 1 to 17 bytes, and every
// byte against the six ASCII spaces.
func TestASCIIBlockTests(t *testing.T) {
	t.Parallel()
	for c := range 256 {
		if got, want := isASCIISpace(byte(c)), strings.IndexByte(" \t\n\v\f\r", byte(c)) >= 0; got != want {
			t.Errorf("isASCIISpace(%#x) = %v, want %v", c, got, want)
		}
		for n := 1; n <= 17; n++ {
			for at := range n {
				b := []byte(strings.Repeat("x", n))
				b[at] = byte(c)
				if got, want := isASCII(string(b)), c < 0x80; got != want {
					t.Fatalf("isASCII of %q = %v, want %v", b, got, want)
				}
			}
		}
	}
}
