package feed

import (
	"bytes"
	"encoding/xml"
	"testing"
	"unicode/utf8"
)

func TestSanitizeXMLText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"clean text kept", "Asthma & COPD <b>", "Asthma & COPD <b>"},
		{"tab newline return kept", "a\tb\nc\rd", "a\tb\nc\rd"},
		{"C0 controls dropped", "a\x00b\x01\x08c\x0bd\x0c\x1fe", "abcde"},
		{"DEL and C1 kept (allowed by XML 1.0)", "a\x7f\u0085b", "a\x7f\u0085b"},
		{"U+FFFE and U+FFFF dropped", "a\uFFFEb\uFFFFc", "abc"},
		{"genuine U+FFFD kept", "a\uFFFDb", "a\uFFFDb"},
		{"invalid UTF-8 dropped", "a\xffb\xc3(c\xe2\x82", "ab(c"},
		{"encoded surrogate dropped", "a\xed\xa0\x80b", "ab"},
		{"astral plane kept", "lungs 🫁", "lungs 🫁"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SanitizeXMLText(tc.in); got != tc.want {
				t.Errorf("SanitizeXMLText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSanitizeXMLTextDoesNotAllocateForCleanText(t *testing.T) {
	s := "A clean title with é and 🫁"
	if n := testing.AllocsPerRun(100, func() { _ = SanitizeXMLText(s) }); n != 0 {
		t.Errorf("SanitizeXMLText allocated %v times for clean text", n)
	}
}

// FuzzSanitizeXMLText checks that the result is valid UTF-8, survives a
// strict XML round trip unchanged, and is a fixed point.
func FuzzSanitizeXMLText(f *testing.F) {
	for _, seed := range []string{"", "plain", "a\x00b", "\xff\xfe", "\uFFFE", "]]>&<", "\r\n\t", "a\x7f\x1fb", "é\x0b"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := firstForbidden(in), firstForbiddenByRune(in); got != want {
			t.Fatalf("firstForbidden(%q) = %d, rune by rune %d", in, got, want)
		}
		out := SanitizeXMLText(in)
		if !utf8.ValidString(out) {
			t.Fatalf("SanitizeXMLText(%q) = %q is not valid UTF-8", in, out)
		}
		if again := SanitizeXMLText(out); again != out {
			t.Fatalf("not a fixed point: %q → %q", out, again)
		}
		var doc bytes.Buffer
		doc.WriteString("<t>")
		if err := xml.EscapeText(&doc, []byte(out)); err != nil {
			t.Fatal(err)
		}
		doc.WriteString("</t>")
		var got struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal(doc.Bytes(), &got); err != nil {
			t.Fatalf("sanitized %q is not valid XML text: %v", out, err)
		}
		if got.Text != out {
			t.Fatalf("XML round trip changed %q to %q", out, got.Text)
		}
	})
}

// firstForbiddenByRune is firstForbidden without its ASCII shortcut.
func firstForbiddenByRune(s string) int {
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if !allowedInXML(r, width) {
			return i
		}
		i += width
	}
	return -1
}
