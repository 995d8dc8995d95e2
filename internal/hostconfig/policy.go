// Package hostconfig turns one policy — medkb.yaml's headers and
// cache_control, the site's aliases and its 404 pages — into what each kind
// of host needs to serve the site as medkb means it: the HTTP security
// headers the pages' meta tags cannot carry (frame-ancestors, nosniff), a
// Cache-Control value per class of file, aliases as real 301 redirects and
// the right 404 page per language.
//
// Files returns the configuration files: `_headers` and `_redirects`
// (Netlify, Cloudflare Pages) and `.htaccess` (Apache) are published with
// the site, where those hosts read them; nginx.conf, Caddyfile,
// s3-website.json, and for a bucket's website endpoint (which cannot send
// security headers) Caddyfile.bucket (Caddy as its reverse proxy) and
// cloudfront-function.js (a CloudFront viewer-response function), are not
// part of the site (a web server would publish them) and are written by
// `medkb build` to .medkb/server/ in the site folder. Classify, ContentType and CacheControl are the same policy for
// `medkb deploy`, which sets them on every object it uploads.
//
// Every server config sends the Content-Type `medkb serve` sends
// (package mediatype) for each kind of file of mediatype's table and
// for feed.json, where the hosts' own tables differ (nginx's mime.types
// and Apache's give feeds text/xml or no charset, have no .xsl, .mjs or
// .webmanifest; Caddy's gives .xsl application/xslt+xml; none knows
// application/feed+json): nginx a types block in the locations whose
// every file is of such a kind, Caddy a header set before file_server
// (and the 404 page's own in handle_errors), Apache AddType and a
// ForceType for feed.json, `_headers` a rule per JSON file name and per
// extension the hosts' own tables may type otherwise (HeadersSetType;
// the common kinds keep the host's standard type there, so that a
// missing file's 404 page is not sent as its extension's type). Kinds
// outside the table keep the host's type.
//
// A site served under a path (base_url https://org.github.io/guide/)
// has every URL path of its configuration under that path (Policy.Base):
// its redirects, its 404 pages, Netlify's rules; S3's keys are those
// paths without the leading slash, as `medkb deploy s3://bucket/guide/`
// uploads them.
//
// The package computes bytes only: it reads and writes no files. Its values
// are read-only once made and safe for concurrent use.
package hostconfig

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/basepath"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/mediatype"
)

// CSP is the Content-Security-Policy sent with every response: the pages'
// meta tag, plus frame-ancestors, which only an HTTP header can carry.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// Redirect is an alias: an old root-relative URL path and the page it moved to.
type Redirect struct{ From, To string }

// NotFound is the 404 page for the URLs under Prefix ("/es/", or "/").
type NotFound struct{ Prefix, Page string }

// Policy is what every host config says.
type Policy struct {
	Headers   map[string]string // sent with every response
	Cache     config.CacheControl
	Redirects []Redirect
	NotFound  []NotFound // most specific prefix first, the site's root last
	// Base is the path the site is served under (config.Config.BasePath):
	// "/", or "/child-health/" for a site at
	// https://org.github.io/child-health/. Every URL path above already
	// starts with it (ForSite), since a host matches the URLs it is asked
	// for; the files' own patterns (Netlify's search rules) add it.
	Base string
}

// root is the path the site is served under, "/" when Base is unset.
func (p Policy) root() string {
	if p.Base == "" {
		return "/"
	}
	return p.Base
}

// FromConfig returns the policy of medkb.yaml: the security headers with the
// site's own headers: on top, and its cache_control. The caller adds the
// site's redirects and 404 pages.
func FromConfig(cfg *config.Config) Policy {
	h := map[string]string{
		"Content-Security-Policy": CSP,
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Content-Type-Options":  "nosniff",
		"Permissions-Policy":      "camera=(), microphone=(), geolocation=(), interest-cohort=()",
	}
	for k, v := range cfg.Headers {
		h[k] = v
	}
	return Policy{Headers: h, Cache: cfg.CacheControl, Base: cfg.BasePath()}
}

