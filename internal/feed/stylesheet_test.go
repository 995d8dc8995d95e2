package feed

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"time"
)

func TestStylesheetIsWellFormedAndEscapesItsText(t *testing.T) {
	xsl, err := Stylesheet(StylesheetText{Lang: "en", Dir: "ltr", CSS: "/kb/feed.css?a=1&b={2}", Notice: "This is a <web> feed",
		HowTo: "Copy & paste", Address: "Address:", Home: "Home", Recent: "Latest"})
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(xsl))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("stylesheet is not well-formed: %v\n%s", err, xsl)
			}
			break
		}
	}
	for _, want := range []string{`href="/kb/feed.css?a=1&amp;b={{2}}"`, "This is a &lt;web&gt; feed", "Copy &amp; paste"} {
		if !strings.Contains(string(xsl), want) {
			t.Errorf("stylesheet lacks %q", want)
		}
	}
}

func TestFeedsLinkTheirStylesheet(t *testing.T) {
	f := Feed{Title: "T", Link: "https://s.test/", SelfURL: "https://s.test/index.xml", Stylesheet: "/feed.xsl",
		Items: []Item{{ID: "tag:s.test,2024:a", Title: "A", Link: "https://s.test/a/", Published: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}}
	for _, format := range []Format{RSS, Atom, JSON} {
		var b bytes.Buffer
		if err := writeFeed(&b, f, format); err != nil {
			t.Fatal(err)
		}
		has := strings.Contains(b.String(), "<?xml-stylesheet type=\"text/xsl\" href=\"/feed.xsl\"?>\n")
		if has != (format != JSON) {
			t.Errorf("%s: stylesheet instruction present = %v", format, has)
		}
	}
}
