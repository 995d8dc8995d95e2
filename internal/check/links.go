package check

import (
	"fmt"
	"net/netip"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/medkb/medkb/internal/suggest"
)

// IndexFiles returns files (Site.Files) as Run looks them up, for
// Site.FilesIndexed. Run never changes the map it returns.
func IndexFiles(files map[string]bool) map[string]bool {
	out := make(map[string]bool, len(files))
	for f, ok := range files {
		if ok {
			out[normalizePath(f)] = true
		}
	}
	return out
}

// IndexPaths is IndexFiles of the site-relative paths of outputs (no
// leading "/": "conditions/asthma/index.html"), in any number of lists,
// without a map of them first.
func IndexPaths(lists ...[]string) map[string]bool {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make(map[string]bool, n)
	for _, l := range lists {
		for _, p := range l {
			out[normalizePath(p)] = true // normalizePath adds the "/"
		}
	}
	return out
}

// index answers "what does this root-relative path point at" for the link,
// draft-link and trust-page checks.
type index struct {
	pages    map[string]*Page  // normalised URL → page (first wins)
	files    map[string]bool   // normalised published paths
	bySeg    map[string]string // last path segment → a page URL, for hints
	baseHost string            // lower-case host of BaseURL
	basePath string            // path of BaseURL, normalised
	external []string          // path prefixes served by another system
	// draftsBuilt: the build publishes drafts (Site.DraftsBuilt), so a
	// link to one works in it and draft-link is a warning.
	draftsBuilt bool

	// foldedFiles and foldedPages map each published file's path, and
	// each published page's, in lower case to the path or the page's URL
	// (otherCase); built at the first miss that asks.
	foldOnce    sync.Once
	foldedFiles map[string]string
	foldedPages map[string]string
}

// otherCase returns the published file (or, with pages set, page) whose
// path differs from key only in letter case: web servers tell them
// apart, while the writer's own computer may not (macOS, Windows), so the
// preview worked. Drafts are not offered; of two paths that fold alike,
// the first in sorted order is.
func (idx *index) otherCase(key string, pages bool) (string, bool) {
	idx.foldOnce.Do(func() {
		fold := func(m map[string]string, k, v string) {
			lk := strings.ToLower(k)
			if prev, ok := m[lk]; !ok || v < prev {
				m[lk] = v
			}
		}
		idx.foldedFiles = make(map[string]string, len(idx.files))
		for k := range idx.files {
			fold(idx.foldedFiles, k, k)
		}
		idx.foldedPages = make(map[string]string, len(idx.pages))
		for k, p := range idx.pages {
			if !p.Draft {
				fold(idx.foldedPages, k, p.URL)
			}
		}
	})
	for _, k := range []string{key, idx.withoutBase(key)} {
		lk := strings.ToLower(k)
		if got, ok := idx.foldedFiles[lk]; ok && got != k {
			return got, true
		}
		if got, ok := idx.foldedPages[lk]; ok && pages && normalizePath(got) != k {
			return got, true
		}
	}
	return "", false
}

// caseHint is the hint for a path that otherCase found in another letter
// case.
func caseHint(got string) string {
	return fmt.Sprintf("did you mean %s? Letter case matters on the web server, though this computer may not mind", got)
}

func newIndex(site Site) *index {
	idx := &index{
		pages:       make(map[string]*Page, len(site.Pages)),
		bySeg:       make(map[string]string, len(site.Pages)),
		draftsBuilt: site.DraftsBuilt,
	}
	for _, e := range site.ExternalPaths {
		if e = strings.TrimSpace(e); e != "" {
			idx.external = append(idx.external, "/"+strings.TrimPrefix(e, "/"))
		}
	}
	for i := range site.Pages {
		p := &site.Pages[i]
		key := normalizePath(p.URL)
		if prev, dup := idx.pages[key]; dup && (!prev.Draft || p.Draft) {
			// A link to an address a draft shares with a published
			// page (an old site's unpublished copy of a term) leads to
			// the published one, which is served there.
			continue
		}
		idx.pages[key] = p
		if seg := path.Base(key); !p.Draft {
			if _, ok := idx.bySeg[seg]; !ok {
				idx.bySeg[seg] = p.URL
			}
		}
	}
	if site.FilesIndexed {
		idx.files = site.Files
	} else {
		idx.files = IndexFiles(site.Files)
	}
	if u, err := url.Parse(site.BaseURL); err == nil {
		idx.baseHost = strings.ToLower(u.Hostname())
		idx.basePath = normalizePath(u.Path)
	}
	return idx
}

