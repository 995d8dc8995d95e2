package hostconfig

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"github.com/medkb/medkb/internal/mediatype"
)

// File is one generated configuration file.
type File struct {
	Name string // "_headers", "nginx.conf", …
	Data []byte
	// Published files go into the site's output folder (their host reads
	// them there and does not serve them); the others go beside it.
	Published bool
}

// PrivateDir is where `medkb build` writes the files that are not
// published, relative to the site folder.
const PrivateDir = ".medkb/server"

// hiddenPattern matches the URLs of files that configure a host rather
// than belong to the site (see Hidden): dot files, _headers, _redirects.
// Folders such as /.well-known/ stay served.
const hiddenPattern = `/(\.[^/]*|_headers|_redirects)$`

// Files returns every host's configuration for the policy.
func (p Policy) Files() []File {
	s3, _ := p.S3Website()
	return []File{
		{Name: "_headers", Data: p.Netlify(), Published: true},
		{Name: "_redirects", Data: p.NetlifyRedirects(), Published: true},
		{Name: ".htaccess", Data: p.Apache(), Published: true},
		{Name: "nginx.conf", Data: p.Nginx()},
		{Name: "Caddyfile", Data: p.Caddy()},
		{Name: "s3-website.json", Data: s3},
		{Name: "Caddyfile.bucket", Data: p.CaddyBucket()},
		{Name: "cloudfront-function.js", Data: p.CloudFrontFunction()},
	}
}

// Netlify is the `_headers` file of Netlify and Cloudflare Pages. Both join
// the values of a header set by two matching rules, so Cache-Control is set
// only by rules that do not overlap: the hashed search shards (every file
// in a folder under search/), and the search manifest. Those hosts make
// everything else revalidate by default.
//
// Content-Type is mediatype's, as medkb serve sends it, set by rules that
// do not overlap either: a page's address (ending in /), the JSON files
// by name (feed.json, the search manifest and shards; a `*.json` rule
// would join feed.json's type), and by extension only the kinds whose
// type the hosts' own tables may give otherwise (HeadersSetType). Both
// hosts apply a rule to the address asked for, whether a file is there
// or not (Cloudflare's documentation: rules match the request URL; its
// community forum, "a request to /doesnotexist.example will say that the
// content-type is example/example, even though the actual response could
// be HTML"), and the 404 page they send for a missing file gets the
// rule's type: a `/*.css` rule sent the 404 page of a missing /x.css as
// text/css, and of a missing /x.png as image/png, which browsers show as
// text or a broken image instead of the page. For the common kinds
// (HTML, CSS, scripts, images, fonts, PDF, text, WASM) the hosts send the
// standard type themselves, by the extension of the file they serve:
// the 404 page's text/html for a missing one. A missing file of a kind
// that keeps its rule (/x.xml, /x.xsl, /x.webmanifest, /x.mjs, /x.map),
// and any missing file under search/*/ or named feed.json, still gets
// the rule's type: no rule can match only the files that exist, and a
// rule per file would pass Cloudflare Pages' limit of 100 rules a site.
func (p Policy) Netlify() []byte {
	var b strings.Builder
	b.WriteString("/*\n")
	for _, k := range p.headerNames() {
		b.WriteString("  " + k + ": " + p.Headers[k] + "\n")
	}
	json := ContentType("a.json")
	for _, pat := range []string{p.root() + "search/*/*", p.root() + "*/search/*/*"} {
		b.WriteString(pat + "\n  Cache-Control: " + p.Cache.Hashed + "\n  Content-Type: " + json + "\n")
	}
	for _, pat := range []string{p.root() + "search/manifest.json", p.root() + "*/search/manifest.json"} {
		b.WriteString(pat + "\n  Cache-Control: " + p.Cache.Revalidate + "\n  Content-Type: " + json + "\n")
	}
	for _, pat := range []string{p.root() + mediatype.FeedJSON, p.root() + "*/" + mediatype.FeedJSON} {
		b.WriteString(pat + "\n  Content-Type: " + mediatype.FeedJSONType + "\n")
	}
	for _, pat := range []string{p.root(), p.root() + "*/"} {
		b.WriteString(pat + "\n  Content-Type: " + ContentType("index.html") + "\n")
	}
	for _, k := range mediatype.Kinds() {
		if headersTyped[k.Ext] {
			b.WriteString(p.root() + "*" + k.Ext + "\n  Content-Type: " + k.Type + "\n")
		}
	}
	return []byte(b.String())
}

