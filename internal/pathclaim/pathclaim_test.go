package pathclaim

import "testing"

func TestBlockerSaysWhichPathKeepsAnotherOutAndHow(t *testing.T) {
	t.Parallel()
	s := New[string](0)
	for _, p := range []string{"apps/4.x/b/index.html", "apps/4.x/a/index.html", "v1.html", "conditions/asthma/index.html"} {
		if by, kind, ok := s.Blocker(p); ok {
			t.Fatalf("%s: blocked by %s (%d) in a set it fits", p, by, kind)
		}
		s.Add(p, "content/"+p)
	}
	cases := []struct {
		rel, by string
		kind    Kind
	}{
		{"v1.html", "v1.html", Same},
		{"apps/4.x", "apps/4.x/b/index.html", Inside}, // the first claimed inside, not the first by name
		{"apps", "apps/4.x/b/index.html", Inside},
		{"v1.html/guide.pdf", "v1.html", Folder},
		{"v1.html/a/b/c.pdf", "v1.html", Folder},
		{"conditions/asthma/index.html/x", "conditions/asthma/index.html", Folder},
		{"apps/4.y", "", 0},
		{"v1.htm", "", 0},
		{"conditions/asthma.html", "", 0},
	}
	for _, c := range cases {
		by, kind, ok := s.Blocker(c.rel)
		if by != c.by || kind != c.kind || ok != (c.kind != 0) {
			t.Errorf("Blocker(%q) = %q, %d, %v; want %q, %d", c.rel, by, kind, ok, c.by, c.kind)
		}
	}
	if o, ok := s.Owner("v1.html"); !ok || o != "content/v1.html" {
		t.Errorf("Owner(v1.html) = %q, %v", o, ok)
	}
}

func TestRemoveHandsAFolderToTheNextPathInItByName(t *testing.T) {
	t.Parallel()
	s := New[int](0)
	s.Add("a/z/index.html", 1)
	s.Add("a/c/index.html", 2)
	s.Add("a/b/index.html", 3)
	s.Remove("a/z/index.html")
	if by, kind, _ := s.Blocker("a"); by != "a/b/index.html" || kind != Inside {
		t.Errorf("after Remove, Blocker(a) = %q, %d; want a/b/index.html, Inside", by, kind)
	}
	if _, _, ok := s.Blocker("a/z"); ok {
		t.Error("a/z is still a folder after its one path was removed")
	}
	s.Remove("a/b/index.html")
	s.Remove("a/c/index.html")
	if by, _, ok := s.Blocker("a"); ok {
		t.Errorf("an empty set blocks a: %q", by)
	}
	if s.Len() != 0 {
		t.Errorf("Len = %d after every path was removed", s.Len())
	}
}

// In a set given paths that clash among themselves (staticset's outputs
// with drafts'), Inside is said before Folder, as staticset.Clashes
// said it before the rule was shared.
func TestInsideIsSaidBeforeFolder(t *testing.T) {
	t.Parallel()
	s := New[string](0)
	s.Add("a/b", "page")
	s.Add("a/b/c/index.html", "draft")
	if by, kind, _ := s.Blocker("a/b/c"); by != "a/b/c/index.html" || kind != Inside {
		t.Errorf("Blocker(a/b/c) = %q, %d; want a/b/c/index.html, Inside", by, kind)
	}
}
