package phi

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Name is a person's name in a clinical context: with an honorific and an
// age or a visit, with an age ("John Smith, aged 54"), or after "my/our
// patient". A name alone is not an identifier (authors and reviewers are
// named on every page); a name beside health details is (HIPAA Safe
// Harbor's first identifier, and the UK GDPR's special-category data).
const Name Kind = "name in a clinical context"

var (
	// A patient-style honorific and one to three name words or initials.
	// Dr and Prof are left out: they name the clinicians who write.
	honorificRE = regexp.MustCompile(`\b(?:Mrs|Mr|Ms|Miss|Mx)\.? (?:\p{Lu}[\p{Ll}'’\-]+|\p{Lu}\.)(?: (?:\p{Lu}[\p{Ll}'’\-]+|\p{Lu}\.)){0,2}`)
	// What makes a line about a patient's care.
	clinicalRE = regexp.MustCompile(`(?i)\b(?:aged? \d{1,3}|\d{1,3}[- ]years?[- ]old|patient|came to|attended|was seen|seen in|was admitted|admitted|presented|visited|our clinic|the clinic|surgery on|ward|was diagnosed|diagnosed with)\b`)
	// "our patient John Smith", "my patient, Ana López".
	patientNameRE = regexp.MustCompile(`(?i:\b(?:my|our) (?:patient|client)s?,?) (\p{Lu}\p{Ll}+(?: \p{Lu}[\p{Ll}'’\-]+){1,2})`)
	// "John Smith, aged 54", "John Smith (54)", "John Smith, a 54-year-old".
	nameAgeRE = regexp.MustCompile(`\b(\p{Lu}\p{Ll}+ \p{Lu}[\p{Ll}'’\-]+),? (?:\(?aged? \d{1,3}|\(\d{1,3}\)|an? \d{1,3}[- ]year[- ]old)`)
	// An age range or bound describes a population, not a person.
	ageRangeRE = regexp.MustCompile(`^(?:\s*(?:to|-|–|and|or)\s*(?:\d|over|under|older|younger|above|below)|\+)`)
)

// The cheap tests below gate each pattern: a line that fails one cannot
// match its pattern, and most lines of medical prose fail all three
// (TestGatesNeverHideFindings holds them to that).