// lookup resolves a normalised path to a page, or reports whether it is a
// published file. A site served below a path ("/docs/") may be linked with
// or without that prefix.
func (idx *index) lookup(key string) (page *Page, file bool) {
	for _, k := range []string{key, idx.withoutBase(key)} {
		if p := idx.pages[k]; p != nil {
			return p, false
		}
		if idx.files[k] {
			return nil, true
		}
	}
	return nil, false
}

// writtenWithPath reports whether key, a normalised site-rooted path,
// starts with the site's base path ("/guide/conditions/asthma" under
// /guide/) and names a page or file only without it: a link written
// with the path that medkb adds to every site-rooted address.
func (idx *index) writtenWithPath(key string) bool {
	bare := idx.withoutBase(key)
	if bare == key || idx.pages[key] != nil || idx.files[key] {
		return false
	}
	return idx.pages[bare] != nil || idx.files[bare]
}

// withPathDiag is the warning of a link or image (what) shown as shown,
// to u, whose path starts with the site's base path (base, normalised:
// "/guide").
func withPathDiag(what, shown string, u *url.URL, base string) Diagnostic {
	bare := *u
	bare.Path = strings.TrimPrefix(u.Path, base)
	if bare.Path == "" {
		bare.Path = "/"
	}
	bare.RawPath = ""
	return Diagnostic{Severity: Warning, Check: "link",
		Message: fmt.Sprintf("%s %s starts with the site's path %s/, which medkb adds to every site-rooted address itself", what, shown, base),
		Hint:    fmt.Sprintf("write %s: medkb adds %s/", bare.String(), base)}
}

func (idx *index) withoutBase(key string) string {
	if idx.basePath == "/" || idx.basePath == "" {
		return key
	}
	if rest, ok := strings.CutPrefix(key, idx.basePath); ok && (rest == "" || rest[0] == '/') {
		return normalizePath(rest)
	}
	return key
}

// normalizePath maps "/a/b/", "/a/b" and "/a/b/index.html" to "/a/b" so
// links match with or without a trailing slash or index.html.
func normalizePath(p string) string {
	if p == "" {
		return "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if strings.HasSuffix(p, "/index.html") {
		p = strings.TrimSuffix(p, "index.html")
	}
	return path.Clean(p)
}

// checkLinks reports broken internal links, missing anchors, links to
// drafts and malformed external URLs in a published page.
func checkLinks(p *Page, idx *index) []Diagnostic {
	var out []Diagnostic
	for _, l := range p.Links {
		if d, ok := checkLink(p, l, idx); ok {
			d.File, d.Line = p.File, l.Line
			out = append(out, d)
		}
	}
	return out
}

