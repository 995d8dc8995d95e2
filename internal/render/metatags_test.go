package render

import (
	"html/template"
	"strings"
	"testing"
)

// The loop the default theme's head ran before MetaTags: metaTags must
// write what html/template wrote from it, byte for byte.
const metaLoop = `{{- range . }}
{{- if .Property }}
<meta property="{{ .Property }}" content="{{ .Content }}">{{ else }}
<meta name="{{ .Name }}" content="{{ .Content }}">{{ end }}{{ end }}`

func TestMetaTagsEscapeAsHTMLTemplate(t *testing.T) {
	t.Parallel()
	values := []string{
		"", "plain", `Tom's "quoted" <b>bold</b> & more`, "a+b=c", "nul\x00byte",
		"café – naïve “quotes” ‘single’", "https://example.org/a?b=1&c=2#d", "invalid \xff\xfe utf-8",
		"javascript:alert(1)", "&amp; already", "tab\tnew\nline", "emoji 🫁 lungs", "\u2028\u2029", "=`{}",
	}
	var meta []Meta
	for i, v := range values {
		if i%2 == 0 {
			meta = append(meta, Meta{Property: "og:" + v, Content: v})
		} else {
			meta = append(meta, Meta{Name: v, Content: strings.ToUpper(v)})
		}
	}
	var want strings.Builder
	if err := template.Must(template.New("head").Parse(metaLoop)).Execute(&want, meta); err != nil {
		t.Fatal(err)
	}
	if got := string(metaTags(meta)); got != want.String() {
		t.Errorf("metaTags =\n%s\nhtml/template wrote\n%s", got, want.String())
	}
	if got := metaTags(nil); got != "" {
		t.Errorf("metaTags(nil) = %q, want nothing", got)
	}
}
