package render

import (
	"html/template"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
)

// The loops the default theme's article page and breadcrumbs ran before
// the list methods (lists.go), each beside the method that replaced it:
// the method must write what html/template wrote from the loop.
var formerLoops = []struct {
	name, loop string
	method     func(*Data) template.HTML
}{
	{"CrumbItems", `{{- range .Crumbs }}
<li>{{ if eq .URL $.Page.RelPermalink }}<a href="{{ .URL }}" aria-current="page" dir="auto">{{ .Title }}</a>{{ else }}<a href="{{ .URL }}" dir="auto">{{ .Title }}</a>{{ end }}</li>{{ end }}`,
		(*Data).CrumbItems},
	{"TOCItems", `{{- range .Page.TOC }}{{ if eq .Level 2 }}
<li><a href="#{{ .ID }}">{{ .Text }}</a></li>{{ end }}{{ end }}`, (*Data).TOCItems},
	{"TagLinks", `{{ range .Page.Meta.Tags }} <a href="{{ $.Site.TagsURL }}{{ slugify . }}/" rel="tag">{{ . }}</a>{{ end }}`,
		(*Data).TagLinks},
	{"ShareItems", `{{- range .Share }}
<li><a href="{{ .URL }}" rel="noopener noreferrer">{{ .Name }}</a></li>{{ end }}`, (*Data).ShareItems},
	{"RelatedItems", `{{- range .Page.Related }}
<li><a href="{{ .RelPermalink }}">{{ .Meta.Title }}</a></li>{{ end }}`, (*Data).RelatedItems},
}

// hostileData is a page whose every listed value is one of the hostile
// strings, as titles, URLs, ids and tags.
func hostileData(tagsURL string) *Data {
	p := &page.Page{Kind: page.KindPage, RelPermalink: "/conditions/<b>&'+/"}
	d := &Data{Site: &SiteData{TagsURL: tagsURL}, Page: p}
	for i, v := range hostile {
		p.TOC = append(p.TOC, page.Heading{Level: 2 + i%3, ID: v, Text: v})
		p.Meta.Tags = append(p.Meta.Tags, v)
		p.Related = append(p.Related, &page.Page{RelPermalink: v, Meta: page.Meta{Title: v}})
		d.Crumbs = append(d.Crumbs, Crumb{Title: v, URL: v})
		d.Share = append(d.Share, Share{Name: v, URL: v})
	}
	d.Crumbs = append(d.Crumbs, Crumb{Title: "Here", URL: p.RelPermalink})
	d.Share = append(d.Share, share(&page.Page{Kind: page.KindPage, Permalink: "https://example.org/a b/ü?x=1&y=<2>",
		Meta: page.Meta{Title: `Tom's "asthma" <b>+</b> & co`}})...)
	return d
}

func TestListMethodsWriteWhatTheirLoopsWrote(t *testing.T) {
	t.Parallel()
	funcs := template.FuncMap{"slugify": assemble.Slugify}
	for _, tagsURL := range []string{"/tags/", "/es/temas/", "javascript:alert(1)//", "/t+a g/%zz/"} {
		d := hostileData(tagsURL)
		for _, l := range formerLoops {
			var want strings.Builder
			if err := template.Must(template.New(l.name).Funcs(funcs).Parse(l.loop)).Execute(&want, d); err != nil {
				t.Fatal(err)
			}
			if got := string(l.method(d)); got != want.String() {
				t.Errorf("%s (tags at %q) =\n%s\nhtml/template wrote\n%s", l.name, tagsURL, got, want.String())
			}
			if !strings.Contains(want.String(), "&lt;script&gt;") && l.name != "TOCItems" {
				t.Errorf("%s: no escaped markup in the loop's output: the test lost its point", l.name)
			}
		}
	}
}

func TestListMethodsOfAnEmptyPageWriteNothing(t *testing.T) {
	t.Parallel()
	d := &Data{Site: &SiteData{TagsURL: "/tags/"}, Page: &page.Page{}}
	for _, l := range formerLoops {
		if got := l.method(d); got != "" {
			t.Errorf("%s of an empty page = %q", l.name, got)
		}
	}
}