func checkLink(p *Page, l Link, idx *index) (Diagnostic, bool) {
	dest := l.Dest
	if dest == "" {
		return Diagnostic{Severity: Error, Check: "link",
			Message: "empty link destination",
			Hint:    "add the URL between the parentheses, or remove the link"}, true
	}
	if strings.IndexFunc(dest, unicode.IsSpace) >= 0 {
		return urlError(dest, "contains whitespace", "encode spaces as %20 or remove them"), true
	}
	u, err := url.Parse(dest)
	if err != nil {
		return urlError(dest, "cannot be parsed: "+parseReason(err), "check the URL for typos"), true
	}
	switch scheme := strings.ToLower(u.Scheme); scheme {
	case "mailto", "tel", "sms":
		if u.Opaque == "" && u.Path == "" {
			return urlError(dest, "has nothing after "+scheme+":", "complete the address or number, or remove the link"), true
		}
		return Diagnostic{}, false
	case "http", "https":
		if d, ok := localLink(dest, u); ok {
			return d, true
		}
		if msg, bad := badHost(u); bad {
			return urlError(dest, msg, "write external links as https://host/path"), true
		}
		if d, ok := trackedLink(dest, u); ok {
			return d, true
		}
		if idx.baseHost == "" || strings.ToLower(u.Hostname()) != idx.baseHost {
			return Diagnostic{}, false // external: never fetched
		}
		if idx.withoutBase(normalizePath(u.Path)) == normalizePath(u.Path) && idx.basePath != "/" && idx.basePath != "" {
			// Our host, outside the path the site is served under:
			// another site there (a GitHub project page beside ours).
			return Diagnostic{}, false
		}
		return checkInternal(p, l, u, idx) // our own site, linked absolutely
	case "":
		if u.Host != "" { // protocol-relative "//host/path"
			if d, ok := localLink(dest, u); ok {
				return d, true
			}
			if msg, bad := badHost(u); bad {
				return urlError(dest, msg, "write external links as https://host/path"), true
			}
			return Diagnostic{}, false
		}
		if EmailLike(dest) {
			// [Help desk](help@example.org): a browser reads the address
			// as a page of this site, never as an e-mail address.
			return Diagnostic{Severity: Error, Check: "link",
				Message: fmt.Sprintf("link %q is an e-mail address without mailto:, which a browser reads as a page of this site", dest),
				Hint:    "write mailto:" + dest}, true
		}
		return checkInternal(p, l, u, idx)
	default:
		return urlError(dest, fmt.Sprintf("uses unsupported scheme %q", scheme),
			"use https://, mailto:, tel: or sms: links"), true
	}
}

// parseReason strips url.Error's repetition of the URL (it is already in
// the message) and keeps the reason.
func parseReason(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

func urlError(dest, problem, hint string) Diagnostic {
	return Diagnostic{Severity: Error, Check: "url",
		Message: fmt.Sprintf("malformed URL %q: %s", dest, problem), Hint: hint}
}

// localLink reports a link to a computer readers cannot reach from their
// own: localhost (or a name under .localhost), a loopback or unspecified
// address, or an address of a private or link-local network. Such a link
// is well formed and often meant ("open http://localhost:9000 after
// starting the server"), so it is a local-link warning, not a malformed
// URL; written in a code span it is no link and not reported at all.
func localLink(dest string, u *url.URL) (Diagnostic, bool) {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	where := ""
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		where = "the reader's own computer"
	} else if addr, err := netip.ParseAddr(host); err == nil {
		addr = addr.Unmap()
		switch {
		case addr.IsLoopback() || addr.IsUnspecified():
			where = "the reader's own computer"
		case addr.IsPrivate() || addr.IsLinkLocalUnicast():
			where = "a private network"
		}
	}
	if where == "" {
		return Diagnostic{}, false
	}
	return Diagnostic{Severity: Warning, Check: "local-link",
		Message: fmt.Sprintf("link %q leads to %s, not to a public site: readers can only follow it on a machine set up as the page describes", dest, where),
		Hint: "if readers are to open it on their own set-up, write the address as code (between backticks) instead of a link; otherwise link to a public address " +
			"(a site whose instructions are full of such links can set check: local-link: off in medkb.yaml)"}, true
}

// badHost validates the host of an absolute URL without any lookup.
func badHost(u *url.URL) (string, bool) {
	host := u.Hostname()
	if host == "" {
		return "missing host (expected scheme://host/…)", true
	}
	if port := u.Port(); port != "" && strings.TrimLeft(port, "0123456789") != "" {
		return fmt.Sprintf("invalid port %q", port), true
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return "", false
	}
	if !validHostname(host) {
		return fmt.Sprintf("invalid host %q", host), true
	}
	return "", false
}

// validHostname accepts DNS names of at least two labels (letters of any
// script, digits, inner hyphens), with a non-numeric top-level label.
func validHostname(host string) bool {
	host = strings.TrimSuffix(host, ".")
	if len(host) > 253 {
		return false
	}
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	return strings.IndexFunc(labels[len(labels)-1], unicode.IsLetter) >= 0
}

