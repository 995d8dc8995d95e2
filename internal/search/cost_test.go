package search

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestQueryCostCountsFetchedFiles(t *testing.T) {
	t.Parallel()
	nodeBinary(t)
	files := mustBuild(t, testCorpus(), Options{Lang: "en"})
	costs, err := QueryCosts(context.Background(), files, []string{"asthma", "asthma"})
	if err != nil {
		t.Fatal(err)
	}
	c := costs[0]
	if !slices.Equal(c.Files, costs[1].Files) {
		t.Errorf("each query must start cold: %v vs %v", c.Files, costs[1].Files)
	}
	kinds := map[string]int{}
	var want int64
	for _, p := range c.Files {
		kinds[strings.SplitN(p, "/", 2)[0]]++
		want += int64(len(fileNamed(t, files, p).Data))
	}
	for _, k := range []string{"manifest.json", "vocab", "postings", "docs", "synonyms"} {
		if kinds[k] == 0 {
			t.Errorf("no %s fetched: %v", k, c.Files)
		}
	}
	if c.Requests != len(c.Files) || c.Bytes != want || c.GzipBytes <= 0 || c.GzipBytes >= c.Bytes {
		t.Errorf("cost = %+v, want %d bytes", c, want)
	}
}

// TestQueryCostStaysFlat checks the point of sharding: ten times the
// documents, about the same bytes for a query on a rare word.
func TestQueryCostStaysFlat(t *testing.T) {
	t.Parallel()
	nodeBinary(t)
	q := []string{"tetanus booster"}
	small, err := QueryCosts(context.Background(), mustBuild(t, append(handDocs(), syntheticDocs(300)...), Options{Lang: "en"}), q)
	if err != nil {
		t.Fatal(err)
	}
	big, err := QueryCosts(context.Background(), mustBuild(t, append(handDocs(), syntheticDocs(3000)...), Options{Lang: "en"}), q)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("300 docs: %d requests, %d bytes; 3000 docs: %d requests, %d bytes", small[0].Requests, small[0].Bytes, big[0].Requests, big[0].Bytes)
	if big[0].Requests > small[0].Requests+1 || big[0].Bytes > 2*small[0].Bytes {
		t.Errorf("cost grew with the corpus: %+v → %+v", small[0], big[0])
	}
}
