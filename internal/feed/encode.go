package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
)

// encodeXML writes the XML declaration and v, indented by two spaces,
// followed by a newline.
func encodeXML(buf *bytes.Buffer, v any, stylesheet string) error {
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
	return nil
}

// encodeJSON writes v indented by two spaces, followed by a newline.
// Strings are JSON-escaped, but <, > and & are kept literal: a feed is
// served as application/feed+json, never inlined in a page, and \u003c in
// every tag of content_html would bloat it and hinder reading.
func encodeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
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
