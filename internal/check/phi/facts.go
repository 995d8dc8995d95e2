package phi

import "strings"

// lineFacts are cheap facts about a line that let scanLine skip detectors
// that cannot match it.
type lineFacts struct {
	hasDigit bool
	// numberRun is the most digits in one stretch of the line made only of
	// digits and the characters phone, SSN, NHS and IP address patterns
	// put between them (space ( ) . - / +). Every such match lies inside
	// one stretch, so a line whose longest stretch holds fewer digits than
	// a pattern needs cannot contain it.
	numberRun int
	// folded is the line lowercased with the long s (ſ) folded to s: a
	// keyword a (?i) pattern requires is a substring of it. (In Go's case
	// folding only K, k, S and s have non-ASCII partners: the Kelvin sign,
	// which strings.ToLower already maps to k, and ſ.) It is made on the
	// first keyword test: most lines never need it.
	text, folded string
	isFolded     bool
	// ungated makes every keyword test pass (see scan).
	ungated bool
}

func factsOf(text string) *lineFacts {
	f := &lineFacts{text: text}
	run := 0
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case isDigit(c):
			f.hasDigit = true
			run++
			f.numberRun = max(f.numberRun, run)
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/' || c == '+':
		default:
			run = 0
		}
	}
	return f
}

// hasAny reports whether the folded line contains one of the keywords.
func (f *lineFacts) hasAny(keywords ...string) bool {
	if f.ungated {
		return true
	}
	if !f.isFolded {
		f.folded, f.isFolded = strings.ReplaceAll(strings.ToLower(f.text), "ſ", "s"), true
	}
	for _, k := range keywords {
		if strings.Contains(f.folded, k) {
			return true
		}
	}
	return false
}