// headersTyped are the extensions `_headers` sets the Content-Type of:
// the kinds of mediatype's table whose type the hosts' own tables may
// give otherwise, so that a host sends what medkb serve sends. Feeds
// (.xml) are application/xml, where a host may send text/xml or a feed
// type browsers download; the feed stylesheet (.xsl) is text/xsl, which
// Firefox needs an XML type for; .webmanifest, .mjs and .map are newer
// than many tables. The others are left to the host (see Netlify).
var headersTyped = map[string]bool{".map": true, ".mjs": true, ".webmanifest": true, ".xml": true, ".xsl": true}

// HeadersSetType reports whether `_headers` (Netlify) sets the
// Content-Type of the file at rel by its extension; the others of
// mediatype's table get the host's own type, the standard one.
func HeadersSetType(rel string) bool {
	return headersTyped[strings.ToLower(path.Ext(rel))]
}

// NetlifyRedirects is the `_redirects` file: every alias a forced 301 (the
// alias's own redirect page would otherwise shadow it on Netlify), and each
// language's 404 page.
func (p Policy) NetlifyRedirects() []byte {
	var b strings.Builder
	b.WriteString("# Generated by medkb from the pages' aliases; edit aliases in front matter.\n")
	for _, r := range p.Redirects {
		fmt.Fprintf(&b, "%s %s 301!\n", urlPath(r.From), urlPath(r.To))
	}
	for _, nf := range p.NotFound {
		if nf.Prefix != "/" { // Netlify serves /404.html at the root itself
			fmt.Fprintf(&b, "%s* %s 404\n", nf.Prefix, nf.Page)
		}
	}
	return []byte(b.String())
}

// Nginx is a snippet to include inside a server block whose root is the
// built site. nginx drops a parent's add_header lines in any location that
// has its own, so every location repeats the security headers.
func (p Policy) Nginx() []byte {
	var b strings.Builder
	b.WriteString(`# Generated by medkb from medkb.yaml (headers, cache_control) and the pages'
# aliases. Include it in a server block whose root is the built site:
#   server { listen 443 ssl; server_name health.example.org;
#            root /srv/www/site; include /srv/medkb/.medkb/server/nginx.conf; }
`)
	if p.root() != "/" {
		fmt.Fprintf(&b, "# The site is served under %s: put the built site in a folder of that name\n# inside the root (root /srv/www; the site in /srv/www%s).\n", p.root(), p.root())
	}
	b.WriteString(`index index.html;
`)
	headers := func(indent string, class Class) {
		for _, k := range p.headerNames() {
			fmt.Fprintf(&b, "%sadd_header %s %s always;\n", indent, k, nginxQuote(p.Headers[k]))
		}
		if class >= 0 {
			fmt.Fprintf(&b, "%sadd_header Cache-Control %s always;\n", indent, nginxQuote(p.cacheOf(class)))
		}
	}
	headers("", -1) // for the redirects, which add none of their own
	for _, r := range p.Redirects {
		fmt.Fprintf(&b, "location = %s { return 301 %s; }\n", nginxQuote(r.From), nginxQuote(r.To))
	}
	for _, nf := range p.NotFound {
		fmt.Fprintf(&b, "location %s {\n", nginxQuote(nf.Prefix))
		fmt.Fprintf(&b, "    error_page 404 %s;\n", nginxQuote(nf.Page))
		headers("    ", Other)
		fmt.Fprintf(&b, "    location ~ \"%s\" { return 404; }\n", hiddenPattern)
		fmt.Fprintf(&b, "    location ~ \"%s\" {\n", hashedPattern)
		headers("        ", Hashed)
		fmt.Fprintf(&b, "        location ~* \"%s\" {\n", typedPattern())
		nginxTypes(&b, "            ")
		b.WriteString("        }\n    }\n")
		fmt.Fprintf(&b, "    location ~ \"(/|\\.(%s))$\" {\n", strings.Join(revalidateExts, "|"))
		headers("        ", Revalidate)
		nginxTypes(&b, "        ")
		fmt.Fprintf(&b, "        location ~ \"/%s$\" {\n            types {}\n            default_type %s;\n        }\n",
			regexp.QuoteMeta(mediatype.FeedJSON), nginxQuote(mediatype.FeedJSONType))
		b.WriteString("    }\n")
		fmt.Fprintf(&b, "    location ~* \"%s\" {\n", typedPattern())
		nginxTypes(&b, "        ")
		b.WriteString("    }\n}\n")
	}
	return []byte(b.String())
}

