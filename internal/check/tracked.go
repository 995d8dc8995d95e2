package check

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// trackedLink reports an external link that tells a third party about
// the reader's click, as links copied from a browser, an e-mail or a
// search page do: a redirect through a search engine's, a mail filter's
// or a social network's address (google.com/url?q=…, Outlook's Safe
// Links, Facebook's l.php, LinkedIn's redirect, Proofpoint's URL
// Defense), which logs the click and often stops working when the
// wrapper expires; or campaign and click identifiers in the query
// (utm_source, fbclid, gclid, Mailchimp's and HubSpot's), which tell the
// other site where its readers came from. A health site promises its
// readers no trackers; the hint gives the plain address. A warning: the
// link still leads where it should.
func trackedLink(dest string, u *url.URL) (Diagnostic, bool) {
	if target, via, ok := unwrapRedirect(u); ok {
		return Diagnostic{Severity: Warning, Check: "tracked-link",
			Message: fmt.Sprintf("link %q goes through a redirect (%s): the click is logged there, and the link stops working when the redirect expires", dest, via),
			Hint:    "link straight to " + target}, true
	}
	q := u.Query()
	var found []string
	for k := range q {
		if trackingParam(k) {
			found = append(found, k)
		}
	}
	if len(found) == 0 {
		return Diagnostic{}, false
	}
	slices.Sort(found)
	clean := *u
	for _, k := range found {
		q.Del(k)
	}
	clean.RawQuery = q.Encode()
	if len(q) == 0 {
		clean.ForceQuery = false
	}
	return Diagnostic{Severity: Warning, Check: "tracked-link",
		Message: fmt.Sprintf("link %q carries tracking parameters (%s): they tell the other site where its readers came from", dest, strings.Join(found, ", ")),
		Hint:    "remove them: " + clean.String()}, true
}

// trackingParam reports whether a query key is a campaign or click
// identifier that only trackers read.
func trackingParam(k string) bool {
	k = strings.ToLower(k)
	if strings.HasPrefix(k, "utm_") {
		return true
	}
	switch k {
	case "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
		"igshid", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id":
		return true
	}
	return false
}

// unwrapRedirect returns the address a redirect wrapper u leads to, and
// whose wrapper it is.
func unwrapRedirect(u *url.URL) (target, via string, ok bool) {
	host := strings.ToLower(strings.TrimPrefix(u.Hostname(), "www."))
	param := func(names ...string) (string, bool) {
		for _, n := range names {
			if v := u.Query().Get(n); strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") {
				return v, true
			}
		}
		return "", false
	}
	var t string
	switch {
	case strings.HasPrefix(host, "google.") && u.Path == "/url":
		t, ok = param("q", "url")
		via = "Google"
	case strings.HasSuffix(host, ".safelinks.protection.outlook.com"):
		t, ok = param("url")
		via = "Outlook Safe Links"
	case (host == "l.facebook.com" || host == "lm.facebook.com") && u.Path == "/l.php":
		t, ok = param("u")
		via = "Facebook"
	case host == "linkedin.com" && strings.HasPrefix(u.Path, "/redir/redirect"):
		t, ok = param("url")
		via = "LinkedIn"
	case host == "urldefense.com" && strings.HasPrefix(u.Path, "/v3/__"):
		// https://urldefense.com/v3/__https://www.nhs.uk/__;!!ABC$
		rest := strings.TrimPrefix(u.Path, "/v3/__")
		if i := strings.Index(rest, "__"); i > 0 {
			t, ok = rest[:i], strings.HasPrefix(rest, "http")
		}
		via = "Proofpoint URL Defense"
	}
	return t, via, ok
}
