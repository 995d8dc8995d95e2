// Package layering holds the import rules to CONTRIBUTING.md: its
// "Allowed imports" table is parsed here and compared with what go list
// reports for every package of the module, so the document and the rule
// cannot drift apart. It has no non-test code.
package layering

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/medkb/medkb/"

// rule is one row of the table: the medkb packages pkg may import.
type rule struct {
	allowed []string
	line    int // in CONTRIBUTING.md
}

// readTable parses the "## Allowed imports" table of the file at name.
func readTable(t testing.TB, name string) map[string]rule {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]rule{}
	in := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = line == "## Allowed imports"
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) != 4 {
			t.Fatalf("%s:%d: want | package | may import |, got %q", name, n, line)
		}
		pkg := strings.Trim(strings.TrimSpace(cells[1]), "`")
		if _, dup := rules[pkg]; dup {
			t.Fatalf("%s:%d: a second row for %s", name, n, pkg)
		}
		r := rule{line: n}
		for _, imp := range strings.Split(cells[2], ",") {
			if imp = strings.Trim(strings.TrimSpace(imp), "`"); imp != "" && imp != "—" {
				r.allowed = append(r.allowed, imp)
			}
		}
		rules[pkg] = r
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatalf("%s: no \"## Allowed imports\" table", name)
	}
	return rules
}

// violations lists, in order, every import of graph (package → the medkb
// packages it imports, without the module prefix) the rules do not allow,
// every package without a row, and every row without a package.
func violations(rules map[string]rule, graph map[string][]string) []string {
	var out []string
	for _, pkg := range sortedKeys(graph) {
		r, ok := rules[pkg]
		if !ok {
			out = append(out, "CONTRIBUTING.md: "+pkg+" has no row in the Allowed imports table; add one")
			continue
		}
		for _, imp := range graph[pkg] {
			if !slices.Contains(r.allowed, imp) {
				out = append(out, "CONTRIBUTING.md:"+strconv.Itoa(r.line)+": "+pkg+" imports "+imp+", which its row does not allow; "+
					"import something allowed or, if the layering should change, add it to the row")
			}
		}
	}
	for _, pkg := range sortedKeys(rules) {
		if _, ok := graph[pkg]; !ok {
			out = append(out, "CONTRIBUTING.md:"+strconv.Itoa(rules[pkg].line)+": the row for "+pkg+" names no package of the module; remove it")
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// goList returns every package of the module with the medkb packages its
// non-test files import (the rule is about production code; test files
// may import what they test with).
func goList(t testing.TB, root string) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	graph := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		if pkg == "internal" {
			continue // this test, which has no non-test code
		}
		graph[pkg] = []string{}
		for _, imp := range f[1:] {
			if rel, ok := strings.CutPrefix(imp, module); ok {
				graph[pkg] = append(graph[pkg], rel)
			}
		}
	}
	return graph
}

func TestImportsFollowContributing(t *testing.T) {
	root := filepath.Join("..")
	rules := readTable(t, filepath.Join(root, "CONTRIBUTING.md"))
	graph := goList(t, root)
	if _, ok := graph["internal/site"]; !ok {
		t.Fatalf("go list found no internal/site: %v", graph)
	}
	for _, v := range violations(rules, graph) {
		t.Error(v)
	}
}

// TestViolationsNamesEachBreach checks the checker on a graph that breaks
// every rule once.
func TestViolationsNamesEachBreach(t *testing.T) {
	rules := map[string]rule{
		"internal/serve": {allowed: []string{"internal/watch"}, line: 7},
		"internal/watch": {line: 8},
		"internal/gone":  {line: 9},
	}
	graph := map[string][]string{
		"internal/serve": {"internal/watch", "internal/site"},
		"internal/watch": {},
		"internal/new":   {},
	}
	got := violations(rules, graph)
	want := []string{
		"CONTRIBUTING.md: internal/new has no row",
		"CONTRIBUTING.md:7: internal/serve imports internal/site",
		"CONTRIBUTING.md:9: the row for internal/gone names no package",
	}
	if len(got) != len(want) {
		t.Fatalf("violations = %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("violation %d = %q, want it to start %q", i, got[i], want[i])
		}
	}
}

func TestReadTableParsesContributing(t *testing.T) {
	rules := readTable(t, filepath.Join("..", "CONTRIBUTING.md"))
	r, ok := rules["internal/serve"]
	if !ok || !slices.Equal(r.allowed, []string{"internal/mediatype", "internal/watch"}) || r.line < 1 {
		t.Errorf("internal/serve row = %+v, %v; want internal/mediatype and internal/watch only, with its line", r, ok)
	}
	if r := rules["internal/diag"]; len(r.allowed) != 0 {
		t.Errorf("internal/diag row = %+v, want no imports (—)", r)
	}
}
