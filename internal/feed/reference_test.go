package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"

	"golang.org/x/net/html"
)

// This file keeps the earlier two-pass implementation of ReaderHTML —
// clean the HTML, then absolutize its URLs in a second tokenizer pass —
// as the oracle that TestReaderHTMLIsCleanThenAbsolutize and
// FuzzReaderHTML hold the one-pass ReaderHTML to, byte for byte, and that
// BenchmarkCleanThenAbsolutize measures it against. No program calls it.

// cleanThenAbsolutize is ReaderHTML in two passes.
func cleanThenAbsolutize(src []byte, pageURL string) ([]byte, error) {
	clean, err := readerCleanHTML(src)
	if err != nil {
		return nil, err
	}
	return absolutizeHTML(clean, pageURL)
}

// readerCleanHTML is the cleaning pass: readerHTML without a base URL.
func readerCleanHTML(src []byte) ([]byte, error) { return readerHTML(src, nil) }

// absolutizeHTML is the absolutizing pass: html with every relative URL
// in an href, src, srcset or poster attribute resolved against pageURL,
// as ReaderHTML documents. Every token that needs no change is copied
// byte for byte; a tag whose URL changed is re-serialised.
func absolutizeHTML(src []byte, pageURL string) ([]byte, error) {
	base, err := parseAbsolute(pageURL)
	if err != nil {
		return nil, fmt.Errorf("feed: absolutize HTML: page URL: %w", err)
	}
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/8)
	var raw []byte // copy of the current tag; TagAttr rewrites the buffer in place
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return out.Bytes(), nil
			}
			return nil, fmt.Errorf("feed: absolutize HTML: %w", z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			raw = append(raw[:0], z.Raw()...)
			if !writeAbsolutizedTag(&out, z, tt == html.SelfClosingTagToken, base) {
				out.Write(raw)
			}
		default:
			out.Write(z.Raw())
		}
	}
}

// writeAbsolutizedTag writes the current tag of z with its URL attributes
// made absolute and returns true, or writes nothing and returns false when
// no attribute changed.
func writeAbsolutizedTag(out *bytes.Buffer, z *html.Tokenizer, selfClosing bool, base *url.URL) bool {
	name, hasAttr := z.TagName()
	if !hasAttr {
		return false
	}
	var attrs []html.Attribute
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		attrs = append(attrs, html.Attribute{Key: string(key), Val: string(val)})
	}
	return writeAbsolutizedAttrs(out, string(name), attrs, selfClosing, base)
}