// checkInternal resolves a site link (l, parsed as u) against the page
// URL and checks the target and its fragment. Its messages quote the
// link as written (shownLink).
func checkInternal(p *Page, l Link, u *url.URL, idx *index) (d Diagnostic, ok bool) {
	dest, shown := l.Dest, shownLink(l)
	var target *Page
	if u.Path == "" && u.Host == "" { // "#id" or "?q": this page
		target = p
	} else {
		ref := &url.URL{Path: u.Path}
		if u.Host != "" { // absolute link to our own host
			ref.Path = "/" + strings.TrimPrefix(u.Path, "/")
		}
		resolved := (&url.URL{Path: p.URL}).ResolveReference(ref)
		key := normalizePath(resolved.Path)
		for _, e := range idx.external {
			if strings.HasPrefix(key+"/", strings.TrimSuffix(e, "/")+"/") {
				return Diagnostic{}, false // served by another system
			}
		}
		var isFile bool
		target, isFile = idx.lookup(key)
		if u.Host == "" && idx.writtenWithPath(key) {
			// "/guide/conditions/asthma/" under the base path /guide/:
			// medkb adds the path (and leaves an address that has it
			// already where it was written), but the writer should not.
			defer func() {
				if !ok {
					d, ok = withPathDiag("link", shown, u, idx.basePath), true
				}
			}()
		}
		if target == nil {
			if isFile {
				return Diagnostic{}, false // fragments of static files are not checked
			}
			return Diagnostic{Severity: Error, Check: "link",
				Message: fmt.Sprintf("broken link %s: nothing is published at %s", shown, key),
				Hint:    brokenHint(p, dest, u, key, idx)}, true
		}
		if target.Draft && !p.Draft {
			if idx.draftsBuilt {
				// The link works in this build (serve, --drafts), the
				// preview of what is being written; it breaks in the
				// build that leaves drafts out, which reports it as an
				// error.
				return Diagnostic{Severity: Warning, Check: "draft-link",
					Message: fmt.Sprintf("link %s points to draft page %s: it works while drafts are built, and is an error in a build without them", shown, target.File),
					Hint:    "publish the target page (remove draft: true) or remove the link before building without --drafts"}, true
			}
			return Diagnostic{Severity: Error, Check: "draft-link",
				Message: fmt.Sprintf("link %s points to draft page %s", shown, target.File),
				Hint:    "publish the target page (remove draft: true) or remove the link"}, true
		}
		if target.Withdrawn && !p.Withdrawn {
			hint := "remove the link: the page only says it was withdrawn"
			if target.ReplacedBy != "" {
				hint = "link to its replacement, " + target.ReplacedBy + ", instead"
			}
			return Diagnostic{Severity: Warning, Check: "withdrawn-link",
				Message: fmt.Sprintf("link %s points to withdrawn page %s", shown, target.File), Hint: hint}, true
		}
	}
	if u.Fragment == "" || u.Fragment == "top" {
		return Diagnostic{}, false
	}
	// A scan of the page's few dozen ids: a set of them per page cost
	// about 1 KiB an article, 100 MB at 100,000, for the few links that
	// name a fragment.
	if slices.Contains(target.IDs, u.Fragment) {
		return Diagnostic{}, false
	}
	msg := fmt.Sprintf("link %s: no element with id %q on %s", shown, u.Fragment, target.URL)
	if near := nearID(u.Fragment, target.IDs); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	return Diagnostic{Severity: Error, Check: "anchor", Message: msg, Hint: anchorHint(u.Fragment, target.IDs)}, true
}

// nearID returns the id of the target page a typo away from fragment
// (suggest.Closest, case aside: #Symptoms for symptoms), or "". It runs
// only for a broken anchor, so the page's ids are folded here, not kept.
func nearID(fragment string, ids []string) string {
	folded := make([]string, len(ids))
	for i, id := range ids {
		folded[i] = strings.ToLower(id)
	}
	best := suggest.Closest(strings.ToLower(fragment), folded)
	if best == "" {
		return ""
	}
	return ids[slices.Index(folded, best)]
}

// shownLink is l as a message quotes it: what the writer wrote, and
// where the build led it when that is elsewhere ("asthma.md#causes" (to
// /conditions/asthma/#causes)), so the writer finds the link in the file
// by what they typed.
func shownLink(l Link) string {
	if l.Written == "" || l.Written == l.Dest {
		return strconv.Quote(l.Dest)
	}
	return strconv.Quote(l.Written) + " (to " + l.Dest + ")"
}

