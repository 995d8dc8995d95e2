package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/pprof/profile"
)

// Where a full build's CPU goes. Issue #20 asks for the targets met "or
// the exact distance, with a profile saying where the rest goes"; a
// profile taken by hand in one session goes stale with the next change.
// So after a size's timed runs the bench builds the medkb corpus once
// more from nothing with --cpuprofile (not timed: the profiler's own cost
// stays out of the medians) and sums the profile's CPU by the part of
// medkb each sample was in.

// cpuPart is a part of a build and the function-name prefixes of its
// frames.
type cpuPart struct {
	name     string
	prefixes []string
}

// cpuParts are matched from a sample's innermost frame outwards: the
// first frame in a part's package decides. So a write system call made
// for the search index counts as writing files, and the allocations of
// the YAML decoder as front matter. A sample with no frame in any part is
// "the rest": the build's planning and assembling, page bodies' summaries
// and glossaries (internal/body), cards, the sitemap, the build cache's
// encoding, the runtime outside garbage collection, the program's start.
var cpuParts = []cpuPart{
	{"writing files", []string{"github.com/medkb/medkb/internal/publish."}},
	{"reading sources", []string{"github.com/medkb/medkb/internal/source."}},
	{"front matter (YAML)", []string{"github.com/medkb/medkb/internal/frontmatter."}},
	{"Markdown (goldmark and medkb's extensions)", []string{"github.com/medkb/medkb/internal/markdown."}},
	{"page templates and page data", []string{"github.com/medkb/medkb/internal/render.", "github.com/medkb/medkb/internal/theme."}},
	{"search index", []string{"github.com/medkb/medkb/internal/search.", "github.com/medkb/medkb/internal/searchset."}},
	{"checks", []string{"github.com/medkb/medkb/internal/check.", "github.com/medkb/medkb/internal/check/", "github.com/medkb/medkb/internal/checkset."}},
	{"feeds", []string{"github.com/medkb/medkb/internal/feed.", "github.com/medkb/medkb/internal/feedset."}},
	{"garbage collection", []string{"runtime.gcBgMarkWorker", "runtime.bgsweep", "runtime.bgscavenge"}},
}

// restPart names the samples no part claims.
const restPart = "the rest"

// cpuShare is the CPU a profile put in one part.
type cpuShare struct {
	Part string
	CPU  time.Duration
}

// cpuProfile is a full build's profile summed by part (Shares in
// cpuParts' order, then the rest), or why there is none.
type cpuProfile struct {
	Shares []cpuShare `json:",omitempty"`
	Total  time.Duration
	Why    string `json:",omitempty"`
}

func (c cpuProfile) ok() bool { return c.Why == "" && c.Total > 0 }

// partOf returns the part of a sample whose frames (innermost first) are
// fns.
func partOf(fns []string) string {
	for _, fn := range fns {
		for _, p := range cpuParts {
			for _, pre := range p.prefixes {
				if strings.HasPrefix(fn, pre) {
					return p.name
				}
			}
		}
	}
	return restPart
}

// sharesOf sums a CPU profile's samples by part.
func sharesOf(p *profile.Profile) (cpuProfile, error) {
	value := -1
	for i, st := range p.SampleType {
		if st.Type == "cpu" && st.Unit == "nanoseconds" {
			value = i
		}
	}
	if value < 0 {
		return cpuProfile{}, fmt.Errorf("not a CPU profile (no cpu/nanoseconds samples)")
	}
	sums := map[string]time.Duration{}
	var total time.Duration
	var fns []string
	for _, s := range p.Sample {
		fns = fns[:0]
		for _, loc := range s.Location {
			for _, l := range loc.Line { // innermost first: inlined calls precede their caller
				if l.Function != nil {
					fns = append(fns, l.Function.Name)
				}
			}
		}
		d := time.Duration(s.Value[value])
		sums[partOf(fns)] += d
		total += d
	}
	out := cpuProfile{Total: total}
	for _, part := range cpuParts {
		out.Shares = append(out.Shares, cpuShare{part.name, sums[part.name]})
	}
	out.Shares = append(out.Shares, cpuShare{restPart, sums[restPart]})
	return out, nil
}

// profileMedkb builds dir once more from nothing (setAsideBuild, as before
// a timed full build) with a CPU profile, and sums
// the profile by part.
func profileMedkb(ctx context.Context, medkb tool, dir string, capKB int64) cpuProfile {
	if err := setAsideBuild(dir); err != nil {
		return cpuProfile{Why: err.Error()}
	}
	file := filepath.Join(filepath.Dir(dir), "cpu.prof")
	if _, err := runCapped(ctx, capKB, dir, medkb.Path, "build", "--quiet", "--cpuprofile", file, "--source", dir); err != nil {
		return cpuProfile{Why: failure(err)}
	}
	f, err := os.Open(file)
	if err != nil {
		return cpuProfile{Why: err.Error()}
	}
	defer f.Close()
	p, err := profile.Parse(f)
	if err != nil {
		return cpuProfile{Why: fmt.Sprintf("reading %s: %v", file, err)}
	}
	c, err := sharesOf(p)
	if err != nil {
		return cpuProfile{Why: fmt.Sprintf("%s: %v", file, err)}
	}
	return c
}

// printProfile writes where a size's profiled build spent its CPU.
func printProfile(w io.Writer, r *sizeResult) {
	c := r.Profile
	if !c.ok() {
		if c.Why != "" {
			fmt.Fprintf(w, "- where medkb's CPU went: %s\n", c.Why)
		}
		return
	}
	var parts []string
	for _, s := range c.Shares {
		parts = append(parts, fmt.Sprintf("%s %s (%.0f %%)", s.Part, durStr(s.CPU), 100*s.CPU.Seconds()/c.Total.Seconds()))
	}
	fmt.Fprintf(w, "- where medkb's CPU went (one more full build with --cpuprofile, not timed; %s of samples): %s\n",
		durStr(c.Total), strings.Join(parts, "; "))
}

// printProfiles writes, for the README block, each profiled size's CPU by
// part: the distance to issue #20's targets, and where it goes.
func printProfiles(w io.Writer, sizes []int, results map[int]*sizeResult) {
	var have []int
	for _, n := range sizes {
		if results[n].Profile.ok() {
			have = append(have, n)
		}
	}
	if len(have) == 0 {
		return
	}
	fmt.Fprintln(w, "\nWhere a full medkb build's CPU went: one more full build of each size after its timed runs, with `--cpuprofile` (not timed), its samples summed by the part of medkb they were in (a sample counts for the innermost frame in one of these parts: a file written for the search index is writing files; allocations count for the part that made them):")
	fmt.Fprintln(w)
	head, rule := "| part |", "| --- |"
	for _, n := range have {
		head += fmt.Sprintf(" %d articles |", n)
		rule += " --- |"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for i, s := range results[have[0]].Profile.Shares {
		line := "| " + s.Part + " |"
		for _, n := range have {
			c := results[n].Profile
			if i >= len(c.Shares) || c.Shares[i].Part != s.Part {
				line += " – |"
				continue
			}
			d := c.Shares[i].CPU
			line += fmt.Sprintf(" %.1f %% (%s) |", 100*d.Seconds()/c.Total.Seconds(), durStr(d))
		}
		fmt.Fprintln(w, line)
	}
	line := "| all samples |"
	for _, n := range have {
		line += fmt.Sprintf(" %s |", durStr(results[n].Profile.Total))
	}
	fmt.Fprintln(w, line)
}
