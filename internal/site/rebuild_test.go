package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/publish"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/searchset"
)

func phaseNames(r *Result) string {
	var names []string
	for _, p := range r.Phases {
		names = append(names, p.Name)
	}
	return strings.Join(names, ",")
}

// TestRebuildOfABodyEditTouchesOnlyWhatListsIt counts the work of an
// incremental rebuild, as Hugo's rebuild tests do.
func TestRebuildOfABodyEditTouchesOnlyWhatListsIt(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	first, res, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phaseNames(res), "config,") {
		t.Fatalf("first rebuild was not a full build: %s", phaseNames(res))
	}
	before := first.Files()

	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nAn edited sentence about spirometry.\n")...), 0o644)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); got != "markdown,pages,feeds,check,search,total" {
		t.Errorf("a body edit ran phases %s; want the incremental path", got)
	}
	if res.Rendered != 1 {
		t.Errorf("rendered %d Markdown bodies; want 1", res.Rendered)
	}
	after := mem.Files()
	mustContain(t, after, "conditions/copd/index.html", "An edited sentence about spirometry.")
	mustContain(t, after, "atom.xml", "An edited sentence about spirometry.")
	if string(before["conditions/asthma/index.html"]) != string(after["conditions/asthma/index.html"]) {
		t.Error("an untouched page changed")
	}
	if string(before["search/manifest.json"]) == string(after["search/manifest.json"]) {
		t.Error("the search index was not updated")
	}
	if string(first.Files()["conditions/copd/index.html"]) == string(after["conditions/copd/index.html"]) {
		t.Error("the previous output was modified in place; the dev server must keep serving it during a rebuild")
	}

	// A broken citation in the body is reported and the next good save recovers.
	os.WriteFile(p, append(src, []byte("\nSee [@missing].\n")...), 0o644)
	if _, _, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"}); err == nil || !strings.Contains(err.Error(), "content/conditions/copd.md:") {
		t.Errorf("unknown citation in a rebuild: err = %v", err)
	}
	os.WriteFile(p, src, 0o644)
	if _, _, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"}); err != nil {
		t.Errorf("rebuild after the fix: %v", err)
	}

	// A front matter edit changes the structure: full build.
	os.WriteFile(p, []byte(strings.Replace(string(src), `title: "COPD"`, `title: "COPD (lung disease)"`, 1)), 0o644)
	mem, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(phaseNames(res), "config,") {
		t.Errorf("a title change took the incremental path: %s", phaseNames(res))
	}
	mustContain(t, mem.Files(), "conditions/index.html", "COPD (lung disease)")
}

// TestDeferredSearchMatchesTheInlineIndex: the dev server builds the search
// index of an incremental rebuild after the reload; what it builds must be
// byte for byte what a rebuild that waits would have written.
func TestDeferredSearchMatchesTheInlineIndex(t *testing.T) {
	dir := writeSite(t, baseSite)
	ctx := context.Background()
	inline := New(Options{Source: dir, Now: fixedNow})
	deferred := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	inline.Rebuild(ctx, nil)
	deferred.Rebuild(ctx, nil)
	p := filepath.Join(dir, "content/conditions/asthma.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nBronchiectasis is mentioned here.\n")...), 0o644)
	want, _, err := inline.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := deferred.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PendingSearch) != 1 || res.PendingSearch[0].Dir != "search/" {
		t.Fatalf("pending search = %+v", res.PendingSearch)
	}
	got, err := res.PendingSearch[0].Build()
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := want.Files()
	for name, data := range got {
		if string(wantFiles[name]) != string(data) {
			t.Errorf("deferred %s differs from the inline index", name)
		}
	}
	if string(got["search/manifest.json"]) == "" {
		t.Error("deferred index has no manifest")
	}
}

