package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/searchset"
)

// cliBuild builds src into dest the way `medkb build` does (Publish): a
// patch when the saved state allows it, else a full build; it returns
// whether the build took the patch path, and its error. Every call follows
// an edit: a build with nothing to do fails the test.
func cliBuild(t *testing.T, src, dest string) (*Result, bool, error) {
	t.Helper()
	opts := Options{Source: src, Now: fixedNow, CacheDir: filepath.Join(src, ".medkb", "cache"), Dest: dest}
	pub, err := Publish(context.Background(), opts, PublishOptions{Version: "test", LockWait: time.Second})
	switch {
	case pub == nil:
		t.Fatal(err)
	case pub.Skipped:
		t.Fatal("Publish found nothing changed")
	case pub.StateErr != nil:
		t.Fatal(pub.StateErr)
	}
	return pub.Result, pub.Patched, err
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for p, data := range snapshot(t, root) {
		out[strings.TrimPrefix(filepath.ToSlash(p), "/")] = []byte(data)
	}
	return out
}

// editBody appends text to the body of an article.
func editBody(t *testing.T, src, rel, text string) {
	t.Helper()
	p := filepath.Join(src, filepath.FromSlash(rel))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, []byte("\n"+text+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	// The fingerprint trusts a file's size and time only once they are
	// older than statSettle; an edit's new size is enough here.
}

// articles returns the site's article files, the newest-dated last.
func articles(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "_index.md") {
			rel, _ := filepath.Rel(src, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	if len(out) < 10 {
		t.Fatalf("only %d articles", len(out))
	}
	return out
}

// A body edit published by Patch gives the same site a full build gives,
// but for the search index, which carries the edit as a delta.
func TestPatchPublishesWhatAFullBuildWould(t *testing.T) {
	src, arts := generatedSite(t, 60, 3)
	dest := filepath.Join(t.TempDir(), "public")
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("first build: patched %v, %v", patched, err)
	}
	before := readTree(t, dest)
	for round, edit := range [][]string{{arts[3]}, {arts[3], arts[40]}} {
		for _, rel := range edit {
			editBody(t, src, rel, "A sentence about zebrafinch husbandry, round "+string(rune('a'+round))+".")
		}
		res, patched, err := cliBuild(t, src, dest)
		if err != nil || !patched {
			t.Fatalf("round %d: patched %v, %v", round, patched, err)
		}
		if res.Rendered != len(edit) {
			t.Errorf("round %d: rendered %d bodies, want %d", round, res.Rendered, len(edit))
		}
		got := readTree(t, dest)
		want := readTree(t, buildInto(t, src))
		for p, w := range want {
			if isSearchIndex(p) || p == publish.Marker {
				continue
			}
			if g, ok := got[p]; !ok {
				t.Errorf("round %d: %s missing after the patch", round, p)
			} else if !bytes.Equal(g, w) {
				t.Errorf("round %d: %s differs from a full build's", round, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok && !isSearchIndex(p) {
				t.Errorf("round %d: %s is left over", round, p)
			}
			if strings.HasPrefix(p, "search/delta/") {
				t.Errorf("round %d: %s: the delta rides in the manifest", round, p)
			}
		}
		if !bytes.Contains(got["search/manifest.json"], []byte(`"delta":{`)) {
			t.Errorf("round %d: the manifest holds no delta segment", round)
		}
		changed := 0
		for p, data := range got {
			if !bytes.Equal(before[p], data) {
				changed++
			}
		}
		if changed == 0 || changed > len(got)/10 {
			t.Errorf("round %d: %d of %d files changed for a body edit", round, changed, len(got))
		}
		before = got
	}
}

// buildInto makes a full build of src into a fresh folder, without caches.
func buildInto(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	dir, err := publish.OpenDir(t.Context(), dest, filepath.Join(t.TempDir(), "lock"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{Source: src, Now: fixedNow}).Build(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if err := dir.Commit(); err != nil {
		t.Fatal(err)
	}
	return dest
}

// isSearchIndex reports whether p is a file of the search index: the
// manifest, the search module that carries it, or a shard.
func isSearchIndex(p string) bool {
	rel, ok := strings.CutPrefix(p, "search/")
	return ok && (rel == "manifest.json" || rel == "search.js" || strings.Contains(rel, "/"))
}

// What Patch cannot apply is a full build, and a patch that does not
// build leaves the site as it was.
func TestPatchFallsBackAndFailsSafely(t *testing.T) {
	src, arts := generatedSite(t, 30, 5)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}

	// Front matter: a full build.
	p := filepath.Join(src, filepath.FromSlash(arts[1]))
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("title: "), []byte("title: Renamed "), 1), 0o644)
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("front matter edit: patched %v, %v", patched, err)
	}
	// A new page: a full build.
	os.WriteFile(filepath.Join(src, "content", "new-page.md"), []byte("---\ntitle: New\nsummary: New.\ndate: 2024-01-02\n---\nNew page.\n"), 0o644)
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("new page: patched %v, %v", patched, err)
	}
	// A body that fails the checks: nothing changes.
	before := readTree(t, dest)
	editBody(t, src, arts[2], "Call the patient on 07700 900123, NHS number 943 476 5919.")
	res, patched, err := cliBuild(t, src, dest)
	if err == nil || !patched {
		t.Fatalf("a failing body edit: patched %v, error %v", patched, err)
	}
	if len(res.Diagnostics.Errors()) == 0 {
		t.Fatal("no error diagnostics")
	}
	after := readTree(t, dest)
	if len(after) != len(before) {
		t.Fatalf("%d files before, %d after a failed patch", len(before), len(after))
	}
	for p, data := range before {
		if !bytes.Equal(after[p], data) {
			t.Errorf("%s changed by a failed patch", p)
		}
	}
	// Fixed: the next build patches again.
	data, _ = os.ReadFile(filepath.Join(src, filepath.FromSlash(arts[2])))
	os.WriteFile(filepath.Join(src, filepath.FromSlash(arts[2])), bytes.Replace(data, []byte("Call the patient on 07700 900123, NHS number 943 476 5919."), []byte("Call the clinic."), 1), 0o644)
	if _, patched, err := cliBuild(t, src, dest); err != nil || !patched {
		t.Fatalf("after the fix: patched %v, %v", patched, err)
	}
}

