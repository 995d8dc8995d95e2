package readability

import (
	"strings"
	"unicode"
)

// Syllables estimates the number of spoken syllables in one English word.
// Hyphenated words count each part; a word with no letters (a number)
// counts as one syllable; any word counts at least one.
func Syllables(word string) int {
	total := 0
	for _, part := range strings.Split(word, "-") {
		total += partSyllables(part)
	}
	if total < 1 {
		return 1
	}
	return total
}

func partSyllables(part string) int {
	letters := make([]rune, 0, len(part))
	hasDigit := false
	for _, r := range part {
		switch {
		case unicode.IsLetter(r):
			letters = append(letters, r)
		case unicode.IsDigit(r):
			hasDigit = true
		}
	}
	if len(letters) == 0 {
		if hasDigit {
			return 1
		}
		return 0
	}
	if n, ok := acronymSyllables(letters); ok {
		return n
	}
	return wordSyllables(strings.ToLower(string(letters)))
}

// acronymSyllables handles short all-capital words that are spelled out
// letter by letter (NHS, GP, MRI, ECG). Longer ones (COVID) and a few that
// are said as words (AIDS) fall through to the word rules.
func acronymSyllables(letters []rune) (int, bool) {
	if len(letters) < 2 || len(letters) > 4 {
		return 0, false
	}
	vowels := 0
	for _, r := range letters {
		if !unicode.IsUpper(r) {
			return 0, false
		}
		if isVowel(unicode.ToLower(r)) {
			vowels++
		}
	}
	if vowels > 0 && len(letters) > 3 { // AIDS, NICE, SARS: said as words
		return 0, false
	}
	n := 0
	for _, r := range letters {
		n++
		if r == 'W' { // "double-you"
			n += 2
		}
	}
	return n, true
}

// splitSuffix splits off a suffix that is pronounced as its own syllable(s)
// and often hides a silent e in the stem ("safely", "careful",
// "treatment", "breathing"). The stem must keep a vowel.
func splitSuffix(w string) (stem string, syllables int, ok bool) {
	for _, s := range [...]struct {
		suffix    string
		syllables int
	}{
		{"ments", 1}, {"ment", 1}, {"ness", 1}, {"less", 1}, {"fully", 2},
		{"ful", 1}, {"ly", 1}, {"ings", 1}, {"ing", 1},
	} {
		stem, found := strings.CutSuffix(w, s.suffix)
		if !found || len(stem) < 2 || !strings.ContainsAny(stem, "aeiouy") {
			continue
		}
		if s.suffix == "ly" && len(stem) < 3 {
			continue
		}
		return stem, s.syllables, true
	}
	return "", 0, false
}

func wordSyllables(w string) int {
	if n, ok := exceptionSyllables(w); ok {
		return n
	}
	if len([]rune(w)) <= 3 { // "the", "use", "see": short words are one syllable
		return 1
	}
	if stem, n, ok := splitSuffix(w); ok {
		return max(1, wordSyllables(stem)) + n
	}
	n := countVowelGroups(w)
	n -= silentEndings(w)
	return max(1, n)
}

// countVowelGroups counts runs of vowels, treating y as a vowel except
// before another vowel or at the start, u after q as a consonant, and
// splitting vowel pairs that are usually two syllables.
func countVowelGroups(w string) int {
	r := []rune(w)
	groups := 0
	inGroup := false
	for i := range r {
		if !vowelAt(r, i) {
			inGroup = false
			continue
		}
		if !inGroup || splitsHere(r, i) {
			groups++
		}
		inGroup = true
	}
	return groups
}

func isVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'à', 'á', 'â', 'ä', 'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï', 'ò', 'ó', 'ô', 'ö', 'ù', 'ú', 'û', 'ü':
		return true
	}
	return false
}

func vowelAt(r []rune, i int) bool {
	c := r[i]
	if !isVowel(c) {
		return false
	}
	if c == 'y' {
		if i == 0 {
			return false
		}
		if i+1 < len(r) && isVowel(r[i+1]) && r[i+1] != 'y' { // "beyond", "player"
			return false
		}
	}
	if c == 'u' && i > 0 && r[i-1] == 'q' {
		return false
	}
	return true
}

