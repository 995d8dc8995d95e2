package render

import (
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

var jsonStrings = []string{
	"", "plain", `quote " and \ backslash`, "<script>alert(1)</script> & co",
	"tab\tnew\nline\rcr\bbs\fff\x00nul\x1fus\x7fdel", "ünïcödé — “quotes” …",
	"line\u2028para\u2029sep", "bad \xff utf8 \xe2\x82 cut \xed\xa0\x80 surrogate", "emoji 🩺",
}

// ldCase is a page of a random shape and the renderer and crumbs
// jsonLD takes with it: every member jsonLD writes is present in some
// cases and absent in others, and the strings are drawn from jsonStrings.
type ldCase struct {
	r  *Renderer
	ls *assemble.Lang
	p  *page.Page
	cr []Crumb
}

func randomLDCase(t testing.TB, rng *rand.Rand) ldCase {
	t.Helper()
	// Valid UTF-8 only: an invalid byte is written as \ufffd, which reads
	// back as U+FFFD itself, so the round trip below could not compare
	// (FuzzAppendJSONString holds invalid input to Marshal directly).
	var valid []string
	for _, s := range jsonStrings {
		if utf8.ValidString(s) {
			valid = append(valid, s)
		}
	}
	str := func() string { return valid[rng.IntN(len(valid))] }
	some := func() string { // a string, empty at times
		if rng.IntN(3) == 0 {
			return ""
		}
		return str() + "x"
	}
	yaml := "title: Site\nbase_url: https://example.org/\n"
	if rng.IntN(2) == 0 {
		yaml += "publisher: {name: Trust, url: https://example.org/about/, logo: /images/logo.png}\n"
	}
	if rng.IntN(2) == 0 {
		yaml += "description: A site\n"
	}
	if rng.IntN(3) == 0 {
		yaml += "search: {disabled: true}\n"
	}
	if rng.IntN(2) == 0 {
		yaml += "default_image: /images/card.png\n"
	}
	cfg, err := config.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	r := &Renderer{Site: &assemble.Site{Config: cfg}}
	ls := &assemble.Lang{Language: cfg.DefaultLanguage(), Search: &page.Page{RelPermalink: "/search/"}}
	day := func() page.Date {
		if rng.IntN(4) == 0 {
			return page.Date{}
		}
		return page.Date{Time: time.Date(2020+rng.IntN(5), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(2)*rng.IntN(24), 0, 0, 0, time.UTC)}
	}
	author := func() page.Author {
		a := page.Author{Name: str(), Credentials: some(), Role: some(), URL: some(), Bio: some()}
		if rng.IntN(3) == 0 {
			a.Type = page.AuthorOrganization
		}
		switch rng.IntN(4) {
		case 0:
			a.Fediverse = "@someone@social.example"
		case 1:
			a.Fediverse = "not a handle"
		}
		if a.Type == page.AuthorOrganization && a.Fediverse != "" && rng.IntN(2) == 0 {
			a.URL = a.FediverseURL() // an organisation whose url is its fediverse profile
		}
		return a
	}
	authors := func() []page.Author {
		var as []page.Author
		for range rng.IntN(3) {
			as = append(as, author())
		}
		return as
	}
	kinds := []page.Kind{page.KindHome, page.KindPerson, page.KindPage, page.KindPage, page.KindPage, page.KindSection}
	p := &page.Page{Kind: kinds[rng.IntN(len(kinds))], Lang: "en", Permalink: "https://example.org/" + some() + "/",
		Meta: page.Meta{Title: str(), Summary: some(), Description: some(), Date: day(), Lastmod: day(), LastReviewed: day(),
			Specialty: some(), Sponsor: some(), Funding: some(), Image: some()},
		Authors: authors(), Reviewers: authors(), Translators: authors()}
	if rng.IntN(2) == 0 {
		p.Meta.Audience = "professional"
	}
	if rng.IntN(5) == 0 {
		p.Meta.Withdrawn = &page.Withdrawal{Reason: str()}
	}
	if p.Kind == page.KindPerson && rng.IntN(4) > 0 {
		a := author()
		p.Person = &a
	}
	for range rng.IntN(3) {
		p.Meta.About = append(p.Meta.About, page.Condition{Name: str(), ICD10: some(), SNOMED: some()})
	}
	for range rng.IntN(4) {
		p.Meta.References = append(p.Meta.References, page.Reference{Title: str(), Publisher: some(), Year: rng.IntN(2) * 2020,
			URL: some(), DOI: some()})
	}
	if rng.IntN(3) == 0 {
		p.Original = &page.Page{Permalink: "https://example.org/fr/" + some() + "/", Lang: "fr"}
	}
	var cr []Crumb
	for range rng.IntN(4) {
		cr = append(cr, Crumb{str(), "/" + some() + "/"})
	}
	return ldCase{r, ls, p, cr}
}

// TestJSONLDIsWhatMarshalWrites holds jsonLD's output, for pages of every
// shape, to what encoding/json writes for the same data: parsed back and
// encoded again by encoding/json (which sorts an object's keys and escapes
// <, > and & as jsonLD must), it comes out byte for byte the same. So each
// object's members are written in key order, each string escaped as
// Marshal escapes it, and the whole is valid JSON.
func TestJSONLDIsWhatMarshalWrites(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	members := map[string]bool{}
	for i := range 2000 {
		c := randomLDCase(t, rng)
		got := string(c.r.jsonLD(c.ls, c.p, c.cr))
		var v any
		if err := json.Unmarshal([]byte(got), &v); err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, got)
		}
		want, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Fatalf("case %d:\n got %s\nwant %s", i, got, want)
		}
		collectKeys(v, "", members)
	}
	// Every member the writer knows appeared in some case.
	for _, k := range []string{"WebSite.description", "WebSite.potentialAction", "Organization.logo", "Organization.url",
		"ProfilePage.mainEntity", "Person.description", "Person.honorificSuffix", "Person.jobTitle", "Person.sameAs",
		"Organization.sameAs", "MedicalWebPage.about", "MedicalCondition.code", "MedicalScholarlyArticle.publicationType",
		"MedicalWebPage.author", "MedicalWebPage.citation", "CreativeWork.datePublished", "CreativeWork.publisher",
		"CreativeWork.url", "MedicalWebPage.dateModified", "MedicalWebPage.datePublished", "MedicalWebPage.description",
		"MedicalWebPage.funding", "MedicalWebPage.image", "MedicalWebPage.lastReviewed", "MedicalWebPage.reviewedBy",
		"MedicalWebPage.specialty", "MedicalWebPage.sponsor", "MedicalWebPage.translationOfWork", "MedicalWebPage.translator",
		"BreadcrumbList.itemListElement", "WebPage.author", "WebPage.@id"} {
		if !members[k] {
			t.Errorf("no case wrote %s", k)
		}
	}
}

