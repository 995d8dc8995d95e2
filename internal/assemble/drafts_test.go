package assemble

import (
	"fmt"
	"maps"
	"math/rand"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// twoLanguages is a configuration in English and Spanish, for translations.
const twoLanguages = "title: T\nbase_url: https://health.example.org/\nlanguages:\n  - {code: en}\n  - {code: es}\n"

// inputIn is input with the configuration cfg; a file named x.es.md is
// the Spanish version of x.md, as source names it.
func inputIn(t *testing.T, cfg string, files map[string]string) Input {
	t.Helper()
	c, err := config.Parse([]byte(cfg))
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Config: c, Authors: map[string]page.Author{"editor": {ID: "editor", Name: "Ed"}}}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		f := &source.File{Path: "content/" + rel, Rel: rel, Base: strings.TrimSuffix(path.Base(rel), ".md"), Data: []byte(files[rel])}
		if b, ok := strings.CutSuffix(f.Base, ".es"); ok {
			f.Base, f.Lang = b, "es"
		}
		if i := strings.IndexByte(rel, '/'); i > 0 {
			f.Section = rel[:i]
		}
		r, err := frontmatter.Parse(f.Path, f.Data)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		in.Files = append(in.Files, Parsed{File: f, Meta: r.Meta, Body: r.Body, BodyLine: r.BodyLine})
	}
	return in
}

// lost returns the errors that assembling in with its drafts (as medkb
// serve does) reports and assembling it without them (as check and build
// do) does not warn of. Assembled without them, an error E is warned of
// when it is an error there too, or when a draft's problem (a draft's
// error, Site.DraftErrors, or a warning ending DraftsHint) is said
//
//   - the same, at the same place;
//   - at E's place: in a clash of three (two drafts and a page, a page's
//     address and two aliases) which two are paired depends on the order
//     they are claimed in, which differs without drafts;
//   - at a file E names, naming E's file: the same clash said at its
//     other end (the drafts are claimed last);
//   - for a clash of addresses, at or naming the draft E is at or names:
//     a page's alias that clashed with another page's alias (an error in
//     both builds, at that other alias) clashes with the draft's address
//     once that other alias gave the address up to the draft.
//
// An error at a published page's line is warned of when there is an
// error at that line already; and a translation_of or replaced_by that
// names no page (or a withdrawn one) when a page was left out for a
// clash with a draft's address (said as above): what named the page
// left out names nothing.
func lost(t *testing.T, in Input) []string {
	t.Helper()
	in.Drafts = false
	without, err := Assemble(in)
	base, baseAt := map[string]bool{}, map[string]bool{}
	for _, d := range diag.From(err) {
		base[d.Pos()+" "+d.Message] = true
		baseAt[d.Pos()] = true
	}
	drafts := map[string]bool{}
	for _, p := range without.AllDrafts() {
		drafts[p.File] = true
	}
	said, saidAt, clashAt := map[string]bool{}, map[string]bool{}, map[string]bool{}
	var draftWarnings []diag.Diagnostic
	for _, d := range slices.Concat(without.DraftErrors, without.Warnings) {
		if d.Severity == diag.Error || strings.HasSuffix(d.Hint, DraftsHint) {
			said[d.Pos()+" "+d.Message] = true
			saidAt[d.Pos()] = true
			draftWarnings = append(draftWarnings, d)
		}
		if strings.HasSuffix(d.Hint, DraftsHint) {
			for f := range drafts {
				if d.File == f || strings.Contains(d.Message, f) {
					clashAt[f] = true
				}
			}
		}
	}
	in.Drafts = true
	_, errWith := Assemble(in)
	errs := diag.From(errWith)
	displaced := false // a page left out for a clash with a draft's address
	for _, e := range errs {
		if strings.Contains(e.Message, "is also written by") || strings.Contains(e.Message, "both a file and a folder") {
			for f := range drafts {
				displaced = displaced || e.File == f || strings.Contains(e.Message, f)
			}
		}
	}
	var out []string
	for _, e := range errs {
		k := e.Pos() + " " + e.Message
		if base[k] || said[k] || saidAt[e.Pos()] || !drafts[e.File] && baseAt[e.Pos()] {
			continue
		}
		if displaced && (strings.Contains(e.Message, "translation_of") || strings.Contains(e.Message, "replaced_by")) {
			continue
		}
		found := false
		for _, w := range draftWarnings {
			if w.File != e.File && strings.Contains(e.Message, w.File) && strings.Contains(w.Message, e.File) {
				found = true
				break
			}
		}
		if strings.HasPrefix(e.Message, "alias ") || strings.Contains(e.Message, "is also written by") || strings.Contains(e.Message, "both a file and a folder") {
			for f := range drafts {
				if (e.File == f || strings.Contains(e.Message, f)) && clashAt[f] {
					found = true
				}
			}
		}
		if !found {
			out = append(out, k)
		}
	}
	return out
}

