package assemble

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCleanURL(t *testing.T) {
	tests := []struct {
		raw, want string // want "" means an error
	}{
		{"/conditions/asthma/", "/conditions/asthma/"},
		{"conditions/asthma", "/conditions/asthma/"},
		{"/", "/"},
		{"/feed.xml", "/feed.xml"},
		{"/a//b/", "/a/b/"},
		{"/caf%C3%A9/", "/café/"},
		{"/asma-en-niños/", "/asma-en-niños/"},
		{"", ""},
		{"../escape", ""},
		{"/../../etc/passwd", ""},
		{"/a/../../b/", ""},
		{"/a/./b/", ""},
		{"https://evil.example/", ""},
		{"//evil.example/", ""},
		{"%2e%2e/escape/", ""},
		{"%2E%2E/", ""},
		{"/a%2fb/", ""},
		{"/a%2Fb/", ""},
		{"/a%5cb/", ""},
		{"/a%00/", ""},
		{`/a\b/`, ""},
		{`..\..\x`, ""},
		{"/a\x00b/", ""},
		{"/a\x01b/", ""},
		{"/a\x7fb/", ""},
		{"/a?b=1", ""},
		{"/a#frag", ""},
		{"/%zz/", ""},
		{"%01", ""},
		{"/a%7f/", ""},
		{"/a%3fb/", ""},
		{"/a%23b/", ""},
	}
	for _, tc := range tests {
		t.Run(tc.raw, func(t *testing.T) {
			got, err := CleanURL(tc.raw)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("CleanURL(%q) = %q, want an error", tc.raw, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("CleanURL(%q) = %q, %v; want %q", tc.raw, got, err, tc.want)
			}
		})
	}
}

func TestCleanSlug(t *testing.T) {
	tests := []struct {
		slug string
		ok   bool
	}{
		{"asthma-in-children", true},
		{"asma-en-niños", true},
		{"...", true},
		{"", false},
		{".", false},
		{"..", false},
		{"a/b", false},
		{"../x", false},
		{`a\b`, false},
		{"a%2fb", false},
		{"a?b", false},
		{"a#b", false},
		{"a b", false},
		{"a\x00b", false},
		{"a\x01b", false},
		{"a\u00a0b", false},
	}
	for _, tc := range tests {
		t.Run(tc.slug, func(t *testing.T) {
			_, err := CleanSlug(tc.slug)
			if (err == nil) != tc.ok {
				t.Fatalf("CleanSlug(%q) error = %v, want ok=%v", tc.slug, err, tc.ok)
			}
		})
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Asthma", "asthma"},
		{"Type 2 Diabetes", "type-2-diabetes"},
		{"  High   blood pressure!  ", "high-blood-pressure"},
		{"Asma en niños", "asma-en-niños"},
		{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
		{"../../etc/passwd", "etc-passwd"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"A&E", "a-e"},
		{"---", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOutputPath(t *testing.T) {
	tests := []struct{ url, want string }{
		{"/", "index.html"},
		{"/conditions/asthma/", "conditions/asthma/index.html"},
		{"/es/", "es/index.html"},
		{"/feed.xml", "feed.xml"},
	}
	for _, tc := range tests {
		if got := OutputPath(tc.url); got != tc.want {
			t.Errorf("OutputPath(%q) = %q, want %q", tc.url, got, tc.want)
		}
	}
}

// checkSlug asserts what every slug must be: one lowercase segment.
func checkSlug(t *testing.T, in, s string) {
	t.Helper()
	if strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") {
		t.Fatalf("Slugify(%q) = %q holds a separator or ..", in, s)
	}
	if strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		t.Fatalf("Slugify(%q) = %q has a stray hyphen", in, s)
	}
	for _, r := range s {
		if unicode.IsUpper(r) || unicode.IsSpace(r) || unicode.IsControl(r) {
			t.Fatalf("Slugify(%q) = %q holds %U", in, s, r)
		}
	}
	if !utf8.ValidString(s) {
		t.Fatalf("Slugify(%q) = %q is not valid UTF-8", in, s)
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Asthma", "Asma en niños", "../../x", "ǅ", "ℂ", "\xff\xfe", "Ａ.Ｂ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s := Slugify(in)
		checkSlug(t, in, s)
		if Slugify(s) != s {
			t.Fatalf("Slugify is not idempotent: %q → %q → %q", in, s, Slugify(s))
		}
	})
}

func FuzzCleanURL(f *testing.F) {
	for _, s := range []string{"/conditions/asthma/", "../x", "%2e%2e/", "/a\\b", "//x", "/caf%C3%A9/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u, err := CleanURL(raw)
		if err != nil {
			return
		}
		if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
			t.Fatalf("CleanURL(%q) = %q is not root-relative", raw, u)
		}
		for _, seg := range strings.Split(u, "/") {
			if seg == ".." || seg == "." {
				t.Fatalf("CleanURL(%q) = %q keeps a %q segment", raw, u, seg)
			}
		}
		for _, r := range u {
			if r < 0x20 || r == 0x7f || strings.ContainsRune(`\?#`, r) {
				t.Fatalf("CleanURL(%q) = %q holds %U", raw, u, r)
			}
		}
		if again, err := CleanURL(u); err != nil || again != u {
			t.Fatalf("CleanURL is not idempotent: %q → %q → %q, %v", raw, u, again, err)
		}
	})
}

// FuzzOutputPath composes output paths the two ways assemble does (a url
// in front matter, or a section and slug) and checks the file stays in the
// destination.
func FuzzOutputPath(f *testing.F) {
	f.Add("/conditions/asthma/", "conditions", "asthma")
	f.Add("/../../etc/passwd", "..", "..")
	f.Add("/es/", "es", "...")
	f.Fuzz(func(t *testing.T, raw, section, slug string) {
		if u, err := CleanURL(raw); err == nil {
			for _, prefix := range []string{"", "/es"} {
				if out := OutputPath(prefix + u); !filepath.IsLocal(out) {
					t.Fatalf("url %q → output %q escapes the destination", raw, out)
				}
			}
		}
		s, err := CleanSlug(slug)
		if err != nil || strings.ContainsAny(section, "/\\") || section == "." || section == ".." {
			return // sections are folder names under content/, never . or ..
		}
		u := "/" + s + "/"
		if section != "" {
			u = "/" + section + u
		}
		if out := OutputPath(u); !filepath.IsLocal(out) {
			t.Fatalf("section %q slug %q → output %q escapes the destination", section, slug, out)
		}
	})
}
