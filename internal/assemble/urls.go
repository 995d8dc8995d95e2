package assemble

import (
	"fmt"
	"net/url"
	"path"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slugify turns a title or tag into a URL segment: lowercase letters and
// digits of any script, words joined by hyphens. It is idempotent: dropping
// characters can let combining marks compose anew, so the rules are applied
// until nothing changes (twice in practice).
func Slugify(s string) string {
	out := slugOnce(s)
	for i := 0; i < 4; i++ {
		next := slugOnce(out)
		if next == out {
			break
		}
		out = next
	}
	return out
}

func slugOnce(s string) string {
	s = norm.NFKC.String(s)
	s = strings.ToLower(s)
	var b strings.Builder
	b.Grow(len(s)) // at most as long: one allocation, not one per doubling
	dash := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// CleanURL checks a root-relative URL path written by a writer (url, slug
// and aliases in front matter) and returns it cleaned. It refuses anything
// that could leave the destination: parent segments, backslashes, NUL and
// other control characters, encoded separators or dots, and absolute URLs.
func CleanURL(raw string) (string, error) {
	if raw == "" {
		return "", fmt.Errorf("empty URL")
	}
	for _, r := range raw {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("URL %q contains a control character", raw)
		}
	}
	if strings.ContainsAny(raw, `\?#`) {
		return "", fmt.Errorf("URL %q contains a backslash, ? or #", raw)
	}
	low := strings.ToLower(raw)
	// An encoded percent sign would decode to a path that is no longer a
	// valid URL ("/%/"), which the next reading could not take back.
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%2e") || strings.Contains(low, "%00") || strings.Contains(low, "%25") {
		return "", fmt.Errorf("URL %q contains an encoded separator, dot or percent sign", raw)
	}
	if strings.Contains(raw, "://") || strings.HasPrefix(raw, "//") {
		return "", fmt.Errorf("URL %q is absolute; write a path such as /conditions/asthma/", raw)
	}
	dec, err := url.PathUnescape(raw)
	if err != nil {
		return "", fmt.Errorf("URL %q: %w", raw, err)
	}
	// Percent-encoding must not smuggle in what the checks above refuse.
	for _, r := range dec {
		if r < 0x20 || r == 0x7f {
			return "", fmt.Errorf("URL %q contains an encoded control character", raw)
		}
	}
	if strings.ContainsAny(dec, `\?#`) {
		return "", fmt.Errorf("URL %q contains an encoded backslash, ? or #", raw)
	}
	for _, seg := range strings.Split(dec, "/") {
		if seg == ".." || seg == "." {
			return "", fmt.Errorf("URL %q contains a %q segment", raw, seg)
		}
	}
	p := "/" + strings.TrimPrefix(dec, "/")
	trailing := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if p == "/" {
		return "/", nil
	}
	if trailing || path.Ext(p) == "" {
		p += "/"
	}
	return p, nil
}

// CleanSlug checks a slug: one path segment.
func CleanSlug(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("empty slug")
	}
	if strings.ContainsAny(s, `/\?#%`) || s == "." || s == ".." {
		return "", fmt.Errorf("slug %q must be one path segment without / \\ ? # %%", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || unicode.IsSpace(r) {
			return "", fmt.Errorf("slug %q contains a space or control character", s)
		}
	}
	return s, nil
}

// OutputPath maps a root-relative URL to a file path in the destination.
func OutputPath(u string) string {
	p := strings.TrimPrefix(u, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// fileTypes are the extensions that name a kind of file other than a web
// page, as hosts serve them (by extension): a page's url: ending in one
// is an error (fileType), where any other dotted last part (a version,
// /releases/4.9.0) makes a folder's address (aliasFolder). Fixed here, not
// read from the machine's mime.types, so that a site builds alike on
// every machine.
var fileTypes = map[string]string{
	".pdf": "a PDF", ".doc": "a Word", ".docx": "a Word", ".odt": "a document", ".rtf": "a document", ".epub": "an e-book",
	".xls": "a spreadsheet", ".xlsx": "a spreadsheet", ".ods": "a spreadsheet", ".csv": "a CSV",
	".ppt": "a presentation", ".pptx": "a presentation", ".odp": "a presentation",
	".png": "an image", ".jpg": "an image", ".jpeg": "an image", ".gif": "an image", ".webp": "an image", ".avif": "an image",
	".svg": "an image", ".ico": "an image", ".bmp": "an image", ".tif": "an image", ".tiff": "an image",
	".mp3": "an audio", ".m4a": "an audio", ".wav": "an audio", ".ogg": "an audio", ".mp4": "a video", ".webm": "a video", ".mov": "a video",
	".txt": "a text", ".md": "a text", ".json": "a JSON", ".xml": "an XML", ".rss": "an XML", ".atom": "an XML", ".xsl": "an XML",
	".yaml": "a YAML", ".yml": "a YAML", ".toml": "a TOML", ".ics": "a calendar", ".vcf": "a vCard",
	".css": "a stylesheet", ".js": "a script", ".mjs": "a script", ".wasm": "a WebAssembly", ".map": "a source map", ".webmanifest": "a web manifest",
	".woff": "a font", ".woff2": "a font", ".ttf": "a font", ".otf": "a font",
	".zip": "a zip", ".gz": "a compressed", ".tgz": "a compressed", ".7z": "a compressed",
}

// fileType returns what kind of file the cleaned address clean names
// ("a PDF", with its extension as written) when its last part ends in
// one of fileTypes: no page can be published there. "" for any other.
func fileType(clean string) (kind, ext string) {
	if strings.HasSuffix(clean, "/") {
		return "", ""
	}
	ext = path.Ext(clean)
	return fileTypes[strings.ToLower(ext)], ext
}

// FileType returns what kind of file a page's url: as written names ("a
// JSON" for /index.json), by the extensions fileTypes lists: an address
// no page can have, which permalink refuses. "" for a page's address, or
// one CleanURL refuses. The importer asks it, to hand over no page that
// medkb would refuse.
func FileType(url string) string {
	clean, err := CleanURL(url)
	if err != nil {
		return ""
	}
	kind, _ := fileType(clean)
	return kind
}

// notAPageHint is the fix for a page whose url: clean names a kind of
// file (fileType): the file goes in static/ or content/, which publish
// it at that address, and the page takes an address of its own.
func notAPageHint(clean, kind, ext string) string {
	rel := strings.TrimPrefix(clean, "/")
	return fmt.Sprintf("to publish %s file at %s, put the file at static/%s (or content/%s) and link to it; give this page an address of its own, such as url: %s/",
		kind, clean, rel, rel, strings.TrimSuffix(clean, ext))
}