// typedPattern matches the URL paths of the files whose Content-Type
// is mediatype's own (mediatype.Kinds), by extension, in any case.
func typedPattern() string {
	exts := make([]string, 0, 32)
	for _, k := range mediatype.Kinds() {
		exts = append(exts, regexp.QuoteMeta(strings.TrimPrefix(k.Ext, ".")))
	}
	return `\.(` + strings.Join(exts, "|") + `)$`
}

// nginxTypes writes a types block of mediatype's table: in a location,
// it replaces the server's whole table (nginx's mime.types, which gives
// feeds text/xml, CSS and HTML without a charset, and has no .xsl,
// .mjs, .map or .webmanifest), so it is written only in the locations
// whose every file has an extension of the table (typedPattern, the
// revalidated kinds); any other kind keeps the server's type.
func nginxTypes(b *strings.Builder, indent string) {
	b.WriteString(indent + "types {\n")
	for _, k := range mediatype.Kinds() {
		fmt.Fprintf(b, "%s    %s %s;\n", indent, nginxQuote(k.Type), strings.TrimPrefix(k.Ext, "."))
	}
	b.WriteString(indent + "}\n")
}

// nginxQuote quotes a value for nginx.
func nginxQuote(s string) string { return `"` + nginxEscaper.Replace(s) + `"` }

// nginxEscaper and caddyEscaper are made once: a site's every alias is
// quoted twice for each server (400,000 replacers, 114 MB, at 100,000
// bench articles when each call made its own).
var (
	nginxEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `${dollar}`)
	caddyEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)
)

