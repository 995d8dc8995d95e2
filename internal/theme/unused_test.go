package theme

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/medkb/medkb/internal/diag"
)

// unusedSet loads a theme whose kinds all show base.html's main block,
// with partials under the theme ("themes/t") and the site ("layouts").
func unusedSet(t *testing.T, main string, theme, site map[string]string) *Set {
	t.Helper()
	themeFS := fstest.MapFS{"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)}}
	for _, k := range Kinds {
		themeFS["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}` + main + `{{ end }}`)}
	}
	siteFS := fstest.MapFS{}
	for name, text := range theme {
		themeFS["layouts/_partials/"+name+".html"] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range site {
		siteFS["layouts/_partials/"+name+".html"] = &fstest.MapFile{Data: []byte(text)}
	}
	s, err := Load([]Layer{{Name: "themes/t", FS: themeFS}, {Name: "", FS: siteFS}}, []string{"en", "es"}, "en", map[string]any{"fn": func(...any) string { return "" }})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func files(l diag.List) []string {
	var out []string
	for _, d := range l {
		if d.Severity != diag.Warning {
			panic("not a warning: " + d.String())
		}
		out = append(out, d.File)
	}
	return out
}

// A site's partial no template calls, and no Go code executes, is named
// with its file; a call anywhere — a branch, an else, a range, a nested
// pipeline, another partial, partialCached, an attribute — counts, and so
// does a call of a template a {{ define }} in the file makes. The theme's
// own partials are not judged.
func TestUnusedNamesThePartialsNothingCalls(t *testing.T) {
	t.Parallel()
	main := `{{ if .A }}{{ template "in-if" . }}{{ else if .B }}{{ template "in-else-if" . }}{{ else }}{{ with .C }}{{ template "in-with" . }}{{ end }}{{ end }}` +
		`{{ range .D }}{{ template "in-range" . }}{{ else }}{{ template "in-range-else" }}{{ end }}` +
		`{{ fn (partialCached "cached-nested" .) }}{{ partialCached "cached" . "variant" }}{{ template "outer" . }}<a title="{{ template "in-attr" . }}" href="/x?q={{ template "in-url" . }}">x</a>` +
		`{{ template "icon-warning" . }}`
	site := map[string]string{}
	for _, n := range []string{"in-attr", "in-url", "in-if", "in-else-if", "in-with", "in-range", "in-range-else", "cached-nested", "cached", "inner", "card"} {
		site[n] = n
	}
	site["outer"] = `{{ template "inner" . }}`
	site["stray"] = `never called`
	site["person"] = `<bdi>{{ .Name }}</bdi>`
	site["icons"] = `{{ define "icon-warning" }}<svg></svg>{{ end }}{{ define "icon-never" }}{{ end }}`
	site["defines-only-uncalled"] = `{{ define "nobody-calls" }}x{{ end }}`
	s := unusedSet(t, main, map[string]string{"theme-only": "the theme's business", "cached": "the theme's"}, site)

	got := files(s.Unused("card"))
	want := []string{"layouts/_partials/defines-only-uncalled.html", "layouts/_partials/person.html", "layouts/_partials/stray.html"}
	if !slices.Equal(got, want) {
		t.Fatalf("Unused(card) = %q, want %q", got, want)
	}
	d := s.Unused("card")[1]
	if d.Message != `partial "person" is never used: no layout or partial calls it, so this file changes no page` || d.Hint == "" {
		t.Errorf("diagnostic = %v", d)
	}
	// card is called from Go only: without it in fromGo it is unused too.
	if got := files(s.Unused()); len(got) != 4 || got[0] != "layouts/_partials/card.html" {
		t.Errorf("Unused() = %q, want card's file among them", got)
	}
}

// When partialCached names its partial with anything but a literal, any
// partial may be the one called: Unused says nothing rather than guess.
func TestUnusedGivesUpOnANameItCannotRead(t *testing.T) {
	t.Parallel()
	for _, main := range []string{`{{ partialCached .Name . }}`, `{{ $n := "x" }}{{ partialCached $n . }}`, `{{ "stray" | partialCached }}`,
		`{{ partialCached (printf "%s" "stray") . }}`} {
		s := unusedSet(t, main, nil, map[string]string{"stray": "x"})
		if got := s.Unused(); len(got) != 0 {
			t.Errorf("%s: Unused() = %v, want nothing", main, got)
		}
	}
	s := unusedSet(t, `{{ partialCached "other" . }}`, nil, map[string]string{"stray": "x", "other": "y"})
	if got := files(s.Unused()); len(got) != 1 || got[0] != "layouts/_partials/stray.html" {
		t.Errorf("with a literal name: Unused() = %q", got)
	}
}

// stringsSet loads a theme with the strings themeEN and a site layer with
// the given i18n files and one layout, main.
func stringsSet(t *testing.T, main, themeEN string, site map[string]string) *Set {
	t.Helper()
	themeFS := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"i18n/en.yaml":        {Data: []byte(themeEN)},
		"i18n/ar.yaml":        {Data: []byte("only.arabic: \"x\"\n")},
	}
	for _, k := range Kinds {
		themeFS["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ T "toc" }}{{ end }}`)}
	}
	siteFS := fstest.MapFS{"layouts/plain.html": {Data: []byte(`{{ define "main" }}` + main + `{{ end }}`)}}
	for name, text := range site {
		siteFS["i18n/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	s, err := Load([]Layer{{Name: "themes/t", FS: themeFS}, {Name: "", FS: siteFS}}, []string{"en", "es"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A site's UI string that nothing shows — a misspelt key, a file for a
// language the site does not have — is named at its line, with the key it
// may mean; the theme's keys (in any of its languages), the keys medkb's
// code shows (known), a layout's literal T and a T (print "prefix." …)
// count as shown.
func TestStrayStringsNamesWhatNothingShows(t *testing.T) {
	t.Parallel()
	s := stringsSet(t, `{{ T "site.own" }}{{ T (print "people." .Role) }}{{ T (printf "role.%s.label" .R) }}`, "toc: \"Contents\"\nsearch.label: \"Search\"\n",
		map[string]string{
			"en.yaml": "toc: \"In this article\"\ntcoc: \"Oops\"\nsite.own: \"Ours\"\npeople.editor: \"Edited by\"\nrole.x.label: \"X\"\n" +
				"only.arabic: \"x\"\nfeed.updated: \"Updated: %s\"\nsearch.lable: \"Find\"\n",
			"es.yaml": "toc: \"En este artículo\"\n",
			"fr.yaml": "toc: \"Dans cet article\"\nwhatever: \"x\"\n",
		})
	got := s.StrayStrings(map[string]bool{"feed.updated": true})
	var pos []string
	for _, d := range got {
		pos = append(pos, d.Pos()+" "+d.Message)
	}
	want := []string{
		`i18n/en.yaml:2 string "tcoc" is shown nowhere: the theme has no such string and no template calls T "tcoc"; did you mean "toc"?`,
		`i18n/en.yaml:8 string "search.lable" is shown nowhere: the theme has no such string and no template calls T "search.lable"; did you mean "search.label"?`,
		`i18n/fr.yaml "fr" is not one of the site's languages (en, es): no page shows these strings`,
	}
	if !slices.Equal(pos, want) {
		t.Fatalf("StrayStrings =\n%s\nwant\n%s", strings.Join(pos, "\n"), strings.Join(want, "\n"))
	}
	if got[0].Hint != `write toc: instead, or call {{ T "tcoc" }} from a layout` || got[0].Severity != diag.Warning {
		t.Errorf("first = %+v", got[0])
	}
	// Without the known keys, the key medkb's code shows is stray too.
	if n := len(s.StrayStrings(nil)); n != 4 {
		t.Errorf("StrayStrings(nil) has %d warnings, want 4 (feed.updated among them)", n)
	}
}

// A T call whose key is a field or a variable may show any key: keys are
// not checked, a language the site lacks still is.
func TestStrayStringsGivesUpOnAKeyItCannotRead(t *testing.T) {
	t.Parallel()
	for _, main := range []string{`{{ T .Key }}`, `{{ $k := "x" }}{{ T $k }}`, `{{ "x" | T }}`, `{{ T (print .Prefix "x") }}`} {
		s := stringsSet(t, main, "toc: \"Contents\"\n", map[string]string{"en.yaml": "tcoc: \"x\"\n", "fr.yaml": "toc: \"y\"\n"})
		got := s.StrayStrings(nil)
		if len(got) != 1 || got[0].File != "i18n/fr.yaml" {
			t.Errorf("%s: StrayStrings = %v, want only i18n/fr.yaml's language", main, got)
		}
	}
}

// English is every language's fallback (mergeStrings): a site's en.yaml is
// read on a site without English, and its keys are checked as any other's.
func TestStrayStringsTakesEnglishAsEveryLanguagesFallback(t *testing.T) {
	t.Parallel()
	themeFS := fstest.MapFS{"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)}, "i18n/en.yaml": {Data: []byte("toc: \"Contents\"\n")}}
	for _, k := range Kinds {
		themeFS["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ T "site.own" }}{{ end }}`)}
	}
	siteFS := fstest.MapFS{"i18n/en.yaml": {Data: []byte("site.own: \"Ours\"\ntcoc: \"x\"\n")}}
	s, err := Load([]Layer{{Name: "themes/t", FS: themeFS}, {Name: "", FS: siteFS}}, []string{"es"}, "es", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := s.StrayStrings(nil)
	if len(got) != 1 || got[0].Pos() != "i18n/en.yaml:2" {
		t.Errorf("StrayStrings = %v, want only i18n/en.yaml:2's tcoc", got)
	}
	if s.String("es", "site.own") != "Ours" {
		t.Errorf("the site's English string is not the Spanish pages' fallback: %q", s.String("es", "site.own"))
	}
}