// TestDraftsWarnOfWhatABuildWithDraftsStopsOn assembles sites with
// drafts with and without them: every error the assembly with drafts
// (medkb serve's, medkb build --drafts') reports, the assembly without
// them reports as a warning or a draft's error, found by claiming the
// drafts alone against the published pages, not by a second assembly
// of the whole site. The sites are the cases the second assembly found
// (TestDraftsAddressAndTitleErrorsAreWarnings in internal/site) and
// random sites of a few pages sharing a few addresses.
func TestDraftsWarnOfWhatABuildWithDraftsStopsOn(t *testing.T) {
	t.Parallel()
	const home = "---\ntitle: Home\n---\n"
	cases := map[string]map[string]string{
		"untitled": {"conditions/a.md": "---\ntitle: ''\ndraft: true\n---\n"},
		"published after the draft at its address": {
			"conditions/a.md": "---\ntitle: A\ndraft: true\nurl: /same/\n---\n",
			"conditions/z.md": "---\ntitle: Z\nurl: /same/\n---\n"},
		"published alias at the draft's address, the draft's alias at a page's": {
			"conditions/test.md":   "---\ntitle: Test\ndraft: true\naliases: [/conditions/asthma/]\n---\n",
			"conditions/asthma.md": "---\ntitle: Asthma\n---\n",
			"conditions/passes.md": "---\ntitle: Passes\naliases: [/conditions/test]\n---\n"},
		"translations": {
			"conditions/asthma.md":    "---\ntitle: Asthma\n---\n",
			"conditions/a.es.md":      "---\ntitle: A\ndraft: true\ntranslation_of: conditions/asthma\n---\n",
			"conditions/y.es.md":      "---\ntitle: Y\ntranslation_of: conditions/asthma\n---\n",
			"conditions/z.es.md":      "---\ntitle: Z\ndraft: true\ntranslation_of: conditions/nothing\n---\n",
			"conditions/d1.es.md":     "---\ntitle: D1\ndraft: true\ntranslation_of: conditions/new\n---\n",
			"conditions/d2.es.md":     "---\ntitle: D2\ndraft: true\ntranslation_of: conditions/new\n---\n",
			"conditions/orphan.es.md": "---\ntitle: O\ndraft: true\ntranslation_of: conditions/gone\n---\n",
			"conditions/gone.md":      "---\ntitle: Gone\ndraft: true\n---\n"},
		"withdrawn drafts": {
			"conditions/w1.md":  "---\ntitle: W1\ndraft: true\nwithdrawn: {date: 2025-01-01}\n---\n",
			"conditions/w2.md":  "---\ntitle: W2\ndraft: true\nwithdrawn: {date: 2025-01-01, reason: old, replaced_by: /nowhere/}\n---\n",
			"conditions/w3.md":  "---\ntitle: W3\ndraft: true\nwithdrawn: {date: 2025-01-01, reason: old, replaced_by: /conditions/w4/}\n---\n",
			"conditions/w4.md":  "---\ntitle: W4\nwithdrawn: {date: 2025-01-01, reason: old}\n---\n",
			"conditions/w5.md":  "---\ntitle: W5\ndraft: true\nwithdrawn: {date: 2025-01-01, reason: old, replaced_by: /conditions/new/}\n---\n",
			"conditions/new.md": "---\ntitle: New\ndraft: true\n---\n"},
	}
	for name, files := range cases {
		files["_index.md"] = home
		if l := lost(t, inputIn(t, twoLanguages, files)); len(l) > 0 {
			t.Errorf("%s: with drafts, errors not warned of without them:\n%s", name, strings.Join(l, "\n"))
		}
	}
	seed, sites := int64(54), 300
	if v, err := strconv.ParseInt(os.Getenv("MEDKB_DRAFTS_SEED"), 10, 64); err == nil {
		seed, sites = v, 5000 // a longer search
	}
	r := rand.New(rand.NewSource(seed))
	addrs := []string{"/a/", "/b", "/c.html", "/c.html/x/", "/conditions/p1/", "/conditions/p2", "/search/", "/d/e.html", "/d/"}
	pick := func() string { return addrs[r.Intn(len(addrs))] }
	for i := range sites {
		files := map[string]string{"_index.md": home}
		for j := range 2 + r.Intn(5) {
			name := fmt.Sprintf("conditions/p%d.md", j)
			if r.Intn(4) == 0 {
				name = fmt.Sprintf("conditions/p%d.es.md", r.Intn(3))
			}
			var fm strings.Builder
			draft := r.Intn(5) < 2
			if draft && r.Intn(6) == 0 {
				fm.WriteString("title: ''\n") // a draft's title may be empty
			} else {
				fmt.Fprintf(&fm, "title: P%d\n", j)
			}
			if draft {
				fm.WriteString("draft: true\n")
			}
			if r.Intn(3) == 0 {
				fmt.Fprintf(&fm, "url: %s\n", pick())
			}
			if n := r.Intn(3); n > 0 {
				var as []string
				for range n {
					as = append(as, pick())
				}
				fmt.Fprintf(&fm, "aliases: [%s]\n", strings.Join(as, ", "))
			}
			if r.Intn(5) == 0 {
				fmt.Fprintf(&fm, "translation_of: conditions/p%d\n", r.Intn(4))
			}
			if r.Intn(6) == 0 {
				fmt.Fprintf(&fm, "withdrawn: {date: 2025-01-01, reason: old, replaced_by: %s}\n", pick())
			}
			files[name] = "---\n" + fm.String() + "---\n"
		}
		if l := lost(t, inputIn(t, twoLanguages, files)); len(l) > 0 {
			var site []string
			for _, k := range slices.Sorted(maps.Keys(files)) {
				site = append(site, "-- "+k+" --\n"+files[k])
			}
			t.Errorf("random site %d: with drafts, errors not warned of without them:\n%s\nsite:\n%s", i, strings.Join(l, "\n"), strings.Join(site, ""))
		}
	}
}