// collectKeys notes "Type.key" for every member of every object in v.
func collectKeys(v any, _ string, into map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		typ, _ := v["@type"].(string)
		for k, e := range v {
			into[typ+"."+k] = true
			collectKeys(e, k, into)
		}
	case []any:
		for _, e := range v {
			collectKeys(e, "", into)
		}
	}
}

// TestJSONLDWriterRefusesKeysOutOfOrder: the writer panics on a key that
// does not sort after the one before it in the same object, and on a key
// inside an array, so a member written out of order fails every test that
// renders its page rather than writing JSON that differs from Marshal's.
func TestJSONLDWriterRefusesKeysOutOfOrder(t *testing.T) {
	for name, write := range map[string]func(w *ldWriter){
		"out of order": func(w *ldWriter) { w.open(false); w.str("name", "a"); w.str("@type", "b") },
		"twice":        func(w *ldWriter) { w.open(false); w.str("name", "a"); w.str("name", "b") },
		"in an array":  func(w *ldWriter) { w.open(true); w.str("name", "a") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			write(&ldWriter{})
		}()
	}
	// In order, nested: an inner object's keys start afresh.
	w := &ldWriter{}
	w.obj("", true, "A")
	w.obj("b", false, "B")
	w.str("z", "1")
	w.close()
	w.str("c", "2")
	w.close()
	if got, want := string(w.b), `{"@context":"https://schema.org","@type":"A","b":{"@type":"B","z":"1"},"c":"2"}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestJSONLDOfAPageWithNoEntryIsNull: a page that is no article, home or
// profile and has no trail writes null, as Marshal writes a nil list.
func TestJSONLDOfAPageWithNoEntryIsNull(t *testing.T) {
	cfg, err := config.Parse([]byte("title: Site\nbase_url: https://example.org/\n"))
	if err != nil {
		t.Fatal(err)
	}
	r := &Renderer{Site: &assemble.Site{Config: cfg}}
	got := r.jsonLD(&assemble.Lang{Language: cfg.DefaultLanguage()}, &page.Page{Kind: page.KindSection}, []Crumb{{"Home", "/"}})
	if got != "null" {
		t.Errorf("got %s, want null", got)
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}
