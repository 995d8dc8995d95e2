package assemble

import (
	"testing"
)

// TestFeedIDKeepsTheAliasAsWritten pins the feed ids of pages whose
// first alias is not the address its redirect is published at: with a
// dot in its last part (published as a folder's, aliasFolder) and in a
// translation (published under the language's prefix). The ids were
// made this way before aliasFolder existed; changing them would post
// every such article again.
func TestFeedIDKeepsTheAliasAsWritten(t *testing.T) {
	t.Parallel()
	in := inputIn(t, twoLanguages, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"releases/notes.md":    "---\ntitle: Notes\naliases: [/releases/4.9.0, /releases/4.9.1/]\n---\n",
		"releases/old.md":      "---\ntitle: Old\naliases: [/old/page.html]\n---\n",
		"releases/notes.es.md": "---\ntitle: Notas\naliases: [/viejo/notas/]\n---\n",
		"releases/plain.md":    "---\ntitle: Plain\n---\n",
		"releases/pinned.md":   "---\ntitle: Pinned\nid: releases-pinned\naliases: [/x/]\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	want := map[string]struct{ id, alias string }{
		"content/releases/notes.md":    {"/releases/4.9.0", "/releases/4.9.0/"},
		"content/releases/old.md":      {"/old/page.html", "/old/page.html"},
		"content/releases/notes.es.md": {"/viejo/notas/", "/es/viejo/notas/"},
		"content/releases/plain.md":    {"/releases/plain/", ""},
		"content/releases/pinned.md":   {"releases-pinned", "/x/"},
	}
	seen := 0
	for _, ls := range s.Langs {
		published := map[string]string{} // file → its first alias's address
		for _, al := range ls.Aliases {
			if _, ok := published[al.File]; !ok {
				published[al.File] = al.From
			}
		}
		for _, p := range ls.Articles {
			w, ok := want[p.File]
			if !ok {
				continue
			}
			seen++
			if got := FeedID(p); got != w.id {
				t.Errorf("%s: FeedID = %q, want %q (an existing id must not change)", p.File, got, w.id)
			}
			if got := published[p.File]; got != w.alias {
				t.Errorf("%s: first alias published at %q, want %q", p.File, got, w.alias)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d pages", seen, len(want))
	}
}
