package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"strings"
)

// A feed's items are encoded apart from it, once for every feed that
// lists them (Entry), each as it reads in its feed's document, indented
// for its depth there; the document is encoded with no items and the
// items' bytes are put in their place, before the closing tags that end
// it (splice). The output is what encoding the whole document at once
// writes (TestEntriesWriteWhatItemsWrite).

// How deep the items sit in their documents.
const (
	rssItemDepth   = 2 // <rss><channel><item>
	atomEntryDepth = 1 // <feed><entry>
	jsonItemDepth  = 2 // {"items": [{
)

// encodeXML writes the XML declaration and v, indented by two spaces,
// followed by a newline, with items (see encodeXMLFragment) before end,
// the closing tags that end v's document.
func encodeXML(buf *bytes.Buffer, v any, stylesheet string, items [][]byte, end string) error {
	buf.WriteString(xml.Header)
	if stylesheet != "" {
		// Browsers render the feed through this XSLT as a readable page.
		buf.WriteString(`<?xml-stylesheet type="text/xsl" href="`)
		xml.EscapeText(buf, []byte(stylesheet))
		buf.WriteString("\"?>\n")
	}
	enc := xml.NewEncoder(buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return splice(buf, items, end+"\n", "")
}

// The closing tags after the items of an RSS and an Atom document.
const (
	rssEnd  = "\n  </channel>\n</rss>"
	atomEnd = "\n</feed>"
)

// splice puts items, each after sep but the first, in buf before its
// suffix end.
func splice(buf *bytes.Buffer, items [][]byte, end, sep string) error {
	if len(items) == 0 {
		return nil
	}
	if !bytes.HasSuffix(buf.Bytes(), []byte(end)) {
		return errors.New("the document does not end as its items' place expects")
	}
	buf.Truncate(buf.Len() - len(end))
	for i, it := range items {
		if i > 0 {
			buf.WriteString(sep)
		}
		buf.Write(it)
	}
	buf.WriteString(end)
	return nil
}

// encodeXMLFragment encodes v as encodeXML writes it depth elements deep
// after a sibling: a newline, then the element indented.
func encodeXMLFragment(v any, depth int) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('\n')
	enc := xml.NewEncoder(&buf)
	enc.Indent(strings.Repeat("  ", depth), "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newJSONEncoder returns an encoder that indents by two spaces after
// prefix. Strings are JSON-escaped, but <, > and & are kept literal: a
// feed is served as application/feed+json, never inlined in a page, and
// \u003c in every tag of content_html would bloat it and hinder reading.
func newJSONEncoder(buf *bytes.Buffer, prefix string) *json.Encoder {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	return enc
}

// encodeJSON writes v, whose last key is an empty "items" array,
// indented by two spaces and followed by a newline, with items (see
// encodeJSONFragment) in the array.
func encodeJSON(buf *bytes.Buffer, v any, items [][]byte) error {
	if err := newJSONEncoder(buf, "").Encode(v); err != nil {
		return err
	}
	if len(items) == 0 {
		return nil
	}
	// The empty array's "[]" becomes "[", the items, each on a line of
	// its own, and "]" on a line of its own.
	const empty = "[]\n}\n"
	if !bytes.HasSuffix(buf.Bytes(), []byte(empty)) {
		return errors.New("the document does not end with its items")
	}
	buf.Truncate(buf.Len() - len(empty) + len("["))
	buf.WriteString(jsonEnd)
	return splice(buf, items, jsonEnd, ",")
}

// jsonEnd closes a JSON Feed document after its items.
const jsonEnd = "\n  ]\n}\n"

// encodeJSONFragment encodes v as encodeJSON writes it depth levels deep
// in an array: a newline, the indentation, then the value indented.
func encodeJSONFragment(v any, depth int) ([]byte, error) {
	indent := strings.Repeat("  ", depth)
	var buf bytes.Buffer
	buf.WriteString("\n" + indent)
	if err := newJSONEncoder(&buf, indent).Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// alternate is the URL of the same feed in another format.
type alternate struct {
	format Format
	href   string
}

// alternates returns f's alternates other than the format being written,
// in the fixed order of Formats.
func alternates(f Feed, writing Format) []alternate {
	var out []alternate
	for _, format := range Formats() {
		if href := f.Alternates[format]; href != "" && format != writing {
			out = append(out, alternate{format: format, href: href})
		}
	}
	return out
}
