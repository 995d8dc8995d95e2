package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// resultsFile is what -results writes after each size and -merge reads: a
// run's measurements, with what a reader needs to judge them beside
// another run's (the machine and its load, the runs per step, the date).
type resultsFile struct {
	Machine string
	Runs    int
	Date    time.Time
	Sizes   map[int]*sizeResult
}

// earlierRun is one -merge file, read.
type earlierRun struct {
	Source string // how the README names it: file, date, runs, machine
	Sizes  map[int]*sizeResult
	// Search: the file was named FILE:search (a -search-only run made
	// after a change to search, beside a bench run from before it). Its
	// search figures (the first query on the phone link, the search cost
	// under Node) replace those of the files before it, not this run's,
	// and it adds nothing else: its builds only made the sites it queried.
	Search bool
}

// writeResults writes this run's results to name.
func writeResults(name string, runs int, results map[int]*sizeResult) error {
	data, err := json.MarshalIndent(resultsFile{Machine: thisMachine().String(), Runs: runs, Date: time.Now().UTC(), Sizes: results}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(data, '\n'), 0o644)
}

// readEarlier reads the -merge files; an unreadable file is an error that
// names it, before anything is measured.
func readEarlier(names []string) ([]earlierRun, error) {
	var out []earlierRun
	for _, name := range names {
		name, search := strings.CutSuffix(name, ":search")
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("-merge: %w", err)
		}
		var f resultsFile
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("-merge: %s is not a -results file: %w", name, err)
		}
		if len(f.Sizes) == 0 {
			return nil, fmt.Errorf("-merge: %s has no measured sizes", name)
		}
		source := fmt.Sprintf("%s (a separate run on %s, medians of %d runs; machine: %s)",
			filepath.Base(name), f.Date.Format("2006-01-02 15:04 UTC"), f.Runs, f.Machine)
		out = append(out, earlierRun{Source: source, Sizes: f.Sizes, Search: search})
	}
	return out, nil
}

// withEarlier returns this run's results with the earlier runs' filling in
// what this run did not measure: a size it did not run, or a step or cost
// it skipped or failed. This run's own measurements always win; each
// filled-in size records what came from where (sizeResult.Merged). The
// maps and results passed in are not modified.
func withEarlier(results map[int]*sizeResult, earlier []earlierRun) map[int]*sizeResult {
	out := make(map[int]*sizeResult, len(results))
	for n, r := range results {
		c := *r
		c.Merged = slices.Clone(r.Merged)
		out[n] = &c
	}
	for _, e := range earlier {
		if e.Search {
			replaceSearch(out, results, e)
			continue
		}
		for n, src := range e.Sizes {
			dst := out[n]
			if dst == nil {
				// A size this run did not measure: all of it, with the
				// reasons its skipped steps give.
				c := *src
				c.Merged = append(slices.Clone(src.Merged), "all figures: from "+e.Source)
				out[n] = &c
				continue
			}
			var took []string
			for _, f := range []struct {
				name     string
				dst, src *outcome
			}{
				{"medkb build (full)", &dst.Full, &src.Full}, {"nothing changed", &dst.NoChange, &src.NoChange},
				{"one article changed", &dst.OneChange, &src.OneChange}, {"floor", &dst.Floor, &src.Floor},
				{"Hugo", &dst.Hugo, &src.Hugo}, {"Pagefind", &dst.Pagefind, &src.Pagefind},
				{"Hugo + Pagefind", &dst.HugoSearch, &src.HugoSearch}, {"searchonly", &dst.IndexOnly, &src.IndexOnly},
			} {
				// A step this run measured, or that failed in it, stays;
				// one it did not run takes the earlier figures, measured or
				// failed (a failure under the memory cap is a result).
				if !f.dst.ok() && !strings.HasPrefix(f.dst.Why, "failed") && (f.src.ok() || f.src.Why != "" && !strings.HasPrefix(f.src.Why, "not ")) ||
					reused(f.dst.Why) {
					*f.dst = *f.src
					took = append(took, f.name)
				}
			}
			for _, f := range nodeFigures {
				if d, sc := f.of(dst), f.of(src); !d.ok() && sc.ok() || reused(d.Why) {
					*d = *sc
					took = append(took, f.name)
				}
			}
			for _, f := range phoneFigures {
				if d, sc := f.of(dst), f.of(src); !d.ok() && sc.ok() || reused(d.Why) {
					*d = *sc
					took = append(took, f.name)
					dst.IndexBy = src.IndexBy
				}
			}
			for _, f := range []struct {
				name     string
				dst, src *browserCost
			}{{"medkb query time (Chromium)", &dst.BrowserMedkb, &src.BrowserMedkb}, {"Pagefind query time (Chromium)", &dst.BrowserPF, &src.BrowserPF}} {
				if !f.dst.ok() && f.src.ok() {
					*f.dst = *f.src
					took = append(took, f.name)
				}
			}
			if !dst.Reload.ok() && !strings.HasPrefix(dst.Reload.Why, "failed") && src.Reload.ok() {
				dst.Reload = src.Reload
				took = append(took, "dev server reload event")
			}
			if !dst.Profile.ok() && !strings.HasPrefix(dst.Profile.Why, "failed") && src.Profile.ok() {
				dst.Profile = src.Profile
				took = append(took, "CPU profile")
			}
			if len(took) > 0 {
				dst.Merged = append(dst.Merged, strings.Join(took, ", ")+": from "+e.Source)
			}
		}
	}
	return out
}

