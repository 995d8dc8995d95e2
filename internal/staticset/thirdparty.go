package staticset

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/net/html"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/source"
)

// CheckThirdParty is the check thirdParty's warnings name, which
// medkb.yaml can set (check: {third-party: off}).
const CheckThirdParty = "third-party"

// loadAttrs are, by element, the attributes whose address a browser loads
// as it shows the page (not those a reader follows, such as a's href).
var loadAttrs = map[string][]string{
	"script": {"src"}, "img": {"src", "srcset"}, "iframe": {"src"}, "frame": {"src"}, "embed": {"src"},
	"object": {"data"}, "video": {"src", "poster"}, "audio": {"src"}, "source": {"src", "srcset"},
	"track": {"src"}, "input": {"src"},
}

// cssLoadRe matches an address a stylesheet loads from another host:
// url(https://…), url(//…), @import "https://…".
var cssLoadRe = regexp.MustCompile(`(?i)(?:url\(\s*['"]?|@import\s+(?:url\(\s*)?['"]?)((?:https?:)?//[^'"\s)]+)`)

// thirdParty warns of each of the site's own static HTML and CSS files
// that makes a reader's browser load something from another host — a
// script from a CDN, a web font, an analytics tag, an embedded video —
// as files copied from an old site often do (an admin page loading a
// CMS from unpkg.com). medkb's pages load nothing from other hosts, and
// promise readers as much; a static file is copied as it is, so the build
// says so instead. The theme's files hold none.
func (f *Files) thirdParty(s source.Static, data []byte, css bool) (diag.Diagnostic, bool) {
	var addrs []string
	if css {
		for _, m := range cssLoadRe.FindAllSubmatch(data, -1) {
			addrs = append(addrs, string(m[1]))
		}
	} else {
		addrs = loadedFromElsewhere(data)
	}
	if len(addrs) == 0 {
		return diag.Diagnostic{}, false
	}
	more := ""
	if len(addrs) > 1 {
		more = fmt.Sprintf(" and %d more", len(addrs)-1)
	}
	return diag.Diagnostic{File: f.name(s), Severity: diag.Warning, Check: CheckThirdParty,
		Message: fmt.Sprintf("this static file makes readers' browsers load %s%s from another host: medkb's pages load nothing from other hosts, but a static file is copied as it is", addrs[0], more),
		Hint:    "copy what it loads into static/ and use its path, or remove the file if readers do not need it"}, true
}

// loadedFromElsewhere returns the addresses on other hosts that an HTML
// document loads as it is shown: scripts, images, frames, media, and
// stylesheets, icons and fonts its link elements load.
func loadedFromElsewhere(src []byte) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(src))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		var vals []string
		switch tag {
		case "link":
			if rel := strings.ToLower(attrs["rel"]); rel != "" && !strings.Contains(rel, "canonical") && !strings.Contains(rel, "alternate") {
				vals = append(vals, attrs["href"])
			}
		default:
			for _, a := range loadAttrs[tag] {
				if a == "srcset" {
					for _, c := range strings.Split(attrs[a], ",") {
						if f := strings.Fields(c); len(f) > 0 {
							vals = append(vals, f[0])
						}
					}
					continue
				}
				vals = append(vals, attrs[a])
			}
		}
		for _, v := range vals {
			if v = strings.TrimSpace(v); elsewhere(v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// elsewhere reports whether address u is on another host: absolute
// (http, https) or protocol-relative.
func elsewhere(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "//")
}
