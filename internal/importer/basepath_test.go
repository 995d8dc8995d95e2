package importer_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// TestImportSiteServedUnderAPath: a Jekyll site served as a GitHub
// project page (url: https://nhsconnect.github.io, baseurl:
// /Digital-Child-Health-STU3, as nhsconnect/Digital-Child-Health-STU3,
// Apache-2.0, is served) whose pages link to each other with the path in
// every form an old site holds: the whole address, the path typed from
// the host's root, {{ site.baseurl }} and relative_url. Each becomes a
// site-rooted link medkb serves under the path (base_url keeps it), the
// change is noted, and the notes' redirects for the web server name the
// addresses the host serves, path and all. Before, the whole address and
// the typed path were kept as written (medkb served the latter at
// /Digital-Child-Health-STU3/Digital-Child-Health-STU3/…), and the
// redirects named /tag_fhir.html and /feed.xml, which the host never
// serves.
func TestImportSiteServedUnderAPath(t *testing.T) {
	t.Parallel()
	const base = "/Digital-Child-Health-STU3"
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":             "title: Digital Child Health\nurl: https://nhsconnect.github.io\nbaseurl: " + base + "\n",
		"index.md":                "---\ntitle: Home\ndate: 2019-08-21\npermalink: index.html\n---\nStart with [explore](https://nhsconnect.github.io" + base + "/explore.html),\n[the events](" + base + "/explore_events.html#birth),\n[again]({{ site.baseurl }}/explore.html) and [once more]({{ \"/explore_events.html\" | relative_url }}).\nAnother project on the same host: [FHIR](https://nhsconnect.github.io/FHIR-SpineCore/).\n",
		"pages/explore.md":        "---\ntitle: Explore\ndate: 2019-08-21\ntags: [fhir]\npermalink: explore.html\n---\nThe events are [here](https://nhsconnect.github.io" + base + "/explore_events.html).\n",
		"pages/explore_events.md": "---\ntitle: Events\ndate: 2019-08-21\ntags: [fhir]\npermalink: explore_events.html\n---\n## Birth\n\nBack [home](" + base + "/).\n",
		"pages/tags/tag_fhir.md":  "---\ntitle: \"Fhir\"\ntagName: fhir\npermalink: tag_fhir.html\n---\n{% include taglogic.html %}\n",
		"feed.xml":                "---\nsearch: exclude\nlayout: none\n---\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>{{ site.title }}</title></channel></rss>\n",
	})
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); !strings.Contains(cfg, "base_url: https://nhsconnect.github.io"+base+"/\n") {
		t.Errorf("medkb.yaml does not keep the path in base_url:\n%s", cfg)
	}
	home := readNewSiteFile(t, dest, "content/_index.md")
	for _, want := range []string{"[explore](/explore/)", "[the events](/explore_events/#birth)", "[again](/explore/)", "[once more](/explore_events/)", "(https://nhsconnect.github.io/FHIR-SpineCore/)"} {
		if !strings.Contains(home, want) {
			t.Errorf("content/_index.md has no %s:\n%s", want, home)
		}
	}
	if strings.Contains(home, base) {
		t.Errorf("content/_index.md still has the old path in a link:\n%s", home)
	}
	wantNoteWith(t, rep, "index.md", importer.Changed, "link to https://nhsconnect.github.io"+base+"/explore.html, an address of the old site with the path it was served under, written /explore.html")
	wantNoteWith(t, rep, "pages/tags/tag_fhir.md", importer.Human, "add a permanent redirect from "+base+"/tag_fhir.html to "+base+"/tags/fhir/", "location = "+base+"/tag_fhir.html { return 301 "+base+"/tags/fhir/; }")
	wantNoteWith(t, rep, "feed.xml", importer.Human, "add a permanent redirect from "+base+"/feed.xml to "+base+"/index.xml")

	// The new site builds under the path, and every link of its pages
	// to the site lands on a page it wrote.
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "links")
	hrefRe := regexp.MustCompile(`href="(/[^"#]*)`)
	var names []string
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	checked := 0
	for _, name := range names {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range hrefRe.FindAllStringSubmatch(string(files[name]), -1) {
			rel, ok := strings.CutPrefix(m[1], base+"/")
			if !ok {
				t.Errorf("%s links to %s, outside %s/", name, m[1], base)
				continue
			}
			checked++
			if rel == "" || strings.HasSuffix(rel, "/") {
				rel += "index.html"
			}
			if _, ok := files[rel]; !ok {
				t.Errorf("%s links to %s, which names no file of the output", name, m[1])
			}
		}
	}
	if checked < 20 {
		t.Errorf("checked %d links: too few", checked)
	}
}

// TestImportHugoSiteServedUnderAPath: a Hugo site whose baseURL has a
// path links to its pages with the whole address and with the path typed
// from the host's root; both become site-rooted links, and the new site
// builds under the path without a broken or doubled link.
func TestImportHugoSiteServedUnderAPath(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://org.github.io/guide/'\ntitle = 'Guide'\n",
		"content/_index.md":            "---\ntitle: Home\n---\nRead [asthma](https://org.github.io/guide/conditions/asthma/) and [the list](/guide/conditions/).\n",
		"content/conditions/_index.md": "---\ntitle: Conditions\n---\nConditions.\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\ndate: 2024-01-01\n---\nBack to [the guide](/guide/).\n",
	})
	home := readNewSiteFile(t, dest, "content/_index.md")
	if !strings.Contains(home, "[asthma](/conditions/asthma/)") || !strings.Contains(home, "[the list](/conditions/)") {
		t.Errorf("the links keep the old path:\n%s", home)
	}
	if a := readNewSiteFile(t, dest, "content/conditions/asthma.md"); !strings.Contains(a, "[the guide](/)") {
		t.Errorf("the link home keeps the old path:\n%s", a)
	}
	wantNoteWith(t, rep, "content/_index.md", importer.Changed, "link to /guide/conditions/, an address of the old site with the path it was served under, written /conditions/")
	files, diags := build(t, dest)
	wantNoDiagnostics(t, diags, "link", "links")
	for name, data := range files {
		if strings.Contains(string(data), "/guide/guide/") {
			t.Errorf("%s has an address with the path twice", name)
		}
	}
}

// TestImportJekyllBaseurlWithoutHost: baseurl: /repo with no url: was
// written as base_url: /repo/, which medkb check refuses ("invalid
// base_url"), so the new site did not build. Now medkb.yaml has no
// base_url, a note says what to write, the links written with the path
// lose it, and the site builds.
func TestImportJekyllBaseurlWithoutHost(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml": "title: Clinic\nbaseurl: /repo\n",
		"index.md":    "---\ntitle: Home\n---\nSee [a]({{ site.baseurl }}/a.html) and [b](/repo/a.html).\n",
		"a.md":        "---\ntitle: A\ndate: 2024-01-01\npermalink: a.html\n---\nA.\n",
	})
	if cfg := readNewSiteFile(t, dest, "medkb.yaml"); strings.Contains(cfg, "base_url") {
		t.Errorf("medkb.yaml has a base_url without a host:\n%s", cfg)
	}
	wantNoteWith(t, rep, "_config.yml", importer.Human, "served under the path /repo/ (baseurl:), but _config.yml names no host (url:)", "set base_url: https://YOUR-HOST/repo/")
	if home := readNewSiteFile(t, dest, "content/_index.md"); !strings.Contains(home, "See [a](/a/) and [b](/a/).") {
		t.Errorf("content/_index.md:\n%s", home)
	}
	build(t, dest)
}
