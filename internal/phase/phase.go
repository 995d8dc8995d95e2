// Package phase runs a recipe: named steps in order, each timed, stopping
// at the first error or when the context is cancelled. A step may hold
// chains instead of a function: the chains run side by side, each in
// order, so that one chain's single-threaded stretches use the cores
// another leaves idle; when several chains fail their errors come back
// together (their diagnostics in one diag.Errs). Package parallel spreads
// one step's work over the cores.
//
// It knows nothing of what the steps do: package site lists them.
// A Runner's hooks are called from the goroutine that runs the step, so
// concurrently for steps of parallel chains.
package phase

import (
	"context"
	"runtime/metrics"
	"slices"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/diag"
)

// Step is one named step of a recipe: Run, or Chains run side by side.
type Step struct {
	Name   string
	Run    func() error
	Chains [][]Step
	// OneByOne, when set, is asked as the step starts whether its Chains
	// should run one after the other, in order, rather than side by side:
	// for a build whose memory is short, holding one chain's working data
	// at a time matters more than using every core for both.
	OneByOne func() bool
}

// Timing is how long one step took.
type Timing struct {
	Name string
	Dur  time.Duration
	// Within names the step whose chains this one ran in, alongside the
	// other chains; "" for a step of the main sequence.
	Within string
	// OneByOne: the step ran its chains one after the other
	// (Step.OneByOne), not side by side.
	OneByOne bool
}

// Runner runs recipes.
type Runner struct {
	Ctx context.Context
	// Start, when set, is called as each step starts.
	Start func(name string)
	// Done is called with each step's timing as it ends, failed or not.
	Done func(Timing)
}

// Run runs steps in order, stopping at the first error, which it returns;
// a cancelled context stops it before the next step, with the context's
// error.
func (r Runner) Run(steps []Step) error { return r.run("", steps) }

func (r Runner) run(within string, steps []Step) error {
	for _, st := range steps {
		if err := r.Ctx.Err(); err != nil {
			return err
		}
		if r.Start != nil {
			r.Start(st.Name)
		}
		start := time.Now()
		var err error
		oneByOne := st.Chains != nil && st.OneByOne != nil && st.OneByOne()
		switch {
		case oneByOne:
			for _, ch := range st.Chains {
				if err = r.run(st.Name, ch); err != nil {
					break
				}
			}
		case st.Chains != nil:
			err = r.chains(st.Name, st.Chains)
		default:
			err = st.Run()
		}
		r.Done(Timing{Name: st.Name, Dur: time.Since(start), Within: within, OneByOne: oneByOne})
		if err != nil {
			return err
		}
	}
	return nil
}

// chains runs each chain in its own goroutine. When one chain fails its
// error is returned as it is; when several do, their diagnostics together.
func (r Runner) chains(within string, chains [][]Step) error {
	errs := make([]error, len(chains))
	var wg sync.WaitGroup
	for i, ch := range chains {
		wg.Go(func() { errs[i] = r.run(within, ch) })
	}
	wg.Wait()
	var failed []error
	for _, err := range errs {
		if err != nil {
			failed = append(failed, err)
		}
	}
	switch len(failed) {
	case 0:
		return nil
	case 1:
		return failed[0]
	}
	var all diag.List
	for _, err := range failed {
		all = append(all, diag.From(err)...)
	}
	return &diag.Errs{List: all}
}

// Through returns steps up to and including the one named name (all of
// them when none is). When name is a step of a chain, the step holding
// the chains ends the recipe with that chain alone, up to name.
func Through(steps []Step, name string) []Step {
	for i, st := range steps {
		if st.Name == name {
			return steps[:i+1]
		}
		for _, ch := range st.Chains {
			if j := slices.IndexFunc(ch, func(s Step) bool { return s.Name == name }); j >= 0 {
				return append(steps[:i:i], Step{Name: st.Name, Chains: [][]Step{ch[:j+1]}})
			}
		}
	}
	return steps
}

// LiveHeap returns the bytes of heap the last garbage collection found
// live: what a step's OneByOne weighs against a memory budget, and what
// a trace shows as each step starts.
func LiveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