// replaceSearch puts the search figures of a search run over those of
// the sizes out holds that this run (mine) did not measure; a size out
// does not hold gets none: the search run's builds are not the bench's.
func replaceSearch(out, mine map[int]*sizeResult, e earlierRun) {
	for n, src := range e.Sizes {
		dst := out[n]
		if dst == nil {
			continue
		}
		own := mine[n]
		if own == nil {
			own = &sizeResult{}
		}
		var took []string
		for _, f := range phoneFigures {
			if sc := f.of(src); sc.ok() && !f.of(own).ok() {
				*f.of(dst) = *sc
				took = append(took, f.name)
			}
		}
		for _, f := range nodeFigures {
			if sc := f.of(src); sc.ok() && !f.of(own).ok() {
				*f.of(dst) = *sc
				took = append(took, f.name)
			}
		}
		if len(took) > 0 && own.IndexBy == "" {
			dst.IndexBy = src.IndexBy // the search figures name their index
		}
		if len(took) > 0 {
			dst.Merged = append(dst.Merged, strings.Join(took, ", ")+": from "+e.Source)
		}
	}
}

// phoneFigures and nodeFigures name a size's search figures, as the
// tables' sources list them, and find them in a sizeResult.
var (
	phoneFigures = []struct {
		name string
		of   func(*sizeResult) *phoneCost
	}{
		{"medkb first query (phone link)", func(r *sizeResult) *phoneCost { return &r.PhoneMedkb }},
		{"Pagefind first query (phone link)", func(r *sizeResult) *phoneCost { return &r.PhonePF }},
		{"medkb first query after a tap (phone link)", func(r *sizeResult) *phoneCost { return &r.TappedMedkb }},
		{"Pagefind first query after a tap (phone link)", func(r *sizeResult) *phoneCost { return &r.TappedPF }},
	}
	nodeFigures = []struct {
		name string
		of   func(*sizeResult) *searchCost
	}{
		{"medkb search cost (Node)", func(r *sizeResult) *searchCost { return &r.SearchMedkb }},
		{"Pagefind search cost (Node)", func(r *sizeResult) *searchCost { return &r.SearchPF }},
	}
)

// reused reports whether why is the placeholder of a -reuse run for a step
// it did not redo: the earlier run's figures or reasons replace it.
func reused(why string) bool { return strings.Contains(why, "not run: -reuse") }
