package main

import (
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"
)

// cpuProfileOf makes a CPU profile of one sample per duration, in the
// frames given innermost first; a frame "a|b" is one location with b
// inlined into a (b innermost).
func cpuProfileOf(samples map[time.Duration][]string) *profile.Profile {
	p := &profile.Profile{SampleType: []*profile.ValueType{{Type: "samples", Unit: "count"}, {Type: "cpu", Unit: "nanoseconds"}}}
	fns := map[string]*profile.Function{}
	fn := func(name string) *profile.Function {
		if f, ok := fns[name]; ok {
			return f
		}
		f := &profile.Function{ID: uint64(len(fns) + 1), Name: name}
		fns[name] = f
		p.Function = append(p.Function, f)
		return f
	}
	for d, frames := range samples {
		s := &profile.Sample{Value: []int64{1, int64(d)}}
		for _, fr := range frames {
			loc := &profile.Location{ID: uint64(len(p.Location) + 1)}
			names := strings.Split(fr, "|")
			for i := len(names) - 1; i >= 0; i-- { // Line[0] is the innermost
				loc.Line = append(loc.Line, profile.Line{Function: fn(names[i])})
			}
			p.Location = append(p.Location, loc)
			s.Location = append(s.Location, loc)
		}
		p.Sample = append(p.Sample, s)
	}
	return p
}

func TestSharesOfSumsSamplesByTheirInnermostPart(t *testing.T) {
	t.Parallel()
	p := cpuProfileOf(map[time.Duration][]string{
		// the search index's file, written: writing files
		10 * time.Millisecond: {"internal/runtime/syscall/linux.Syscall6", "github.com/medkb/medkb/internal/publish.writeNew",
			"github.com/medkb/medkb/internal/site.(*build).write", "github.com/medkb/medkb/internal/search.Write"},
		// the YAML decoder's allocation: front matter
		20 * time.Millisecond: {"runtime.mallocgc", "go.yaml.in/yaml/v3.(*parser).parse",
			"github.com/medkb/medkb/internal/frontmatter.decodeYAML", "github.com/medkb/medkb/internal/site.(*build).parse.func1"},
		// a check inlined into page rendering: the inlined frame is the innermost
		30 * time.Millisecond: {"strings.Index", "github.com/medkb/medkb/internal/render.(*Renderer).PageTo|github.com/medkb/medkb/internal/check/phi.Scan"},
		40 * time.Millisecond: {"runtime.scanObject", "runtime.gcDrain", "runtime.gcBgMarkWorker"},
		50 * time.Millisecond: {"runtime.schedule", "runtime.main"},
		60 * time.Millisecond: {"github.com/yuin/goldmark/parser.(*parser).Parse", "github.com/medkb/medkb/internal/markdown.(*Renderer).Render",
			"github.com/medkb/medkb/internal/body.(*job).render"},
	})
	got, err := sharesOf(p)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Duration{
		"writing files": 10 * time.Millisecond, "front matter (YAML)": 20 * time.Millisecond, "checks": 30 * time.Millisecond,
		"garbage collection": 40 * time.Millisecond, restPart: 50 * time.Millisecond,
		"Markdown (goldmark and medkb's extensions)": 60 * time.Millisecond,
	}
	if got.Total != 210*time.Millisecond {
		t.Errorf("total %v, want 210ms", got.Total)
	}
	if len(got.Shares) != len(cpuParts)+1 || got.Shares[len(got.Shares)-1].Part != restPart {
		t.Fatalf("shares %+v: want every part in order, then the rest", got.Shares)
	}
	for i, s := range got.Shares {
		if i < len(cpuParts) && s.Part != cpuParts[i].name {
			t.Errorf("share %d is %q, want %q", i, s.Part, cpuParts[i].name)
		}
		if s.CPU != want[s.Part] {
			t.Errorf("%s: %v, want %v", s.Part, s.CPU, want[s.Part])
		}
	}

	heap := &profile.Profile{SampleType: []*profile.ValueType{{Type: "alloc_space", Unit: "bytes"}}}
	if _, err := sharesOf(heap); err == nil || !strings.Contains(err.Error(), "not a CPU profile") {
		t.Errorf("a heap profile: %v", err)
	}
}

// TestProfileTableInTheSummary: the README block shows each profiled
// size's parts, and a size measured now without a profile takes an
// earlier run's, naming it.
func TestProfileTableInTheSummary(t *testing.T) {
	t.Parallel()
	prof, err := sharesOf(cpuProfileOf(map[time.Duration][]string{
		3 * time.Second: {"github.com/medkb/medkb/internal/search.asciiWords"},
		1 * time.Second: {"runtime.main"},
	}))
	if err != nil {
		t.Fatal(err)
	}
	full := outcome{Samples: []sample{{Wall: time.Second, CPU: 2 * time.Second}}}
	now := map[int]*sizeResult{10: {Articles: 10, Full: full, Profile: cpuProfile{Why: "not profiled: above -profile-up-to 0 articles"}}}
	merged := withEarlier(now, []earlierRun{{Source: "earlier.json", Sizes: map[int]*sizeResult{10: {Articles: 10, Full: full, Profile: prof}}}})
	var b strings.Builder
	printSummary(&b, thisMachine(), 1, merged)
	wantIn(t, "summary", b.String(),
		"| part | 10 articles |",
		"| search index | 75.0 % (3.00 s) |",
		"| the rest | 25.0 % (1.00 s) |",
		"| writing files | 0.0 % (0 ms) |",
		"| all samples | 4.00 s |",
		"CPU profile: from earlier.json",
	)
}