// An anchor a patch adds to a page is a link target for the next patch.
func TestPatchKeepsNewAnchorsForLaterChecks(t *testing.T) {
	src, arts := generatedSite(t, 30, 7)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[4], "## Zebrafinch care\n\nKeep them warm.")
	if _, patched, err := cliBuild(t, src, dest); err != nil || !patched {
		t.Fatalf("adding a heading: patched %v, %v", patched, err)
	}
	// arts[4] is content/<section>/<slug>.md; benchgen's URLs are /<section>/<slug>/.
	url := "/" + strings.TrimSuffix(strings.TrimPrefix(arts[4], "content/"), ".md") + "/"
	editBody(t, src, arts[9], "See [their care]("+url+"#zebrafinch-care) and [nothing]("+url+"#no-such-heading).")
	res, patched, err := cliBuild(t, src, dest)
	if !patched {
		t.Fatalf("linking to it: not patched (%v)", err)
	}
	var anchors []string
	for _, d := range res.Diagnostics {
		if d.File == arts[9] && strings.Contains(d.Message, "#") {
			anchors = append(anchors, d.Message)
		}
	}
	if len(anchors) != 1 || !strings.Contains(anchors[0], "no-such-heading") {
		t.Fatalf("anchor diagnostics of the linking page: %q; want only the missing one", anchors)
	}
}

// A patched page's links to files the last build wrote (not pages: the
// sitemap, a feed) are found among them; a link to no file is an error,
// as in a full build.
func TestPatchChecksLinksToTheLastBuildsFiles(t *testing.T) {
	src, arts := generatedSite(t, 12, 3)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[5], "See [the site map](/sitemap.xml), [the feed](/atom.xml) and [the leaflet](/leaflets/none.pdf).")
	res, patched, err := cliBuild(t, src, dest)
	if !patched {
		t.Fatalf("not patched (%v)", err)
	}
	var broken []string
	for _, d := range res.Diagnostics.Errors() {
		if d.File == arts[5] {
			broken = append(broken, d.Message)
		}
	}
	if len(broken) != 1 || !strings.Contains(broken[0], "/leaflets/none.pdf") {
		t.Fatalf("errors of the patched page: %q; want one, for /leaflets/none.pdf", broken)
	}
}

