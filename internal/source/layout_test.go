package source

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestClassifyByPath(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		path string
		want Class
	}{
		{"content/conditions/asthma.md", ClassContent},
		{"content/tests", ClassContent},
		{"layouts/_partials/footer.html", ClassTemplate},
		{"themes/clinic/layouts/single.html", ClassTemplate},
		{"i18n/en.yaml", ClassI18n},
		{"themes/clinic/i18n/es.yaml", ClassI18n},
		{"data/glossary.yaml", ClassData},
		{"static/css/site.css", ClassStatic},
		{"themes/clinic/static/css/site.css", ClassStatic},
		{"themes/clinic/theme.yaml", ClassTheme},
		{"themes/clinic", ClassTheme},
		{"medkb.yaml", ClassConfig},
		{"medkb.yaml/x", ClassIgnored},
		{"public/index.html", ClassIgnored},
		{"README.md", ClassIgnored},
	} {
		if got := Classify(tt.path); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// Every folder Classify knows as an input is one the layout lists, so the
// watcher, the fingerprint and the rebuild agree (serve once left out i18n/).
func TestEveryClassifiedFolderIsAnInput(t *testing.T) {
	t.Parallel()
	dirs := InputDirs()
	for _, d := range []string{"content", "layouts", "i18n", "data", "static", "themes"} {
		if Classify(d+"/x") == ClassIgnored || !slices.Contains(dirs, d) {
			t.Errorf("%s/ is read by a build but not in InputDirs %v or not classified", d, dirs)
		}
	}
	if !slices.Contains(InputFiles(), "medkb.yaml") {
		t.Errorf("InputFiles %v lacks medkb.yaml", InputFiles())
	}
}

func TestClassifyContentTellsBodyFromFrontMatter(t *testing.T) {
	t.Parallel()
	orig := []byte("---\ntitle: Asthma\nsummary: S.\n---\nBody.\n")
	was := FrontMatterKey(orig)
	for _, tt := range []struct {
		name string
		data string
		want Class
	}{
		{"body edit", "---\ntitle: Asthma\nsummary: S.\n---\nBody, edited.\n", ClassBody},
		{"body emptied", "---\ntitle: Asthma\nsummary: S.\n---\n", ClassBody},
		{"title edit", "---\ntitle: Asthma!\nsummary: S.\n---\nBody.\n", ClassFrontMatter},
		{"line added to the block", "---\ntitle: Asthma\n\nsummary: S.\n---\nBody.\n", ClassFrontMatter},
		{"block removed", "Body.\n", ClassFrontMatter},
		{"block left open", "---\ntitle: Asthma\nsummary: S.\nBody.\n", ClassFrontMatter},
		{"CRLF line ends", "---\r\ntitle: Asthma\r\nsummary: S.\r\n---\r\nBody.\r\n", ClassFrontMatter},
	} {
		if got := ClassifyContent(was, []byte(tt.data)); got != tt.want {
			t.Errorf("%s: ClassifyContent = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := ClassifyContent(Sum{}, orig); got != ClassFrontMatter {
		t.Errorf("a file the last build did not read: %v, want front matter", got)
	}
	toml := []byte("+++\ntitle = \"Asthma\"\n+++\nBody.\n")
	if ClassifyContent(FrontMatterKey(toml), []byte("+++\ntitle = \"Asthma\"\n+++\nOther body.\n")) != ClassBody {
		t.Error("a TOML body edit is not a body edit")
	}
	plain := []byte("Just text.\n")
	if ClassifyContent(FrontMatterKey(plain), []byte("Other text.\n")) != ClassBody {
		t.Error("an edit to a file without front matter is not a body edit")
	}
	// Every shape package frontmatter reads is keyed by its block alone
	// (fmspan reads the file's own bytes as frontmatter reads the
	// normalised ones): a body edit is a body edit, an edit to the block,
	// or to what comes before it, is not.
	for _, shape := range []string{
		"---\r\ntitle: %s\r\n---\r\n%s\r\n",                                 // CRLF
		"\xef\xbb\xbf---\ntitle: %s\n---\n%s\n",                             // a byte order mark
		"\n \n---\ntitle: %s\n---\n%s\n",                                    // blank lines before ---
		"---  \ntitle: %s\n--- \t\n%s\n",                                    // spaces after the delimiters
		"---\ntitle: %s\n...\n%s\n",                                         // YAML closed by ...
		"\xef\xbb\xbf\r\n+++ \r\ntitle = \"%s\"\r\n+++\r\n%s\r\n",           // all at once, TOML
		"---\r\ntitle: %s\r\n---\r\n\r\n---\r\nsummary: S\r\n---\r\n%s\r\n", // a second block, CRLF
	} {
		was := FrontMatterKey([]byte(fmt.Sprintf(shape, "A", "Body.")))
		if got := ClassifyContent(was, []byte(fmt.Sprintf(shape, "A", "Body, edited."))); got != ClassBody {
			t.Errorf("a body edit in %q: %v, want body", shape, got)
		}
		if got := ClassifyContent(was, []byte(fmt.Sprintf(shape, "B", "Body."))); got != ClassFrontMatter {
			t.Errorf("a title edit in %q: %v, want front matter", shape, got)
		}
		if got := ClassifyContent(was, []byte("\n"+fmt.Sprintf(shape, "A", "Body."))); got != ClassFrontMatter {
			t.Errorf("a line added above %q: %v, want front matter (every line number in it moves)", shape, got)
		}
	}
	// A lone CR is a line end to package frontmatter, not to fmspan: such
	// a file is keyed whole.
	lone := []byte("---\rtitle: A\r---\rBody.\r")
	if ClassifyContent(FrontMatterKey(lone), []byte("---\rtitle: B\r---\rBody.\r")) != ClassFrontMatter {
		t.Error("a title edit in a file with CR line ends counts as a body edit")
	}
	if ClassifyContent(FrontMatterKey([]byte("---\r\ntitle: A\r\n---\r\nBody.\r\n")), []byte("---\r\ntitle: A\r\n---\r\nBody.\r")) != ClassFrontMatter {
		t.Error("a lone CR added to the body of a CRLF file counts as a body edit")
	}
}

func TestIndexAndBundleFiles(t *testing.T) {
	t.Parallel()
	for rel, want := range map[string]string{
		"_index.md":                  "index",
		"conditions/_index.md":       "index",
		"conditions/index.md":        "index", // a top-level section's page
		"conditions/asthma/index.md": "bundle",
		"conditions/a/b/index.md":    "bundle",
		"conditions/asthma.md":       "page",
		"conditions/asthma/x.md":     "page",
	} {
		base := strings.TrimSuffix(path.Base(rel), ".md")
		f := &File{Rel: rel, Base: base}
		got := "page"
		switch {
		case f.IsIndex() && f.IsBundle():
			got = "both"
		case f.IsIndex():
			got = "index"
		case f.IsBundle():
			got = "bundle"
		}
		if got != want {
			t.Errorf("%s: %s, want %s", rel, got, want)
		}
	}
}

func TestStaticFilesIncludeContentFilesButMarkdown(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for name, text := range map[string]string{
		"content/conditions/croup/index.md":       "---\ntitle: Croup\n---\n",
		"content/conditions/croup/steam.png":      "png",
		"content/conditions/croup/notes.markdown": "x",
		"content/conditions/croup/.DS_Store":      "x",
		"static/conditions/croup/steam.png":       "static wins",
		"static/robots.txt":                       "r",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := StaticFiles(root, "none")
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"conditions/croup/steam.png", "robots.txt"} {
		if _, ok := files[rel]; !ok {
			t.Errorf("%s not published", rel)
		}
	}
	if s := files["conditions/croup/steam.png"]; !strings.HasPrefix(filepath.ToSlash(s.Abs), filepath.ToSlash(root)+"/static/") {
		t.Errorf("steam.png comes from %s; static/ should win over content/", s.Abs)
	}
	for rel := range files {
		if strings.HasSuffix(rel, ".md") || strings.HasSuffix(rel, ".markdown") || strings.HasSuffix(rel, ".DS_Store") {
			t.Errorf("%s published", rel)
		}
	}
}
