package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Parity tolerance between the browser index (search.js) and the bleve
// index: the two score differently (precomputed BM25F over one combined
// document versus bleve's per-field BM25 with boosts), so only the shape of
// the ranking is held equal.
const (
	minMeanTop5Overlap = 0.8 // mean |top5 ∩ top5| / 5 over all queries (fewer when both return fewer)
)

// parityQueries: titleQuery marks queries equal to a page title, whose
// top-1 must be identical in both indexes.
var parityQueries = []struct {
	q          string
	titleQuery bool
}{
	{"asthma", true},
	{"diabetes", true},
	{"hypertension", true},
	{"myocardial infarction", true},
	{"vaccines for adults", true},
	{"heartburn and acid reflux", true},
	{"living with gout", true},
	{"treating migraine", true},
	{"understanding eczema", true},
	{"children and epilepsy", true},
	{"heart attack", false},
	{"MI", false},
	{"high blood pressure", false},
	{"diabetis", false},
	{"asthama", false},
	{"blood flow", false},
	{"inhaler wheezing", false},
	{"uric crystals toe", false},
	{"liver jaundice", false},
	{"seizures brain medication", false},
	{"vision surgery", false},
	{"bones fracture calcium", false},
	{"skin rash itching", false},
	{"cough fever antibiotics", false},
	{`"blood glucose"`, false},
}

func TestParityWithBleve(t *testing.T) {
	t.Parallel()
	node := nodeBinary(t)
	docs := testCorpus()
	dir := writeFiles(t, mustBuild(t, docs, Options{Lang: "en"}))
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "bleve"), Options{Lang: "en"})
	if _, _, _, err := ix.Update(docs); err != nil {
		t.Fatal(err)
	}
	var queries []string
	for _, pq := range parityQueries {
		queries = append(queries, pq.q)
	}
	browser := runParity(t, node, dir, queries)
	var sum float64
	for _, pq := range parityQueries {
		hits, err := ix.Search(pq.q, 5)
		if err != nil {
			t.Fatal(err)
		}
		b, js := hitURLs(hits), browser[pq.q]
		o := overlap(b, js)
		sum += o
		t.Logf("%-28q overlap %.1f  bleve %v  js %v", pq.q, o, b, js)
		if pq.titleQuery && (len(b) == 0 || len(js) == 0 || b[0] != js[0]) {
			t.Errorf("%q: top-1 differs: bleve %v, js %v", pq.q, b, js)
		}
	}
	if mean := sum / float64(len(parityQueries)); mean < minMeanTop5Overlap {
		t.Errorf("mean top-5 overlap %.2f < %.2f", mean, minMeanTop5Overlap)
	} else {
		t.Logf("mean top-5 overlap %.2f", mean)
	}
}

// overlap is |a ∩ b| / max(len(a), len(b)), 1 when both are empty.
func overlap(a, b []string) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 1
	}
	in := map[string]bool{}
	for _, u := range a {
		in[u] = true
	}
	common := 0
	for _, u := range b {
		if in[u] {
			common++
		}
	}
	return float64(common) / float64(n)
}

func runParity(t *testing.T, node, dir string, queries []string) map[string][]string {
	t.Helper()
	qf := filepath.Join(t.TempDir(), "queries.json")
	data, err := json.Marshal(queries)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(qf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, "testdata/parity.mjs", dir, qf).Output()
	if err != nil {
		t.Fatalf("node parity.mjs: %v", err)
	}
	var res map[string][]string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("parity output: %v\n%s", err, out)
	}
	return res
}