func TestRebuildChecksLinksOfTheEditedPage(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	// Links that resolve (relative, without a trailing slash) stay quiet;
	// a broken one and a missing anchor are reported at their lines.
	edit := "\n[Asthma](../asthma/) and [again](/conditions/asthma) and [about](/about/#nothing-here) and [gone](/conditions/gone/).\n"
	os.WriteFile(p, append(src, []byte(edit)...), 0o644)
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err == nil {
		t.Fatal("a broken link passed the incremental check")
	}
	var msgs []string
	for _, d := range res.Diagnostics.Errors() {
		msgs = append(msgs, d.Check+": "+d.Message)
	}
	got := strings.Join(msgs, "\n")
	if !strings.Contains(got, "/conditions/gone/") || !strings.Contains(got, "nothing-here") || strings.Contains(got, "/conditions/asthma") {
		t.Errorf("incremental link check reported:\n%s", got)
	}
}

// TestServeRebuildUpdatesSearchByDelta: a body edit leaves the last full
// build's index as it was and puts the page in a search delta (the update
// `medkb build` writes too) — also after a save that failed.
func TestServeRebuildUpdatesSearchByDelta(t *testing.T) {
	dir := t.TempDir()
	if _, err := benchgen.WriteMedkb(dir, benchgen.Options{Articles: 120, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b := New(Options{Source: dir, Now: fixedNow})
	full, _, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := full.Files()
	articles, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	var rel string
	for _, a := range articles {
		if filepath.Base(a) != "_index.md" {
			rel, _ = filepath.Rel(dir, a)
			break
		}
	}
	p := filepath.Join(dir, rel)
	src, _ := os.ReadFile(p)
	edit := func(extra string) (*publish.Mem, *Result, error) {
		os.WriteFile(p, append(append([]byte(nil), src...), []byte("\n"+extra+"\n")...), 0o644)
		return b.Rebuild(ctx, []string{filepath.ToSlash(rel)})
	}
	mem, res, err := edit("Zygomycosis is mentioned here.")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PendingSearch) != 0 || res.SearchShards != 2 {
		t.Fatalf("pending %d, index files written %d: want the manifest holding the delta and the search module carrying it", len(res.PendingSearch), res.SearchShards)
	}
	if got := phaseNames(res); got != "markdown,pages,feeds,check,search,total" {
		t.Errorf("a body edit ran phases %s; want the incremental path", got)
	}
	mustBeWholeIndex(t, mem.Files(), "search/", "")
	mustHaveDelta(t, mem.Files(), "search/", "zygomycosis")
	for name, data := range base {
		if rel, ok := strings.CutPrefix(name, "search/"); ok && search.IsIndexFile(rel) && rel != "manifest.json" &&
			string(mem.Files()[name]) != string(data) {
			t.Errorf("%s of the full build's index changed", name)
		}
	}

	// A save that fails (unknown citation) leaves the index alone; the
	// next good save replaces the delta with the page as it is now.
	if _, _, err := edit("See [@missing]. Aspergilloma too."); err == nil {
		t.Fatal("unknown citation: want an error")
	}
	mem, _, err = edit("Histoplasmosis is mentioned here.")
	if err != nil {
		t.Fatal(err)
	}
	mustBeWholeIndex(t, mem.Files(), "search/", "")
	mustHaveDelta(t, mem.Files(), "search/", "histoplasmosis")
	for name, data := range mem.Files() {
		if strings.HasPrefix(name, "search/") && (strings.Contains(string(data), "zygomycosis") || strings.Contains(string(data), "aspergilloma")) {
			t.Errorf("%s still lists a word the page no longer has", name)
		}
	}
}

// TestDeferredSearchCarriesEveryEdit: the dev server defers the index;
// each deferred delta carries every page edited since the full build, so a
// newer one replaces an older one left waiting without losing an edit.
func TestDeferredSearchCarriesEveryEdit(t *testing.T) {
	dir := writeSite(t, baseSite)
	ctx := context.Background()
	b := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	edit := func(file, extra string, pages int) []searchset.Pending {
		p := filepath.Join(dir, file)
		src, _ := os.ReadFile(p)
		os.WriteFile(p, append(src, []byte("\n"+extra+"\n")...), 0o644)
		_, res, err := b.Rebuild(ctx, []string{file})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.PendingSearch) != 1 || len(res.PendingSearch[0].Docs) != pages {
			t.Fatalf("pending search = %+v, want one delta of %d pages", res.PendingSearch, pages)
		}
		return res.PendingSearch
	}
	first := edit("content/conditions/asthma.md", "Zygomycosis is mentioned here.", 1)
	second := edit("content/conditions/copd.md", "Histoplasmosis is mentioned here.", 2)
	merged := searchset.MergePending(first, second)
	if len(merged) != 1 || len(merged[0].Docs) != 2 {
		t.Fatalf("merged = %+v, want one delta with both pages", merged)
	}
	files, err := merged[0].Build()
	if err != nil {
		t.Fatal(err)
	}
	mustHaveDelta(t, files, "search/", "zygomycosis")
	mustHaveDelta(t, files, "search/", "histoplasmosis")
}

