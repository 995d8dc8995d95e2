package card

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// BenchmarkCardsPeer draws the same card as BenchmarkCards1000 — same fonts,
// logo, text and layout — with satori and resvg under Node, the pair that
// @vercel/og, Astro and Next.js sites use for Open Graph images, and
// reports CPU milliseconds per card beside medkb's (make bench runs both
// in one run). MkDocs Material's social plugin would be the natural peer,
// but it needs PyPI, which this machine cannot reach. The peer's packages
// are pinned in cmd/medkb-bench/cardpeer (make bench runs npm ci there);
// without them the benchmark fails and says so.
func BenchmarkCardsPeer(b *testing.B) {
	dir := filepath.Join("..", "..", "cmd", "medkb-bench", "cardpeer")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "satori")); err != nil {
		b.Fatalf("the card peer is not installed: run npm ci --prefix %s (make bench does)", dir)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		b.Fatal("node is not on PATH; the card peer runs under Node 20")
	}
	tmp := b.TempDir()
	regular, bold := filepath.Join(tmp, "regular.ttf"), filepath.Join(tmp, "bold.ttf")
	if err := os.WriteFile(regular, goregular.TTF, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(bold, gobold.TTF, 0o644); err != nil {
		b.Fatal(err)
	}
	n := 200 // per-card cost is flat; 200 keeps make bench's peer run near half a minute
	if s := os.Getenv("BENCH_CARD_PEER_N"); s != "" {
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	var last struct {
		Cards        int
		Seconds, CPU float64
	}
	for b.Loop() {
		out, err := exec.Command(node, filepath.Join(dir, "cards.mjs"), strconv.Itoa(n), regular, bold,
			filepath.Join("..", "..", "static", "images", "logo.png"), tmp).Output()
		if err != nil {
			b.Fatalf("satori/resvg: %v", err)
		}
		if err := json.Unmarshal(out, &last); err != nil || last.Cards != n {
			b.Fatalf("satori/resvg printed %q (%v)", out, err)
		}
	}
	b.ReportMetric(last.CPU*1000/float64(last.Cards), "cpu-ms/card")
	b.ReportMetric(0, "ns/op")
}
