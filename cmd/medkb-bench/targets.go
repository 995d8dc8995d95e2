package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
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

// searchTarget is one of issue #20's goals for a first search query: a
// cost that the costliest of the bench queries, cold, keeps at most Goal.
type searchTarget struct {
	Name string
	Goal float64
	Unit string
	Of   func(q queryCost) float64
}

// searchTargets are the first-query goals (medkb's search.js under Node).
var searchTargets = []searchTarget{
	{"medkb search, cold query, requests", 4, "requests", func(q queryCost) float64 { return float64(q.Requests) }},
	{"medkb search, cold query, dependent rounds", 2, "rounds", func(q queryCost) float64 { return float64(q.Rounds) }},
	{"medkb search, cold query, gzip KiB", 64, "KiB", func(q queryCost) float64 { return float64(q.GzipBytes) / 1024 }},
}

// phoneTargets are the first-query goals in Chromium on the phone link:
// the costliest of the bench queries, cold, keeps each at most Goal.
var phoneTargets = []struct {
	Name string
	Goal float64
	Unit string
	Of   func(q phoneQuery) float64
}{
	{"first query in Chromium, requests", 4, "requests", func(q phoneQuery) float64 { return float64(q.Requests) }},
	{"first query in Chromium, dependent rounds", 2, "rounds", func(q phoneQuery) float64 { return float64(q.Rounds) }},
	{"first query in Chromium, KiB sent (gzip)", 64, "KiB", func(q phoneQuery) float64 { return float64(q.WireBytes) / 1024 }},
	{"first query on the phone link, time", 0.6, "s", func(q phoneQuery) float64 { return q.Ms / 1000 }},
}

// phoneTarget writes the row of one first-query goal: medkb's costliest
// query, with Pagefind's beside it.
func phoneTarget(w io.Writer, name string, goal float64, unit string, of func(phoneQuery) float64, medkb, pf phoneCost) {
	g := fmt.Sprintf("≤ %g %s", goal, unit)
	if !medkb.ok() {
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", name, na, g, "not measured")
		return
	}
	worst := medkb.worst(of)
	other := "Pagefind " + na
	if pf.ok() {
		other = fmt.Sprintf("Pagefind %.4g", pf.worst(of))
	}
	fmt.Fprintf(w, "| %s | %.4g %s (costliest of %d queries; %s) | %s | %s |\n", name, worst, unit, len(medkb.Queries), other,
		g, distance(worst/goal, target{Goal: 1, AtMost: true}))
}

// worstCold returns the highest cost of sc's cold queries, or ok false
// when none was measured.
func (sc searchCost) worstCold(of func(queryCost) float64) (worst float64, ok bool) {
	if sc.Why != "" || len(sc.Queries) == 0 {
		return 0, false
	}
	for _, q := range sc.Queries {
		worst = max(worst, of(q.Cold))
	}
	return worst, true
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
		if over := ratio / t.Goal; over < 1.01 { // two digits would say "1.00× too high: needs 0 % less"
			return fmt.Sprintf("%.3f× too high: needs %.1f %% less", over, 100*(1-t.Goal/ratio))
		}
		return fmt.Sprintf("%.2f× too high: needs %.0f %% less", ratio/t.Goal, 100*(1-t.Goal/ratio))
	}
	if under := t.Goal / ratio; under < 1.01 {
		return fmt.Sprintf("%.3f× too low", under)
	}
	return fmt.Sprintf("%.2f× too low", t.Goal/ratio)
}

