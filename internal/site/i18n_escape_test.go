package site_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
	"go.yaml.in/yaml/v3"
	"golang.org/x/net/html"

	"github.com/medkb/medkb/themes"
)

// i18nPayload is markup a hostile or careless translator might type.
const i18nPayload = `<img src=x onerror=alert(1)>`

// fmtVerb matches the fmt verbs a UI string passes its arguments through.
var fmtVerb = regexp.MustCompile(`%[-+# 0-9.\[\]]*[a-zA-Z]`)

// hostileStrings returns a copy of a theme i18n file with the payload in
// every string, keeping the fmt verbs (so arguments still land) and, for
// the month list, the twelve entries.
func hostileStrings(t *testing.T, data []byte) (string, []string) {
	t.Helper()
	var table map[string]string
	if err := yaml.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var keys []string
	for k, v := range table {
		keys = append(keys, k)
		switch k {
		case "date.months":
			var months []string
			for i := range 12 {
				months = append(months, fmt.Sprintf("m%d %s", i+1, i18nPayload))
			}
			out[k] = strings.Join(months, ",")
		case "date.layout":
			out[k] = v + " " + i18nPayload
		default:
			out[k] = k + " " + i18nPayload + " " + strings.Join(fmtVerb.FindAllString(v, -1), " ")
		}
	}
	b, err := yaml.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(keys)
	return string(b), keys
}

// Every UI string of the theme, in every language it ships, goes through
// the same escaping as the rest: no markup typed into an i18n file — nor
// into the site's title, description or publisher — survives in pages,
// feeds (RSS, Atom, JSON Feed), search files or the sitemap. The feed
// items' provenance line (feed.attribution) was written with fmt.Sprintf
// and no escaping.
func TestHostileI18nStringsAreEscapedEverywhere(t *testing.T) {
	dir := hostileSite(t)
	files, err := fs.Glob(themes.Default(), "i18n/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("theme i18n files: %v %v", files, err)
	}
	var langs, enKeys []string
	for _, name := range files {
		data, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			t.Fatal(err)
		}
		text, keys := hostileStrings(t, data)
		if strings.HasSuffix(name, "/en.yaml") {
			enKeys = keys
		}
		writeFile(t, dir+"/"+name, []byte(text))
		lang := strings.TrimSuffix(strings.TrimPrefix(name, "i18n/"), ".yaml")
		langs = append(langs, lang)
		// Headings (anchor labels), every callout kind (their titles) and
		// a table (its region label) bring the Markdown's UI strings in.
		body := "Body in " + lang + ".\n\n## Section\n\nText.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
		for _, kind := range []string{"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "EMERGENCY", "SEE-A-DOCTOR"} {
			body += "> [!" + kind + "]\n> Careful.\n\n"
		}
		name := "asthma." + lang
		if lang == "en" {
			name = "extra"
		}
		writeFile(t, dir+"/content/conditions/"+name+".md", []byte(article("", body)))
	}
	// Not yet reviewed (feed.attribution_unreviewed, review.none), with an
	// old address (alias.text) and a table of contents (toc, from its headings).
	writeFile(t, dir+"/content/conditions/unreviewed.md", []byte("---\ntitle: Unreviewed\nsummary: Not yet reviewed.\n"+
		"date: 2024-03-05\nauthors: [editor]\naudience: patient\naliases: [/old-unreviewed/]\n---\n"+
		"Body.\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n"))
	cfg := config(t, "")
	list := "languages:\n"
	for _, l := range langs {
		list += fmt.Sprintf("  - {code: %s, name: %s%s}\n", l, yamlQuote(l+" "+i18nPayload), map[bool]string{true: ", default: true"}[l == "en"])
	}
	cfg = strings.Replace(cfg, "language: en\n", list, 1)
	for _, key := range []string{"title", "description", "disclaimer"} {
		cfg = regexp.MustCompile(`(?m)^`+key+`: .*$`).ReplaceAllString(cfg, key+": "+yamlQuote("cfg-"+key+" "+i18nPayload))
	}
	cfg = strings.Replace(cfg, `  name: "Test Trust"`, "  name: "+yamlQuote("cfg-publisher "+i18nPayload), 1)
	writeFile(t, dir+"/medkb.yaml", []byte(cfg))

	out := mustBuild(t, dir)
	var scanned int
	for _, name := range sortedKeys(out) {
		data := out[name]
		if isFeed(name) {
			// What a feed reader renders: each item's content as HTML,
			// after the feed's own XML or JSON escaping is undone.
			data = []byte(feedItemHTML(t, name, data))
			if !bytes.Contains(data, []byte("attribution")) {
				t.Errorf("%s: no item carries the attribution line", name)
			}
		}
		if !strings.HasSuffix(name, ".html") && !isFeed(name) && !strings.HasPrefix(name, "search/") &&
			!strings.Contains(name, "/search/") && name != "sitemap.xml" && !strings.HasSuffix(name, ".js") && !strings.HasSuffix(name, ".json") {
			continue
		}
		scanned++
		for _, d := range append([]string{"<img src=x"}, dangerous...) {
			if i := bytes.Index(data, []byte(d)); i >= 0 {
				t.Errorf("%s: raw %q at byte %d: …%s…", name, d, i, excerpt(data, i))
			}
		}
		if strings.HasSuffix(name, ".html") || isFeed(name) {
			// Parsed as a browser would: a payload rewritten on the way
			// (feeds make its src absolute) is still an element.
			for _, el := range handlerElements(string(data)) {
				t.Errorf("%s: element with an event handler: %s", name, el)
			}
		}
	}
	if scanned < 20 {
		t.Fatalf("only %d output files scanned", scanned)
	}
	// The scan is not vacuous: the strings reach the outputs, escaped.
	var reached int
	var missed []string
	for _, k := range enKeys {
		if anyFileHas(out, k+" &lt;img", k+` \u003cimg`, k+` \u0026lt;img`, k+" <img") {
			reached++
		} else {
			missed = append(missed, k)
		}
	}
	t.Logf("%d of %d UI strings reach an output; not shown by this site: %s", reached, len(enKeys), strings.Join(missed, ", "))
	for _, want := range []string{"feed.attribution_unreviewed &lt;img", "skip &lt;img", "heading.anchor &lt;img", "callout.warning &lt;img", "cfg-title &lt;img", "cfg-publisher &lt;img", "m3 &lt;img"} {
		if !anyFileHas(out, want) {
			t.Errorf("no output holds %q", want)
		}
	}
}

// feedItemHTML returns what a feed reader renders as HTML in a feed: every
// item's content, and in RSS its description (Atom and JSON Feed
// summaries are plain text).
func feedItemHTML(t *testing.T, name string, data []byte) string {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: gofeed: %v", name, err)
		return ""
	}
	var b strings.Builder
	for _, it := range f.Items {
		b.WriteString(it.Content)
		if f.FeedType == "rss" {
			b.WriteString(it.Description)
		}
	}
	return b.String()
}

// handlerElements parses text as HTML and returns every element carrying an
// on… event handler attribute, rendered back for the message.
func handlerElements(text string) []string {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return []string{"unparsable HTML: " + err.Error()}
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				var b strings.Builder
				html.Render(&b, n)
				out = append(out, b.String())
				break
			}
		}
	}
	return out
}
