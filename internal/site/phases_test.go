package site

import (
	"context"
	"errors"
	"testing"

	"github.com/medkb/medkb/internal/diag"
)

// TestChainsReportEveryFailure: when both chains of a group fail, the build
// reports both errors, and the phases after the failing one in each chain
// do not run.
func TestChainsReportEveryFailure(t *testing.T) {
	bd := newBuild(New(Options{}), context.Background(), nil)
	ran := map[string]bool{}
	step := func(name string, err error) phase {
		return phase{name: name, run: func() error {
			bd.mu.Lock()
			ran[name] = true
			bd.mu.Unlock()
			return err
		}}
	}
	errA := &diag.Diagnostic{File: "a.md", Severity: diag.Error, Message: "first chain failed"}
	errB := &diag.Diagnostic{File: "b.md", Severity: diag.Error, Message: "second chain failed"}
	err := bd.run([]phase{{name: "outputs", chains: [][]phase{
		{step("pages", nil), step("check", errA), step("after-a", nil)},
		{step("search", errB), step("after-b", nil)},
	}}})
	if err == nil {
		t.Fatal("run returned nil, want the chains' errors")
	}
	files := map[string]bool{}
	for _, d := range bd.res.Diagnostics {
		files[d.File] = true
	}
	if !files["a.md"] || !files["b.md"] {
		t.Errorf("diagnostics %v, want both chains' errors", bd.res.Diagnostics)
	}
	if ran["after-a"] || ran["after-b"] || !ran["pages"] {
		t.Errorf("ran %v: a chain must stop at its failing phase and only there", ran)
	}

	// One failing chain returns its error unchanged.
	bd = newBuild(New(Options{}), context.Background(), nil)
	err = bd.run([]phase{{name: "outputs", chains: [][]phase{{step("pages", nil)}, {step("search", context.Canceled)}}}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled as it is", err)
	}
}