// printTargets writes the table of issue #20's targets for one size: each
// ratio as measured in this run, the goal and the distance to it.
func printTargets(w io.Writer, r *sizeResult) {
	fmt.Fprintf(w, "\nTargets (issue #20), %d articles, ratios of medians and search costs measured in this run:\n\n", r.Articles)
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
	for _, t := range searchTargets {
		goal := fmt.Sprintf("≤ %g %s", t.Goal, t.Unit)
		worst, ok := r.SearchMedkb.worstCold(t.Of)
		if !ok {
			fmt.Fprintf(w, "| %s | %s | %s | %s |\n", t.Name, na, goal, "not measured")
			continue
		}
		fmt.Fprintf(w, "| %s | %.4g %s (costliest of %d queries) | %s | %s |\n", t.Name, worst, t.Unit, len(r.SearchMedkb.Queries),
			goal, distance(worst/t.Goal, target{Goal: 1, AtMost: true}))
	}
	for _, t := range phoneTargets {
		phoneTarget(w, t.Name, t.Goal, t.Unit, t.Of, r.PhoneMedkb, r.PhonePF)
	}
	if r.TappedMedkb.ok() {
		t := phoneTargets[len(phoneTargets)-1]
		phoneTarget(w, "first query on the phone link after a tap on the box, time", t.Goal, t.Unit, t.Of, r.TappedMedkb, r.TappedPF)
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
	merged := slices.ContainsFunc(sizes, func(n int) bool { return len(results[n].Merged) > 0 })
	whole := func(n int) bool {
		return slices.ContainsFunc(results[n].Merged, func(m string) bool { return strings.HasPrefix(m, "all figures") })
	}
	switch {
	case len(sizes) > 0 && !slices.ContainsFunc(sizes, func(n int) bool { return !whole(n) }):
		fmt.Fprint(w, "Every figure comes from a saved run, named below the tables with its machine and load.\n\n")
	case merged:
		fmt.Fprintf(w, "Machine: %s. Medians of %d runs, all in one bench run, except the figures of saved runs named below the tables.\n\n", machine, runs)
	default:
		fmt.Fprintf(w, "Machine: %s. Medians of %d runs, all in one bench run.\n\n", machine, runs)
	}
	fmt.Fprintln(w, "| articles | tool | wall | CPU | peak RSS | files |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	for _, n := range sizes {
		r := results[n]
		for _, x := range []struct {
			name string
			o    outcome
		}{{fullLabel(r.Full), r.Full}, {"floor (read, goldmark, write)", r.Floor}, {"Hugo", r.Hugo}, {"Hugo + Pagefind", r.HugoSearch},
			{"searchonly (medkb to Markdown, then the search index)", r.IndexOnly}} {
			if x.o.Why == "" && len(x.o.Samples) == 0 && strings.HasPrefix(x.name, "searchonly") {
				continue // searchonly runs only with -index-only
			}
			fmt.Fprintf(w, "| %d | %s | %s |\n", n, x.name, outcomeCells(x.o))
		}
	}
	printFlatness(w, sizes, results)
	printProfiles(w, sizes, results)
	printReload(w, sizes, results)
	printPhoneSummary(w, sizes, results)
	for _, n := range sizes {
		printTargets(w, results[n])
	}
	for _, n := range sizes {
		for _, m := range results[n].Merged {
			fmt.Fprintf(w, "\n- %d articles, %s", n, m)
		}
	}
	fmt.Fprintln(w)
}

// outcomeCells are the wall, CPU, peak RSS and files cells of a row, or why
// it has none.
func outcomeCells(o outcome) string {
	if !o.ok() {
		return fmt.Sprintf("%s | %s | %s | %s", mdEscape(orDefault(o.Why, "did not run")), na, na, na)
	}
	m := o.median()
	return fmt.Sprintf("%s | %s | %s | %d", durStr(m.Wall), durStr(m.CPU), bytesStr(m.MaxRSSKB*1024), m.Files)
}

// flatness is issue #20's goal for the cost per article: a full build's
// CPU per article varies by at most this factor from 1,000 to 100,000
// articles.
const flatness = 1.3

// printFlatness writes the per-article cost row: the full build's CPU per
// article at each size from 1,000 to 100,000 measured (or merged: marked
// "another run", as the load of a shared machine differs from run to run),
// and the highest over the lowest.
func printFlatness(w io.Writer, sizes []int, results map[int]*sizeResult) {
	var parts []string
	lo, hi := 0.0, 0.0
	for _, n := range sizes {
		r := results[n]
		if n < 1000 || n > 100_000 || !r.Full.ok() {
			continue
		}
		ms := 1000 * r.Full.median().CPU.Seconds() / float64(n)
		of := "1 build"
		if k := len(r.Full.Samples); k > 1 {
			of = fmt.Sprintf("median of %d", k)
		}
		if slices.ContainsFunc(r.Merged, func(m string) bool {
			return strings.HasPrefix(m, "all figures") || strings.HasPrefix(m, "medkb build (full)")
		}) {
			of += ", another run"
		}
		parts = append(parts, fmt.Sprintf("%.2f ms at %d (%s)", ms, n, of))
		if len(parts) == 1 {
			lo, hi = ms, ms
		}
		lo, hi = min(lo, ms), max(hi, ms)
	}
	fmt.Fprintf(w, "\nCost per article (issue #20: flat from 1,000 to 100,000 articles within %.1f×):\n\n", flatness)
	fmt.Fprintln(w, "| ratio | measured | goal | distance |")
	fmt.Fprintln(w, "| --- | --- | --- | --- |")
	name := "medkb full build, CPU per article, highest / lowest size"
	goal := fmt.Sprintf("≤ %.2f×", flatness)
	if len(parts) < 2 {
		fmt.Fprintf(w, "| %s | %s | %s | not measured (needs full builds at two sizes from 1,000 to 100,000; have: %s) |\n",
			name, na, goal, orDefault(strings.Join(parts, ", "), "none"))
		return
	}
	fmt.Fprintf(w, "| %s | %.2f× (%s) | %s | %s |\n", name, hi/lo, strings.Join(parts, ", "), goal,
		distance(hi/lo, target{Goal: flatness, AtMost: true}))
}

// printPhoneSummary writes, for the sizes whose first query was timed on
// the phone link, each engine's costliest query and median time.
func printPhoneSummary(w io.Writer, sizes []int, results map[int]*sizeResult) {
	var rows []string
	for _, n := range sizes {
		r := results[n]
		if !r.PhoneMedkb.ok() && !r.PhonePF.ok() {
			continue
		}
		by := r.IndexBy
		switch {
		case by != "":
		case r.IndexOnly.ok():
			by = indexBySearchOnly
		default:
			by = indexByFull
		}
		for _, e := range []struct {
			name, by string
			pc       phoneCost
		}{{"medkb", by, r.PhoneMedkb}, {"Pagefind", "Hugo, then pagefind --site public", r.PhonePF},
			{"medkb, box tapped", by, r.TappedMedkb}, {"Pagefind, box tapped", "Hugo, then pagefind --site public", r.TappedPF}} {
			if strings.HasSuffix(e.name, "tapped") && !e.pc.ok() {
				continue // not measured by this bench's earlier runs
			}
			if !e.pc.ok() {
				rows = append(rows, fmt.Sprintf("| %d | %s | %s | %s | %s | %s | %s | %s |", n, e.name, mdEscape(orDefault(e.pc.Why, "did not run")), na, na, na, na, na))
				continue
			}
			ms := make([]float64, len(e.pc.Queries))
			for i, q := range e.pc.Queries {
				ms[i] = q.Ms
			}
			rows = append(rows, fmt.Sprintf("| %d | %s | %s | %.0f | %.0f | %.1f | %.0f ms (costliest %.0f) | %.0f ms |", n, e.name, e.by,
				e.pc.worst(func(q phoneQuery) float64 { return float64(q.Requests) }),
				e.pc.worst(func(q phoneQuery) float64 { return float64(q.Rounds) }),
				e.pc.worst(func(q phoneQuery) float64 { return float64(q.WireBytes) / 1024 }),
				median(ms), e.pc.worst(func(q phoneQuery) float64 { return q.Ms }),
				e.pc.worst(func(q phoneQuery) float64 { return q.ModelMs() })))
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s \"Box tapped\": %s Costliest of the %d bench queries (%s):\n\n", phoneCaption, tappedCaption, len(benchQueries), strings.Join(benchQueries, ", "))
	fmt.Fprintln(w, "| articles | engine | index built by | requests | rounds | KiB sent (gzip) | time, median | model, costliest |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, row := range rows {
		fmt.Fprintln(w, row)
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

// fullLabel names the medkb full-build row, with the memory budget the
// bench gave the site when it gave one (-memory-mb).
func fullLabel(o outcome) string {
	if o.MemoryMB > 0 {
		return fmt.Sprintf("medkb build (full, build.memory_mb: %d)", o.MemoryMB)
	}
	return "medkb build (full)"
}
