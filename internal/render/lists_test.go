package render

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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

// The default theme's review-dates partial before ReviewDateItems.
const formerReviewDates = `<div class="review-dates">
<dl class="dates">
{{- if not .Page.Meta.LastReviewed.IsZero }}
<div><dt>{{ T "review.last" }}</dt><dd><time datetime="{{ .Page.Meta.LastReviewed.Format "2006-01-02" }}">{{ date .Page.Meta.LastReviewed.Time }}</time></dd></div>{{ end }}
{{- if not .Page.NextReview.IsZero }}
<div><dt>{{ T "review.next" }}</dt><dd><time datetime="{{ .Page.NextReview.Format "2006-01-02" }}">{{ date .Page.NextReview }}</time></dd></div>{{ end }}
{{- if not .Page.Updated.IsZero }}
<div><dt>{{ T "review.updated" }}</dt><dd><time datetime="{{ .Page.Updated.Format "2006-01-02" }}">{{ date .Page.Updated }}</time></dd></div>{{ end }}
</dl>
</div>
`

func TestReviewDateItemsWriteWhatThePartialWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, twoLanguages, fstest.MapFS{
		"layouts/_partials/former-review-dates.html": {Data: []byte(formerReviewDates)},
		// A translator's hostile strings and date layout: escaped, never markup.
		"i18n/es.yaml": {Data: []byte("review.last: \"<b>Revisado</b> & 'ok' +\"\nreview.next: \"\\\"Próxima\\\" <i>\"\n" +
			"date.layout: \"{d} <de> {month} & {yyyy}\"\ndate.months: \"ene,feb,mar,abr,may,<jun>,jul,ago,sep,oct,nov,dic\"\n")},
	}, nil)
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	for _, lang := range x.cfg.Languages {
		for i, p := range []*page.Page{
			{},
			{Meta: page.Meta{LastReviewed: page.Date{Time: day(2024, 6, 2)}, Date: page.Date{Time: day(2020, 1, 31)}}, NextReview: day(2027, 6, 2)},
			{Meta: page.Meta{Lastmod: page.Date{Time: time.Date(2025, 12, 31, 23, 30, 0, 0, time.FixedZone("X", 3600))}}},
			{NextReview: day(1999, 6, 30)},
		} {
			d := x.data(lang, p)
			if got, want := x.partial(t, "review-dates", d), x.partial(t, "former-review-dates", d); got != want {
				t.Errorf("%s, page %d: review-dates =\n%s\nthe former partial wrote\n%s", lang.Code, i, got, want)
			}
			if got := x.partial(t, "review-dates", d); i == 1 && lang.Code == "es" && !strings.Contains(string(got), "&lt;b&gt;Revisado&lt;/b&gt; &amp; &#39;ok&#39; &#43;") {
				t.Errorf("the hostile translation is not in the output: the test lost its point\n%s", got)
			}
		}
	}
}

// The default theme's credits partial before CreditList, and the person
// layout's calls of it.
const (
	formerCredits = `{{- $role := (index . 0).Role }}
<section class="credits" aria-labelledby="credits-{{ $role }}">
<h2 id="credits-{{ $role }}">{{ T (print "people." $role) }}</h2>
<ul>
{{- range . }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Meta.Title }}</a>{{ if not .Date.IsZero }} <span class="count">({{ if eq $role "reviewed" }}{{ T "review.short" }}{{ else }}{{ T "review.updated" }}{{ end }} <time datetime="{{ .Date.Format "2006-01-02" }}">{{ date .Date }}</time>)</span>{{ end }}</li>{{ end }}
</ul>
</section>
`
	formerCreditCalls = `{{- with .Page.CreditsAs "written" }}{{ template "former-credits" . }}{{ end }}
{{- with .Page.CreditsAs "reviewed" }}{{ template "former-credits" . }}{{ end }}
{{- with .Page.CreditsAs "translated" }}{{ template "former-credits" . }}{{ end }}`
	creditCalls = `{{- with .CreditList "written" }}{{ template "credits" . }}{{ end }}
{{- with .CreditList "reviewed" }}{{ template "credits" . }}{{ end }}
{{- with .CreditList "translated" }}{{ template "credits" . }}{{ end }}`
)

func TestCreditListWritesWhatThePartialWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, twoLanguages, fstest.MapFS{
		"layouts/_partials/former-credits.html": {Data: []byte(formerCredits)},
		"layouts/_partials/former-calls.html":   {Data: []byte(formerCreditCalls)},
		"layouts/_partials/calls.html":          {Data: []byte(creditCalls)},
		// A translator's hostile strings and date layout: escaped, never markup.
		"i18n/es.yaml": {Data: []byte("review.short: \"<b>Revisado</b> & 'ok' +\"\nreview.updated: \"\\\"Act\\\" <i>\"\npeople.written: \"<script>\"\n" +
			"date.layout: \"{d} <de> {month} & {yyyy}\"\ndate.months: \"ene,feb,mar,abr,may,<jun>,jul,ago,sep,oct,nov,dic\"\n")},
	}, nil)
	person := &page.Page{Kind: page.KindPerson}
	for i, v := range hostile {
		for _, role := range []string{"written", "reviewed", "translated"} {
			date := time.Date(2020+i, time.Month(1+i%12), 1+i, 0, 0, 0, 0, time.UTC)
			if i%3 == 0 {
				date = time.Time{}
			}
			person.Credits = append(person.Credits, page.Credit{Page: &page.Page{RelPermalink: v, Meta: page.Meta{Title: v}}, Role: role, Date: date})
		}
	}
	for _, lang := range x.cfg.Languages {
		for i, p := range []*page.Page{{Kind: page.KindPerson}, person} {
			d := x.data(lang, p)
			got, want := x.partial(t, "calls", d), x.partial(t, "former-calls", d)
			if got != want {
				t.Errorf("%s, page %d: the credits =\n%s\nthe former partial wrote\n%s", lang.Code, i, got, want)
			}
			if i == 1 && !strings.Contains(string(got), "&lt;script&gt;") ||
				i == 1 && lang.Code == "es" && !strings.Contains(string(got), "&lt;b&gt;Revisado&lt;/b&gt; &amp; &#39;ok&#39; &#43;") {
				t.Errorf("the hostile strings are not in the output: the test lost its point\n%s", got)
			}
		}
	}
}

// BenchmarkCredits renders the credits of a people page of 1,500 (the
// bench corpus's 20 people pages hold about that many each) through the
// former template loop and through CreditList: compare the two
// sub-benchmarks of one run.
func BenchmarkCredits(b *testing.B) {
	x := newThemed(b, oneLanguage, fstest.MapFS{
		"layouts/_partials/former-credits.html": {Data: []byte(formerCredits)},
		"layouts/_partials/former-calls.html":   {Data: []byte(formerCreditCalls)},
		"layouts/_partials/calls.html":          {Data: []byte(creditCalls)},
	}, nil)
	person := &page.Page{Kind: page.KindPerson}
	for i := range 1500 {
		role := []string{"written", "reviewed"}[i%2]
		person.Credits = append(person.Credits, page.Credit{Role: role, Date: time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC),
			Page: &page.Page{RelPermalink: fmt.Sprintf("/conditions/article-%d/", i), Meta: page.Meta{Title: fmt.Sprintf("Article %d about asthma", i)}}})
	}
	d := x.data(x.cfg.DefaultLanguage(), person)
	for _, name := range []string{"former-calls", "calls"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				x.partial(b, name, d)
			}
		})
	}
}

// The default theme's section layout's loop before AZItems.
const formerAZLoop = `{{- range .Page.Related }}
<li><a href="{{ .RelPermalink }}">{{ .Meta.Title }}</a>{{ if eq .Meta.Audience "professional" }} <span class="badge">{{ T "audience.professional" }}</span>{{ end }}{{ with .Summary }}<span class="az-summary">{{ . }}</span>{{ end }}</li>{{ end }}`

func TestAZItemsWriteWhatTheLoopWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, twoLanguages, fstest.MapFS{
		"layouts/_partials/former-az.html": {Data: []byte(formerAZLoop)},
		"layouts/_partials/az-items.html":  {Data: []byte(`{{- .AZItems .Page.Related }}`)},
		"i18n/es.yaml":                     {Data: []byte("audience.professional: \"<b>Profesionales</b> & 'ok' +\"\n")},
	}, nil)
	section := &page.Page{}
	for i, v := range hostile {
		summary := v
		if i%3 == 0 {
			summary = ""
		}
		section.Related = append(section.Related, &page.Page{RelPermalink: v, Meta: page.Meta{Title: v, Summary: summary, Audience: []string{"patient", "professional", ""}[i%3]}})
	}
	for _, lang := range x.cfg.Languages {
		for _, p := range []*page.Page{{}, section} {
			d := x.data(lang, p)
			got, want := x.partial(t, "az-items", d), x.partial(t, "former-az", d)
			if got != want {
				t.Errorf("%s, %d entries: AZItems wrote\n%s\nthe loop wrote\n%s", lang.Code, len(p.Related), got, want)
			}
			if p == section && (!strings.Contains(string(got), "&lt;script&gt;") || lang.Code == "es" && !strings.Contains(string(got), "&lt;b&gt;Profesionales")) {
				t.Errorf("the hostile strings are not in the output: the test lost its point\n%s", got)
			}
		}
	}
}

// BenchmarkListings renders 500 A–Z entries (a bench corpus section
// holds 500–1,000) and 50 cards (a term page about 23) through the former
// template loops and through AZItems and Cards: compare the
// sub-benchmarks of one run.
func BenchmarkListings(b *testing.B) {
	x := newThemed(b, oneLanguage, fstest.MapFS{
		"layouts/_partials/former-az.html":    {Data: []byte(formerAZLoop)},
		"layouts/_partials/az-items.html":     {Data: []byte(`{{- .AZItems .Page.Related }}`)},
		"layouts/_partials/former-cards.html": {Data: []byte("{{- range .Page.Translations }}\n{{ $.Card . }}{{ end }}")},
		"layouts/_partials/cards.html":        {Data: []byte(`{{- .Cards .Page.Translations }}`)},
	}, nil)
	p := &page.Page{}
	for i := range 500 {
		q := &page.Page{Kind: page.KindPage, RelPermalink: fmt.Sprintf("/conditions/article-%d/", i),
			Meta: page.Meta{Title: fmt.Sprintf("Article %d about asthma", i), Summary: "What asthma is, how it is treated and when to get help."}}
		p.Related = append(p.Related, q)
		if i < 50 {
			p.Translations = append(p.Translations, q)
		}
	}
	d := x.data(x.cfg.DefaultLanguage(), p)
	for _, name := range []string{"former-az", "az-items", "former-cards", "cards"} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				x.partial(b, name, d)
			}
		})
	}
}

// The default theme's person partial before People, and the trust
// partial's loop over it.
const (
	formerPerson = `{{- /* One person */ -}}
<bdi>{{ if .Profile }}<a href="{{ .Profile }}">{{ .Name }}</a>{{ else if .URL }}<a href="{{ .URL }}">{{ .Name }}</a>{{ else }}<span class="person">{{ .Name }}</span>{{ end }}{{ with .Credentials }}, <bdi>{{ . }}</bdi>{{ end }}{{ with .Role }} <span class="role">(<bdi>{{ . }}</bdi>)</span>{{ end }}</bdi>
{{- /* trimmed */ -}}`
	formerByline = `{{ range $i, $a := .Page.Authors }}{{ if $i }}, {{ end }}{{ template "former-person" $a }}{{ end }}`
)

func TestPeopleWritesWhatThePersonPartialWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, oneLanguage, fstest.MapFS{
		"layouts/_partials/former-person.html": {Data: []byte(formerPerson)},
		"layouts/_partials/former-byline.html": {Data: []byte(formerByline)},
		"layouts/_partials/byline.html":        {Data: []byte(`{{ .People .Page.Authors }}`)},
	}, nil)
	var all []page.Author
	for i, v := range hostile {
		a := page.Author{Name: v, Credentials: hostile[(i+1)%len(hostile)], Role: hostile[(i+2)%len(hostile)]}
		switch i % 3 { // a profile (which wins over a URL), a URL alone, neither
		case 0:
			a.Profile, a.URL = v, "https://example.org/"
		case 1:
			a.URL = v
		}
		all = append(all, a)
	}
	for _, authors := range [][]page.Author{nil, all[:1], all} {
		d := x.data(x.cfg.DefaultLanguage(), &page.Page{Authors: authors})
		got, want := x.partial(t, "byline", d), x.partial(t, "former-byline", d)
		if got != want {
			t.Errorf("%d people: People wrote\n%s\nthe person partial wrote\n%s", len(authors), got, want)
		}
		if len(authors) > 1 && (!strings.Contains(string(got), "&lt;script&gt;") || !strings.Contains(string(got), "#ZgotmplZ")) {
			t.Errorf("no escaped markup or refused URL in the byline: the test lost its point\n%s", got)
		}
	}
}

// A page whose sections are ### headings lists them; it showed a table
// of contents listing nothing (the box asked for more than two headings
// of any level and listed only second-level ones).
func TestTOCListsTheHighestHeadingLevelBelowTheTitle(t *testing.T) {
	t.Parallel()
	heads := func(levels ...int) *Data {
		p := &page.Page{}
		for i, l := range levels {
			p.TOC = append(p.TOC, page.Heading{Level: l, ID: fmt.Sprintf("h%d", i), Text: fmt.Sprintf("H%d", i)})
		}
		return &Data{Page: p}
	}
	for _, c := range []struct {
		name   string
		levels []int
		show   bool
		items  string
	}{
		{"second-level headings", []int{2, 3, 2, 3}, true, "\n<li><a href=\"#h0\">H0</a></li>\n<li><a href=\"#h2\">H2</a></li>"},
		{"only third-level", []int{3, 3, 3}, true, "\n<li><a href=\"#h0\">H0</a></li>\n<li><a href=\"#h1\">H1</a></li>\n<li><a href=\"#h2\">H2</a></li>"},
		{"a first-level heading in the body, then fourth-level", []int{1, 4, 4, 5}, true, "\n<li><a href=\"#h1\">H1</a></li>\n<li><a href=\"#h2\">H2</a></li>"},
		{"two headings", []int{3, 3}, false, "\n<li><a href=\"#h0\">H0</a></li>\n<li><a href=\"#h1\">H1</a></li>"},
		{"only first-level", []int{1, 1, 1}, false, ""},
	} {
		d := heads(c.levels...)
		if got := d.HasTOC(); got != c.show {
			t.Errorf("%s: HasTOC = %v, want %v", c.name, got, c.show)
		}
		if got := string(d.TOCItems()); got != c.items {
			t.Errorf("%s: TOCItems =\n%q\nwant\n%q", c.name, got, c.items)
		}
	}
}

