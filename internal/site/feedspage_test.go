package site

import "testing"

// The feeds page gives each feed's full address to copy into a reader app
// — the route that keeps working as browsers drop XSLT.
func TestFeedsPageShowsFullAddresses(t *testing.T) {
	files, res := buildMem(t, New(Options{Source: writeSite(t, baseSite), Now: fixedNow}))
	if res.Diagnostics.Err() != nil {
		t.Fatal(res.Diagnostics)
	}
	mustContain(t, files, "feeds/index.html",
		`<a href="/index.xml" type="application/rss&#43;xml">`,
		`<code dir="ltr" translate="no">https://health.test/index.xml</code>`,
		`<code dir="ltr" translate="no">https://health.test/conditions/atom.xml</code>`,
		"Copy an address into your feed reader app")
}
