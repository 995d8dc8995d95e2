package phase

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestChainsReportEveryFailure: when both chains of a step fail, Run
// returns both errors, and the steps after the failing one in each chain
// do not run; each step that ran is timed, within its group.
func TestChainsReportEveryFailure(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	ran := map[string]bool{}
	timed := map[string]string{}
	r := Runner{Ctx: context.Background(), Done: func(tm Timing) {
		mu.Lock()
		timed[tm.Name] = tm.Within
		mu.Unlock()
	}}
	step := func(name string, err error) Step {
		return Step{Name: name, Run: func() error {
			mu.Lock()
			ran[name] = true
			mu.Unlock()
			return err
		}}
	}
	errA := &diag.Diagnostic{File: "a.md", Severity: diag.Error, Message: "first chain failed"}
	errB := &diag.Diagnostic{File: "b.md", Severity: diag.Error, Message: "second chain failed"}
	err := r.Run([]Step{{Name: "outputs", Chains: [][]Step{
		{step("pages", nil), step("check", errA), step("after-a", nil)},
		{step("search", errB), step("after-b", nil)},
	}}})
	if err == nil {
		t.Fatal("Run returned nil, want the chains' errors")
	}
	files := map[string]bool{}
	for _, d := range diag.From(err) {
		files[d.File] = true
	}
	if !files["a.md"] || !files["b.md"] {
		t.Errorf("error %v, want both chains' errors", err)
	}
	if ran["after-a"] || ran["after-b"] || !ran["pages"] {
		t.Errorf("ran %v: a chain must stop at its failing step and only there", ran)
	}
	if within, ok := timed["check"]; !ok || within != "outputs" {
		t.Errorf("check timed within %q (%v), want outputs", within, ok)
	}
	if within, ok := timed["outputs"]; !ok || within != "" {
		t.Errorf("outputs timed within %q (%v), want the main sequence", within, ok)
	}

	// One failing chain returns its error unchanged.
	err = r.Run([]Step{{Name: "outputs", Chains: [][]Step{{step("pages", nil)}, {step("search", context.Canceled)}}}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled as it is", err)
	}
}

// TestCancelledContextStopsBeforeTheNextStep: a step that cancels the
// context is the last to run.
func TestCancelledContextStopsBeforeTheNextStep(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ran []string
	r := Runner{Ctx: ctx, Done: func(Timing) {}}
	err := r.Run([]Step{
		{Name: "a", Run: func() error { ran = append(ran, "a"); cancel(); return nil }},
		{Name: "b", Run: func() error { ran = append(ran, "b"); return nil }},
	})
	if !errors.Is(err, context.Canceled) || len(ran) != 1 {
		t.Errorf("err = %v, ran %v; want context.Canceled after a only", err, ran)
	}
	if got := Through([]Step{{Name: "a"}, {Name: "b"}, {Name: "c"}}, "b"); len(got) != 2 {
		t.Errorf("Through(b) = %d steps, want 2", len(got))
	}
}

// TestThroughCutsInsideAChain: a recipe cut at a step of a chain ends
// with that chain alone, up to the step; the other chains do not run.
func TestThroughCutsInsideAChain(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var ran []string
	step := func(name string) Step {
		return Step{Name: name, Run: func() error { mu.Lock(); ran = append(ran, name); mu.Unlock(); return nil }}
	}
	recipe := []Step{step("config"), {Name: "load", Chains: [][]Step{
		{step("read"), step("parse"), step("assemble")},
		{step("theme")},
	}}, step("markdown")}
	for _, c := range []struct {
		name string
		want []string
	}{
		{"parse", []string{"config", "read", "parse"}},
		{"theme", []string{"config", "theme"}},
		{"config", []string{"config"}},
		{"markdown", nil}, // all of them; the chains' order is free
	} {
		ran = nil
		if err := (Runner{Ctx: context.Background(), Done: func(Timing) {}}).Run(Through(recipe, c.name)); err != nil {
			t.Fatal(err)
		}
		if c.want == nil {
			if len(ran) != 6 || ran[0] != "config" || ran[5] != "markdown" {
				t.Errorf("through %s ran %v; want all six, config first and markdown last", c.name, ran)
			}
			continue
		}
		if !slices.Equal(ran, c.want) {
			t.Errorf("through %s ran %v; want %v", c.name, ran, c.want)
		}
	}
	if len(recipe[1].Chains) != 2 {
		t.Error("Through changed the recipe it was given")
	}
}

// TestOneByOneRunsChainsInOrder: when OneByOne says so, a step's chains
// run one after the other, in order, each step timed within the group,
// and a failing chain stops the ones after it; when it says no, they run
// side by side (here the first chain waits for the second, which would
// never finish one by one).
func TestOneByOneRunsChainsInOrder(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var order []string
	timed := map[string]string{}
	oneByOneTimed := map[string]bool{}
	r := Runner{Ctx: context.Background(), Done: func(tm Timing) {
		mu.Lock()
		timed[tm.Name], oneByOneTimed[tm.Name] = tm.Within, tm.OneByOne
		mu.Unlock()
	}}
	step := func(name string, err error) Step {
		return Step{Name: name, Run: func() error {
			mu.Lock()
			order = append(order, name)
			mu.Unlock()
			return err
		}}
	}
	oneByOne := func() bool { return true }
	if err := r.Run([]Step{{Name: "outputs", OneByOne: oneByOne, Chains: [][]Step{
		{step("search", nil), step("cache", nil)},
		{step("pages", nil), step("check", nil)},
	}}}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"search", "cache", "pages", "check"}; !slices.Equal(order, want) {
		t.Errorf("ran %v, want %v", order, want)
	}
	if within := timed["pages"]; within != "outputs" {
		t.Errorf("pages timed within %q, want outputs", within)
	}
	if !oneByOneTimed["outputs"] || oneByOneTimed["pages"] {
		t.Errorf("timings say one by one: %v, want outputs only", oneByOneTimed)
	}

	order = nil
	failed := &diag.Diagnostic{File: "a.md", Severity: diag.Error, Message: "search failed"}
	err := r.Run([]Step{{Name: "outputs", OneByOne: oneByOne, Chains: [][]Step{
		{step("search", failed), step("cache", nil)},
		{step("pages", nil)},
	}}})
	if !errors.Is(err, failed) {
		t.Errorf("err = %v, want the first chain's", err)
	}
	if want := []string{"search"}; !slices.Equal(order, want) {
		t.Errorf("ran %v after a failure, want %v", order, want)
	}

	second := make(chan struct{})
	err = r.Run([]Step{{Name: "outputs", OneByOne: func() bool { return false }, Chains: [][]Step{
		{{Name: "waits", Run: func() error { <-second; return nil }}},
		{{Name: "signals", Run: func() error { close(second); return nil }}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	if oneByOneTimed["outputs"] {
		t.Error("outputs timed as one by one, but its chains ran side by side")
	}
}
