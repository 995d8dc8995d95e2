// Package mediatype is the one table of the Content-Type of each kind of
// file medkb writes: the type `medkb serve` answers with (package serve),
// `medkb deploy` sets on every object and the Apache config declares
// (package hostconfig) come from Of, so a site looks the same in
// development as where it is published. The types are fixed here rather
// than read from the machine's mime.types, so every machine sends the
// same; a file of another kind (a static file medkb copies as it is) gets
// the mime package's type for its extension, else
// application/octet-stream.
//
// Choices a host's defaults would make differently: feeds are
// application/xml, not application/rss+xml or application/atom+xml
// (browsers display XML they are sent as XML, and apply the feed's
// stylesheet to it, but download the feed types; feed readers read the
// root element either way); the feed stylesheet (.xsl) is text/xsl, the
// type its <?xml-stylesheet?> names (Firefox refuses a stylesheet its
// parser does not read as XML, such as one sent as text/plain; Chromium
// applies it whatever its type); feed.json is application/feed+json.
//
// It imports nothing from medkb, reads no files, and is safe for
// concurrent use (its table is never written).
package mediatype

import (
	"mime"
	"path"
	"slices"
	"strings"
)

// types are the Content-Types of the kinds of file medkb writes, by
// extension (lower case, with the dot).
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".xml":         "application/xml; charset=utf-8",
	".xsl":         "text/xsl; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".wasm":        "application/wasm",
	".pdf":         "application/pdf",
	".webmanifest": "application/manifest+json",
	".map":         "application/json",
}

// feedJSON is the name of a JSON Feed, which has a type of its own.
const feedJSON = "feed.json"

// FeedJSON is the file name of a JSON Feed, and FeedJSONType its type:
// the one kind of file whose type is not its extension's.
const (
	FeedJSON     = feedJSON
	FeedJSONType = "application/feed+json"
)

// Kind is an extension (lower case, with the dot) and its Content-Type.
type Kind struct{ Ext, Type string }

// Kinds returns every extension whose type is this package's own
// (Fixed), sorted by extension: what the host configs declare
// (package hostconfig; its `_headers` only the kinds the hosts may type
// otherwise), so a host sends what medkb serve sends. A JSON
// Feed (FeedJSON) is apart from them.
func Kinds() []Kind {
	out := make([]Kind, 0, len(types))
	for ext, t := range types {
		out = append(out, Kind{ext, t})
	}
	slices.SortFunc(out, func(a, b Kind) int { return strings.Compare(a.Ext, b.Ext) })
	return out
}

// Of returns the Content-Type of the file at name (a slash-separated
// path; only its last part counts).
func Of(name string) string {
	base := path.Base(name)
	if base == feedJSON {
		return FeedJSONType
	}
	ext := strings.ToLower(path.Ext(base))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Fixed reports whether the type of the file at name is this package's
// own, the same from every machine, rather than the mime package's (which
// reads the machine's tables) or application/octet-stream.
func Fixed(name string) bool {
	base := path.Base(name)
	_, ok := types[strings.ToLower(path.Ext(base))]
	return ok || base == feedJSON
}
