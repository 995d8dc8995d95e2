package feed

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/medkb/medkb/internal/golden"
)

// smallFeed is a fixed two-item feed, to be written in format, that
// exercises every output field.
func smallFeed(format Format) Feed {
	const site = "https://health.example.org"
	published := time.Date(2024, 3, 4, 9, 30, 0, 0, time.FixedZone("CET", 3600))
	return Feed{
		Title:       "Health & Care",
		Description: "Evidence-based articles",
		Link:        site + "/",
		Lang:        "en",
		Icon:        site + "/favicon.png",
		Logo:        site + "/logo.png",
		Copyright:   "© 2024 Health Example",
		Generator:   "medkb",
		Hub:         "https://hub.example.net/",
		SelfURL:     selfURL(format),
		Alternates: map[Format]string{
			JSON: selfURL(JSON),
			Atom: selfURL(Atom),
			RSS:  selfURL(RSS),
		},
		Updated: time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
		Authors: []Person{{Name: "Editorial Team", URL: site + "/about/", Email: "editors@health.example.org"}},
		Items: []Item{
			{
				ID:          ItemID(site, time.Date(2024, 4, 2, 8, 0, 0, 0, time.UTC), "/conditions/copd/"),
				Title:       "COPD <basics>",
				Link:        site + "/conditions/copd/",
				Summary:     "What COPD is & how it is treated.",
				ContentHTML: `<p>Read <a href="https://health.example.org/conditions/asthma/">asthma</a> first.</p>` + "\n" + `<p>Odd ]]> text</p>`,
				Authors:     []Person{{Name: "Dr. Ana Ruiz", Email: "ana@health.example.org"}, {Name: "Dr. Li Wei", URL: site + "/authors/li/"}},
				Tags:        []string{"lungs", "chronic"},
				Published:   time.Date(2024, 4, 2, 8, 0, 0, 0, time.UTC),
				Updated:     time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC),
				Image:       &Image{URL: site + "/img/copd.jpg", Alt: "Lungs", Length: 48213, Width: 1200, Height: 630},
			},
			{
				ID:          ItemID(site, published, "/conditions/asthma/"),
				Title:       "Asthma",
				Link:        site + "/conditions/asthma/",
				Summary:     "Asthma in adults.",
				ContentHTML: "<p>Asthma is common.</p>",
				Tags:        []string{"lungs"},
				Published:   published,
			},
		},
	}
}

// selfURL is where the test site publishes its feed in format.
func selfURL(format Format) string {
	return map[Format]string{
		RSS:  "https://health.example.org/index.xml",
		Atom: "https://health.example.org/atom.xml",
		JSON: "https://health.example.org/feed.json",
	}[format]
}

func TestWriteMatchesGoldenFiles(t *testing.T) {
	for _, tc := range []struct {
		format Format
		file   string
	}{
		{RSS, "small.rss.xml"},
		{Atom, "small.atom.xml"},
		{JSON, "small.feed.json"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			got := write(t, smallFeed(tc.format), tc.format)
			path := filepath.Join("testdata", tc.file)
			if golden.Update() {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run make golden to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run make golden after checking the diff)\ngot:\n%s\nwant:\n%s", path, got, want)
			}
		})
	}
}

// writeFeed writes f to w in one format at f.SelfURL: Prepare, then
// Prepared.Write, as a caller with one format does.
func writeFeed(w io.Writer, f Feed, format Format) error {
	p, err := Prepare(f)
	if err != nil {
		return err
	}
	return p.Write(w, format, f.SelfURL)
}

// write renders f in format and fails the test on error.
func write(tb testing.TB, f Feed, format Format) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := writeFeed(&buf, f, format); err != nil {
		tb.Fatalf("writeFeed(%s): %v", format, err)
	}
	return buf.Bytes()
}

// TestPreparedWritesEachFormatAsAFreshPrepare holds a feed prepared once
// and written in every format, each at its own self URL, to the feed
// prepared afresh with that self URL: byte for byte, including a self URL
// that needs sanitising and URI form, and the error of one that is not
// absolute.
func TestPreparedWritesEachFormatAsAFreshPrepare(t *testing.T) {
	t.Parallel()
	p, err := Prepare(smallFeed(RSS))
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range Formats() {
		for _, self := range []string{selfURL(format), "https://health.example.org/fü ds/\x01feed"} {
			f := smallFeed(format)
			f.SelfURL = self
			var got bytes.Buffer
			if err := p.Write(&got, format, self); err != nil {
				t.Fatalf("%s at %q: %v", format, self, err)
			}
			if want := write(t, f, format); !bytes.Equal(got.Bytes(), want) {
				t.Errorf("%s at %q: prepared feed wrote\n%s\nprepared afresh\n%s", format, self, got.Bytes(), want)
			}
		}
		f := smallFeed(format)
		f.SelfURL = "/relative.xml"
		wantErr := writeFeed(io.Discard, f, format)
		gotErr := p.Write(io.Discard, format, f.SelfURL)
		if !errors.Is(gotErr, ErrInvalid) || gotErr.Error() != wantErr.Error() {
			t.Errorf("%s at a relative self URL: %v, want %v", format, gotErr, wantErr)
		}
	}
}
