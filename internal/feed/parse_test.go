package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"testing"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	ext "github.com/mmcdole/gofeed/extensions"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// This file holds the helpers that read Write's output back with real
// parsers: gofeed for the feed semantics, encoding/xml and encoding/json
// (strict) for well-formedness, since gofeed forgives broken input.

func parseRSS(tb testing.TB, data []byte) *rss.Feed {
	tb.Helper()
	requireWellFormedXML(tb, data)
	var p rss.Parser
	f, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("gofeed rss: %v\n%s", err, data)
	}
	return f
}

func parseAtom(tb testing.TB, data []byte) *atom.Feed {
	tb.Helper()
	requireWellFormedXML(tb, data)
	var p atom.Parser
	f, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("gofeed atom: %v\n%s", err, data)
	}
	return f
}

func parseJSON(tb testing.TB, data []byte) *jsonfeed.Feed {
	tb.Helper()
	requireValidJSON(tb, data)
	var p jsonfeed.Parser
	f, err := p.Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("gofeed json: %v\n%s", err, data)
	}
	return f
}

// parseUniversal parses data with gofeed's format-detecting parser.
func parseUniversal(tb testing.TB, data []byte) *gofeed.Feed {
	tb.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("gofeed: %v\n%s", err, data)
	}
	return f
}

// requireWellFormedXML reads every token of data with the strict
// encoding/xml decoder, which rejects forbidden characters and bad nesting.
func requireWellFormedXML(tb testing.TB, data []byte) {
	tb.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			tb.Fatalf("not well-formed XML: %v\n%s", err, data)
		}
	}
}

// requireValidJSON decodes data strictly into a generic value.
func requireValidJSON(tb testing.TB, data []byte) map[string]any {
	tb.Helper()
	var v map[string]any
	d := json.NewDecoder(bytes.NewReader(data))
	if err := d.Decode(&v); err != nil {
		tb.Fatalf("not valid JSON: %v\n%s", err, data)
	}
	if d.More() {
		tb.Fatalf("trailing data after the JSON document\n%s", data)
	}
	return v
}

// atomLinksIn returns the atom:link elements gofeed keeps as extensions of
// an RSS channel, as rel → href (type appended after a space when set).
func atomLinksIn(exts ext.Extensions) map[string][]string {
	out := map[string][]string{}
	for _, l := range exts["atom"]["link"] {
		v := l.Attrs["href"]
		if t := l.Attrs["type"]; t != "" {
			v += " " + t
		}
		out[l.Attrs["rel"]] = append(out[l.Attrs["rel"]], v)
	}
	return out
}
