package search

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
)

// TestIncrementalUpdate edits one document of an index and checks that
// only a few files are rewritten, that the index stays whole (every file
// it names exists, and it names every file), that search.js finds the new
// text and no longer the old, and that results agree with a full build of
// the edited corpus.
func TestIncrementalUpdate(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	docs := append(handDocs(), syntheticDocs(2000)...) // enough for a few hundred files
	opts := Options{Lang: "en", BasePath: "/search/"}
	ix, err := NewIncremental(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	before := ix.Files()
	full, _, err := Build(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(before, full, func(a, b File) bool { return a.Path == b.Path && string(a.Data) == string(b.Data) }) {
		t.Fatal("NewIncremental and Build give different files")
	}

	edited := slices.Clone(docs)
	k := slices.IndexFunc(edited, func(d Doc) bool { return d.URL == "/conditions/asthma/" })
	edited[k].Body = "Asthma causes wheezing. A zebrafishology trial tested a new spacer device for children."
	ch, err := ix.Update([]Doc{edited[k]})
	if err != nil {
		t.Fatal(err)
	}
	after := ix.Files()
	t.Logf("%d files; update wrote %d and removed %d", len(after), len(ch.Written), len(ch.Removed))
	// Only shards that include the page are rewritten: postings shards
	// holding one of its stems (before or after the edit), its document
	// group's files (renamed together), vocabulary shards, and the files
	// naming shards.
	a, err := newAnalyzer("en")
	if err != nil {
		t.Fatal(err)
	}
	stems := map[string]bool{}
	for _, d := range []Doc{docs[k], edited[k]} {
		for _, f := range docFields(d) {
			for _, v := range f.values {
				for _, s := range a.stems(v) {
					stems[s] = true
				}
			}
		}
	}
	holds := map[string]bool{} // postings shard numbers holding a stem of the page, before or after
	for _, f := range append(slices.Clone(before), after...) {
		if num, ok := strings.CutPrefix(f.Path, "postings/"); ok {
			var shard map[string]json.RawMessage
			mustUnmarshal(t, f, &shard)
			if slices.ContainsFunc(sortedKeys(shard), func(key string) bool { return stems[key] }) {
				holds[strings.Split(num, ".")[0]] = true
			}
		}
	}
	first := ix.byURL["/conditions/asthma/"] / docsPerGroup * docsPerGroup
	groupSize := min(docsPerGroup, len(docs)-first)
	count := map[string]int{}
	for _, f := range ch.Written {
		dir, rest, _ := strings.Cut(f.Path, "/")
		count[dir]++
		if dir == "postings" && !holds[strings.Split(rest, ".")[0]] {
			t.Errorf("%s holds none of the edited page's stems", f.Path)
		}
	}
	t.Logf("rewritten by kind: %v (the page has %d stems before and after)", count, len(stems))
	if count["postings"] == 0 || count["postings"] > len(stems) || count["vocab"] > len(stems) ||
		count["docs"] != groupSize || count["manifest.json"] != 1 {
		t.Errorf("rewritten %v, want the shards holding the page and its %d stems only", count, len(stems))
	}
	if !slices.ContainsFunc(ch.Written, func(f File) bool { return f.Path == "manifest.json" }) {
		t.Error("the manifest was not rewritten")
	}
	checkWhole(t, after)
	var gone []string
	for _, f := range before {
		if !slices.ContainsFunc(after, func(g File) bool { return g.Path == f.Path }) {
			gone = append(gone, f.Path)
		}
	}
	if !slices.Equal(gone, ch.Removed) {
		t.Errorf("Removed = %v, files gone = %v", ch.Removed, gone)
	}

	queries := []string{"zebrafishology", "spacer device", "reliever inhaler", "asthma", "wheezing", "heart attack",
		"diabetes", "blood pressure", "tetanus booster", "vaccines", "chest pain", "stomach acid"}
	updated := runParity(t, node, writeFiles(t, after), queries)
	rebuilt := runParity(t, node, writeFiles(t, mustBuild(t, edited, opts)), queries)
	if got := updated["zebrafishology"]; len(got) == 0 || got[0] != "/conditions/asthma/" {
		t.Errorf("zebrafishology: %v, want the edited page first", got)
	}
	if slices.Contains(updated["reliever inhaler"], "/conditions/asthma/") {
		t.Errorf("reliever inhaler: %v still finds the words the edit removed", updated["reliever inhaler"])
	}
	for _, q := range queries {
		if o := overlap(updated[q], rebuilt[q]); o < 0.8 || (len(rebuilt[q]) > 0 && updated[q][0] != rebuilt[q][0]) {
			t.Errorf("%q: updated index %v, full build %v", q, updated[q], rebuilt[q])
		}
	}

	if _, err := ix.Update([]Doc{{URL: "/new/page/", Title: "New"}}); !errors.Is(err, ErrNeedsFullBuild) {
		t.Errorf("Update of an unknown page: err = %v, want ErrNeedsFullBuild", err)
	}
}

// checkWhole fails unless every path the index files name exists and every
// file is named by the manifest or by a file it names.
func checkWhole(t *testing.T, files []File) {
	t.Helper()
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	reached := map[string]bool{}
	var visit func(path string)
	visit = func(path string) {
		if reached[path] {
			return
		}
		data, ok := byPath[path]
		if !ok {
			t.Errorf("%s is named but missing", path)
			return
		}
		reached[path] = true
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s: %v", path, err)
			return
		}
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				for _, dir := range []string{"postings/", "vocab/", "synonyms/", "facets/"} {
					if strings.HasPrefix(x, dir) && strings.HasSuffix(x, ".json") {
						visit(x)
					}
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(v)
	}
	visit("manifest.json")
	// Document files are named by number and group hash, not by path.
	var m manifest
	if err := json.Unmarshal(byPath["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	for d := range m.Docs {
		if g := d / m.GroupSize; g < len(m.DocGroups) {
			visit(docPath(d, m.DocGroups[g]))
		} else {
			t.Errorf("document %d has no group in the manifest", d)
		}
	}
	for p := range byPath {
		if !reached[p] {
			t.Errorf("%s is in the index but nothing names it", p)
		}
	}
}

// TestIncrementalSuccessiveUpdates applies several edits in a row (bodies,
// a title, tags and section, which move facet lists) and checks after each
// that the index is whole and answers like a full build.
func TestIncrementalSuccessiveUpdates(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	docs := append(handDocs(), syntheticDocs(600)...)
	opts := Options{Lang: "en"}
	ix, err := NewIncremental(docs, opts)
	if err != nil {
		t.Fatal(err)
	}
	at := func(url string) int { return slices.IndexFunc(docs, func(d Doc) bool { return d.URL == url }) }
	edits := []func(){
		func() { docs[at("/conditions/diabetes/")].Body += " Metformin is often the first medicine." },
		func() { docs[at("/guides/heartburn/")].Title = "Heartburn, reflux and indigestion" },
		func() {
			d := &docs[at("/conditions/hypertension/")]
			d.Tags = []string{"cardiology", "kidneys"}
			d.Section, d.SectionTitle = "guides", "Guides"
		},
		func() { docs[at("/conditions/diabetes/")].Body = "Diabetes means blood glucose stays too high." },
	}
	queries := []string{"metformin", "indigestion", "heartburn", "blood glucose", "diabetes", "hypertension", "salt"}
	for i, edit := range edits {
		edit()
		var changed []Doc
		for _, url := range []string{"/conditions/diabetes/", "/guides/heartburn/", "/conditions/hypertension/"} {
			changed = append(changed, docs[at(url)])
		}
		if _, err := ix.Update(changed); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
		checkWhole(t, ix.Files())
		updated := runParity(t, node, writeFiles(t, ix.Files()), queries)
		rebuilt := runParity(t, node, writeFiles(t, mustBuild(t, docs, opts)), queries)
		for _, q := range queries {
			if o := overlap(updated[q], rebuilt[q]); o < 0.8 || (len(rebuilt[q]) > 0 && updated[q][0] != rebuilt[q][0]) {
				t.Errorf("edit %d, %q: updated index %v, full build %v", i, q, updated[q], rebuilt[q])
			}
		}
		var m struct {
			Facets string `json:"facets"`
		}
		mustUnmarshal(t, fileNamed(t, ix.Files(), "manifest.json"), &m)
		var fm map[string]map[string]string
		mustUnmarshal(t, fileNamed(t, ix.Files(), m.Facets), &fm)
		if wantKidneys := i >= 2; (fm["tag"]["kidneys"] != "") != wantKidneys {
			t.Errorf("edit %d: tag facet kidneys = %q", i, fm["tag"]["kidneys"])
		}
	}
}
