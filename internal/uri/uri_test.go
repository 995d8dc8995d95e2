package uri

import "testing"

func TestURIPercentEncodesIRIs(t *testing.T) {
	for in, want := range map[string]string{
		"https://health.example.org/es/tags/azúcar-en-la-sangre/": "https://health.example.org/es/tags/az%C3%BAcar-en-la-sangre/",
		"https://santé.example/a b/?q=ñ#frag ment":                "https://xn--sant-epa.example/a%20b/?q=%C3%B1#frag%20ment",
		"https://example.org/already%C3%BA/%zz":                   "https://example.org/already%C3%BA/%25zz",
		"https://example.org/plain/":                              "https://example.org/plain/",
		"mailto:ana@example.org":                                  "mailto:ana@example.org",
	} {
		if got := URI(in); got != want {
			t.Errorf("URI(%q) = %q, want %q", in, got, want)
		}
	}
}
