package source

import "testing"

// TestSecondBlockIsPartOfTheFrontMatterKey: package frontmatter reports a
// block of keys at the top of the body (YAML or TOML), so adding, changing or removing
// one is a front matter edit (a body edit keeps the last build's front
// matter diagnostics); an edit below it is still a body edit.
func TestSecondBlockIsPartOfTheFrontMatterKey(t *testing.T) {
	t.Parallel()
	const top = "---\ntitle: Gout\ndate: 2024-01-02\n---\n\n"
	plain := top + "Gout is...\n"
	second := top + "---\nsummary: Joint pain\ntags: [joints]\n---\n\nGout is...\n"
	for _, tt := range []struct {
		name, was, now string
		want           Class
	}{
		{"a block added", plain, second, ClassFrontMatter},
		{"the block removed", second, plain, ClassFrontMatter},
		{"a key of the block changed", second, top + "---\nsummary: Joint pain\ntags: [gout]\n---\n\nGout is...\n", ClassFrontMatter},
		{"the body below the block edited", second, second + "More.\n", ClassBody},
		{"a thematic break and text added", plain, top + "---\n\nKey point: rest.\n", ClassBody},
		{"a TOML block added", plain, top + "+++\nsummary = \"Joint pain\"\n\ntags = [\"joints\"]\n+++\n\nGout is...\n", ClassFrontMatter},
		{"a key of the TOML block changed", top + "+++\nsummary = \"Joint pain\"\n+++\nGout is...\n", top + "+++\nsummary = \"Gout\"\n+++\nGout is...\n", ClassFrontMatter},
		{"the body below a TOML block edited", top + "+++\nsummary = \"Joint pain\"\n+++\nGout is...\n", top + "+++\nsummary = \"Joint pain\"\n+++\nGout is... More.\n", ClassBody},
	} {
		if got := ClassifyContent(FrontMatterKey([]byte(tt.was)), []byte(tt.now)); got != tt.want {
			t.Errorf("%s: ClassifyContent = %v, want %v", tt.name, got, tt.want)
		}
	}
}