// mustHaveDelta checks that the manifest in dir holds a delta segment
// whose vocabulary lists word.
func mustHaveDelta(t *testing.T, files map[string][]byte, dir, word string) {
	t.Helper()
	var m struct {
		Delta *struct {
			V json.RawMessage `json:"v"`
		} `json:"delta"`
	}
	if err := json.Unmarshal(files[dir+"manifest.json"], &m); err != nil || m.Delta == nil {
		t.Fatalf("manifest holds no delta (%v): %.200s", err, files[dir+"manifest.json"])
	}
	if !strings.Contains(string(m.Delta.V), `"`+word+`"`) {
		t.Errorf("the delta's vocabulary does not list %q", word)
	}
}

// mustBeWholeIndex checks that every file the index in dir names exists and
// that a vocabulary shard lists word (unless it is "").
func mustBeWholeIndex(t *testing.T, files map[string][]byte, dir, word string) {
	t.Helper()
	var m struct {
		Vocab   [][3]string `json:"vocab"`
		Docs    int         `json:"docs"`
		Bundles []string    `json:"docBundles"`
		Bundle  int         `json:"docBundleSize"`
		Group   int         `json:"docBundleGroup"`
	}
	if err := json.Unmarshal(files[dir+"manifest.json"], &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	found := false
	for _, v := range m.Vocab {
		data, ok := files[dir+v[2]]
		if !ok {
			t.Errorf("manifest names missing %s", v[2])
			continue
		}
		var sh struct {
			P []string `json:"p"`
		}
		json.Unmarshal(data, &sh)
		for _, pp := range sh.P {
			if _, ok := files[dir+pp]; !ok {
				t.Errorf("%s names missing %s", v[2], pp)
			}
		}
		found = found || strings.Contains(string(data), `"`+word+`"`)
	}
	for d := range m.Docs {
		if b := d / m.Bundle; b/m.Group >= len(m.Bundles) {
			t.Errorf("document %d has no group in the manifest", d)
		} else if _, ok := files[fmt.Sprintf("%sdocs/%d.%s.json", dir, b, m.Bundles[b/m.Group])]; !ok {
			t.Errorf("the file of document %d is missing", d)
		}
	}
	if word != "" && !found {
		t.Errorf("no vocabulary shard lists %q", word)
	}
}

// The dev server, like Patch, checks links against the anchors an earlier
// edit added.
func TestRebuildKeepsNewAnchorsForLaterChecks(t *testing.T) {
	src, arts := generatedSite(t, 30, 7)
	b := New(Options{Source: src, Now: fixedNow})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	editBody(t, src, arts[4], "## Zebrafinch care\n\nKeep them warm.")
	if _, res, err := b.Rebuild(ctx, []string{arts[4]}); err != nil || res.Rendered != 1 {
		t.Fatalf("adding a heading: %v (rendered %d)", err, res.Rendered)
	}
	url := "/" + strings.TrimSuffix(strings.TrimPrefix(arts[4], "content/"), ".md") + "/"
	editBody(t, src, arts[9], "See [their care]("+url+"#zebrafinch-care).")
	_, res, err := b.Rebuild(ctx, []string{arts[9]})
	if err != nil || res.Rendered != 1 {
		t.Fatalf("linking to it: %v (rendered %d)", err, res.Rendered)
	}
	for _, d := range res.Diagnostics {
		if d.File == arts[9] && strings.Contains(d.Message, "zebrafinch-care") {
			t.Errorf("a link to the new heading is reported: %s", d.Message)
		}
	}
}

// TestFailedRebuildDoesNotLeakIntoTheNext: a save that does not build
// leaves the last good snapshot as it was, and a later good save to another
// article neither publishes the failed text nor forgets the error, which
// stays until the broken article is fixed.
func TestFailedRebuildDoesNotLeakIntoTheNext(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	good, _, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	goodFiles := good.Files()
	copd := filepath.Join(dir, "content/conditions/copd.md")
	asthma := filepath.Join(dir, "content/conditions/asthma.md")
	copdSrc, _ := os.ReadFile(copd)
	asthmaSrc, _ := os.ReadFile(asthma)
	const failed = "Failed sentence about bronchiolitis"
	const fine = "Good sentence about spacers"
	feeds := []string{"atom.xml", "index.xml", "feed.json"}

	os.WriteFile(copd, append(copdSrc, []byte("\n"+failed+" [@missing].\n")...), 0o644)
	if _, _, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"}); err == nil {
		t.Fatal("an unknown citation built")
	}
	os.WriteFile(asthma, append(asthmaSrc, []byte("\n"+fine+".\n")...), 0o644)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err == nil {
		t.Errorf("the good save to asthma.md hid the broken copd.md; the site would publish it: %s", phaseNames(res))
		for _, f := range feeds {
			mustNotContain(t, mem.Files(), f, failed)
		}
	}
	if res == nil || !strings.Contains(fmt.Sprint(res.Diagnostics.Errors()), "content/conditions/copd.md:") {
		t.Errorf("the broken citation's error was forgotten: %v", err)
	}
	for _, f := range feeds {
		mustNotContain(t, goodFiles, f, failed)
		mustNotContain(t, good.Files(), f, failed)
	}
	if string(good.Files()["conditions/copd/index.html"]) != string(goodFiles["conditions/copd/index.html"]) {
		t.Error("the last good snapshot changed during the failed rebuilds")
	}

	os.WriteFile(copd, copdSrc, 0o644)
	mem, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil {
		t.Fatalf("rebuild after the fix: %v", err)
	}
	if got := phaseNames(res); !strings.HasPrefix(got, "markdown,") {
		t.Errorf("the fix did not take the incremental path: %s", got)
	}
	for _, f := range feeds {
		mustNotContain(t, mem.Files(), f, failed)
		mustContain(t, mem.Files(), f, fine)
	}
	mustContain(t, mem.Files(), "conditions/asthma/index.html", fine)
}