// TestDraftsOwnErrorsAndClashes names what a build with drafts would
// stop on, as assembling without them says it: a draft's own errors in
// DraftErrors (the caller downgrades them), its clashes as warnings
// ending DraftsHint, a published alias at a draft's address at the
// alias's line (what to remove), and the draft's aliases a build with
// drafts would publish in DraftAliases (for the static files' check).
func TestDraftsOwnErrorsAndClashes(t *testing.T) {
	t.Parallel()
	in := inputIn(t, twoLanguages, map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/asthma.md": "---\ntitle: Asthma\n---\n",
		"conditions/passes.md": "---\ntitle: Passes\naliases: [/conditions/test]\n---\n",
		"conditions/test.md":   "---\ntitle: Test\ndraft: true\naliases: [/old/test/]\n---\n",
		"conditions/u.md":      "---\ntitle: ' '\ndraft: true\n---\n",
		"conditions/y.es.md":   "---\ntitle: Y\ntranslation_of: conditions/asthma\n---\n",
		"conditions/z.es.md":   "---\ntitle: Z\ndraft: true\ntranslation_of: conditions/asthma\n---\n",
		"conditions/n.es.md":   "---\ntitle: N\ndraft: true\ntranslation_of: conditions/nothing\n---\n",
		"conditions/w.md":      "---\ntitle: W\ndraft: true\nwithdrawn: {date: 2025-01-01, replaced_by: /conditions/w/}\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	var got []string
	for _, d := range s.DraftErrors {
		got = append(got, string(d.Severity)+" "+d.Pos()+" "+d.Message)
	}
	want := []string{
		`error content/conditions/n.es.md:4 translation_of "conditions/nothing" names no page in the default language (en)`,
		"error content/conditions/u.md:1 the front matter has no title",
		"error content/conditions/w.md:4 withdrawn page without a reason",
		`error content/conditions/w.md:4 withdrawn.replaced_by "/conditions/w/" is itself withdrawn or expired`,
		"error content/conditions/z.es.md:1 content/conditions/y.es.md and content/conditions/z.es.md both claim the es version of conditions/asthma",
	}
	if !slices.Equal(got, want) {
		t.Errorf("DraftErrors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantWarnings(t, s, "content/conditions/passes.md:3 alias /conditions/test is the address of content/conditions/test.md | "+
		"remove the alias: the address is content/conditions/test.md's now, and a redirect there would replace that page "+DraftsHint)
	var aliases []string
	for _, ls := range s.Langs {
		for _, al := range ls.DraftAliases {
			aliases = append(aliases, fmt.Sprintf("%s %s:%d %s", al.OutputPath, al.File, al.Line, al.To.File))
		}
	}
	if want := []string{"old/test/index.html content/conditions/test.md:4 content/conditions/test.md"}; !slices.Equal(aliases, want) {
		t.Errorf("DraftAliases = %q, want %q", aliases, want)
	}
	// The published alias stays: without drafts its redirect is built.
	if al := s.Langs[0].Aliases; len(al) != 1 || al[0].From != "/conditions/test/" {
		t.Errorf("published aliases = %+v, want /conditions/test/ kept", al)
	}
}

// TestDraftsClaimAsABuildWithDrafts: a build with drafts claims every
// page's address before any alias or generated page, in file order, so
// a draft takes an address from a published alias or a generated page,
// and a second draft there clashes with the first, not with what gave
// the address up; a withdrawn draft's replaced_by names the first draft
// at an address, and a published page's replaced_by the withdrawn draft
// at a generated page's address.
func TestDraftsClaimAsABuildWithDrafts(t *testing.T) {
	t.Parallel()
	in := inputIn(t, twoLanguages, map[string]string{
		"_index.md":         "---\ntitle: Home\n---\n",
		"conditions/a.md":   "---\ntitle: A\naliases: [/conditions/p1/]\n---\n",
		"conditions/p1.md":  "---\ntitle: P1\ndraft: true\n---\n",
		"conditions/p3.md":  "---\ntitle: P3\ndraft: true\nurl: /conditions/p1/\n---\n",
		"conditions/s1.md":  "---\ntitle: S1\ndraft: true\nurl: /search/\n---\n",
		"conditions/s2.md":  "---\ntitle: S2\ndraft: true\nurl: /search/\n---\n",
		"conditions/w.md":   "---\ntitle: W\ndraft: true\nwithdrawn: {date: 2025-01-01, reason: Old., replaced_by: /conditions/w/}\n---\n",
		"conditions/w2.md":  "---\ntitle: W2\ndraft: true\nurl: /conditions/w/\n---\n",
		"conditions/g.md":   "---\ntitle: G\ndraft: true\nurl: /glossary/\nwithdrawn: {date: 2025-01-01, reason: Old.}\n---\n",
		"conditions/old.md": "---\ntitle: Old\nwithdrawn: {date: 2025-01-01, reason: Old., replaced_by: /glossary/}\n---\n",
	})
	s, err := Assemble(in)
	if err != nil {
		t.Fatalf("Assemble: %v", err)
	}
	wantWarnings(t, s,
		"content/conditions/a.md:3 alias /conditions/p1/ is the address of content/conditions/p1.md | remove the alias: the address is content/conditions/p1.md's now, and a redirect there would replace that page "+DraftsHint,
		"content/conditions/old.md:3 withdrawn.replaced_by \"/glossary/\" is itself withdrawn or expired | point replaced_by at a page that is neither withdrawn nor expired "+DraftsHint,
		"content/conditions/p3.md:4 content/conditions/p3.md is also written by content/conditions/p1.md (both would be conditions/p1/index.html) | give one of them another slug or url "+DraftsHint,
		"content/conditions/s2.md:4 content/conditions/s2.md is also written by content/conditions/s1.md (both would be search/index.html) | give one of them another slug or url "+DraftsHint,
		"content/conditions/w2.md:4 content/conditions/w2.md is also written by content/conditions/w.md (both would be conditions/w/index.html) | give one of them another slug or url "+DraftsHint,
	)
	var got []string
	for _, d := range s.DraftErrors {
		got = append(got, d.Pos()+" "+d.Message)
	}
	if want := []string{`content/conditions/w.md:4 withdrawn.replaced_by "/conditions/w/" is itself withdrawn or expired`}; !slices.Equal(got, want) {
		t.Errorf("DraftErrors = %q, want %q", got, want)
	}
	if l := lost(t, in); len(l) > 0 {
		t.Errorf("with drafts, errors not warned of without them:\n%s", strings.Join(l, "\n"))
	}
}

// TestDraftsOwnPageErrorsAreDraftErrors: every error assemble finds in
// one page of its own (an unknown author id, an invalid url: or slug:,
// a reference without an id or a source, a second front matter block, a
// "?" in its file name) is, for a draft left out of the build, one of
// the drafts' errors (the caller says them as warnings), at the same
// place, and no error of the site's; a build with drafts reports each
// as an error, as before.
func TestDraftsOwnPageErrorsAreDraftErrors(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"_index.md":            "---\ntitle: Home\n---\n",
		"conditions/author.md": "---\ntitle: A\ndraft: true\nauthors: [nobody]\n---\n",
		"conditions/url.md":    "---\ntitle: U\ndraft: true\nurl: https://example.com/x\n---\n",
		"conditions/pdf.md":    "---\ntitle: P\ndraft: true\nurl: /leaflets/x.pdf\n---\n",
		"conditions/slug.md":   "---\ntitle: S\ndraft: true\nslug: a/b\n---\n",
		"conditions/refs.md":   "---\ntitle: R\ndraft: true\nreferences:\n  - {title: T}\n  - {id: x, title: T}\n---\n",
		"conditions/second.md": "---\ntitle: B\ndraft: true\n---\n---\nsummary: x\n---\ntext\n",
		"conditions/what?.md":  "---\ntitle: Q\ndraft: true\n---\n",
	}
	want := []string{
		`content/conditions/author.md:4 unknown author id "nobody" in authors`,
		`content/conditions/pdf.md:4 url /leaflets/x.pdf names a PDF file, but a page is published as HTML: sent as a PDF file, the page would be a download or an error in the browser`,
		`content/conditions/refs.md:5 reference without an id`,
		`content/conditions/refs.md:6 reference "x" has neither doi, pmid nor url`,
		`content/conditions/second.md:5 a second front matter block (summary) below the front matter: its keys are not read, and the page shows them as text under a horizontal line`,
		`content/conditions/slug.md:4 invalid slug: slug "a/b" must be one path segment without / \ ? # %`,
		`content/conditions/url.md:4 invalid url: URL "https://example.com/x" is absolute; write a path such as /conditions/asthma/`,
		`content/conditions/what?.md the file name "what?" puts "?" in the page's address /conditions/what?/, where a browser reads it as the start of a query: the page cannot be opened at its address`,
	}
	in := inputIn(t, twoLanguages, files)
	s, err := Assemble(in)
	if err != nil {
		t.Errorf("without drafts, Assemble: %v; want no error of the site's", err)
	}
	var got []string
	for _, d := range s.DraftErrors {
		got = append(got, d.Pos()+" "+d.Message)
	}
	if !slices.Equal(got, want) {
		t.Errorf("DraftErrors =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	in.Drafts = true
	s, err = Assemble(in)
	got = nil
	for _, d := range diag.From(err) {
		got = append(got, d.Pos()+" "+d.Message)
	}
	if !slices.Equal(got, want) || len(s.DraftErrors) > 0 {
		t.Errorf("with drafts, errors =\n%s\nwant\n%s (DraftErrors %v, want none)", strings.Join(got, "\n"), strings.Join(want, "\n"), s.DraftErrors)
	}
}

// TestTranslationOfADraftIsPublishedAloneWithAWarning: a published
// translation whose translation_of names a draft of the default language
// is published alone, warned of at its translation_of line naming the
// draft; naming no page at all is still an error; with drafts the
// original is published and the two are linked, without a word.
func TestTranslationOfADraftIsPublishedAloneWithAWarning(t *testing.T) {
	t.Parallel()
	in := inputIn(t, twoLanguages, map[string]string{
		"_index.md":               "---\ntitle: Home\n---\n",
		"conditions/gout.md":      "---\ntitle: Gout\ndraft: true\n---\n",
		"conditions/gota.es.md":   "---\ntitle: Gota\ntranslation_of: conditions/gout\n---\n",
		"conditions/nada.es.md":   "---\ntitle: Nada\ntranslation_of: conditions/nothing\n---\n",
		"conditions/gout-b.es.md": "---\ntitle: B\ntranslation_of: conditions/gout-b\n---\n",
	})
	s, err := Assemble(in)
	var errs []string
	for _, d := range diag.From(err) {
		errs = append(errs, d.Pos()+" "+d.Message)
	}
	wantErrs := []string{`content/conditions/nada.es.md:3 translation_of "conditions/nothing" names no page in the default language (en)`,
		`content/conditions/gout-b.es.md:3 translation_of "conditions/gout-b" names no page in the default language (en)`}
	slices.Sort(wantErrs)
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors =\n%s\nwant\n%s", strings.Join(errs, "\n"), strings.Join(wantErrs, "\n"))
	}
	wantWarnings(t, s, `content/conditions/gota.es.md:3 translation_of "conditions/gout" names a draft, content/conditions/gout.md: this translation is published alone, with no link to the original, until the original is published | `+
		"publish the original (take draft: true off content/conditions/gout.md), or make this page a draft too until the original is ready")
	gota := s.PageOf("content/conditions/gota.es.md")
	if gota == nil || gota.Original != nil || len(gota.Translations) != 0 {
		t.Errorf("gota.es.md = %+v, want published alone", gota)
	}
	in.Drafts = true
	s, err = Assemble(in)
	for _, d := range diag.From(err) {
		if d.File == "content/conditions/gota.es.md" {
			t.Errorf("with drafts: %s", d)
		}
	}
	if gota := s.PageOf("content/conditions/gota.es.md"); gota == nil || gota.Original == nil || gota.Original.File != "content/conditions/gout.md" {
		t.Errorf("with drafts, gota.es.md's original = %+v, want gout.md", gota)
	}
}
