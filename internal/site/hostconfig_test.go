package site

import (
	"fmt"
	"strings"
	"testing"
)

// TestS3AliasLimitWarns is a site with more aliases (51) than S3's website
// configuration takes as routing rules (50): the build warns at
// medkb.yaml, saying how many aliases there are and how the rest redirect.
// With 50 it says nothing.
func TestS3AliasLimitWarns(t *testing.T) {
	for _, n := range []int{50, 51} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			aliases := make([]string, n)
			for i := range aliases {
				aliases[i] = fmt.Sprintf("/old/asthma-%d/", i)
			}
			src := strings.Replace(baseSite, `id: "conditions-asthma"`, `id: "conditions-asthma"`+"\naliases: ["+strings.Join(aliases, ", ")+"]", 1)
			dir := writeSite(t, src)
			files, res := buildMem(t, New(Options{Source: dir, Now: fixedNow}))
			if _, ok := files["old/asthma-50/index.html"]; n == 51 && !ok {
				t.Error("the 51st alias has no redirect page")
			}
			var found int
			for _, d := range res.Diagnostics.Warnings() {
				if d.Check != "hosting" {
					continue
				}
				found++
				if d.File != "medkb.yaml" || d.Line != 0 ||
					!strings.Contains(d.Message, "51 aliases") || !strings.Contains(d.Message, "the other 1 through their redirect pages") ||
					!strings.Contains(d.Message, "s3-website.json") || d.Hint == "" {
					t.Errorf("warning = %+v", d)
				}
			}
			if want := n - 50; found != want {
				t.Errorf("%d aliases: %d hosting warnings, want %d; all: %v", n, found, want, res.Diagnostics)
			}
		})
	}
}