// TestFailedFullRebuildMakesTheNextFull: after a full rebuild that failed,
// what changed since the last good snapshot is unknown; the next rebuild
// must not patch that snapshot.
func TestFailedFullRebuildMakesTheNextFull(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	copd := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(copd)
	os.WriteFile(copd, append(src, []byte("\nSee [@missing].\n")...), 0o644)
	if _, _, err := b.Rebuild(ctx, nil); err == nil {
		t.Fatal("an unknown citation built")
	}
	asthma := filepath.Join(dir, "content/conditions/asthma.md")
	asrc, _ := os.ReadFile(asthma)
	os.WriteFile(asthma, append(asrc, []byte("\nAnother sentence.\n")...), 0o644)
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err == nil || !strings.HasPrefix(phaseNames(res), "config,") {
		t.Errorf("after a failed full rebuild: err %v, phases %s; want a full build reporting copd.md", err, phaseNames(res))
	}
}

// TestRebuildRechecksALinkAddedByAnEarlierRebuild: a link one rebuild adds
// is known to the next, which checks the linking page again when the
// heading it points at goes.
func TestRebuildRechecksALinkAddedByAnEarlierRebuild(t *testing.T) {
	src, arts := generatedSite(t, 30, 7)
	b := New(Options{Source: src, Now: fixedNow})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(src, filepath.FromSlash(arts[4]))
	original, _ := os.ReadFile(target)
	editBody(t, src, arts[4], "## Zebrafinch care\n\nKeep them warm.")
	if _, _, err := b.Rebuild(ctx, []string{arts[4]}); err != nil {
		t.Fatal(err)
	}
	url := "/" + strings.TrimSuffix(strings.TrimPrefix(arts[4], "content/"), ".md") + "/"
	// A page that did not link to it before.
	linker := ""
	for _, a := range arts[5:] {
		if data, _ := os.ReadFile(filepath.Join(src, filepath.FromSlash(a))); !strings.Contains(string(data), strings.TrimSuffix(url, "/")) {
			linker = a
			break
		}
	}
	editBody(t, src, linker, "See [their care]("+url+"#zebrafinch-care).")
	if _, _, err := b.Rebuild(ctx, []string{linker}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(target, append(original, "\nKeep them warm.\n"...), 0o644)
	_, res, err := b.Rebuild(ctx, []string{arts[4]})
	if err == nil || res.Rendered != 1 {
		t.Fatalf("removing the heading: err %v, rendered %d; want a failed incremental rebuild", err, res.Rendered)
	}
	found := false
	for _, d := range res.Diagnostics.Errors() {
		found = found || (d.File == linker && strings.Contains(d.Message, "zebrafinch-care"))
	}
	if !found {
		t.Errorf("the linking page %s was not checked again: %v", linker, res.Diagnostics.Errors())
	}
}

// pipeGuard is how long TestRebuildOfANamedPipeDoesNotBlock waits for a
// rebuild that would block forever on a named pipe: far longer than a
// slow rebuild, shorter than go test's default -timeout (10 minutes), so
// the failure names the pipe. It asserts nothing about speed.
const pipeGuard = 5 * time.Minute

// The dev server's rebuild read an edited file with os.ReadFile: an
// article replaced by a named pipe blocked it forever. It now falls back
// to a full build, which skips the pipe with a warning.
func TestRebuildOfANamedPipeDoesNotBlock(t *testing.T) {
	dir := writeSite(t, baseSite)
	b := New(Options{Source: dir, Now: fixedNow})
	// No deadline on the builds: the pipe blocks open(2), which looks at
	// no context, and a deadline only failed a build that was slow.
	ctx := t.Context()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/conditions/copd.md")
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
	makeFifo(t, p)
	done := make(chan struct{})
	var res *Result
	var err error
	go func() {
		defer close(done)
		_, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	}()
	// A rebuild that opens the pipe never returns, so only a wait can
	// fail it: pipeGuard is that wait, generous so that a rebuild stalled
	// on a loaded machine (session 51 saw a small site's build take 122 s
	// at load average 12) is not taken for one blocked.
	select {
	case <-done:
	case <-time.After(pipeGuard):
		t.Fatalf("Rebuild blocked on the named pipe (no return within %s)", pipeGuard)
	}
	// The pipe is skipped: the links to the page it replaced now break.
	if err == nil || !strings.Contains(err.Error(), `broken link "/conditions/copd/"`) {
		t.Errorf("Rebuild = %v, want the broken links to the skipped page", err)
	}
	if res == nil {
		t.Fatal("no result")
	}
	var warned bool
	for _, d := range res.Diagnostics {
		warned = warned || d.File == "content/conditions/copd.md" && strings.Contains(d.Message, "named pipe")
	}
	if !warned {
		t.Errorf("no warning names the pipe: %v", res.Diagnostics)
	}
}

// TestRebuildServesWhatAFullBuildWould: after each of a run of body edits,
// the dev server's snapshot (copy-on-write from the last one, its feeds
// from the last one's entries) holds what a full build of the same tree
// holds, byte for byte, but for the search index, which carries the edits
// as a delta.
func TestRebuildServesWhatAFullBuildWould(t *testing.T) {
	src, arts := generatedSite(t, 60, 3)
	opts := Options{Source: src, Now: fixedNow, Drafts: true, Serve: true}
	b := New(opts)
	ctx := context.Background()
	last, _, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for round, edit := range [][]string{{arts[3]}, {arts[3], arts[40]}, {arts[40]}} {
		for _, rel := range edit {
			editBody(t, src, rel, fmt.Sprintf("A sentence about zebrafinch husbandry, round %d.", round))
		}
		mem, res, err := b.Rebuild(ctx, edit)
		if err != nil {
			t.Fatal(err)
		}
		if res.Rendered != len(edit) {
			t.Fatalf("round %d: rendered %d bodies, want %d (%s)", round, res.Rendered, len(edit), phaseNames(res))
		}
		got := mem.Files()
		want := publish.NewMem()
		if _, err := New(opts).Build(ctx, want); err != nil {
			t.Fatal(err)
		}
		feeds := 0
		for p, w := range want.Files() {
			if isSearchIndex(p) {
				continue
			}
			if g, ok := got[p]; !ok {
				t.Errorf("round %d: %s missing after the rebuild", round, p)
			} else if !bytes.Equal(g, w) {
				t.Errorf("round %d: %s differs from a full build's", round, p)
			} else if strings.HasSuffix(p, ".xml") && !bytes.Equal(g, last.Files()[p]) {
				feeds++
			}
		}
		if feeds == 0 {
			t.Errorf("round %d: no feed changed: the edited articles are in none", round)
		}
		last = mem
	}
}

// A body edit's rebuild says what a full build of the edited site says:
// the warnings about the edited page's front matter (a tag with a comma,
// from assembling the site; moved without an id, from the feeds) stay, as
// the edit cannot change them, and its body's are made anew.
func TestRebuildSaysWhatAFullBuildSays(t *testing.T) {
	site := strings.Replace(baseSite, "tags: [lungs, breathing]", "tags: \"lungs, breathing\"\naliases: [/old/asthma/]", 1)
	site = strings.Replace(site, `id: "conditions-asthma"`+"\n", "", 1)
	site = strings.Replace(site, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nfeeds: {id_base: \"tag:health.test,2024:\"}\n", 1)
	dir := writeSite(t, site)
	opts := Options{Source: dir, Now: fixedNow, Serve: true}
	b := New(opts)
	ctx := context.Background()
	_, first, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"has a comma", "moved but has no id"} {
		if !slices.ContainsFunc(first.Diagnostics, func(d diag.Diagnostic) bool { return strings.Contains(d.Message, w) }) {
			t.Fatalf("the full build does not say %q: %v", w, first.Diagnostics)
		}
	}
	editBody(t, dir, "content/conditions/asthma.md", "A new paragraph.\n\n#### Too deep")
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/asthma.md"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rendered != 1 {
		t.Fatalf("rendered %d bodies, want the edited one (%s)", res.Rendered, phaseNames(res))
	}
	full, err := New(opts).Build(ctx, publish.NewMem())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := says(res.Diagnostics), says(full.Diagnostics); !slices.Equal(got, want) {
		t.Errorf("the rebuild says\n%s\na full build says\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The main navigation is on every page: a body edit that takes away the
// heading a menu entry links to gets the menu's error on the incremental
// path, as a full build does, and putting it back takes the error away.
func TestBodyEditRechecksTheMenu(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}\n", "trust_pages: {about: /about/}\nmenu: [{name: Team, url: \"/conditions/copd/#team\"}, {name: About, url: /about/}]\n", 1)
	site = strings.Replace(site, "Read about [asthma](/conditions/asthma/#symptoms).", "Read about [asthma](/conditions/asthma/#symptoms).\n\n## Team\n\nUs.", 1)
	dir := writeSite(t, site)
	b := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	ctx := context.Background()
	if _, _, err := b.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	menuErrors := func(res *Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			if d.File == "medkb.yaml" && strings.Contains(d.Message, "menu entry") {
				out = append(out, d.String())
			}
		}
		return out
	}
	p := filepath.Join(dir, "content/conditions/copd.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(src), "## Team", "## Staff", 1)), 0o644)
	_, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if got := phaseNames(res); !strings.HasPrefix(got, "markdown,pages,feeds,check") {
		t.Fatalf("a body edit ran phases %s; want the incremental path", got)
	}
	if got := menuErrors(res); err == nil || len(got) != 1 || !strings.Contains(got[0], `medkb.yaml:4: error: menu entry "Team": link "/conditions/copd/#team": no element with id "team"`) {
		t.Errorf("after the heading went: %v, menu diagnostics %q; want the Team entry's anchor error", err, got)
	}
	os.WriteFile(p, src, 0o644)
	_, res, err = b.Rebuild(ctx, []string{"content/conditions/copd.md"})
	if err != nil || len(menuErrors(res)) != 0 {
		t.Errorf("after the heading came back: %v, menu diagnostics %q; want none", err, menuErrors(res))
	}
}

// With the default language in a folder of its own, each language's pages
// link the menu's /about/ as their own /en/about/ or /es/about/, and the
// pages medkb makes (/search/, /glossary/) likewise: no address any page
// shows is broken, so the check reports nothing; an address no language
// has is still reported. A #fragment alone is the theme's, on every page.
func TestMenuLinksAreCheckedAsEachLanguageShowsThem(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}\n",
		"default_language_in_subdir: true\nlanguages: [{code: en, default: true}, {code: es}]\n"+
			"menu: [{name: About, url: /about/}, {name: Search, url: /search/}, {name: Glossary, url: /glossary/}, {name: Skip, url: \"#main\"}, {name: Gone, url: /gone/}]\n", 1)
	dir := writeSite(t, site+"-- content/about/_index.es.md --\n---\ntitle: Acerca\n---\nSobre nosotros.\n")
	res, err := New(Options{Source: dir, Now: fixedNow, DeferSearch: true}).Build(context.Background(), publish.NewMem())
	if res == nil {
		t.Fatal(err)
	}
	var menu []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "menu entry") {
			menu = append(menu, d.String())
		}
	}
	if len(menu) != 1 || !strings.Contains(menu[0], `menu entry "Gone": broken link "/gone/"`) {
		t.Errorf("menu diagnostics %q; want only Gone's broken link", menu)
	}
}

