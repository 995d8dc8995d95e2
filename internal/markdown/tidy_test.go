package markdown

import (
	"strings"
	"testing"
)

// tidyByFields is the definition tidy implements in one pass.
func tidyByFields(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var tidySeeds = []string{
	"", "\n\n", "  a  b \n\n c\t\td  \n", "one\r\ntwo\r\n", "nbsp\u00a0here\u2003em",
	"\xff bad \xfe\n utf8", " \u0085 next-line char ", "x", "\n x \n",
	"one run of words. Then a line\nand a b c d e f g h i j k l m n o p q r s t u v w x y z ", "a b\tc d  e é f g\u00a0h i ",
}

func TestTidyMatchesFields(t *testing.T) {
	for _, s := range tidySeeds {
		if got, want := tidy(s), tidyByFields(s); got != want {
			t.Errorf("tidy(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestOneLineMatchesFields: inlineText's oneLine of tidied text is the
// text's fields joined by spaces, as inlineText was written before.
func TestOneLineMatchesFields(t *testing.T) {
	for _, s := range tidySeeds {
		if got, want := oneLine(tidy(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(tidy(%q)) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTidy(f *testing.F) {
	for _, s := range tidySeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tidy(s), tidyByFields(s); got != want {
			t.Fatalf("tidy(%q) = %q, want %q", s, got, want)
		}
		if got, want := oneLine(tidy(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("oneLine(tidy(%q)) = %q, want %q", s, got, want)
		}
	})
}