// Caddy is a snippet to import inside a Caddyfile site block whose root is
// the built site.
func (p Policy) Caddy() []byte {
	var b strings.Builder
	b.WriteString(`# Generated by medkb from medkb.yaml (headers, cache_control) and the pages'
# aliases. Import it in a site block whose root is the built site:
#   health.example.org {
#       root * /srv/www/site
#       import /srv/medkb/.medkb/server/Caddyfile
#   }
`)
	if p.root() != "/" {
		fmt.Fprintf(&b, "# The site is served under %s: put the built site in a folder of that name\n# inside the root (root * /srv/www; the site in /srv/www%s).\n", p.root(), p.root())
	}
	b.WriteString(`header {
`)
	for _, k := range p.headerNames() {
		fmt.Fprintf(&b, "\t%s %s\n", k, caddyQuote(p.Headers[k]))
	}
	// "?": only when no class below set one (the header ops run in no
	// guaranteed order; the matchers of the two classes do not overlap).
	fmt.Fprintf(&b, "\t?Cache-Control %s\n}\n", caddyQuote(p.Cache.Other))
	fmt.Fprintf(&b, "@medkb_hashed path_regexp %s\n", caddyQuote(hashedPattern))
	fmt.Fprintf(&b, "header @medkb_hashed Cache-Control %s\n", caddyQuote(p.Cache.Hashed))
	fmt.Fprintf(&b, "@medkb_revalidate {\n\tpath_regexp %s\n\tnot path_regexp %s\n}\n",
		caddyQuote(`(/|\.(`+strings.Join(revalidateExts, "|")+`))$`), caddyQuote(hashedPattern))
	fmt.Fprintf(&b, "header @medkb_revalidate Cache-Control %s\n", caddyQuote(p.Cache.Revalidate))
	// Content-Type, mediatype's, where Caddy's own (Go's mime table and
	// the machine's) would say otherwise: a header set before
	// file_server, which keeps a type it finds set. Pages by their
	// address ending in /, feed.json apart from the other JSON.
	fmt.Fprintf(&b, "@medkb_type_page path */\nheader @medkb_type_page Content-Type %s\n", caddyQuote(mediatype.Of("index.html")))
	fmt.Fprintf(&b, "@medkb_type_feedjson path */%s\nheader @medkb_type_feedjson Content-Type %s\n", mediatype.FeedJSON, caddyQuote(mediatype.FeedJSONType))
	for _, k := range mediatype.Kinds() {
		name := strings.TrimPrefix(k.Ext, ".")
		if k.Ext == path.Ext(mediatype.FeedJSON) {
			fmt.Fprintf(&b, "@medkb_type_%s {\n\tpath *%s\n\tnot path */%s\n}\n", name, k.Ext, mediatype.FeedJSON)
		} else {
			fmt.Fprintf(&b, "@medkb_type_%s path *%s\n", name, k.Ext)
		}
		fmt.Fprintf(&b, "header @medkb_type_%s Content-Type %s\n", name, caddyQuote(k.Type))
	}
	for _, r := range p.Redirects {
		fmt.Fprintf(&b, "redir %s %s 301\n", caddyQuote(r.From), caddyQuote(r.To))
	}
	fmt.Fprintf(&b, "@medkb_hidden path_regexp %s\nerror @medkb_hidden 404\n", caddyQuote(hiddenPattern))
	b.WriteString("file_server\nhandle_errors {\n")
	for i, nf := range p.NotFound {
		fmt.Fprintf(&b, "\t@medkb_404_%d path %s\n", i, caddyQuote(nf.Prefix+"*"))
		// The type set for the address asked for (/a.css) is not the
		// 404 page's.
		fmt.Fprintf(&b, "\thandle @medkb_404_%d {\n\t\theader Content-Type %s\n\t\trewrite * %s\n\t\tfile_server\n\t}\n", i, caddyQuote(mediatype.Of(nf.Page)), caddyQuote(nf.Page))
	}
	b.WriteString("}\n")
	return []byte(b.String())
}