// A body edit renders the menu as a full build does: a Spanish page links
// the menu's /about/ as written, for there is no /es/about/, and its
// /conditions/ as /es/conditions/.
func TestBodyEditRendersTheMenuAsAFullBuild(t *testing.T) {
	site := strings.Replace(baseSite, "trust_pages: {about: /about/}\n",
		"trust_pages: {about: /about/}\nlanguages: [{code: en, default: true}, {code: es}]\nmenu: [{name: About, url: /about/}, {name: Conditions, url: /conditions/}]\n", 1)
	es := "-- content/conditions/copd.es.md --\n---\ntitle: \"EPOC\"\nsummary: \"La EPOC es una enfermedad pulmonar de larga duración.\"\ndate: 2025-01-02\nauthors: [jdoe]\nreviewed_by: [rev]\nlast_reviewed: 2025-01-02\naudience: patient\n---\nLa EPOC dificulta la respiración.\n"
	dir := writeSite(t, site+es)
	b := New(Options{Source: dir, Now: fixedNow, DeferSearch: true})
	ctx := context.Background()
	first, _, err := b.Rebuild(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	const page = "es/conditions/copd/index.html"
	mustContain(t, first.Files(), page, `href="/about/"`, `href="/es/conditions/"`)
	p := filepath.Join(dir, "content/conditions/copd.es.md")
	src, _ := os.ReadFile(p)
	os.WriteFile(p, append(src, []byte("\nUna frase nueva.\n")...), 0o644)
	mem, res, err := b.Rebuild(ctx, []string{"content/conditions/copd.es.md"})
	if err != nil {
		t.Fatal(err)
	}
	if got := phaseNames(res); !strings.HasPrefix(got, "markdown,pages") {
		t.Fatalf("a body edit ran phases %s; want the incremental path", got)
	}
	files := mem.Files()
	mustContain(t, files, page, "Una frase nueva.", `href="/about/"`, `href="/es/conditions/"`)
	if strings.Contains(string(files[page]), `href="/es/about/"`) {
		t.Errorf("the patched page links /es/about/, which no build publishes")
	}
}
