package phi

import (
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

// mayHaveName is a cheap filter: every pattern above needs one of these.
func mayHaveName(line string) bool {
	if strings.Contains(line, "Mr") || strings.Contains(line, "Ms") || strings.Contains(line, "Miss") || strings.Contains(line, "Mx") {
		return true
	}
	l := strings.ToLower(line)
	return strings.Contains(l, "patient") || strings.Contains(l, "client") || strings.Contains(l, "age") ||
		strings.Contains(l, "year") || strings.Contains(line, "(")
}

func findNames(text string) []span {
	if !mayHaveName(text) {
		return nil
	}
	var out []span
	for _, m := range patientNameRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, span{m[2], m[3], Name, maskName(text[m[2]:m[3]])})
	}
	for _, m := range nameAgeRE.FindAllStringSubmatchIndex(text, -1) {
		if ageRangeRE.MatchString(text[m[1]:]) {
			continue
		}
		out = append(out, span{m[2], m[3], Name, maskName(text[m[2]:m[3]])})
	}
	if clinicalRE.MatchString(text) {
		for _, m := range honorificRE.FindAllStringIndex(text, -1) {
			out = append(out, span{m[0], m[1], Name, maskName(text[m[0]:m[1]])})
		}
	}
	return out
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
