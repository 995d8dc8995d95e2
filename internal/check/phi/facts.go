package phi

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

// lineFacts are cheap facts about a line that let scanWith skip detectors
// that cannot match it. gather sets them in one pass over the line.
type lineFacts struct {
	hasDigit bool
	// numberRun is the most digits in one stretch of the line made only of
	// digits and the characters phone, SSN, NHS and IP address patterns
	// put between them (space ( ) . - / +). Every such match lies inside
	// one stretch, so a line whose longest stretch holds fewer digits than
	// a pattern needs cannot contain it.
	numberRun int
	// dotted is the most dots between two digits in one stretch of the
	// line made only of digits and dots: an IPv4 address needs three.
	dotted int
	// lower is the line with its ASCII letters lowercased, every other
	// byte as it is. On a line of ASCII only that is Go's whole (?i)
	// folding, so a keyword a (?i) pattern requires is a substring of it.
	lower []byte
	ascii bool
	// folded is the line lowercased with the long s (ſ) folded to s, for
	// a line with other than ASCII: a keyword a (?i) pattern requires is
	// a substring of it. (In Go's case folding only K, k, S and s have
	// non-ASCII partners: the Kelvin sign, which strings.ToLower already
	// maps to k, and ſ.) It is made on the first keyword test.
	text, folded string
	isFolded     bool
	// ungated makes every keyword test pass (see scanWith).
	ungated bool
}

// gather sets f to the facts of text, reusing the storage of f.lower.
// Every line of a file passes here, most of them prose without a digit:
// lowering, and the tests for a digit and for bytes above ASCII, go eight
// bytes at a time; only a line with a digit is walked byte by byte for
// numberRun and dotted.
func (f *lineFacts) gather(text string) {
	*f = lineFacts{text: text, lower: f.lower}
	lower := append(f.lower[:0], text...)
	var high, digits uint64 // the high bit of each byte that is above ASCII, a digit
	i := 0
	for ; i+8 <= len(lower); i += 8 {
		w := binary.LittleEndian.Uint64(lower[i:])
		binary.LittleEndian.PutUint64(lower[i:], w|upperMask(w)>>2)
		high |= w
		digits |= inRange(w, '0', '9')
	}
	for ; i < len(lower); i++ {
		c := lower[i]
		if c >= 'A' && c <= 'Z' {
			lower[i] = c + 'a' - 'A'
		}
		if c >= utf8.RuneSelf {
			high |= 0x80
		}
		if isDigit(c) {
			digits |= 0x80
		}
	}
	f.lower = lower
	f.ascii = high&highBits == 0
	f.hasDigit = digits != 0
	if !f.hasDigit {
		return
	}
	run, dots := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case isDigit(c):
			run++
			f.numberRun = max(f.numberRun, run)
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/' || c == '+':
		default:
			run = 0
		}
		switch {
		case c == '.' && i > 0 && i+1 < len(text) && isDigit(text[i-1]) && isDigit(text[i+1]):
			dots++
			f.dotted = max(f.dotted, dots)
		case c != '.' && !isDigit(c):
			dots = 0
		}
	}
}

const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// inRange returns the high bit of each byte of w that is an ASCII byte
// from lo to hi.
func inRange(w uint64, lo, hi byte) uint64 {
	seven := w &^ highBits                    // each byte's low seven bits: no carry crosses bytes
	geLo := seven + lowBits*uint64(0x80-lo)   // high bit set where the byte ≥ lo
	gtHi := seven + lowBits*uint64(0x80-hi-1) // high bit set where the byte > hi
	return geLo &^ gtHi &^ w & highBits       // and not above ASCII
}

// upperMask returns the high bit of each byte of w that is an ASCII
// capital letter; shifted right by two it is the bit that lowers it.
func upperMask(w uint64) uint64 { return inRange(w, 'A', 'Z') }

// hasAny reports whether the folded line contains one of the keywords,
// which are lowercase.
func (f *lineFacts) hasAny(keywords ...string) bool {
	if f.ungated {
		return true
	}
	if f.ascii {
		for _, k := range keywords {
			if bytes.Contains(f.lower, []byte(k)) {
				return true
			}
		}
		return false
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
