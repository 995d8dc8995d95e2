package highlight_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/dlclark/regexp2/v2"
	"github.com/yuin/goldmark"

	"github.com/medkb/medkb/internal/markdown/highlight"
)

// TestHighlightIgnoresTheClock renders code blocks once as usual and once
// with regexp2's clock set 20 s ahead of every deadline, so that a match
// with chroma's own 250 ms timeout has run out of time before it starts
// (what a goroutine descheduled for 250 ms in the middle of a match sees
// on a loaded machine), and one with the copies' 30 s keeps 10 s. chroma gives each rule of its own
// lexers a 250 ms match timeout and takes a timed-out rule for one that
// did not match, so the block came out highlighted differently (a YAML
// string as a generic literal, or text as errors), silently, and only
// under load: the cause of TestConcurrentRendersAreIdentical's rare
// failure. The output must not depend on the clock.
//
// Not parallel: it changes regexp2's package clock, which no other match
// may read meanwhile (parallel tests start after it has finished).
func TestHighlightIgnoresTheClock(t *testing.T) {
	src := []byte("```yaml\nplan:\n  preventer: \"beclometasone 100 micrograms, 2 puffs twice a day\"\n  review: 2025-03-01\n```\n\n" +
		// HTML runs the CSS and JavaScript lexers inside (chroma.Using).
		"```html\n<style>p { color: red }</style><script>let x = 1;</script><p class=\"a\">x</p>\n```\n\n" +
		"```go\nfunc main() { fmt.Println(\"hi\") }\n```\n")
	md := goldmark.New(goldmark.WithExtensions(highlight.New()))
	var want bytes.Buffer
	if err := md.Convert(src, &want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(want.Bytes(), []byte(`<span class="s2">&#34;beclometasone`)) {
		t.Fatalf("the YAML string is not highlighted as one:\n%s", want.Bytes())
	}

	// A deadline is the clock plus the timeout plus the period: a period of
	// -20 s puts a 250 ms deadline 19.75 s in the past and leaves a 30 s
	// one 10 s ahead.
	regexp2.StopTimeoutClock()
	regexp2.SetTimeoutCheckPeriod(-20 * time.Second)
	defer func() {
		regexp2.StopTimeoutClock()
		regexp2.SetTimeoutCheckPeriod(regexp2.DefaultClockPeriod)
	}()
	var got bytes.Buffer
	if err := md.Convert(src, &got); err != nil {
		t.Fatal(err)
	}
	if g, w := got.String(), want.String(); g != w {
		at := 0
		for at < len(g) && at < len(w) && g[at] == w[at] {
			at++
		}
		t.Errorf("with every match timed out the highlighting differs at byte %d:\ngot  %q\nwant %q",
			at, g[max(at-60, 0):min(at+80, len(g))], w[max(at-60, 0):min(at+80, len(w))])
	}
}
