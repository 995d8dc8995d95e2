package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

//go:embed searchcost.mjs
var searchCostJS []byte

// benchQueries are the queries whose cost is measured: a plain word, a lay
// phrase, a typo, a phrase with a clinical synonym and a medicine question.
var benchQueries = []string{"asthma", "heart attack", "diabetis", "high blood pressure", "metformin side effects"}

// queryCost is what one query cost one module instance.
type queryCost struct {
	Requests  int     `json:"requests"`
	Rounds    int     `json:"rounds"` // dependent rounds of requests (see searchcost.mjs)
	Bytes     int64   `json:"bytes"`
	GzipBytes int64   `json:"gzipBytes"`
	Ms        float64 `json:"ms"`
	Results   int     `json:"results"`
	Top       string  `json:"top"`
}

// searchCost is the outcome for one engine on one site.
type searchCost struct {
	Why     string // non-empty: not measured, and why
	Queries []struct {
		Query string    `json:"query"`
		Cold  queryCost `json:"cold"`
		Warm  queryCost `json:"warm"`
	} `json:"queries"`
	Error string `json:"error"`
}

// measureSearch runs searchcost.mjs under node against module (an absolute
// path to search.js or pagefind.js).
func measureSearch(ctx context.Context, node tool, workDir, engine, module string) searchCost {
	if !node.ok() {
		return searchCost{Why: "node not installed"}
	}
	if _, err := os.Stat(module); err != nil {
		return searchCost{Why: fmt.Sprintf("%s not found", filepath.Base(module))}
	}
	script := filepath.Join(workDir, "searchcost.mjs")
	if err := os.WriteFile(script, searchCostJS, 0o644); err != nil {
		return searchCost{Why: err.Error()}
	}
	cfg, _ := json.Marshal(map[string]any{"engine": engine, "module": module, "queries": benchQueries, "limit": 10})
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, node.Path, script, string(cfg))
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return searchCost{Why: fmt.Sprintf("node failed: %v: %s", err, tail(stderr.String(), 300))}
	}
	var sc searchCost
	if err := json.Unmarshal(stdout.Bytes(), &sc); err != nil {
		return searchCost{Why: fmt.Sprintf("unreadable node output: %v: %s", err, tail(stdout.String(), 300))}
	}
	if sc.Error != "" {
		sc.Why = "cannot run under Node: " + sc.Error
	}
	return sc
}

// ok reports whether the cost was measured.
func (sc searchCost) ok() bool { return sc.Why == "" && len(sc.Queries) > 0 }

// totals sums cold and warm costs over all queries.
func (sc searchCost) totals() (cold, warm queryCost) {
	for _, q := range sc.Queries {
		cold.Requests += q.Cold.Requests
		cold.Bytes += q.Cold.Bytes
		cold.GzipBytes += q.Cold.GzipBytes
		cold.Ms += q.Cold.Ms
		warm.Requests += q.Warm.Requests
		warm.Bytes += q.Warm.Bytes
		warm.GzipBytes += q.Warm.GzipBytes
		warm.Ms += q.Warm.Ms
	}
	return cold, warm
}