// splitsHere reports whether the vowel at i starts a new syllable although
// it follows another vowel: "di-a-be-tes", "bi-ol-o-gy", "so-di-um",
// "vid-e-o", "u-su-al", "in-gre-di-ent", "i-de-a".
func splitsHere(r []rune, i int) bool {
	prev, cur := r[i-1], r[i]
	var before rune // the letter before the vowel pair
	if i >= 2 {
		before = r[i-2]
	}
	soft := before == 'c' || before == 't' || before == 's' || before == 'g' || before == 'x'
	switch {
	case prev == 'i' && cur == 'a':
		return !soft
	case prev == 'i' && cur == 'o':
		if soft {
			return false
		}
		// "million", "union", "opinion": -lion/-nion at the end is one syllable.
		end := string(r[i-1:])
		if (before == 'l' || before == 'n') && (end == "ion" || end == "ions") {
			return false
		}
		return true
	case prev == 'i' && cur == 'u':
		return true
	case prev == 'e' && cur == 'o':
		// "geography" and "video" split; "surgeon" and "pigeon" do not.
		return i == 2 || (before != 'g' && before != 'c')
	case prev == 'u' && cur == 'a':
		return before != 'q' && before != 'g'
	case prev == 'i' && cur == 'e':
		// "ingredient", "experience", but not "patient" or "science".
		rest := string(r[i+1:])
		return !soft && (strings.HasPrefix(rest, "nt") || strings.HasPrefix(rest, "nc"))
	case prev == 'e' && cur == 'a':
		// word-final -ea after a consonant: "nausea", "apnoea", "area".
		return i == len(r)-1 && i >= 3 && !isVowel(before)
	}
	return false
}

// silentEndings returns 1 when the word ends in a silent e, -es or -ed that
// countVowelGroups counted as a syllable.
func silentEndings(w string) int {
	r := []rune(w)
	n := len(r)
	consonant := func(i int) bool { return i >= 0 && !isVowel(r[i]) }
	switch {
	case strings.HasSuffix(w, "e") && consonant(n-2):
		// "table", "simple": consonant + le is a syllable.
		if r[n-2] == 'l' && consonant(n-3) {
			return 0
		}
		return 1
	case strings.HasSuffix(w, "es") && consonant(n-3):
		switch r[n-3] {
		case 's', 'x', 'z', 'c', 'g': // "boxes", "places", "changes"
			return 0
		case 'h':
			if n >= 4 && (r[n-4] == 'c' || r[n-4] == 's') { // "watches", "rashes"
				return 0
			}
		case 'l':
			if consonant(n - 4) { // "tables"
				return 0
			}
		}
		return 1
	case strings.HasSuffix(w, "ed") && consonant(n-3):
		switch r[n-3] {
		case 't', 'd': // "wanted", "needed"
			return 0
		case 'l':
			if consonant(n-4) && r[n-4] != 'l' { // "handled", but not "filled"
				return 0
			}
		}
		return 1
	}
	return 0
}

// exceptionSyllables covers frequent words the rules get wrong. Words
// reach it lower-cased with apostrophes removed.
func exceptionSyllables(w string) (int, bool) {
	switch w {
	case "once", "eye", "eyes":
		return 1, true
	case "ago", "via":
		return 2, true
	case "people", "science", "quiet", "diet", "diets", "poem", "lion", "giant",
		"create", "creates", "react", "reacts", "business", "every", "naive",
		"chaos", "cruel", "fuel", "dual", "fire", "tired", "hour", "hours",
		"prayer", "doesnt", "isnt", "wasnt", "arent", "didnt", "couldnt", "shouldnt", "wouldnt":
		return 2, true
	case "created", "creating", "reaction", "reactions", "areas", "ideas", "cereal":
		return 3, true
	case "diabetes", "anxiety", "society", "variety", "dietary", "experience":
		return 4, true
	}
	return 0, false
}
