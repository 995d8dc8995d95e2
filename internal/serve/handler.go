package serve

import (
	"bytes"
	_ "embed"
	"html"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/mediatype"
)

// URL paths reserved for the server itself.
const (
	reservedPrefix = "/__medkb/"
	eventsPath     = reservedPrefix + "events"
	scriptPath     = reservedPrefix + "livereload.js"
	// cardPrefix previews a page's link-preview image: /__medkb/card/PAGE
	// answers with the image PAGE names in og:image.
	cardPrefix = reservedPrefix + "card/"
)

// scriptTag loads the live-reload script; an external script so it works
// under a Content-Security-Policy that forbids inline code.
const scriptTag = `<script src="` + scriptPath + `" defer></script>`

//go:embed livereload.js
var livereloadJS string

// serveHTTP routes a request after refusing unsafe methods and paths.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !s.hostAllowed(r.Host) {
		http.Error(w, "403 forbidden: this development server answers only to localhost, its bind address and names given with --allowed-host", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, http.MethodGet, http.MethodHead)
		return
	}
	clean, ok := cleanURLPath(r.URL.Path)
	if !ok {
		http.Error(w, "400 bad request: invalid path", http.StatusBadRequest)
		return
	}
	switch {
	case clean == eventsPath:
		s.serveEvents(w, r)
	case clean == scriptPath:
		serveBytes(w, r, http.StatusOK, "text/javascript; charset=utf-8", []byte(livereloadJS))
	case strings.HasPrefix(clean+"/", cardPrefix):
		s.serveCard(w, r, strings.TrimPrefix(clean+"/", cardPrefix))
	case strings.HasPrefix(clean, reservedPrefix):
		http.NotFound(w, r)
	default:
		s.serveSite(w, r, clean, strings.HasSuffix(r.URL.Path, "/"))
	}
}

var ogImage = regexp.MustCompile(`<meta property="og:image" content="([^"]+)"`)

// serveCard answers with the image a page's og:image names (its social
// card), so a writer sees what a link preview will show.
func (s *Server) serveCard(w http.ResponseWriter, r *http.Request, page string) {
	st := s.state.Load()
	if st.site == nil {
		serveNotBuilt(w, r, st.errors)
		return
	}
	if rest, ok := strings.CutPrefix("/"+page, basePathOf(st.site)); ok {
		page = rest // /__medkb/card/guide/x under /guide/: the page x
	}
	body, err := fs.ReadFile(st.site, path.Join(strings.Trim(page, "/"), "index.html"))
	if err != nil {
		http.Error(w, "404 no page at /"+page, http.StatusNotFound)
		return
	}
	m := ogImage.FindSubmatch(body)
	if m == nil {
		http.Error(w, "404 the page at /"+page+" has no og:image", http.StatusNotFound)
		return
	}
	u, err := url.Parse(html.UnescapeString(string(m[1])))
	if err != nil {
		http.Error(w, "404 bad og:image", http.StatusNotFound)
		return
	}
	// The site may live under a base path the output folder does not
	// have: try the image path, then without its leading segments.
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for i := range segs {
		if serveFile(w, r, st.site, path.Join(segs[i:]...), http.StatusOK) {
			return
		}
	}
	http.Error(w, "404 og:image "+u.Path+" is not in the site", http.StatusNotFound)
}

// cleanURLPath returns the rooted, cleaned form of a decoded URL path. It
// refuses paths with a NUL, a backslash or a ".." segment (however they were
// encoded), which can only be attempts to leave the site root.
func cleanURLPath(p string) (string, bool) {
	if strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." {
			return "", false
		}
	}
	return path.Clean("/" + p), true
}

// serveSite answers from the last good build: files as they are,
// directories through their index.html, anything else with the site's 404
// page.
//
// A site served under a path (BasePather) is served under it, as its host
// serves it: /guide/x is the output's x, the host's root redirects to
// /guide/, and any other address is not found.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, clean string, trailingSlash bool) {
	st := s.state.Load()
	if st.site == nil {
		serveNotBuilt(w, r, st.errors)
		return
	}
	base := basePathOf(st.site)
	prefix := strings.TrimSuffix(base, "/") // "" for a site at the root
	if base != "/" {
		rest, ok := strings.CutPrefix(clean+"/", base)
		switch {
		case !ok && clean == "/":
			http.Redirect(w, r, base, http.StatusFound)
			return
		case !ok:
			serveNotFound(w, r, st.site, clean)
			return
		}
		clean = "/" + strings.TrimSuffix(rest, "/")
	}
	name := strings.TrimPrefix(clean, "/")
	if name == "" {
		name = "."
	}
	info, err := fs.Stat(st.site, name)
	switch {
	case err != nil:
		serveNotFound(w, r, st.site, clean)
	case info.IsDir() && !trailingSlash && clean == "/":
		redirectToDir(w, r, prefix) // /guide → /guide/
	case info.IsDir() && !trailingSlash:
		redirectToDir(w, r, prefix+clean)
	case info.IsDir():
		if !serveFile(w, r, st.site, path.Join(name, "index.html"), http.StatusOK) {
			serveNotFound(w, r, st.site, clean) // never a listing
		}
	case trailingSlash:
		serveNotFound(w, r, st.site, clean)
	default:
		if !serveFile(w, r, st.site, name, http.StatusOK) {
			serveNotFound(w, r, st.site, clean)
		}
	}
}

