package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// guideRow is one row of the writer's guide's "Mistakes medkb catches".
type guideRow struct {
	n, mistake, site, says string
}

var guideRowRe = regexp.MustCompile("^\\| (\\d+) \\| (.+) \\| (\\w+) \\| `(.+)` \\|$")

// mistakesTable reads the table from the guide itself, so what the guide
// promises and what medkb does cannot drift apart.
func mistakesTable(t *testing.T) []guideRow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "content", "about", "writing-guide.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "### Mistakes medkb catches\n")
	if !ok {
		t.Fatal("the writer's guide has no \"### Mistakes medkb catches\" section")
	}
	var rows []guideRow
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(line, "#") {
			break
		}
		if m := guideRowRe.FindStringSubmatch(line); m != nil {
			rows = append(rows, guideRow{m[1], m[2], m[3], m[4]})
		} else if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| #") && !strings.HasPrefix(line, "| ---") {
			t.Errorf("guide row %q does not read as | N | mistake | site | `message` |", line)
		}
	}
	return rows
}

var diagLineRe = regexp.MustCompile(`^(?:medkb: )?(\S+:\d+(?::\d+)?: (?:error|warning): .*\])$`)

// diagLines returns the diagnostic lines of a command's output.
func diagLines(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if m := diagLineRe.FindStringSubmatch(l); m != nil {
			lines = append(lines, m[1])
		}
	}
	return lines
}

func TestEveryMistakeInTheGuideIsReported(t *testing.T) {
	t.Parallel()
	rows := mistakesTable(t)
	if len(rows) < 25 {
		t.Fatalf("the guide lists %d mistakes, want at least 25", len(rows))
	}
	ar, err := txtar.ParseFile(filepath.Join("testdata", "mistakes.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string][]string{} // site → the guide's messages
	for _, r := range rows {
		want[r.site] = append(want[r.site], r.says)
	}
	for _, site := range []string{"config", "frontmatter", "data", "content"} {
		root := filepath.Join(dir, site)
		checkCode, checkOut, checkErr := run(t, root, "check")
		buildCode, _, buildErr := run(t, root, "build", "--quiet=false")
		if checkCode != ExitError || buildCode != ExitError {
			t.Errorf("%s: check exit %d, build exit %d; want %d (errors) for both", site, checkCode, buildCode, ExitError)
		}
		for cmd, out := range map[string]string{"check": checkOut + checkErr, "build": buildErr} {
			got := diagLines(out)
			for _, w := range want[site] {
				if !slices.Contains(got, w) {
					t.Errorf("%s: medkb %s does not say what the guide says:\n  %s\noutput:\n%s", site, cmd, w, out)
				}
			}
			// Nothing is said that the guide leaves out: the table is the
			// whole behaviour on the fixture.
			for _, g := range got {
				if !slices.Contains(want[site], g) {
					t.Errorf("%s: medkb %s says what the guide's table does not list:\n  %s", site, cmd, g)
				}
			}
		}
	}
}