// formerTrust is the default theme's trust partial before TrustItems.
const formerTrust = `<div class="trust">
{{- with .Page.Authors }}
<p class="byline">{{ T "byline.written" }} {{ $.People . }}</p>{{ end }}
{{- with .Page.Translators }}
<p class="byline">{{ T "byline.translated" }} {{ $.People . }}</p>{{ end }}
{{- if .Page.Reviewers }}
<p class="reviewed">{{ T "byline.reviewed" }} {{ .People .Page.Reviewers }}</p>
{{- else }}
<p class="reviewed">{{ T "review.none" }}</p>{{ end }}
{{- if not .Page.Meta.LastReviewed.IsZero }}
<p class="reviewed-on">{{ T "review.short" }} <time datetime="{{ .Page.Meta.LastReviewed.Format "2006-01-02" }}">{{ date .Page.Meta.LastReviewed.Time }}</time></p>{{ end }}
{{- with .Page.Meta.Sponsor }}
<p class="disclosure">{{ T "sponsor" }} {{ . }}</p>{{ end }}
{{- with .Page.Meta.Funding }}
<p class="disclosure">{{ T "funding" }} {{ . }}</p>{{ end }}
</div>
`

func TestTrustItemsWriteWhatThePartialWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, twoLanguages, fstest.MapFS{
		"layouts/_partials/former-trust.html": {Data: []byte(formerTrust)},
		// A translator's hostile strings and date layout: escaped, never markup.
		"i18n/es.yaml": {Data: []byte("byline.written: \"<b>Escrito</b> & 'por' +\"\nbyline.translated: \"\\\"Trad\\\" <i>\"\n" +
			"byline.reviewed: \"<s>Rev</s>\"\nreview.none: \"Sin <revisión>\"\nreview.short: \"R&R\"\nsponsor: \"<sp>\"\nfunding: \"'f'\"\n" +
			"date.layout: \"{d} <de> {month} & {yyyy}\"\ndate.months: \"ene,feb,mar,abr,may,<jun>,jul,ago,sep,oct,nov,dic\"\n")},
	}, nil)
	var people []page.Author
	for i, v := range hostile {
		a := page.Author{Name: v, Credentials: hostile[(i+1)%len(hostile)], Role: hostile[(i+2)%len(hostile)]}
		if i%2 == 0 {
			a.URL = v
		}
		people = append(people, a)
	}
	day := time.Date(2024, 6, 2, 0, 0, 0, 0, time.UTC)
	pages := []*page.Page{
		{},
		{Authors: people[:1]},
		{Reviewers: people[2:3], Meta: page.Meta{LastReviewed: page.Date{Time: day}}},
		{Translators: people[3:5], Meta: page.Meta{Funding: "x"}},
	}
	for i, v := range hostile {
		pages = append(pages, &page.Page{Authors: people[i:], Translators: people[:i], Reviewers: people[i/2:],
			Meta: page.Meta{LastReviewed: page.Date{Time: day.AddDate(0, i, 0)}, Sponsor: v, Funding: hostile[len(hostile)-1-i]}})
	}
	var all strings.Builder
	for _, lang := range x.cfg.Languages {
		for i, p := range pages {
			d := x.data(lang, p)
			got, want := x.partial(t, "trust", d), x.partial(t, "former-trust", d)
			if got != want {
				t.Errorf("%s, page %d: trust =\n%s\nthe former partial wrote\n%s", lang.Code, i, got, want)
			}
			all.WriteString(string(got))
		}
	}
	for _, s := range []string{"&lt;b&gt;Escrito&lt;/b&gt; &amp; &#39;por&#39; &#43;", "Sin &lt;revisión&gt;", "&lt;jun&gt;", "&lt;script&gt;", "#ZgotmplZ", `datetime="2024-06-02"`} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("%q is in no page's trust box: the test lost its point", s)
		}
	}
}

// The Bluesky link's text is the title, a space and the address, as one
// query value: share builds it from the two escaped parts.
func TestShareBlueskyTextIsTheTitleAndTheAddress(t *testing.T) {
	t.Parallel()
	for i, v := range hostile {
		p := &page.Page{Kind: page.KindPage, Permalink: "https://example.org/" + hostile[(i+1)%len(hostile)], Meta: page.Meta{Title: v}}
		var got string
		for _, s := range share(p) {
			if s.Name == "Bluesky" {
				got = s.URL
			}
		}
		if want := "https://bsky.app/intent/compose?text=" + url.QueryEscape(p.Meta.Title+" "+p.Permalink); got != want {
			t.Errorf("%q: Bluesky link %q, want %q", v, got, want)
		}
	}
}