// caddyQuote quotes a Caddyfile token. Caddy's lexer keeps a backslash
// before anything but a quote, so only quotes are escaped.
func caddyQuote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// Apache is the `.htaccess` file (mod_headers, mod_alias; AllowOverride
// FileInfo must allow it).
func (p Policy) Apache() []byte {
	var b strings.Builder
	b.WriteString("# Generated by medkb from medkb.yaml (headers, cache_control) and the pages' aliases.\n")
	for i := len(p.NotFound) - 1; i >= 0; i-- {
		nf := p.NotFound[i]
		if nf.Prefix == p.root() {
			fmt.Fprintf(&b, "ErrorDocument 404 %s\n", nf.Page)
			continue
		}
		fmt.Fprintf(&b, "<If \"%%{REQUEST_URI} =~ m#^%s#\">\n  ErrorDocument 404 %s\n</If>\n", nf.Prefix, nf.Page)
	}
	// Every type of mediatype's table, which Apache's (the machine's
	// mime.types) gives differently: feeds, their stylesheet, CSS and
	// scripts without a charset, .ico, .map.
	for _, k := range mediatype.Kinds() {
		fmt.Fprintf(&b, "AddType %s %s\n", apacheQuote(k.Type), k.Ext)
	}
	fmt.Fprintf(&b, "<Files %s>\n  ForceType %s\n</Files>\n", apacheQuote(mediatype.FeedJSON), apacheQuote(mediatype.FeedJSONType))
	b.WriteString("<IfModule mod_headers.c>\n")
	for _, k := range p.headerNames() {
		fmt.Fprintf(&b, "  Header always set %s %s\n", k, apacheQuote(p.Headers[k]))
	}
	fmt.Fprintf(&b, "  Header set Cache-Control %s\n", apacheQuote(p.Cache.Other))
	fmt.Fprintf(&b, "  <FilesMatch \"\\.(%s)$\">\n    Header set Cache-Control %s\n  </FilesMatch>\n", strings.Join(revalidateExts, "|"), apacheQuote(p.Cache.Revalidate))
	fmt.Fprintf(&b, "  <FilesMatch \"%s\">\n    Header set Cache-Control %s\n  </FilesMatch>\n", hashedPattern, apacheQuote(p.Cache.Hashed))
	fmt.Fprintf(&b, "</IfModule>\n<IfModule mod_alias.c>\n  RedirectMatch 404 \"%s\"\n", hiddenPattern)
	for _, r := range p.Redirects {
		fmt.Fprintf(&b, "  RedirectMatch 301 %s %s\n", apacheQuote("^"+regexpQuote(r.From)+"$"), apacheQuote(r.To))
	}
	b.WriteString("</IfModule>\n")
	return []byte(b.String())
}

// urlPath escapes a path for a whitespace-separated rules file.
func urlPath(p string) string { return (&url.URL{Path: p}).EscapedPath() }

func apacheQuote(s string) string {
	return `"` + caddyEscaper.Replace(s) + `"`
}

func regexpQuote(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// S3Website is the website configuration of an S3 bucket (aws s3api
// put-bucket-website --website-configuration file://s3-website.json): the
// index and 404 documents and every alias as a 301 routing rule. S3 takes
// at most 50 routing rules; with more aliases it returns the error with the
// first 50 rules, and the deploy's redirect pages cover the rest.
func (p Policy) S3Website() ([]byte, error) {
	type condition struct {
		KeyPrefixEquals string `json:"KeyPrefixEquals"`
	}
	type redirect struct {
		ReplaceKeyWith   string `json:"ReplaceKeyWith"`
		HTTPRedirectCode string `json:"HttpRedirectCode"`
	}
	type rule struct {
		Condition condition `json:"Condition"`
		Redirect  redirect  `json:"Redirect"`
	}
	cfg := struct {
		IndexDocument struct {
			Suffix string `json:"Suffix"`
		} `json:"IndexDocument"`
		ErrorDocument struct {
			Key string `json:"Key"`
		} `json:"ErrorDocument"`
		RoutingRules []rule `json:"RoutingRules,omitempty"`
	}{}
	cfg.IndexDocument.Suffix = "index.html"
	cfg.ErrorDocument.Key = "404.html"
	for _, nf := range p.NotFound {
		if nf.Prefix == p.root() {
			cfg.ErrorDocument.Key = strings.TrimPrefix(nf.Page, "/")
		}
	}
	var err error
	for _, r := range p.Redirects {
		if len(cfg.RoutingRules) == 50 {
			err = fmt.Errorf("s3-website.json: %d aliases, more than the 50 routing rules S3 takes; the first 50 are 301s, the rest redirect with their pages", len(p.Redirects))
			break
		}
		cfg.RoutingRules = append(cfg.RoutingRules, rule{
			Condition: condition{KeyPrefixEquals: strings.TrimPrefix(r.From, "/")},
			Redirect:  redirect{ReplaceKeyWith: strings.TrimPrefix(r.To, "/"), HTTPRedirectCode: "301"},
		})
	}
	out, _ := json.MarshalIndent(cfg, "", "  ")
	return append(out, '\n'), err
}
