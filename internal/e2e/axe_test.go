package e2e

import (
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// axeViolation is one failed axe-core rule with the elements that fail it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []string `json:"target"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

func (v axeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "axe %s (%s): %s", v.ID, v.Impact, v.Help)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    %s\n      %s", strings.Join(n.Target, " "), strings.ReplaceAll(n.Summary, "\n", "\n      "))
	}
	return b.String()
}

// runAxe checks the page against WCAG 2.1 A and AA with axe-core. It injects
// axe with Runtime.evaluate, which the page's Content-Security-Policy does
// not govern, once per document.
const runAxe = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
	.then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(String), summary: n.failureSummary || ''})),
	})))`

// requireAxe fails the test for every axe violation on the page as it is now;
// where says which page and state.
func (tb *tab) requireAxe(where string) {
	tb.t.Helper()
	for _, v := range tb.axeViolations() {
		tb.t.Errorf("%s: %s", where, v)
	}
}

// axeViolations runs axe-core on the page as it is now.
func (tb *tab) axeViolations() []axeViolation {
	tb.t.Helper()
	if shared.axeErr != nil {
		tb.t.Fatal(shared.axeErr)
	}
	// Under medkb serve a live reload can replace the page between the
	// injection and the run (axe is then not defined, or the context is
	// gone): inject and run again on the new page, a few times at most.
	// Violations are values, never errors, so no retry hides one.
	var last error
	for range 3 {
		if !eval[bool](tb, `typeof window.axe === 'object'`) {
			eval[int](tb, shared.axe+"\n;0")
		}
		v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[]axeViolation](runAxe, chromedp.EvalAwaitPromise))
		if err == nil {
			return v
		}
		last = err
		if err := tb.eventually(`document.readyState === 'complete'`, 10*time.Second); err != nil {
			tb.t.Fatal(err)
		}
	}
	tb.t.Fatalf("axe-core did not run on the page, three times (a reload each time?): %v", last)
	return nil
}
