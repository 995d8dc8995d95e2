package markdown_test

import (
	"testing"

	"github.com/medkb/medkb/internal/markdown"
)

// TestUnknownReferenceHints: an unknown citation key is answered with the
// page's key it is a typo of, if one is near; else with the page's keys.
func TestUnknownReferenceHints(t *testing.T) {
	t.Parallel()
	refs := []markdown.Reference{{ID: "nice2023"}, {ID: "sign2019"}, {ID: "bts-guideline"}}
	tests := []struct {
		name, key string
		refs      []markdown.Reference
		hint      string
	}{
		{"a letter too many", "nicee2023", refs, "did you mean @nice2023?"},
		{"two letters swapped", "sing2019", refs, "did you mean @sign2019?"},
		{"a typo in another case", "BTS-Guidline", refs, "did you mean @bts-guideline?"},
		{"only the case differs", "NICE2023", refs, "did you mean @nice2023? keys are case-sensitive"},
		{"nothing near", "cochrane2022", refs, "the keys in this page are: @nice2023, @sign2019, @bts-guideline"},
		{"too short to guess", "n", []markdown.Reference{{ID: "a"}, {ID: "b"}}, "the keys in this page are: @a, @b"},
		{"no references at all", "nice2023", nil, "this page has no references in its front matter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			src := "Inhaled steroids first [@" + tc.key + "].\n"
			res := render(t, markdown.New(markdown.Options{}), src, markdown.Context{File: "content/asthma.md", References: tc.refs})
			var found bool
			for _, d := range res.Diagnostics {
				if d.Message != `unknown reference "`+tc.key+`"; add it to references in the front matter or fix the key` {
					continue
				}
				found = true
				if d.Hint != tc.hint {
					t.Errorf("hint = %q, want %q", d.Hint, tc.hint)
				}
			}
			if !found {
				t.Fatalf("no unknown-reference diagnostic in %v", res.Diagnostics)
			}
		})
	}
}
