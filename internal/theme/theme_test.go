package theme

import (
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"go.yaml.in/yaml/v3"
)

// TestShippedLanguagesAreComplete holds the default theme's translations to
// the English key set: a missing key shows English on a translated page.
func TestShippedLanguagesAreComplete(t *testing.T) {
	t.Parallel()
	load := func(lang string) map[string]string {
		b, err := os.ReadFile("../../themes/default/i18n/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s.yaml: %v", lang, err)
		}
		return m
	}
	en := load("en")
	for _, lang := range []string{"es", "ar"} {
		m := load(lang)
		var missing []string
		for k := range en {
			if m[k] == "" {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s.yaml lacks %d keys: %v", lang, len(missing), missing)
		}
	}
}

func TestHTMLEscapesStringAndArguments(t *testing.T) {
	t.Parallel()
	layers := []Layer{{Name: "t", FS: fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`{{ block "main" . }}{{ end }}`)},
		"i18n/en.yaml":        {Data: []byte("a: \"Read <b>this</b> on %s, %s & more\"\nplain: \"<i>x</i>\"\n")},
	}}}
	for _, k := range Kinds {
		layers[0].FS.(fstest.MapFS)["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{ define "main" }}{{ end }}`)}
	}
	s, err := Load(layers, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.HTML("en", "a", `<img src=x onerror=alert(1)>`, "O'Brien"), "Read &lt;b&gt;this&lt;/b&gt; on &lt;img src=x onerror=alert(1)&gt;, O&#39;Brien &amp; more"; got != want {
		t.Errorf("HTML = %q, want %q", got, want)
	}
	if got := s.HTML("en", "plain"); got != "&lt;i&gt;x&lt;/i&gt;" {
		t.Errorf("HTML without arguments = %q", got)
	}
	if got := s.HTML("en", "missing <key>"); got != "missing &lt;key&gt;" {
		t.Errorf("HTML of a missing key = %q", got)
	}
}

// TestDateFormatMatchesReplacer holds the layout read once to what
// replacing its placeholders on every call gives (how dates were written
// before), for odd layouts and month tables and layouts pieced together
// at random.
func TestDateFormatMatchesReplacer(t *testing.T) {
	t.Parallel()
	replaced := func(t time.Time, table map[string]string) string {
		if t.IsZero() {
			return ""
		}
		months := strings.Split(table["date.months"], ",")
		month := t.Month().String()
		if len(months) == 12 {
			month = strings.TrimSpace(months[t.Month()-1])
		}
		layout := table["date.layout"]
		if layout == "" {
			layout = "{d} {month} {yyyy}"
		}
		return strings.NewReplacer("{d}", strconv.Itoa(t.Day()), "{month}", month, "{yyyy}", strconv.Itoa(t.Year())).Replace(layout)
	}
	layouts := []string{"", "{d} {month} {yyyy}", "{month} {d}, {yyyy}", "{d}.{month}.{yyyy}", "{d}{d}{yyyy}{yyyy}",
		"{{d}}", "{mont{d}h}", "{yyyy", "{month", "d}", "no placeholders", "{d} de {month} de {yyyy}", "٫{d}٫{month}"}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"{d}", "{month}", "{yyyy}", "{", "}", "d", "month", "{m", " ", "é", "yyyy}"}
	for range 300 {
		var b strings.Builder
		for n := rng.IntN(7); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		layouts = append(layouts, b.String())
	}
	monthTables := []string{"", "January,February", " enero, febrero,marzo,abril,mayo,junio,julio,agosto,septiembre,octubre,noviembre,diciembre ",
		"يناير,فبراير,مارس,أبريل,مايو,يونيو,يوليو,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر"}
	dates := []time.Time{{}, time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(5, 1, 1, 0, 0, 0, 0, time.UTC)}
	for _, layout := range layouts {
		for _, months := range monthTables {
			table := map[string]string{"date.layout": layout, "date.months": months}
			df := newDateFormat(table)
			for _, d := range dates {
				if got, want := df.format(d), replaced(d, table); got != want {
					t.Fatalf("layout %q, months %q, %v: %q, want %q", layout, months, d, got, want)
				}
			}
		}
	}
}