// hasHonorific: honorificRE needs one of "Mr", "Ms", "Miss" and "Mx",
// case and all. One walk over the line's capital Ms, rare in prose,
// instead of a search for each.
func hasHonorific(line string) bool {
	for i := strings.IndexByte(line, 'M'); i >= 0 && i+1 < len(line); {
		switch line[i+1] {
		case 'r', 's', 'x':
			return true
		case 'i':
			if strings.HasPrefix(line[i+2:], "ss") {
				return true
			}
		}
		j := strings.IndexByte(line[i+1:], 'M')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hasPatientCue: patientNameRE needs "my/our patient/client" in any case.
// None of those letters has a non-ASCII case partner, so the line with
// its ASCII letters lowered holds the phrase. (Testing for "patient" and
// "my " anywhere on the line let the regexp run over most long paragraphs
// of medical prose.)
//
// The phrases are looked for from "patient" and "client" ('p' and 'c' are
// rarer first bytes than 'm' and 'o'), each found one then checked for
// "my " or "our " before it: two searches a line, where a line with
// "patient" in it (many, in medical prose) took six.
func hasPatientCue(lower []byte) bool {
	return afterOwner(lower, "patient") || afterOwner(lower, "client")
}

// afterOwner reports whether word occurs in lower right after "my " or
// "our ".
func afterOwner(lower []byte, word string) bool {
	for i := 0; i < len(lower); {
		j := bytes.Index(lower[i:], []byte(word))
		if j < 0 {
			return false
		}
		at := i + j
		if bytes.HasSuffix(lower[:at], []byte("my ")) || bytes.HasSuffix(lower[:at], []byte("our ")) {
			return true
		}
		i = at + 1
	}
	return false
}

// hasAgeCue: nameAgeRE needs "age"/"aged" as a word before a digit (the
// "a" in either case), a digit in parentheses, or "year-old"/"year old".
// hasDigit tells whether line has a digit: the first two need one, and
// most lines of prose have none ("ge" is in many of their words).
func hasAgeCue(line string, hasDigit bool) bool {
	for i := -1; hasDigit; { // on a line without a digit, "ge" is not looked for at all
		j := strings.Index(line[i+1:], "ge")
		if j < 0 {
			break
		}
		i += 1 + j
		if i >= 1 && (line[i-1] == 'a' || line[i-1] == 'A') && (i == 1 || !isLetter(line[i-2])) {
			after := strings.TrimPrefix(line[i+2:], "d")
			if len(after) > 1 && after[0] == ' ' && isDigit(after[1]) {
				return true
			}
		}
	}
	for i := strings.Index(line, "year"); i >= 0; { // "year-old" or "year old"
		if rest := line[i+4:]; len(rest) >= 4 && (rest[0] == '-' || rest[0] == ' ') && rest[1:4] == "old" {
			return true
		}
		j := strings.Index(line[i+4:], "year")
		if j < 0 {
			break
		}
		i += 4 + j
	}
	for i := strings.IndexByte(line, '('); hasDigit && i >= 0 && i+1 < len(line); {
		if isDigit(line[i+1]) {
			return true
		}
		j := strings.IndexByte(line[i+1:], '(')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }

// namesWith runs the name patterns over text, whose facts (its ASCII
// letters lowered, whether it has a digit) are in facts; gated false runs
// each on every line, for the test that holds the gates to never hiding
// a finding.
func namesWith(text string, facts *lineFacts, gated bool) []span {
	honorific := !gated || hasHonorific(text)
	var out []span
	if !gated || hasPatientCue(facts.lower) {
		for _, m := range patientNameRE.FindAllStringSubmatchIndex(text, -1) {
			if hasNonNameWord(text[m[2]:m[3]]) {
				continue
			}
			out = append(out, span{m[2], m[3], Name, maskName(text[m[2]:m[3]])})
		}
	}
	if !gated || hasAgeCue(text, facts.hasDigit) {
		for _, m := range nameAgeRE.FindAllStringSubmatchIndex(text, -1) {
			if ageRangeRE.MatchString(text[m[1]:]) || hasNonNameWord(text[m[2]:m[3]]) {
				continue
			}
			out = append(out, span{m[2], m[3], Name, maskName(text[m[2]:m[3]])})
		}
	}
	if honorific {
		if ms := honorificRE.FindAllStringIndex(text, -1); ms != nil && clinicalRE.MatchString(text) {
			for _, m := range ms {
				out = append(out, span{m[0], m[1], Name, maskName(text[m[0]:m[1]])})
			}
		}
	}
	return out
}

// nonNameWords are English words that are capitalised in title-case
// headings and link texts but are nobody's first name or surname:
// articles, prepositions, conjunctions, pronouns, and the words of
// technical and guide titles. "Analysis Using Python (1)" is a heading
// with a number in brackets, not a person aged 1. Words that are also
// names (Will, Grace, May, Hope, Brown, Young, King, Per) are not listed:
// a name beside an age is reported even if it reads like a word.
var nonNameWords = map[string]bool{
	"The": true, "A": true, "An": true, "And": true, "Or": true, "But": true, "Nor": true,
	"Of": true, "For": true, "With": true, "Without": true, "Via": true, "From": true,
	"Into": true, "Onto": true, "To": true, "In": true, "On": true, "At": true, "By": true,
	"About": true, "After": true, "Before": true, "Between": true, "Over": true, "Under": true,
	"Through": true, "During": true, "Vs": true, "Versus": true, "Your": true, "Our": true,
	"My": true, "Their": true, "His": true, "Her": true, "Its": true, "This": true, "That": true,
	"These": true, "Those": true, "What": true, "When": true, "Where": true, "Why": true,
	"How": true, "Who": true, "Which": true, "Is": true, "Are": true, "Was": true, "Were": true,
	"Not": true, "No": true, "All": true, "Any": true, "Each": true, "Every": true, "Some": true,
	"New": true, "Use": true, "Using": true, "Getting": true, "Started": true, "Setting": true,
	"Building": true, "Managing": true, "Understanding": true, "Introducing": true,
	"Creating": true, "Installing": true, "Configuring": true, "Running": true, "Testing": true,
	"Learning": true, "Working": true, "Part": true, "Chapter": true, "Section": true,
	"Step": true, "Stage": true, "Phase": true, "Level": true, "Type": true, "Figure": true,
	"Table": true, "Appendix": true, "Version": true, "Release": true, "Analysis": true,
	"Data": true, "Guide": true, "Introduction": true, "Overview": true, "Summary": true,
	"Example": true, "Examples": true, "Tutorial": true,
}

// hasNonNameWord reports whether one of the words of a candidate name is
// in nonNameWords.
func hasNonNameWord(name string) bool {
	for _, w := range strings.Fields(name) {
		if nonNameWords[w] {
			return true
		}
	}
	return false
}

// maskName keeps an honorific and each word's first letter: "Mrs M*******
// O****".
func maskName(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		switch strings.TrimSuffix(w, ".") {
		case "Mrs", "Mr", "Ms", "Miss", "Mx":
			if i == 0 {
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(w)
		var b strings.Builder
		b.WriteRune(r)
		for _, c := range w[size:] {
			if unicode.IsLetter(c) {
				b.WriteByte('*')
			} else {
				b.WriteRune(c)
			}
		}
		words[i] = b.String()
	}
	return strings.Join(words, " ")
}
