package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

const na = "–"

func durStr(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func bytesStr(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	v, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB"} {
		v, suffix = v/unit, s
		if v < unit {
			break
		}
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}

func ratioStr(a, b float64) string {
	if b == 0 {
		return na
	}
	return fmt.Sprintf("%.2f×", a/b)
}

// row formats one table row for a measured step.
func row(name string, o outcome, articles int) string {
	if !o.ok() {
		return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", name, orDefault(o.Why, "did not run"), na, na, na, na, na, na, na, na)
	}
	m := o.median()
	index, gz, build := na, na, na
	if m.IndexBytes > 0 {
		index, gz = bytesStr(m.IndexBytes), bytesStr(m.IndexGzip)
	}
	if m.IndexBuild > 0 {
		build = durStr(m.IndexBuild)
	}
	return fmt.Sprintf("| %s | %s | %s | %.0f | %s | %d | %s | %s | %s | %s |", name, durStr(m.Wall), durStr(m.CPU),
		float64(articles)/m.Wall.Seconds(), bytesStr(m.MaxRSSKB*1024), m.Files, bytesStr(m.Bytes), index, gz, build)
}

// printSize writes the tables for one corpus size.
func printSize(w io.Writer, r *sizeResult, runs int) {
	fmt.Fprintf(w, "\n## %d articles\n\n", r.Articles)
	medians := fmt.Sprintf("Medians of %d runs", runs)
	if n := len(r.Full.Samples); n > runs {
		medians += fmt.Sprintf(" (medkb's steps: %d, -small-runs)", n)
	}
	fmt.Fprintf(w, "Corpus: %d files, %s per site; both sites generated in %s. %s; pages/s = articles / wall time; index build: medkb's search phase (--trace; it overlaps the pages), Pagefind's whole run.\n\n",
		r.Corpus.Files, bytesStr(r.Corpus.Bytes), durStr(r.Generate), medians)
	fmt.Fprintln(w, "| tool | wall | CPU | pages/s | peak RSS | files | bytes | index bytes | index gzip | index build |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, x := range []struct {
		name string
		o    outcome
	}{
		{"medkb build, full (no public/, no cache)", r.Full},
		{"medkb build, nothing changed", r.NoChange},
		{"medkb build, one article changed", r.OneChange},
		{"floor: read, goldmark (GFM), write", r.Floor},
		{"Hugo", r.Hugo},
		{"Pagefind (on Hugo's public/)", r.Pagefind},
		{"Hugo + Pagefind", r.HugoSearch},
		{indexOnlyName, r.IndexOnly},
	} {
		if x.o.Why == "" && len(x.o.Samples) == 0 && x.name == indexOnlyName {
			continue // searchonly is a -index-only step
		}
		fmt.Fprintln(w, row(x.name, x.o, r.Articles))
	}
	fmt.Fprintln(w)
	printRatios(w, r)
	printProfile(w, r)
	printTargets(w, r)
	printSearch(w, r)
	printBrowser(w, r)
	printPhone(w, r)
	printReload(w, []int{r.Articles}, map[int]*sizeResult{r.Articles: r})
}

// indexOnlyName is the row of cmd/medkb-bench/searchonly.
const indexOnlyName = "searchonly: medkb's build to Markdown, then its search index (no pages, feeds, checks)"

// printPhone writes the cold first query of both engines on the phone
// link, query by query, and each engine's costliest.
func printPhone(w io.Writer, r *sizeResult) {
	fmt.Fprintf(w, "\n%s\n\n", phoneCaption)
	printPhoneTable(w, r.PhoneMedkb, r.PhonePF, "module")
	if r.TappedMedkb.ok() || r.TappedPF.ok() {
		fmt.Fprintf(w, "\n%s\n\n", tappedCaption)
		printPhoneTable(w, r.TappedMedkb, r.TappedPF, "module + tap")
	}
}

func printPhoneTable(w io.Writer, medkb, pf phoneCost, before string) {
	fmt.Fprintf(w, "| engine | query | requests | rounds | KiB sent (gzip) | time (ms) | model (ms) | results | top result | %s KiB |\n", before)
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, e := range []struct {
		name string
		pc   phoneCost
	}{{"medkb", medkb}, {"Pagefind", pf}} {
		if !e.pc.ok() {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", e.name, mdEscape(orDefault(e.pc.Why, "did not run")), na, na, na, na, na, na, na, na)
			continue
		}
		for _, q := range e.pc.Queries {
			fmt.Fprintf(w, "| %s | %s | %d | %d | %.1f | %.0f | %.0f | %d | %s | %.1f |\n", e.name, q.Query, q.Requests, q.Rounds,
				float64(q.WireBytes)/1024, q.Ms, q.ModelMs(), q.Results, mdEscape(q.Top), float64(q.ModuleBytes)/1024)
		}
	}
}

// phoneCaption says what the phone-link tables measure.
var phoneCaption = fmt.Sprintf("First query on a modelled phone link, in headless Chromium: the site served over HTTP/2 (TLS, loopback) by a server "+
	"that is the link: each response starts %d ms (one round trip) after its request arrived, all bodies share one %.1f Mbit/s pipe, text is "+
	"gzip-compressed (level 6) as a static host does. Each query cold: a fresh browser context (empty cache) on a blank page of the site "+
	"that has imported the search module (its KiB: module; medkb's search.js carries its index's manifest and is imported by the search box when "+
	"a reader taps it, and by the search page as it opens; Pagefind's pagefind.js is imported by a page with its search box); counted is everything the server sent from "+
	"the query to %d results (Pagefind: and their data, and its Web Worker's requests); rounds = dependent rounds of requests; "+
	"KiB = response bodies; time by performance.now() in the page, median of %d fresh pages; "+
	"model = rounds × %d ms + KiB ÷ %.1f Mbit/s, the link without the browser's work.",
	phoneRTT.Milliseconds(), float64(phoneBytesPerSec)*8/1e6, queryLimit, phoneRounds, phoneRTT.Milliseconds(), float64(phoneBytesPerSec)*8/1e6)

// tappedCaption says what the tables of queries after a tap measure.
const tappedCaption = "The same queries after the reader tapped the search box: before the query the page called the engine's " +
	"documented load-ahead function, as its search box does on a tap (medkb's warm(), which fetches nothing more from the module medkb " +
	"publishes, whose manifest is written in; Pagefind's " +
	"init(), which fetches its entry, WebAssembly and metadata); what that fetched is in the last column, and the query's " +
	"columns count from the query on, as above."

func printRatios(w io.Writer, r *sizeResult) {
	compare := func(label string, other outcome) {
		if !r.Full.ok() || !other.ok() {
			fmt.Fprintf(w, "- medkb / %s: n/a (%s)\n", label, orDefault(r.Full.Why, other.Why))
			return
		}
		a, b := r.Full.median(), other.median()
		fmt.Fprintf(w, "- medkb / %s: wall %s, CPU %s, peak RSS %s\n", label,
			ratioStr(a.Wall.Seconds(), b.Wall.Seconds()), ratioStr(a.CPU.Seconds(), b.CPU.Seconds()),
			ratioStr(float64(a.MaxRSSKB), float64(b.MaxRSSKB)))
	}
	compare("floor", r.Floor)
	compare("Hugo", r.Hugo)
	compare("(Hugo + Pagefind)", r.HugoSearch)
	printSystemCPU(w, r)
	if r.Full.ok() && r.NoChange.ok() && r.OneChange.ok() {
		full := r.Full.median().Wall.Seconds()
		fmt.Fprintf(w, "- medkb rebuild speed-up: full / nothing changed %s, full / one article changed %s\n",
			ratioStr(full, r.NoChange.median().Wall.Seconds()), ratioStr(full, r.OneChange.median().Wall.Seconds()))
	} else {
		fmt.Fprintf(w, "- medkb rebuild speed-up: n/a (%s)\n", orDefault(r.Full.Why, orDefault(r.NoChange.Why, r.OneChange.Why)))
	}
}

// printSystemCPU writes how much of each tool's CPU (median) was system
// time: on this project's machine creating and deleting files is the
// noisiest part of a build (see aside.go). Runs saved before the bench
// recorded it say so.
func printSystemCPU(w io.Writer, r *sizeResult) {
	var parts []string
	for _, t := range []struct {
		label string
		o     outcome
	}{{"medkb full build", r.Full}, {"floor", r.Floor}, {"Hugo", r.Hugo}, {"Hugo + Pagefind", r.HugoSearch}} {
		if !t.o.ok() {
			continue
		}
		m := t.o.median()
		if !m.SysKnown || m.CPU <= 0 {
			parts = append(parts, t.label+" not recorded")
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s of %s (%.0f %%)", t.label, durStr(m.SysCPU), durStr(m.CPU), 100*m.SysCPU.Seconds()/m.CPU.Seconds()))
	}
	if len(parts) > 0 {
		fmt.Fprintf(w, "- system CPU, medians: %s\n", strings.Join(parts, "; "))
	}
}

// printSearch writes the per-query cost of both engines and their ratios.
func printSearch(w io.Writer, r *sizeResult) {
	fmt.Fprintf(w, "\nSearch cost per query (Node, limit 10; cold = fresh module instance, warm = second query of an instance, after the previous query of the list; rounds = dependent rounds of requests, each at least one round trip; KiB raw / gzip):\n\n")
	fmt.Fprintln(w, "| engine | query | cold requests | cold rounds | cold KiB | cold ms | warm requests | warm rounds | warm KiB | warm ms | results | top result |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, e := range []struct {
		name string
		sc   searchCost
	}{{"medkb", r.SearchMedkb}, {"Pagefind", r.SearchPF}} {
		if e.sc.Why != "" {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", e.name, e.sc.Why, na, na, na, na, na, na, na, na, na, na)
			continue
		}
		for _, q := range e.sc.Queries {
			fmt.Fprintf(w, "| %s | %s | %d | %d | %s | %.1f | %d | %d | %s | %.1f | %d | %s |\n", e.name, q.Query,
				q.Cold.Requests, q.Cold.Rounds, kib(q.Cold), q.Cold.Ms, q.Warm.Requests, q.Warm.Rounds, kib(q.Warm), q.Warm.Ms, q.Cold.Results, mdEscape(q.Cold.Top))
		}
	}
	fmt.Fprintln(w)
	if r.SearchMedkb.Why != "" || r.SearchPF.Why != "" {
		fmt.Fprintf(w, "- medkb / Pagefind search cost: n/a (%s)\n", orDefault(r.SearchMedkb.Why, r.SearchPF.Why))
		return
	}
	mc, mw := r.SearchMedkb.totals()
	pc, pw := r.SearchPF.totals()
	fmt.Fprintf(w, "- medkb / Pagefind, all queries cold: requests %s, gzip bytes %s, time %s\n",
		ratioStr(float64(mc.Requests), float64(pc.Requests)), ratioStr(float64(mc.GzipBytes), float64(pc.GzipBytes)), ratioStr(mc.Ms, pc.Ms))
	fmt.Fprintf(w, "- medkb / Pagefind, all queries warm: requests %s, gzip bytes %s, time %s\n",
		ratioStr(float64(mw.Requests), float64(pw.Requests)), ratioStr(float64(mw.GzipBytes), float64(pw.GzipBytes)), ratioStr(mw.Ms, pw.Ms))
}

// printBrowser writes the query times measured in headless Chromium, the
// median of each engine and their ratios.
func printBrowser(w io.Writer, r *sizeResult) {
	fmt.Fprintf(w, "\nQuery time in headless Chromium (ms by performance.now() in a blank page of the site, served on 127.0.0.1 without compression; "+
		"limit %d, Pagefind also loads the data of its top %d results, as its UI does to show them; cold = first query in a fresh browser context, "+
		"empty cache, module import included; warm = the same query again in the same page, median of %d; "+
		"second = the query run once in a page that has just answered the previous query of the list; "+
		"cold and second are medians over %d fresh pages, warm the median of their medians):\n\n", queryLimit, queryLimit, warmRepeats, browserRounds)
	fmt.Fprintln(w, "| engine | query | query time, Chromium, cold (ms) | query time, Chromium, warm (ms) | query time, Chromium, second (ms) | results | top result |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- | --- |")
	engines := []struct {
		name string
		bc   browserCost
	}{{"medkb", r.BrowserMedkb}, {"Pagefind", r.BrowserPF}}
	for _, e := range engines {
		if !e.bc.ok() {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", e.name, mdEscape(orDefault(e.bc.Why, "did not run")), na, na, na, na, na)
			continue
		}
		for _, q := range e.bc.Queries {
			fmt.Fprintf(w, "| %s | %s | %.1f | %.1f | %.1f | %d | %s |\n", e.name, q.Query, q.ColdMs, q.WarmMs, q.SecondMs, q.Results, mdEscape(q.Top))
		}
		cold, warm, second := e.bc.medians()
		fmt.Fprintf(w, "| %s | **median** | **%.1f** | **%.1f** | **%.1f** | %s | %s |\n", e.name, cold, warm, second, na, na)
	}
	fmt.Fprintln(w)
	m, p := r.BrowserMedkb, r.BrowserPF
	if !m.ok() || !p.ok() {
		fmt.Fprintf(w, "- medkb / Pagefind, query time in Chromium: n/a (%s)\n", orDefault(m.Why, orDefault(p.Why, "did not run")))
		return
	}
	mc, mw, ms := m.medians()
	pc, pw, ps := p.medians()
	fmt.Fprintf(w, "- medkb / Pagefind, query time in Chromium (medians): cold %s, warm %s, second %s\n", ratioStr(mc, pc), ratioStr(mw, pw), ratioStr(ms, ps))
}

func kib(q queryCost) string {
	return fmt.Sprintf("%.1f / %.1f", float64(q.Bytes)/1024, float64(q.GzipBytes)/1024)
}

// mdEscape keeps text from breaking a Markdown table row.
func mdEscape(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
	if s == "" {
		return na
	}
	return s
}

// serveResult is the reload latency on one site.
type serveResult struct {
	Site string
	Cost reloadCost
}

// msStr writes a duration in milliseconds with one decimal: the reload
// event's goal is tens of them.
func msStr(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

// reloadCaption says what the reload rows time.
const reloadCaption = "One article saved → `event: reload` read on /__medkb/events: from just before the file is written to the event's arrival, " +
	"i.e. medkb serve's file watch, debounce and rebuild (not the browser's fetch or repaint). " +
	"The first save after the server starts is the warm-up, shown apart; median and p90 are over the saves after it."

func printServe(w io.Writer, rs []serveResult) {
	fmt.Fprintf(w, "\n## Dev server: save → reload event\n\n%s\n\n", reloadCaption)
	fmt.Fprintln(w, "| site | median | p90 | warm-up | samples |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- |")
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %s |\n", r.Site, reloadCells(r.Cost, true))
	}
}

// reloadCells are the median, p90, warm-up and samples cells of a reload
// row (every sample with all, else their count), or why it has none.
func reloadCells(c reloadCost, all bool) string {
	if !c.ok() {
		return fmt.Sprintf("%s | %s | %s | %s", mdEscape(orDefault(c.Why, "did not run")), na, na, na)
	}
	samples := fmt.Sprint(len(c.Samples))
	if all {
		parts := make([]string, len(c.Samples))
		for i, d := range c.Samples {
			parts[i] = msStr(d)
		}
		samples = strings.Join(parts, ", ")
	}
	return fmt.Sprintf("%s | %s | %s | %s", msStr(median(c.Samples)), msStr(c.p90()), msStr(c.Warmup), samples)
}

// printReload writes the reload rows of the sizes that have one, with the
// distance to issue #23's goal, for the summary.
func printReload(w io.Writer, sizes []int, results map[int]*sizeResult) {
	var rows []string
	for _, n := range sizes {
		c := results[n].Reload
		if !c.ok() && !strings.HasPrefix(c.Why, "failed") {
			continue // not measured at this size
		}
		goal := "–"
		if c.ok() {
			goal = distance(float64(median(c.Samples))/float64(reloadGoal), target{Goal: 1, AtMost: true})
		}
		rows = append(rows, fmt.Sprintf("| %d | %s | %s |", n, reloadCells(c, false), goal))
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\nDev server (issue #23). %s\n\n", reloadCaption)
	fmt.Fprintf(w, "| articles | median | p90 | warm-up | saves | median ≤ %s |\n", msStr(reloadGoal))
	fmt.Fprintln(w, "| --- | --- | --- | --- | --- | --- |")
	fmt.Fprintln(w, strings.Join(rows, "\n"))
}
