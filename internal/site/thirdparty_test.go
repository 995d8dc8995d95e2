package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A site's own static HTML and CSS are copied as they are; one that loads
// a script, a font or an image from another host (an old site's admin page
// loading its CMS from unpkg.com, diagrams loading draw.io's viewer, a
// layout loading Google Fonts: nhsconnect/Digital-Child-Health-STU3,
// Apache-2.0) is a third-party warning per file, which medkb.yaml can turn
// off. Links readers follow, canonical links and relative addresses are
// not loads.
func TestStaticFilesLoadingFromAnotherHost(t *testing.T) {
	t.Parallel()
	static := map[string]string{
		"admin/index.html": `<link rel="stylesheet" href="https://unpkg.com/netlify-cms@^0.3/dist/cms.css"><script src="https://unpkg.com/netlify-cms@^0.3/dist/cms.js"></script>`,
		"css/fonts.css":    `@import url("https://fonts.googleapis.com/css?family=Nunito+Sans");h1{background:url(/images/a.png)}`,
		"diagram.html":     `<img srcset="small.png 1x, //www.draw.io/images/drawlogo128.png 2x" alt="">`,
		"leaflet.html":     `<p><a href="https://www.nhs.uk/">NHS</a></p><link rel="canonical" href="https://health.test/leaflet/"><img src="images/a.png" alt="">`,
		"css/print.css":    `h1{background:url("images/lungs.png")}`,
		"notes/readme.txt": `<script src="https://example.org/x.js"></script>`,
	}
	for _, c := range []struct {
		config string
		want   []string
	}{
		{"", []string{
			"static/admin/index.html: this static file makes readers' browsers load https://unpkg.com/netlify-cms@^0.3/dist/cms.css and 1 more from another host",
			"static/css/fonts.css: this static file makes readers' browsers load https://fonts.googleapis.com/css?family=Nunito+Sans from another host",
			"static/diagram.html: this static file makes readers' browsers load //www.draw.io/images/drawlogo128.png from another host",
		}},
		{"check: {third-party: off}\n", nil},
	} {
		dir := guideSite(t, "https://health.test/")
		if c.config != "" {
			cfg, err := os.ReadFile(filepath.Join(dir, "medkb.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "medkb.yaml"), append(cfg, c.config...))
		}
		for name, data := range static {
			writeFile(t, filepath.Join(dir, "static", filepath.FromSlash(name)), []byte(data))
		}
		files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
		var got []string
		for _, d := range res.Diagnostics {
			if d.Check == "third-party" {
				got = append(got, d.File+": "+strings.SplitN(d.Message, " from another host", 2)[0]+" from another host")
				if d.Hint == "" || d.Severity != "warning" {
					t.Errorf("%s: want a warning with a hint", d)
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("config %q: third-party warnings\n%s\nwant\n%s", c.config, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
		if string(files["admin/index.html"]) != static["admin/index.html"] {
			t.Errorf("the static file was not copied as it is: %s", files["admin/index.html"])
		}
	}
}