func TestCrumbsRunFromTheHomePageToThePage(t *testing.T) {
	t.Parallel()
	home := &page.Page{RelPermalink: "/", Meta: page.Meta{Title: "Home"}}
	sec := &page.Page{RelPermalink: "/a/", Parent: home, Meta: page.Meta{Title: "A"}}
	art := &page.Page{RelPermalink: "/a/b/", Parent: sec, Meta: page.Meta{Title: "B"}}
	want := []Crumb{{"Home", "/"}, {"A", "/a/"}, {"B", "/a/b/"}}
	if got := crumbs(art); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("crumbs = %v, want %v", got, want)
	}
	if got := crumbs(home); len(got) != 1 || got[0] != want[0] {
		t.Errorf("crumbs of the home page = %v", got)
	}
}

// The default theme's review notice (page.html) and printed-from line
// (footer.html) before ReviewNotice and PrintedFrom.
const (
	formerReviewNotice = `{{- if not .Page.NextReview.IsZero }}
<p class="notice notice-overdue" data-next-review="{{ .Page.NextReview.Format "2006-01-02" }}"{{ if not .Overdue }} hidden{{ end }}><strong>{{ T "review.overdue" }}</strong></p>{{ end }}`
	formerPrintedFrom = `<p class="printed-from">{{ T "print.from" }} <a href="{{ .Canonical }}" dir="ltr">{{ .Canonical }}</a><span class="printed-on" data-word="{{ T "print.on" }}"></span></p>`
)

func TestReviewNoticeAndPrintedFromWriteWhatTheTemplatesWrote(t *testing.T) {
	t.Parallel()
	x := newThemed(t, twoLanguages, fstest.MapFS{
		"layouts/_partials/former-notice.html":  {Data: []byte(formerReviewNotice)},
		"layouts/_partials/notice.html":         {Data: []byte(`{{- .ReviewNotice }}`)},
		"layouts/_partials/former-printed.html": {Data: []byte(formerPrintedFrom)},
		"layouts/_partials/printed.html":        {Data: []byte(`{{ .PrintedFrom }}`)},
		// A translator's hostile strings: escaped, never markup.
		"i18n/es.yaml": {Data: []byte("review.overdue: \"<b>Vencida</b> & 'ya' +\"\nprint.from: \"\\\"Impreso\\\" <i>\"\nprint.on: \"<el> & 'x'\"\n")},
	}, nil)
	var all strings.Builder
	for _, lang := range x.cfg.Languages {
		for i, v := range hostile {
			p := &page.Page{}
			if i%3 != 0 {
				p.NextReview = time.Date(2020+i, time.Month(1+i%12), 1+i, 0, 0, 0, 0, time.UTC)
			}
			d := x.data(lang, p)
			d.Canonical, d.Overdue = v, i%2 == 0
			for _, c := range [][2]string{{"notice", "former-notice"}, {"printed", "former-printed"}} {
				got, want := x.partial(t, c[0], d), x.partial(t, c[1], d)
				if got != want {
					t.Errorf("%s, %q: %s =\n%s\nthe former template wrote\n%s", lang.Code, v, c[0], got, want)
				}
				all.WriteString(string(got))
			}
		}
	}
	for _, s := range []string{"&lt;b&gt;Vencida&lt;/b&gt; &amp; &#39;ya&#39; &#43;", `data-word="&lt;el&gt; &amp; &#39;x&#39;"`, "#ZgotmplZ", "&lt;script&gt;", ` hidden>`, `data-next-review="2022-03-03"><strong>`} {
		if !strings.Contains(all.String(), s) {
			t.Errorf("%q is in no output: the test lost its point", s)
		}
	}
}
