package check

import (
	"net/url"
	"strings"
	"testing"
)

// Links copied from a search page, an e-mail or a newsletter tell a third
// party about the reader's click: the warning gives the plain address.
// Links that only look alike are not reported.
func TestTrackedLinks(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ dest, msg, hint string }{
		{"https://www.google.com/url?q=https://www.nhs.uk/conditions/asthma/&sa=D&source=editors&usg=AOvVaw0",
			`goes through a redirect (Google)`, "link straight to https://www.nhs.uk/conditions/asthma/"},
		{"https://www.google.co.uk/url?sa=t&url=https%3A%2F%2Fwww.nice.org.uk%2Fguidance%2Fng80&usg=x",
			`(Google)`, "link straight to https://www.nice.org.uk/guidance/ng80"},
		{"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.nhs.uk%2F&data=05%7C01&reserved=0",
			`(Outlook Safe Links)`, "link straight to https://www.nhs.uk/"},
		{"https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.who.int%2F&h=AT0", `(Facebook)`, "link straight to https://www.who.int/"},
		{"https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fwww.cdc.gov%2F&urlhash=x", `(LinkedIn)`, "link straight to https://www.cdc.gov/"},
		{"https://urldefense.com/v3/__https://www.nhs.uk/conditions/__;!!ABC$", `(Proofpoint URL Defense)`, "link straight to https://www.nhs.uk/conditions/"},
		{"https://www.nice.org.uk/guidance/ng80?utm_source=newsletter&utm_medium=email&fbclid=IwAR0",
			`carries tracking parameters (fbclid, utm_medium, utm_source)`, "remove them: https://www.nice.org.uk/guidance/ng80"},
		{"https://www.asthma.org.uk/advice/?page=2&UTM_Campaign=spring&mc_eid=ab12",
			`(UTM_Campaign, mc_eid)`, "remove them: https://www.asthma.org.uk/advice/?page=2"},
	} {
		u, err := url.Parse(c.dest)
		if err != nil {
			t.Fatal(err)
		}
		d, ok := trackedLink(c.dest, u)
		if !ok || d.Check != "tracked-link" || d.Severity != Warning || !strings.Contains(d.Message, c.msg) || d.Hint != c.hint {
			t.Errorf("trackedLink(%q) = %+v, %v;\nwant a tracked-link warning containing %q, hint %q", c.dest, d, ok, c.msg, c.hint)
		}
	}
	for _, dest := range []string{
		"https://www.nhs.uk/conditions/asthma/",
		"https://www.google.com/search?q=asthma",        // a search, not a redirect
		"https://www.google.com/url",                    // nothing wrapped
		"https://example.org/url?q=https://www.nhs.uk/", // not Google's
		"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/?report=classic",
		"https://www.youtube.com/watch?v=abc123&t=42",
		"https://example.org/?utm=1", // "utm" alone is a site's own parameter
	} {
		u, _ := url.Parse(dest)
		if d, ok := trackedLink(dest, u); ok {
			t.Errorf("trackedLink(%q) = %+v; want nothing", dest, d)
		}
	}
}
