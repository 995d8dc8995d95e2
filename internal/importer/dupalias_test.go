package importer_test

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// Two pages of a Hugo site claiming one old address as an alias, and an
// alias at another page's own address, were imported as written, and
// medkb check then stopped the imported site ("alias /old/asthma/ is
// also an alias of ...", "alias ... is the address of ..."). Hugo wrote
// one redirect over the other. Now the first claim, in the order of
// the source files' paths (asthma-children.md before asthma.md: "-"
// sorts before "."), keeps the alias; each later claim is left
// out with a note at its aliases: line naming the page that keeps it,
// and an alias at another page's own address is left out for that page.
func TestImportDuplicateAliasesAcrossPagesKeepTheFirst(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                             "baseURL = 'https://health.example.org/'\ntitle = 'Health library'\n",
		"content/conditions/asthma.md":          "---\ntitle: Asthma\ndate: 2024-01-02\naliases:\n  - /old/asthma/\n  - /breathing/\n---\nText.\n",
		"content/conditions/asthma-children.md": "---\ntitle: Asthma in children\ndate: 2024-01-02\naliases:\n  - /old/kids/\n  - /old/asthma\n---\nText.\n",
		"content/conditions/wheeze.md":          "---\ntitle: Wheeze\ndate: 2024-01-02\naliases: [/conditions/asthma/, /old/wheeze/]\n---\nText.\n",
		"content/breathing.md":                  "---\ntitle: Breathing\ndate: 2024-01-02\nurl: /breathing/\n---\nText.\n",
	})
	for _, want := range []struct {
		file, has, hasNot string
	}{
		{"conditions/asthma-children.md", "  - /old/kids/\n    - /old/asthma\n", "/breathing/"},
		{"conditions/asthma.md", "title: Asthma\n", "aliases:"},
		{"conditions/wheeze.md", "/old/wheeze/", "/conditions/asthma/"},
	} {
		got := readImported(t, dest, want.file)
		if !strings.Contains(got, want.has) || strings.Contains(got, want.hasNot) {
			t.Errorf("content/%s: want %q and not %q:\n%s", want.file, want.has, want.hasNot, got)
		}
	}
	wantNote(t, rep, "conditions/asthma.md", 4, importer.Human,
		"alias /old/asthma/ left out: content/conditions/asthma-children.md has it too, at line 4, and keeps it as the first of the two by source path; if visitors by that old address should reach this page instead, move the alias here from there (one address cannot redirect to two pages)")
	wantNote(t, rep, "conditions/asthma.md", 4, importer.Changed,
		"alias /breathing/ left out: it is the address of content/breathing.md (imported as content/pages/breathing.md), which a visitor there now sees (a redirect there would replace that page, and stop medkb check)")
	wantNote(t, rep, "conditions/wheeze.md", 4, importer.Changed,
		"alias /conditions/asthma/ left out: it is the address of content/conditions/asthma.md, which a visitor there now sees (a redirect there would replace that page, and stop medkb check)")
	if n := rep.Count(importer.Human); n < 1 {
		t.Errorf("the summary counts %d notes for a person, want the left-out alias among them", n)
	}
	build(t, dest) // fails on an error: each of the three was one
}

// A Jekyll site's redirect_from: becomes aliases: and is read the same
// way: two posts claiming one old address, the first by source path keeps
// it.
func TestImportJekyllSharedRedirectFromKeepsTheFirst(t *testing.T) {
	t.Parallel()
	dest, rep := importJekyll(t, map[string]string{
		"_config.yml":                  "title: Health library\nurl: https://health.example.org\n",
		"_posts/2024-01-02-asthma.md":  "---\ntitle: Asthma\nredirect_from:\n  - /old/asthma/\n---\nText.\n",
		"_posts/2024-02-03-inhaler.md": "---\ntitle: Inhalers\nredirect_from: [/old/asthma/, /old/inhaler/]\n---\nText.\n",
	})
	wantNote(t, rep, "_posts/2024-02-03-inhaler.md", 3, importer.Human,
		"alias /old/asthma/ left out: _posts/2024-01-02-asthma.md")
	build(t, dest)
}