// ForSite returns the policy of an assembled site: medkb.yaml's
// (FromConfig), every language's aliases as redirects, and its 404 pages —
// each language's under its prefix, and for a site whose default language
// lives under /CODE/ the root 404 page the build writes at /404.html (most
// specific prefix first). When the site has more redirects than S3's
// website hosting takes as routing rules, a warning at medkb.yaml says
// what happens then.
func ForSite(cfg *config.Config, s *assemble.Site) (Policy, []diag.Diagnostic) {
	pol := FromConfig(cfg)
	base := func(u string) string { return basepath.Prefix(pol.Base, u) }
	for _, ls := range s.Langs {
		for _, a := range ls.Aliases {
			pol.Redirects = append(pol.Redirects, Redirect{From: base(a.From), To: base(a.To.RelPermalink)})
		}
		pol.NotFound = append([]NotFound{{Prefix: base(ls.Prefix + "/"), Page: base(ls.NotFound.RelPermalink)}}, pol.NotFound...)
	}
	if cfg.DefaultLanguageInSubdir {
		pol.NotFound = append(pol.NotFound, NotFound{Prefix: base("/"), Page: base("/404.html")})
	}
	slices.SortStableFunc(pol.NotFound, func(a, b NotFound) int { return len(b.Prefix) - len(a.Prefix) })
	if _, err := pol.S3Website(); err != nil {
		// The file still holds the first ones, and every alias has its
		// redirect page, but the writer should know.
		const rules = 50
		return pol, []diag.Diagnostic{{File: "medkb.yaml", Severity: diag.Warning, Check: "hosting",
			Message: fmt.Sprintf("the site has %d aliases, more than the %d routing rules S3 website hosting takes (s3-website.json): the first %d redirect with a 301, the other %d through their redirect pages",
				len(pol.Redirects), rules, rules, len(pol.Redirects)-rules),
			Hint: "nothing to do unless the site is served from an S3 bucket's website endpoint; there, drop aliases no one visits any more or set up the redirects in the CDN in front of the bucket"}}
	}
	return pol, nil
}

// Class is a file's caching class.
type Class int

const (
	// Hashed files carry a content hash in their name and never change.
	Hashed Class = iota
	// Revalidate files keep their name while their bytes change: pages,
	// feeds, the search manifest, CSS, scripts.
	Revalidate
	// Other files (images, fonts, documents) change rarely.
	Other
)

// hashedRe matches a file name with a content hash before its extension,
// as the search index writes them (docs/3.30a8b7483ee5.json).
var hashedRe = regexp.MustCompile(`\.[0-9a-f]{12,64}\.[a-z0-9]+$`)

// hashedPattern is hashedRe for the server configs' own regex engines
// (nginx PCRE, Caddy RE2, Apache PCRE), which all read it the same way.
const hashedPattern = `\.[0-9a-f]{12,64}\.[a-z0-9]+$`

// revalidateExts are the extensions of files whose name stays while their
// bytes change; a URL ending in / is a page too.
var revalidateExts = []string{"html", "xml", "json", "css", "js", "txt", "xsl", "webmanifest"}

// Classify returns the class of an output file (a slash-separated path
// relative to the site root).
func Classify(rel string) Class {
	base := path.Base(rel)
	switch {
	case hashedRe.MatchString(base):
		return Hashed
	case slicesContains(revalidateExts, strings.TrimPrefix(path.Ext(base), ".")):
		return Revalidate
	}
	return Other
}

func slicesContains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// CacheControl returns the Cache-Control value for an output file.
func (p Policy) CacheControl(rel string) string { return p.cacheOf(Classify(rel)) }

func (p Policy) cacheOf(c Class) string {
	switch c {
	case Hashed:
		return p.Cache.Hashed
	case Revalidate:
		return p.Cache.Revalidate
	}
	return p.Cache.Other
}

// ContentType returns the Content-Type of an output file: package
// mediatype's, the one table `medkb serve` answers with too.
func ContentType(rel string) string { return mediatype.Of(rel) }

// Compressible reports whether a file of this Content-Type shrinks under
// gzip (text, JSON, XML, SVG, WASM); images and fonts are compressed already.
func Compressible(contentType string) bool {
	t, _, _ := strings.Cut(contentType, ";")
	switch {
	case strings.HasPrefix(t, "text/"), strings.HasSuffix(t, "json"), strings.HasSuffix(t, "xml"):
		return true
	}
	return t == "image/svg+xml" || t == "application/wasm"
}

// headerNames returns the policy's header names in a stable order.
func (p Policy) headerNames() []string {
	keys := make([]string, 0, len(p.Headers))
	for k := range p.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// hidden reports whether an output file is host configuration, not part of
// the site (dot files such as .htaccess and the build marker, _headers and
// _redirects): the server configs answer 404 for them.
func hidden(rel string) bool {
	base := path.Base(rel)
	return strings.HasPrefix(base, ".") || base == "_headers" || base == "_redirects"
}

// Hidden reports whether an output file is host configuration rather than
// part of the site; `medkb deploy` does not upload it to a bucket.
func Hidden(rel string) bool { return hidden(rel) }
