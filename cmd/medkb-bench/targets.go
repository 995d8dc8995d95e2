package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// target is one of issue #20's goals for a full build, as a ratio of two
// measurements taken in the same run: at most Goal (AtMost) or at least.
type target struct {
	Name   string
	Goal   float64
	AtMost bool
	// Of returns the two measurements whose ratio is compared with Goal,
	// or ok false when one of them is missing.
	Of func(r *sizeResult) (a, b float64, ok bool)
}

// targets are the goals the bench can measure on one corpus size.
var targets = []target{
	{"medkb / floor, CPU", 2.5, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Floor, cpu) }},
	{"medkb / Hugo, wall", 0.25, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Hugo, wall) }},
	{"medkb / Hugo, CPU", 0.35, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Hugo, cpu) }},
	{"medkb / (Hugo + Pagefind), wall", 0.06, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.HugoSearch, wall) }},
	{"medkb / Hugo, peak RSS", 0.25, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Hugo, rss) }},
	{"medkb / Hugo, files written", 1.3, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Hugo, files) }},
	{"medkb / Pagefind, search index gzip bytes", 0.6, true, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.Pagefind, indexGzip) }},
	{"full / nothing changed, wall", 50, false, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.NoChange, wall) }},
	{"full / one article changed, wall", 15, false, func(r *sizeResult) (float64, float64, bool) { return pair(r.Full, r.OneChange, wall) }},
}

// pair returns f of the medians of a and b, when both were measured.
func pair(a, b outcome, f func(sample) float64) (float64, float64, bool) {
	if !a.ok() || !b.ok() {
		return 0, 0, false
	}
	return f(a.median()), f(b.median()), true
}

func cpu(s sample) float64       { return s.CPU.Seconds() }
func wall(s sample) float64      { return s.Wall.Seconds() }
func rss(s sample) float64       { return float64(s.MaxRSSKB) }
func files(s sample) float64     { return float64(s.Files) }
func indexGzip(s sample) float64 { return float64(s.IndexGzip) }

// distance says how far a ratio is from its goal: "met", or the factor by
// which the ratio still has to shrink (or grow, for an at-least goal).
func distance(ratio float64, t target) string {
	if t.AtMost && ratio <= t.Goal || !t.AtMost && ratio >= t.Goal {
		return "met"
	}
	if t.AtMost {
		return fmt.Sprintf("%.2f× too high: needs %.0f %% less", ratio/t.Goal, 100*(1-t.Goal/ratio))
	}
	return fmt.Sprintf("%.2f× too low", t.Goal/ratio)
}

// printTargets writes the table of issue #20's targets for one size: each
// ratio as measured in this run, the goal and the distance to it.
func printTargets(w io.Writer, r *sizeResult) {
	fmt.Fprintf(w, "\nTargets (issue #20), %d articles, ratios of medians measured in this run:\n\n", r.Articles)
	fmt.Fprintln(w, "| ratio | measured | goal | distance |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	for _, t := range targets {
		goal := fmt.Sprintf("≥ %.2f×", t.Goal)
		if t.AtMost {
			goal = fmt.Sprintf("≤ %.2f×", t.Goal)
		}
		a, b, ok := t.Of(r)
		if !ok || b == 0 {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.Name, na, goal, "not measured")
			continue
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.Name, ratioStr(a, b), goal, distance(a/b, t))
	}
	if r.Full.ok() {
		m := r.Full.median()
		fmt.Fprintf(w, "\nmedkb full build per article: %.2f ms CPU, %.1f KiB peak RSS.\n",
			1000*m.CPU.Seconds()/float64(r.Articles), float64(m.MaxRSSKB)/float64(r.Articles))
	}
}

// The README's generated block lies between these lines; -readme rewrites
// what is between them and nothing else.
const (
	readmeBegin = "<!-- medkb-bench:begin (go run ./cmd/medkb-bench -readme README.md rewrites this block) -->"
	readmeEnd   = "<!-- medkb-bench:end -->"
)

// printSummary writes the README block's content: one table of the build
// rows of every size, then each size's targets.
func printSummary(w io.Writer, machine fmt.Stringer, runs int, results map[int]*sizeResult) {
	sizes := make([]int, 0, len(results))
	for n := range results {
		sizes = append(sizes, n)
	}
	slices.Sort(sizes)
	fmt.Fprintf(w, "Machine: %s. Medians of %d runs, all in one bench run.\n\n", machine, runs)
	fmt.Fprintln(w, "| articles | tool | wall | CPU | peak RSS | files |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	for _, n := range sizes {
		r := results[n]
		for _, x := range []struct {
			name string
			o    outcome
		}{{"medkb build (full)", r.Full}, {"floor (read, goldmark, write)", r.Floor}, {"Hugo", r.Hugo}, {"Hugo + Pagefind", r.HugoSearch}} {
			if !x.o.ok() {
				fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %s |\n", n, x.name, mdEscape(orDefault(x.o.Why, "did not run")), na, na, na)
				continue
			}
			m := x.o.median()
			fmt.Fprintf(w, "| %d | %s | %s | %s | %s | %d |\n", n, x.name, durStr(m.Wall), durStr(m.CPU), bytesStr(m.MaxRSSKB*1024), m.Files)
		}
	}
	for _, n := range sizes {
		printTargets(w, results[n])
	}
}

// rewriteReadme replaces the generated block of the file at name with
// content; a file without both marker lines is an error that says what to
// add.
func rewriteReadme(name string, content []byte) error {
	old, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	i := bytes.Index(old, []byte(readmeBegin))
	j := bytes.Index(old, []byte(readmeEnd))
	if i < 0 || j < i {
		return errors.New(name + ": no generated block; add the lines\n" + readmeBegin + "\n" + readmeEnd + "\nwhere the bench tables go")
	}
	var out bytes.Buffer
	out.Write(old[:i+len(readmeBegin)])
	out.WriteString("\n\n")
	out.Write(bytes.TrimSpace(content))
	out.WriteString("\n\n")
	out.Write(old[j:])
	return os.WriteFile(name, out.Bytes(), 0o644)
}
