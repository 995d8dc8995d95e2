package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/page"
)

// The loop the default theme's head ran before MetaTags: MetaTags must
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
	if got := string((&Data{Meta: meta}).MetaTags()); got != want.String() {
		t.Errorf("MetaTags =\n%s\nhtml/template wrote\n%s", got, want.String())
	}
	if got := (&Data{}).MetaTags(); got != "" {
		t.Errorf("MetaTags of no Meta = %q, want nothing", got)
	}
}

// The head's former loop over Data.Feeds: feedTags must write what
// html/template wrote from it, an unsafe scheme and odd characters included.
const feedLoop = `{{- range . }}
<link rel="alternate" type="{{ .Type }}" title="{{ .Title }}" href="{{ .URL }}">{{ end }}`

func TestFeedTagsEscapeAsHTMLTemplate(t *testing.T) {
	t.Parallel()
	var feeds []FeedLink
	for _, u := range []string{"/conditions/index.xml", "/a b/ü/feed.json?x=1&y=<2>", "javascript:alert(1)",
		"https://example.org/'quoted'/\"feed\"", "/%41%zz/+plus", "", "/tags/c++/atom.xml", "data:text/html,<b>"} {
		feeds = append(feeds, FeedLink{Type: "application/rss+xml", Title: `Tom's "feed" <b> & co`, URL: u})
	}
	var want strings.Builder
	if err := template.Must(template.New("head").Parse(feedLoop)).Execute(&want, feeds); err != nil {
		t.Fatal(err)
	}
	if got := string(feedTags(feeds)); got != want.String() {
		t.Errorf("feedTags =\n%s\nhtml/template wrote\n%s", got, want.String())
	}
	if !strings.Contains(want.String(), "#ZgotmplZ") {
		t.Error("the unsafe address was not filtered: the test lost its point")
	}
}

// MenuCurrent keys the cached menu: it must differ wherever the menu's
// aria-current marks differ, and agree where they agree.
func TestMenuCurrentKeysTheMenusMarks(t *testing.T) {
	t.Parallel()
	site := &SiteData{Menu: []Crumb{{URL: "/conditions/"}, {URL: "/conditions/heart/"}, {URL: "/medicines/"}}}
	key := func(u string) string {
		return (&Data{Site: site, Page: &page.Page{RelPermalink: u}}).MenuCurrent()
	}
	for _, c := range []struct{ a, b string }{
		{"/conditions/asthma/", "/conditions/eczema/"},
		{"/about/", "/"},
	} {
		if key(c.a) != key(c.b) {
			t.Errorf("%s and %s show the same menu but key %q and %q", c.a, c.b, key(c.a), key(c.b))
		}
	}
	seen := map[string]string{}
	for _, u := range []string{"/conditions/asthma/", "/conditions/", "/conditions/heart/", "/conditions/heart/angina/", "/medicines/", "/about/"} {
		k := key(u)
		if other, ok := seen[k]; ok {
			t.Errorf("%s and %s show different menus but share the key %q", u, other, k)
		}
		seen[k] = u
	}
}

// formerHead is the default theme's head before HeadTags and
// SiteData.CSSLinks: the two must write what html/template wrote from it,
// byte for byte.
const formerHead = `<title>{{ .Title }}</title>
{{- with .Description }}
<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Canonical }}">
{{- if .NoIndex }}
<meta name="robots" content="noindex">{{ end }}
{{- with .AliasTarget }}
<meta http-equiv="refresh" content="0; url={{ . }}">
<meta name="robots" content="noindex">{{ end }}
{{- range .Alternates }}
<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}
{{- with .XDefault }}
<link rel="alternate" hreflang="x-default" href="{{ . }}">{{ end }}
{{- .FeedTags }}
{{- .MetaTags }}
<meta name="color-scheme" content="light dark">
{{- range .Site.CSS }}
<link rel="stylesheet" href="{{ . }}">{{ end }}`

const newHead = `{{ .HeadTags }}
<meta name="color-scheme" content="light dark">
{{- .Site.CSSLinks }}`

func TestHeadTagsWriteWhatTheHeadWrote(t *testing.T) {
	t.Parallel()
	former := template.Must(template.New("head").Parse(formerHead))
	now := template.Must(template.New("head").Parse(newHead))
	var all strings.Builder
	for i, v := range hostile {
		w := hostile[(i+1)%len(hostile)]
		css := []string{"/css/site.css", v, w}
		d := &Data{Site: &SiteData{CSS: css, CSSLinks: cssLinks(css)}, Title: v, Description: w, Canonical: v,
			NoIndex: i%2 == 0, AliasTarget: hostile[(i+2)%len(hostile)], XDefault: w,
			FeedTags: feedTags([]FeedLink{{Type: "application/rss+xml", Title: v, URL: w}}), Meta: []Meta{{Name: v, Content: w}}}
		for j := range i % 4 {
			d.Alternates = append(d.Alternates, Alternate{Lang: hostile[(i+j)%len(hostile)], Permalink: hostile[(i+j+3)%len(hostile)]})
		}
		var want, got strings.Builder
		if err := former.Execute(&want, d); err != nil {
			t.Fatal(err)
		}
		if err := now.Execute(&got, d); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%q: HeadTags and CSSLinks wrote\n%s\nthe former head wrote\n%s", v, got.String(), want.String())
		}
		all.WriteString(got.String())
	}
	for _, s := range []string{"url=#ZgotmplZ", `href="#ZgotmplZ"`, "&lt;script&gt;", `content="0; url=https://example.org/a?b=1&amp;c=2#d"`, `<meta name="robots" content="noindex">`, `hreflang="x-default"`} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("%q is in no head: the test lost its point", s)
		}
	}
}
