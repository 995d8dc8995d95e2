package render

import (
	"html/template"
	"strings"
	"testing"
)

// hostile are values a writer could type, and worse: markup, quotes,
// entities, '+', unsafe schemes, percent escapes valid and not (one at
// the very end), invalid UTF-8, NUL, controls and characters outside
// ASCII.
var hostile = []string{
	"", "plain", `Tom's "quoted" <b>bold</b> & more`, "a+b=c", "nul\x00byte", "<script>alert(1)</script>",
	"café – naïve “quotes” ‘single’", "https://example.org/a?b=1&c=2#d", "invalid \xff\xfe utf-8",
	"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "mailto:a@b.c?subject=x y",
	"HTTP://EXAMPLE.ORG/", "/a/b:c", "a/b:c", "&amp; already", "tab\tnew\nline\r", "emoji 🫁 lungs", "\u2028\u2029",
	"=`{}", "%41%zz%4", "/%41/%", "100%", "#frag", "?q=1", "/tags/c++/", "!$*,;@[]()'~._-", "\x7f\x01", "\uFFFD\uFDD0",
}

// escaperCases are the contexts the Go-written markup escapes values
// in, each as the template text html/template escapes them in, with the
// function that must write the same.
var escaperCases = []struct {
	name, src string
	write     func(*strings.Builder, string)
}{
	{"text", `<p>{{ . }}</p>`, writeText},
	{"attribute", `<p title="{{ . }}">`, writeText},
	{"href", `<a href="{{ . }}">`, writeHref},
	{"href after a path", `<a href="/tags/{{ . }}/">`, func(b *strings.Builder, s string) { writeURL(b, s, true) }},
	{"href fragment", `<a href="#{{ . }}">`, func(b *strings.Builder, s string) { writeURL(b, s, false) }},
}

// checkEscaper fails unless write writes v as html/template writes it in src.
func checkEscaper(t *testing.T, name, src string, write func(*strings.Builder, string), v string) {
	t.Helper()
	var want strings.Builder
	if err := template.Must(template.New(name).Parse(src)).Execute(&want, v); err != nil {
		t.Fatal(err)
	}
	at := strings.Index(src, "{{ . }}")
	var got strings.Builder
	got.WriteString(src[:at])
	write(&got, v)
	got.WriteString(src[at+len("{{ . }}"):])
	if got.String() != want.String() {
		t.Errorf("%s: %q: wrote\n%s\nhtml/template wrote\n%s", name, v, got.String(), want.String())
	}
}

func TestEscapersMatchHTMLTemplate(t *testing.T) {
	t.Parallel()
	for _, c := range escaperCases {
		for _, v := range hostile {
			checkEscaper(t, c.name, c.src, c.write, v)
		}
	}
}

func FuzzEscapersMatchHTMLTemplate(f *testing.F) {
	for _, v := range hostile {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, c := range escaperCases {
			checkEscaper(t, c.name, c.src, c.write, v)
		}
	})
}
