package render

import (
	"html/template"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
)

// Data.Card writes a page's card with the theme's partial once per build
// (Renderer) and language, whichever listings show it, as
// {{ template "card" . }} writes it.
func TestCardIsWrittenOncePerBuildByTheThemesPartial(t *testing.T) {
	t.Parallel()
	var made atomic.Int32
	funcs := Funcs()
	funcs["made"] = func() string { made.Add(1); return "" }
	x := newThemed(t, oneLanguage, fstest.MapFS{"layouts/_partials/card.html": {Data: []byte(`{{ made }}<li class="mine" title="{{ .Meta.Title }}">{{ .Meta.Title }}</li>`)}}, funcs)
	ls := &assemble.Lang{Language: x.cfg.DefaultLanguage(), Home: &page.Page{}, Search: &page.Page{}, Glossary: &page.Page{}, Feeds: &page.Page{}}
	p := &page.Page{Kind: page.KindPage, RelPermalink: "/a/", Meta: page.Meta{Title: `Tom's <b>"card"</b> & co`}}
	q := &page.Page{Kind: page.KindPage, RelPermalink: "/b/", Meta: page.Meta{Title: "Other"}}
	want := `<li class="mine" title="Tom&#39;s &lt;b&gt;&#34;card&#34;&lt;/b&gt; &amp; co">Tom&#39;s &lt;b&gt;&#34;card&#34;&lt;/b&gt; &amp; co</li>`
	r := x.r
	for listing := range 3 { // three listings of one build show p and q
		d := &Data{Site: r.site(ls), Lang: ls.Language}
		for _, x := range []*page.Page{p, q} {
			got, err := d.Card(x)
			if err != nil {
				t.Fatal(err)
			}
			if x == p && got != template.HTML(want) {
				t.Errorf("listing %d: card = %s, want %s", listing, got, want)
			}
			if x == q && !strings.Contains(string(got), ">Other</li>") {
				t.Errorf("listing %d: q's card = %s", listing, got)
			}
		}
	}
	if n := made.Load(); n != 2 {
		t.Errorf("two pages' cards in three listings were written %d times, want 2", n)
	}
	next := &Renderer{Site: &assemble.Site{Config: x.cfg}, Theme: x.th} // the next build
	if _, err := (&Data{Site: next.site(ls), Lang: ls.Language}).Card(p); err != nil {
		t.Fatal(err)
	}
	if n := made.Load(); n != 3 {
		t.Errorf("the next build's card was not written anew (%d writes)", n)
	}
}

// Data.Cards writes what the term and home layouts' loops of Card wrote,
// and fails as Card fails.
func TestCardsWriteWhatTheLoopWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, oneLanguage, fstest.MapFS{
		"layouts/_partials/loop.html":  {Data: []byte("<ul>\n{{- range .Page.Related }}\n{{ $.Card . }}{{ end }}\n</ul>")},
		"layouts/_partials/cards.html": {Data: []byte("<ul>\n{{- .Cards .Page.Related }}\n</ul>")},
	}, nil)
	listing := &page.Page{}
	for i, v := range hostile {
		listing.Related = append(listing.Related, &page.Page{Kind: page.KindPage, RelPermalink: v,
			Meta: page.Meta{Title: v, Summary: v, Audience: []string{"patient", "professional"}[i%2]}})
	}
	for _, p := range []*page.Page{{}, listing} {
		d := x.data(x.cfg.DefaultLanguage(), p)
		got, want := x.partial(t, "cards", d), x.partial(t, "loop", d)
		if got != want {
			t.Errorf("%d pages: Cards wrote\n%s\nthe loop wrote\n%s", len(p.Related), got, want)
		}
		if p == listing && !strings.Contains(string(got), "&lt;script&gt;") {
			t.Errorf("no escaped markup in the cards: the test lost its point\n%s", got)
		}
	}
	bad := newThemed(t, oneLanguage, fstest.MapFS{"layouts/_partials/card.html": {Data: []byte(`{{ .NoSuchField }}`)}}, nil)
	if _, err := bad.data(bad.cfg.DefaultLanguage(), nil).Cards(listing.Related); err == nil {
		t.Error("Cards with a failing card partial returned no error")
	}
}