func brokenHint(p *Page, dest string, u *url.URL, key string, idx *index) string {
	switch {
	case strings.HasSuffix(key, ".md"), strings.HasSuffix(key, ".markdown"):
		return markdownFileHint(p, u, idx)
	case strings.HasPrefix(dest, "www."), strings.HasPrefix(dest, "http") && !strings.Contains(dest, "://"):
		return "for an external link write the full URL, starting with https://"
	case HostLike(dest):
		return "this looks like a web address without its https://, which a browser reads as a page of this site: write https://" + dest
	}
	if got, ok := idx.otherCase(key, true); ok {
		return caseHint(got)
	}
	if candidate, ok := idx.bySeg[path.Base(key)]; ok {
		return fmt.Sprintf("did you mean %s?", candidate)
	}
	return "fix the path, or publish the missing page or file"
}

// markdownFileHint is the hint of a broken link to a Markdown file (u).
// The build leads a Markdown link to a content file to the page
// published from it (package body: the path read from the linking
// file's folder, or from content/ when it starts with "/"), so the file
// this one names makes no page: the hint names it. A link the build
// does not lead (one with a query, asthma.md?x=1) may name a page's
// file: the hint gives the URL.
func markdownFileHint(p *Page, u *url.URL, idx *index) string {
	var file string
	switch {
	case u.Host != "":
	case strings.HasPrefix(u.Path, "/"):
		file = path.Join("content", u.Path)
	case p.File != "":
		file = path.Join(path.Dir(p.File), u.Path)
	}
	if !strings.HasPrefix(file, "content/") {
		return "link to the page's URL (for example /section/page/), or to its Markdown file in content/ (asthma.md beside this file, ../section/page.md)"
	}
	for _, q := range idx.pages {
		if q.File == file {
			return fmt.Sprintf("%s is the file of %s: link to that URL (a link to a Markdown file leads to its page only without a query, ?…)", file, q.URL)
		}
	}
	return fmt.Sprintf("%s does not exist, or makes no page (its own errors say why): fix the file name (a path is read from this file's folder, or from content/ when it starts with /), or link to the page's URL (for example /section/page/)", file)
}

// hostLikeRe is a relative link whose first segment is a host name: a
// dotted name ending in a common top-level domain (www.nhs.uk,
// github.com/name), not a file name (leaflet.pdf, index.html).
var hostLikeRe = regexp.MustCompile(`(?i)^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|gov|edu|int|info|io|uk|us|eu|au|ca|nz|ie|in|de|fr|es|nl|be|ch|se|no|dk|fi|it|za)(/|$|[?#])`)

// emailLikeRe is an e-mail address and nothing else: a local part, @,
// and a dotted domain name.
var emailLikeRe = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)

// EmailLike reports whether dest, a link without a scheme, is an e-mail
// address written without its mailto: ("help@example.org"), which a
// browser resolves as a path of the site.
func EmailLike(dest string) bool {
	return emailLikeRe.MatchString(dest)
}

// HostLike reports whether dest, a link without a scheme, starts with
// what looks like a host name: most likely an external address written
// without its https:// ("github.com/name", "www.nhs.uk"), which a
// browser resolves as a path of the site.
func HostLike(dest string) bool {
	return !strings.HasPrefix(dest, "/") && !strings.Contains(dest, "://") && hostLikeRe.MatchString(dest)
}

// anchorHint lists the ids a link to fragment could name instead. A
// fragment holding "=" (#part=3, #question=…) is no id at all but state
// an old site's script read to scroll or open a part of the page (2013's
// HealthCare.gov had 59 such links): the hint says so, as no heading's id
// will ever match it.
func anchorHint(fragment string, ids []string) string {
	if len(ids) == 0 {
		return "the target page has no ids; link to the page without #fragment"
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	if len(sorted) > 8 {
		sorted = append(sorted[:8], "…")
	}
	hint := "available ids: " + strings.Join(sorted, ", ")
	if strings.Contains(fragment, "=") {
		hint = "#" + fragment + " is not an id but state an old site's script read to open part of a page; link to a heading's id instead or to the page without #fragment; " + hint
	}
	return hint
}

// sitePath normalises a root-relative or absolute same-site URL (query and
// fragment dropped) to an index key.
func (idx *index) sitePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return normalizePath(raw)
	}
	return normalizePath(u.Path)
}
