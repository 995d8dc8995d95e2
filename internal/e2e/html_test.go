package e2e

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// vnuJar is where `npm ci` (install.sh) puts the Nu Html Checker.
const vnuJar = "node_modules/vnu-jar/build/dist/vnu.jar"

// vnuMessage is one message of the Nu Html Checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// file returns the path of the checked file, or the URL when it is not one.
func (m vnuMessage) file() string {
	u, err := url.Parse(m.URL)
	if err != nil || u.Scheme != "file" {
		return m.URL
	}
	return filepath.FromSlash(u.Path)
}

// runVNU checks every HTML file under dirs with one run of the Nu Html
// Checker and returns its errors.
func runVNU(t *testing.T, dirs ...string) []vnuMessage {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatalf("Java is missing (%v): %s", err, depsHint)
	}
	if _, err := os.Stat(vnuJar); err != nil {
		t.Fatalf("the Nu Html Checker is missing (%v): %s", err, depsHint)
	}
	args := append([]string{"-jar", vnuJar, "--errors-only", "--format", "json", "--skip-non-html", "--exit-zero-always", "--stdout"}, dirs...)
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("java %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("reading the Nu Html Checker's output: %v\n%s\n%s", err, abbreviate(stdout.String()), stderr.String())
	}
	return out.Messages
}

// TestHTMLIsValid runs the Nu Html Checker on every HTML page of the demo
// site. The same run checks a page with known errors, so a checker that
// reports nothing at all fails the test too.
func TestHTMLIsValid(t *testing.T) {
	t.Parallel()
	broken := t.TempDir()
	const brokenPage = `<!DOCTYPE html><html lang="en"><head><title>x</title></head>
<body><p id="a" id="b">duplicate attribute</p></body></html>`
	if err := os.WriteFile(filepath.Join(broken, "broken.html"), []byte(brokenPage), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := countHTML(t, shared.public)
	caught := 0
	for _, m := range runVNU(t, shared.public, broken) {
		file := m.file()
		if rel, err := filepath.Rel(broken, file); err == nil && !strings.HasPrefix(rel, "..") {
			caught++
			continue
		}
		if rel, err := filepath.Rel(shared.public, file); err == nil {
			file = filepath.ToSlash(rel)
		}
		t.Errorf("%s:%d: %s: %s\n    %s", file, m.LastLine, m.Type, m.Message, strings.TrimSpace(m.Extract))
	}
	if caught == 0 {
		t.Errorf("the Nu Html Checker found no error in a page with a duplicate attribute: it did not check anything")
	}
	t.Logf("checked %d HTML pages", pages)
}

func countHTML(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("the demo site has only %d HTML pages", n)
	}
	return n
}
