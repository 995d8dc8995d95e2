package theme

import (
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

// A partial no template calls, and no Go code executes, is named with
// its file; a call anywhere — a branch, an else, a range, a nested
// pipeline, another partial, partialCached — counts.
func TestUnusedNamesThePartialsNothingCalls(t *testing.T) {
	t.Parallel()
	main := `{{ if .A }}{{ template "in-if" . }}{{ else if .B }}{{ template "in-else-if" . }}{{ else }}{{ with .C }}{{ template "in-with" . }}{{ end }}{{ end }}` +
		`{{ range .D }}{{ template "in-range" . }}{{ else }}{{ template "in-range-else" }}{{ end }}` +
		`{{ fn (partialCached "cached-nested" .) }}{{ partialCached "cached" . "variant" }}{{ template "outer" . }}`
	partials := map[string]string{}
	for _, n := range []string{"in-if", "in-else-if", "in-with", "in-range", "in-range-else", "cached-nested", "cached", "inner", "card"} {
		partials[n] = n
	}
	partials["outer"] = `{{ template "inner" . }}`
	partials["stray"] = `never called`
	s := unusedSet(t, main, partials, map[string]string{"person": `<bdi>{{ .Name }}</bdi>`, "cached": `site's own`})

	got := files(s.Unused("card"))
	want := []string{"layouts/_partials/person.html", "themes/t/layouts/_partials/stray.html"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Unused(card) = %q, want %q", got, want)
	}
	d := s.Unused("card")[0]
	if d.Message != `partial "person" is never used: no layout or partial calls it, so this file changes no page` || d.Hint == "" {
		t.Errorf("diagnostic = %v", d)
	}
	// card is called from Go only: without it in fromGo it is unused too.
	if got := files(s.Unused()); len(got) != 3 || got[1] != "themes/t/layouts/_partials/card.html" {
		t.Errorf("Unused() = %q, want card's file among them", got)
	}
}

// When partialCached names its partial with anything but a literal, any
// partial may be the one called: Unused says nothing rather than guess.
func TestUnusedGivesUpOnANameItCannotRead(t *testing.T) {
	t.Parallel()
	for _, main := range []string{`{{ partialCached .Name . }}`, `{{ $n := "x" }}{{ partialCached $n . }}`, `{{ "stray" | partialCached }}`,
		`{{ partialCached (printf "%s" "stray") . }}`} {
		s := unusedSet(t, main, map[string]string{"stray": "x"}, nil)
		if got := s.Unused(); len(got) != 0 {
			t.Errorf("%s: Unused() = %v, want nothing", main, got)
		}
	}
	s := unusedSet(t, `{{ partialCached "other" . }}`, map[string]string{"stray": "x", "other": "y"}, nil)
	if got := files(s.Unused()); len(got) != 1 || got[0] != "themes/t/layouts/_partials/stray.html" {
		t.Errorf("with a literal name: Unused() = %q", got)
	}
}
