package importer_test

import (
	"go/parser"
	"go/token"
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The package comment names the medkb packages the importer imports,
// all of them and no other: it said frontmatter alone when the package
// also imported check, check/phi and config.
func TestPackageCommentNamesTheMedkbPackagesImported(t *testing.T) {
	t.Parallel()
	const prefix = "github.com/medkb/medkb/internal/"
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	imported := map[string]bool{}
	doc := ""
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), e.Name(), nil, parser.ParseComments|parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		if f.Doc != nil {
			doc += f.Doc.Text()
		}
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); strings.HasPrefix(p, prefix) {
				imported[strings.TrimPrefix(p, prefix)] = true
			}
		}
	}
	const lead = "Of medkb's packages it imports "
	_, sentence, ok := strings.Cut(strings.Join(strings.Fields(doc), " "), lead)
	if !ok {
		t.Fatalf("the package comment has no sentence starting %q:\n%s", lead, doc)
	}
	sentence, _, _ = strings.Cut(regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(sentence, ""), ", and no other")
	named := map[string]bool{}
	for _, n := range regexp.MustCompile(`,\s*|\s+and\s+`).Split(sentence, -1) {
		if n = strings.TrimSpace(n); n != "" {
			named[n] = true
		}
	}
	if !maps.Equal(named, imported) {
		t.Errorf("the package comment names %v; the package imports %v", slices.Sorted(maps.Keys(named)), slices.Sorted(maps.Keys(imported)))
	}
}
