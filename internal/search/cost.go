package search

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

//go:embed node/cost.mjs
var costDriver []byte

// Cost is what one query fetches on a page that has not searched before.
type Cost struct {
	Query     string
	Files     []string // paths relative to the index, in fetch order
	Requests  int
	Bytes     int64 // uncompressed
	GzipBytes int64 // each file gzip-compressed (level 6), as served
}

// QueryCost reports how many files and bytes search.js fetches for query
// against the index files. See QueryCosts.
func QueryCost(files []File, query string) (requests int, bytes int64, err error) {
	costs, err := QueryCosts(context.Background(), files, []string{query})
	if err != nil {
		return 0, 0, err
	}
	return costs[0].Requests, costs[0].Bytes, nil
}

// QueryCosts measures the real loading logic: it runs search.js under Node
// (node must be on PATH) with a fetch that records every request, one cold
// module instance per query. It writes to a temporary directory that it
// removes before returning.
func QueryCosts(ctx context.Context, files []File, queries []string) ([]Cost, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("search: query cost needs node: %w", err)
	}
	dir, err := os.MkdirTemp("", "medkb-search-cost-")
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer os.RemoveAll(dir)
	qs, err := json.Marshal(queries)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	scaffold := append(prefixed("", Assets()), prefixed("index/", files)...)
	scaffold = append(scaffold, File{"cost.mjs", costDriver}, File{"queries.json", qs})
	if err := writeAll(dir, scaffold); err != nil {
		return nil, err
	}
	out, err := exec.CommandContext(ctx, node, filepath.Join(dir, "cost.mjs"), dir, filepath.Join(dir, "queries.json")).Output()
	if err != nil {
		return nil, fmt.Errorf("search: node cost.mjs: %w", err)
	}
	var fetched [][]string
	if err := json.Unmarshal(out, &fetched); err != nil || len(fetched) != len(queries) {
		return nil, fmt.Errorf("search: node cost.mjs printed %q: %v", out, err)
	}
	return costsOf(files, queries, fetched), nil
}

func costsOf(files []File, queries []string, fetched [][]string) []Cost {
	byPath := make(map[string][]byte, len(files))
	for _, f := range files {
		byPath[f.Path] = f.Data
	}
	costs := make([]Cost, len(queries))
	for i, q := range queries {
		c := Cost{Query: q, Files: fetched[i], Requests: len(fetched[i])}
		for _, p := range fetched[i] {
			c.Bytes += int64(len(byPath[p]))
			c.GzipBytes += gzipSize(byPath[p])
		}
		costs[i] = c
	}
	return costs
}

func gzipSize(data []byte) int64 {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6) // level 6 is valid: no error
	zw.Write(data)
	zw.Close()
	return int64(buf.Len())
}

func prefixed(prefix string, files []File) []File {
	out := make([]File, len(files))
	for i, f := range files {
		out[i] = File{Path: prefix + f.Path, Data: f.Data}
	}
	return out
}

func writeAll(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("search: %w", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("search: %w", err)
		}
	}
	return nil
}