// A site built into two folders never patches one from the state of the
// other, whose search index differs.
func TestPatchIsTiedToItsDestination(t *testing.T) {
	src, arts := generatedSite(t, 20, 9)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if _, _, err := cliBuild(t, src, a); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[2], "First edit.")
	if _, patched, err := cliBuild(t, src, a); err != nil || !patched {
		t.Fatalf("a: patched %v, %v", patched, err)
	}
	if _, patched, err := cliBuild(t, src, b); err != nil || patched {
		t.Fatalf("b, never built: patched %v, %v", patched, err)
	}
	editBody(t, src, arts[3], "Second edit.")
	if _, patched, err := cliBuild(t, src, a); err != nil || patched {
		t.Fatalf("a after b's build: patched %v, %v; want a full build", patched, err)
	}
	got, want := readTree(t, a), readTree(t, buildInto(t, src))
	for p, w := range want {
		if p != publish.Marker && !bytes.Equal(got[p], w) {
			t.Errorf("%s differs from a full build's", p)
		}
	}
}

// An edit that removes an anchor another page links to fails the patch as
// it fails a full build: the linking page is checked again.
func TestPatchChecksPagesLinkingToTheEditedOne(t *testing.T) {
	src, arts := generatedSite(t, 30, 11)
	url := "/" + strings.TrimSuffix(strings.TrimPrefix(arts[4], "content/"), ".md") + "/"
	target := filepath.Join(src, filepath.FromSlash(arts[4]))
	original, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[4], "## Zebrafinch care\n\nKeep them warm.")
	editBody(t, src, arts[9], "See [their care]("+url+"#zebrafinch-care).")
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	// The heading goes; the body alone changed.
	if err := os.WriteFile(target, append(original, "\nKeep them warm.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	res, patched, err := cliBuild(t, src, dest)
	if !patched || err == nil {
		t.Fatalf("patched %v, error %v; want a failed patch", patched, err)
	}
	found := false
	for _, d := range res.Diagnostics.Errors() {
		found = found || (d.File == arts[9] && strings.Contains(d.Message, "zebrafinch-care"))
	}
	if !found {
		t.Fatalf("no anchor error on the linking page %s: %v", arts[9], res.Diagnostics.Errors())
	}
	// The dev server finds it the same way.
	b := New(Options{Source: src, Now: fixedNow})
	os.WriteFile(target, append(original, "\n## Zebrafinch care\n\nKeep them warm.\n"...), 0o644)
	if _, _, err := b.Rebuild(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(target, append(original, "\nKeep them warm.\n"...), 0o644)
	_, res, err = b.Rebuild(context.Background(), []string{arts[4]})
	if err == nil || res.Rendered != 1 {
		t.Fatalf("dev server: error %v, rendered %d; want a failed incremental rebuild", err, res.Rendered)
	}
}

// A delta holds at most searchset.MaxDeltaDocs pages, counted once however often
// they are edited; past that the edit is a full build, which folds the
// delta into the index.
func TestPatchFoldsTheDeltaInPastItsLimit(t *testing.T) {
	src, arts := generatedSite(t, searchset.MaxDeltaDocs+6, 13)
	dest := filepath.Join(t.TempDir(), "public")
	if _, _, err := cliBuild(t, src, dest); err != nil {
		t.Fatal(err)
	}
	for _, rel := range arts[:searchset.MaxDeltaDocs] {
		editBody(t, src, rel, "First edit.")
	}
	if _, patched, err := cliBuild(t, src, dest); err != nil || !patched {
		t.Fatalf("%d pages edited: patched %v, %v", searchset.MaxDeltaDocs, patched, err)
	}
	editBody(t, src, arts[0], "Second edit of a page the delta holds.")
	if _, patched, err := cliBuild(t, src, dest); err != nil || !patched {
		t.Fatalf("a page of the delta edited again: patched %v, %v", patched, err)
	}
	editBody(t, src, arts[searchset.MaxDeltaDocs], "One page more.")
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("page %d: patched %v, %v; want a full build", searchset.MaxDeltaDocs+1, patched, err)
	}
	if deltas, _ := filepath.Glob(filepath.Join(dest, "search", "delta", "*")); len(deltas) != 0 {
		t.Errorf("the full build left deltas %v", deltas)
	}
}

// A patch reads only the files it edits: every other file is known by the
// hash its unchanged size, time and inode vouch for (as git's index
// trusts them), and its front matter and rendered body come from the cache
// by that hash. The test sees a read by rewriting an unchanged file behind
// the stat cache's back — same size, same inode, its time put back — which
// a read would publish and a patch that trusts the cache does not.
func TestPatchReadsOnlyTheFilesItEdits(t *testing.T) {
	src, arts := generatedSite(t, 30, 7)
	old := time.Now().Add(-time.Hour)
	for _, rel := range arts {
		if err := os.Chtimes(filepath.Join(src, filepath.FromSlash(rel)), old, old); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("first build: patched %v, %v", patched, err)
	}
	unread := filepath.Join(src, filepath.FromSlash(arts[5]))
	data, err := os.ReadFile(unread)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(` [a-z]{6,} `).FindIndex(data[len(data)/2:])
	if m == nil {
		t.Fatalf("%s: no word of six letters in its second half", arts[5])
	}
	i, j := len(data)/2+m[0]+1, len(data)/2+m[1]-1
	word := string(data[i:j])
	f, err := os.OpenFile(unread, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte("Q"), j-i), int64(i)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(unread, old, old); err != nil {
		t.Fatal(err)
	}

	editBody(t, src, arts[9], "A sentence about zebrafinch husbandry.")
	res, patched, err := cliBuild(t, src, dest)
	if err != nil || !patched || res.Rendered != 1 {
		t.Fatalf("patch: patched %v, rendered %d, %v", patched, res.Rendered, err)
	}
	qs := bytes.Repeat([]byte("Q"), j-i)
	shows := func(tree map[string][]byte, text []byte) bool {
		for p, data := range tree {
			if strings.HasSuffix(p, ".html") && bytes.Contains(data, text) {
				return true
			}
		}
		return false
	}
	tree := readTree(t, dest)
	if shows(tree, qs) {
		t.Errorf("the site shows the rewrite of %s: the patch read a file it did not edit", arts[5])
	}
	if !shows(tree, []byte("zebrafinch")) {
		t.Errorf("the edited article %s does not show its edit", arts[9])
	}
	if !shows(readTree(t, buildInto(t, src)), qs) {
		t.Fatalf("a full build does not show the rewrite of %s (word %q): the test cannot see a read", arts[5], word)
	}
}

// Publish sizes the memory budget (PublishOptions.Budget) only when it
// has something to build, never for a site with nothing changed, and
// gives it every input file the fingerprint found, the Markdown files a
// first build hashes only as it reads them included.
func TestPublishAsksForTheBudgetOnlyWhenItBuilds(t *testing.T) {
	src, arts := generatedSite(t, 12, 1)
	opts := Options{Source: src, Now: fixedNow, CacheDir: filepath.Join(src, ".medkb", "cache")}
	asked := 0
	var patches []bool
	var want []string
	if err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(src, p)
		if err == nil && !e.IsDir() && !strings.HasPrefix(rel, ".") {
			want = append(want, filepath.ToSlash(rel))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	po := PublishOptions{Version: "test", LockWait: time.Second, Budget: func(inputs []string, patch bool) int64 {
		asked++
		patches = append(patches, patch)
		if got := slices.Sorted(slices.Values(inputs)); !slices.Equal(got, want) {
			t.Errorf("budget %d: given %d inputs; want the site's %d files", asked, len(got), len(want))
		}
		return 64 << 20
	}}
	publishOnce := func(what string) *Published {
		t.Helper()
		pub, err := Publish(context.Background(), opts, po)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return pub
	}
	if pub := publishOnce("first build"); pub.Skipped || asked != 1 {
		t.Fatalf("first build: skipped %v, budget asked %d times; want a build that asks once", pub.Skipped, asked)
	}
	if pub := publishOnce("nothing changed"); !pub.Skipped || asked != 1 {
		t.Errorf("nothing changed: skipped %v, budget asked %d times in all; want skipped without asking", pub.Skipped, asked)
	}
	editBody(t, src, arts[2], "A sentence about budgets.")
	if pub := publishOnce("one article edited"); pub.Skipped || asked != 2 {
		t.Errorf("one article edited: skipped %v, budget asked %d times in all; want a build that asks again", pub.Skipped, asked)
	}
	po.Force = true
	if pub := publishOnce("forced"); pub.Skipped || pub.Patched || asked != 3 {
		t.Errorf("forced: skipped %v, patched %v, budget asked %d times in all; want a full build that asks again", pub.Skipped, pub.Patched, asked)
	}
	// The budget is told which builds try a patch first: the edit's, not
	// the first build or the forced one.
	if want := []bool{false, true, false}; !slices.Equal(patches, want) {
		t.Errorf("budget told patch %v; want %v", patches, want)
	}
}

// A patch does not walk the site for skipped files (source.Skipped) but
// reports what the full build before it found: the warning naming an
// ignored static file is still in the patch's diagnostics.
func TestPatchKeepsTheSkippedFilesWarnings(t *testing.T) {
	src, arts := generatedSite(t, 12, 1)
	junk := filepath.Join(src, "static", ".DS_Store")
	if err := os.MkdirAll(filepath.Dir(junk), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(junk, []byte("junk"), 0o644); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	warns := func(res *Result) bool {
		for _, d := range res.Diagnostics {
			if d.File == "static/.DS_Store" {
				return true
			}
		}
		return false
	}
	res, patched, err := cliBuild(t, src, dest)
	if err != nil || patched || !warns(res) {
		t.Fatalf("full build: patched %v, err %v, warns of static/.DS_Store %v; want a full build that warns", patched, err, warns(res))
	}
	editBody(t, src, arts[1], "A sentence about skipped files.")
	res, patched, err = cliBuild(t, src, dest)
	if err != nil || !patched {
		t.Fatalf("body edit: patched %v, %v", patched, err)
	}
	if !warns(res) {
		t.Errorf("the patch's diagnostics lost the warning about static/.DS_Store:\n%v", res.Diagnostics)
	}
}

// A patch says what a full build of the edited site says: the edited
// page's front matter warnings — from assembling the site (a tag with a
// comma) and from the feeds (moved without an id), which a patch does
// not make again — once, however many patches follow, and its body's
// anew.
func TestPatchSaysWhatAFullBuildSays(t *testing.T) {
	src, arts := generatedSite(t, 12, 1)
	rewrite := func(rel string, edits ...[2]string) {
		t.Helper()
		p := filepath.Join(src, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range edits {
			re := regexp.MustCompile(e[0])
			if !re.Match(data) {
				t.Fatalf("%s has no %s", rel, e[0])
			}
			data = re.ReplaceAll(data, []byte(e[1]))
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rewrite(arts[2], [2]string{`(?m)^tags: .*$`, `tags: "gout, joints"`}, [2]string{`(?m)^id: .*\n`, ``}, [2]string{`(?m)^title: `, "aliases: [/old/gout/]\ntitle: "})
	rewrite("medkb.yaml", [2]string{`(?m)^feeds: \{`, `feeds: {id_base: "tag:health.example.org,2024:", `})
	dest := filepath.Join(t.TempDir(), "public")
	if _, patched, err := cliBuild(t, src, dest); err != nil || patched {
		t.Fatalf("first build: patched %v, %v", patched, err)
	}
	for round := range 2 {
		editBody(t, src, arts[2], fmt.Sprintf("A new paragraph, round %d.\n\n#### Too deep %d", round, round))
		res, patched, err := cliBuild(t, src, dest)
		if err != nil || !patched {
			t.Fatalf("round %d: patched %v, %v", round, patched, err)
		}
		full, err := New(Options{Source: src, Now: fixedNow}).Build(context.Background(), publish.NewMem())
		if err != nil {
			t.Fatal(err)
		}
		got, want := says(res.Diagnostics), says(full.Diagnostics)
		if !slices.Equal(got, want) {
			t.Errorf("round %d: the patch says\n%s\na full build says\n%s", round, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		for _, w := range []string{"has a comma in it", "this article moved but has no id"} {
			if n := strings.Count(strings.Join(got, "\n"), w); n != 1 {
				t.Errorf("round %d: %q is said %d times, want once", round, w, n)
			}
		}
	}
}