// redirectToDir sends /x to /x/ so relative links inside x/index.html work.
// It uses 302, not 301: browsers cache 301s, and during development x may
// turn into a file.
func redirectToDir(w http.ResponseWriter, r *http.Request, clean string) {
	target := clean + "/"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// serveFile serves one regular file of the site with the given status,
// injecting the live-reload script into HTML. It reports false when name is
// not a readable regular file.
func serveFile(w http.ResponseWriter, r *http.Request, site fs.FS, name string, status int) bool {
	if info, err := fs.Stat(site, name); err != nil || !info.Mode().IsRegular() {
		return false
	}
	body, err := fs.ReadFile(site, name)
	if err != nil {
		return false
	}
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		body = injectScript(body)
	}
	serveBytes(w, r, status, ctype, body)
	return true
}

// BasePather is implemented by a built site (the fs.FS a Builder returns)
// that says the path it is served under (config.Config.BasePath): "/", or
// "/guide/" for base_url https://org.github.io/guide/.
type BasePather interface {
	BasePath() string
}

// basePathOf returns the path site is served under, "/" unless it says.
func basePathOf(site fs.FS) string {
	if b, ok := site.(BasePather); ok && strings.HasPrefix(b.BasePath(), "/") && strings.HasSuffix(b.BasePath(), "/") {
		return b.BasePath()
	}
	return "/"
}

// NotFoundHinter is implemented by a built site (the fs.FS a Builder
// returns) that knows why a path is missing: NotFoundHint returns a
// sentence for the 404 page, or "" (a draft left out of the build says it
// is a draft and how to see it).
type NotFoundHinter interface {
	NotFoundHint(urlPath string) string
}

// serveNotFound answers 404 with the site's 404.html when it has one, the
// site's hint for the path (HTML-escaped) at the top of its <main>.
func serveNotFound(w http.ResponseWriter, r *http.Request, site fs.FS, clean string) {
	hint := ""
	if h, ok := site.(NotFoundHinter); ok {
		hint = h.NotFoundHint(clean)
	}
	if hint == "" {
		if !serveFile(w, r, site, "404.html", http.StatusNotFound) {
			http.Error(w, "404 page not found", http.StatusNotFound)
		}
		return
	}
	note := `<p class="medkb-not-found-hint" role="note"><strong>Not built:</strong> ` + html.EscapeString(hint) + "</p>\n"
	body, err := fs.ReadFile(site, "404.html")
	if err != nil {
		body = []byte("<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>404 page not found</title></head>\n<body><main><h1>404 page not found</h1></main></body></html>\n")
	}
	serveBytes(w, r, http.StatusNotFound, "text/html; charset=utf-8", injectScript(insertAfterOpen(body, note)))
}

// insertAfterOpen inserts text just after the opening <main …> tag, or
// else after <body …>, or else at the start of the page.
func insertAfterOpen(page []byte, text string) []byte {
	lower := asciiLower(page)
	at := 0
	for _, tag := range []string{"<main", "<body"} {
		if i := bytes.Index(lower, []byte(tag)); i >= 0 {
			if j := bytes.IndexByte(lower[i:], '>'); j >= 0 {
				at = i + j + 1
				break
			}
		}
	}
	out := make([]byte, 0, len(page)+len(text))
	out = append(out, page[:at]...)
	out = append(out, text...)
	return append(out, page[at:]...)
}

// serveNotBuilt answers while no build has succeeded yet: a page carrying
// the errors (escaped) and the live-reload script, so it turns into the site
// as soon as a fix is saved.
func serveNotBuilt(w http.ResponseWriter, r *http.Request, errs []string) {
	var b strings.Builder
	b.WriteString("<!doctype html>\n<html lang=en><head><meta charset=utf-8><title>Site not built</title></head>\n<body><h1>The site has not been built yet</h1>\n")
	if len(errs) > 0 {
		b.WriteString("<p>The build failed. Fix the problem and save; this page reloads by itself.</p>\n<pre>")
		b.WriteString(html.EscapeString(strings.Join(errs, "\n")))
		b.WriteString("</pre>\n")
	}
	b.WriteString("</body></html>\n")
	serveBytes(w, r, http.StatusServiceUnavailable, "text/html; charset=utf-8", injectScript([]byte(b.String())))
}

// serveBytes writes a complete in-memory response. For 200 it goes through
// http.ServeContent, which adds Range and conditional-request support.
func serveBytes(w http.ResponseWriter, r *http.Request, status int, ctype string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	if status == http.StatusOK {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func methodNotAllowed(w http.ResponseWriter, allowed ...string) {
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
}

// contentType is the file's media type: package mediatype's, the one
// table `medkb deploy` and the host configs use too, so a site looks the
// same here as where it is published.
func contentType(name string) string { return mediatype.Of(name) }

// injectScript inserts the live-reload script tag before the last </body>,
// or else before the last </head>, or else at the end of the page.
func injectScript(page []byte) []byte {
	lower := asciiLower(page)
	at := bytes.LastIndex(lower, []byte("</body>"))
	if at < 0 {
		at = bytes.LastIndex(lower, []byte("</head>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(scriptTag))
	out = append(out, page[:at]...)
	out = append(out, scriptTag...)
	return append(out, page[at:]...)
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay valid for
// the original text whatever its encoding.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
