package buildcache

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/page"
)

// TestParseKeepsTheIdentifierScanWithTheFrontMatter checks that Parse
// scans a file it parses for identifiers (phi.Scan of the whole file,
// front matter included) and that the next build, loading the cache,
// gets the same findings without parsing or scanning; that the cache is
// keyed by the scanner's version, so findings of another scanner are
// not trusted; and that a file whose front matter does not parse is not
// cached.
func TestParseKeepsTheIdentifierScanWithTheFrontMatter(t *testing.T) {
	dir := t.TempDir()
	data := []byte("---\ntitle: Asthma\nsummary: Call 020 7946 0958.\n---\nMail jo@nhs.net.\n")
	skip := bytes.Index(data, []byte("Mail")) // the body's offset
	parse := func() (page.Meta, []byte, int, error) {
		return page.Meta{Title: "Asthma"}, data[skip:], 5, nil
	}
	want := phi.Scan(data)
	if len(want) != 2 {
		t.Fatalf("phi.Scan found %+v; the test wants a phone number and an e-mail address", want)
	}
	l := NewFrontMatter(dir)
	l.Load()
	fm, body, err := Parse(l, tkey("k"), data, parse)
	if err != nil || string(body) != "Mail jo@nhs.net.\n" || !reflect.DeepEqual(fm.Identifiers, want) {
		t.Fatalf("Parse = %+v, %q, %v; want the findings %+v", fm, body, err, want)
	}
	l.Save()

	next := NewFrontMatter(dir)
	next.Load()
	fm, body, err = Parse(next, tkey("k"), data, func() (page.Meta, []byte, int, error) {
		t.Fatal("parsed again with the front matter cached")
		return page.Meta{}, nil, 0, nil
	})
	if err != nil || string(body) != "Mail jo@nhs.net.\n" || fm.Meta.Title != "Asthma" || fm.BodyLine != 5 || !reflect.DeepEqual(fm.Identifiers, want) {
		t.Fatalf("from the cache: %+v, %q, %v; want the findings %+v", fm, body, err, want)
	}

	// Another scanner's cache is another version: not loaded.
	other := newLog(pathIn(dir, "frontmatter.bin"), frontMatterVersion+" phi-another", encodeParsed, decodeParsed)
	other.Load()
	if _, ok := other.Get(tkey("k")); ok {
		t.Error("a cache written with another scanner's version was loaded")
	}

	bad := errors.New("bad front matter")
	if _, _, err := Parse(next, tkey("bad"), data, func() (page.Meta, []byte, int, error) { return page.Meta{}, nil, 0, bad }); err != bad {
		t.Errorf("a parse error came back as %v", err)
	}
	if _, ok := next.Get(tkey("bad")); ok {
		t.Error("a file that did not parse was cached")
	}
}

// TestVersionsNameEveryCache: the build's key holds Versions, so each
// cache's version must be in it: a new front matter version (new parse
// rules, new diagnostics) or scanner must make a new build, not a skip.
func TestVersionsNameEveryCache(t *testing.T) {
	v := Versions()
	for _, want := range []string{Version, frontMatterVersion, phi.Version()} {
		if !strings.Contains(v, want) {
			t.Errorf("Versions() = %q lacks %q", v, want)
		}
	}
}
