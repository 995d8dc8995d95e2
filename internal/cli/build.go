package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/report"
	"github.com/medkb/medkb/internal/site"
)

const buildUsage = `Usage: medkb build [flags]

Builds the site into the destination folder (public/ by default). The new site
is written into a temporary folder and swapped in only when the build succeeds,
so a failed build leaves the previous public/ untouched.

Examples:
  medkb build
  medkb build --source ~/sites/clinic --destination /srv/www/clinic
  medkb build --drafts --base-url http://localhost:8080/
  medkb build --trace --cpuprofile cpu.prof

Environment:
  MEDKB_HUGEPAGES=on  back a full build's heap with huge pages (off by
                      default: on the project's machine no build measured
                      faster, small sites slower; see README, "Page faults
                      and huge pages")

Flags:
`

type buildFlags struct {
	source, dest, baseURL  string
	drafts, quiet, verbose bool
	force                  bool
	trace                  bool
	cpuprofile, memprofile string
}

func (f *buildFlags) register(fs *flag.FlagSet, env Env) {
	fs.StringVar(&f.source, "source", env.Dir, "site folder (holds medkb.yaml)")
	fs.StringVar(&f.source, "s", env.Dir, "shorthand for --source")
	fs.BoolVar(&f.drafts, "drafts", false, "include pages marked draft: true")
	fs.StringVar(&f.baseURL, "base-url", "", "override base_url from medkb.yaml")
}

func runBuild(ctx context.Context, env Env, args []string) int {
	var f buildFlags
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	f.register(fs, env)
	fs.StringVar(&f.dest, "destination", "", "output folder (default SOURCE/public)")
	fs.StringVar(&f.dest, "d", "", "shorthand for --destination")
	fs.BoolVar(&f.quiet, "quiet", false, "print only errors")
	fs.BoolVar(&f.verbose, "verbose", false, "print every warning in full and the time of each phase")
	fs.BoolVar(&f.trace, "trace", false, "print the time of each build phase")
	fs.StringVar(&f.cpuprofile, "cpuprofile", "", "write a CPU profile to `FILE`")
	fs.StringVar(&f.memprofile, "memprofile", "", "write a heap profile to `FILE` at the build's largest live heap")
	fs.BoolVar(&f.force, "force", false, "build even when no input changed since the last build")
	if code, ok := parseFlags(env, fs, buildUsage, args); !ok {
		return code
	}
	src, err := filepath.Abs(f.source)
	if err != nil {
		return fail(env, err)
	}
	dest := f.dest
	if dest == "" {
		dest = filepath.Join(src, "public")
	} else if !filepath.IsAbs(dest) {
		dest = filepath.Join(env.Dir, dest)
	}
	if f.cpuprofile != "" {
		pf, err := os.Create(f.cpuprofile)
		if err != nil {
			return fail(env, err)
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return fail(env, err)
		}
		defer pprof.StopCPUProfile()
	}
	huge := hugePagesWanted(env, f.quiet)
	start := time.Now()
	allocs := allocatedSoFar()
	stop := progress(env, f.quiet)
	opts := site.Options{Source: src, Drafts: f.drafts, BaseURL: f.baseURL, CacheDir: filepath.Join(src, ".medkb", "cache"), Dest: dest}
	if f.trace {
		var mu sync.Mutex
		opts.PhaseStart = func(name string) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(env.Stderr, "medkb: phase %s started at %s (live heap %d MiB)\n", name, time.Since(start).Round(time.Millisecond), phase.LiveHeap()>>20)
		}
	}
	// The budget is sized and the memory watched only once Publish knows
	// there is something to build.
	var (
		budget     int64
		budgetLine int
		mw         *memoryWatch
		reserved   allocated // by reserveHeap, not the build's
	)
	pub, err := site.Publish(ctx, opts, site.PublishOptions{Version: fingerprintVersion(), Force: f.force, LockWait: 2 * time.Minute,
		Budget: func(inputs []string, patch bool) int64 {
			budget, budgetLine = memoryBudget(src, inputs)
			if huge && !patch { // see reserveHeap: huge pages cost a patch more than they save
				before := allocatedSoFar()
				reserveHeap(budget)
				reserved = allocatedSoFar().since(before)
			}
			mw = watchMemory(budget, f.memprofile)
			return budget
		}})
	stop()
	livePeak, lifted := mw.stop()
	switch {
	case site.IsStage(err, site.StageBuild):
		printDiags(env, pub.Result, f.verbose, f.quiet)
		if pub.Result != nil && pub.Result.NotChecked != "" {
			fmt.Fprintln(env.Stderr, pub.Result.NotChecked)
		}
		fmt.Fprintf(env.Stderr, "Build failed; %s was left unchanged.\n", rel(env.Dir, dest))
		return ExitError
	case site.IsStage(err, site.StagePatch):
		fmt.Fprintf(env.Stderr, "medkb: updating %s in place failed: %v\nRun medkb build again; a folder left part updated is rebuilt whole.\n", rel(env.Dir, dest), errors.Unwrap(err))
		return ExitError
	case err != nil:
		return fail(env, err)
	case pub.Skipped:
		// The warnings of the build that made dest, which apply to the
		// site as it still is, printed as that build printed them.
		printDiags(env, pub.Result, f.verbose, f.quiet)
		if !f.quiet {
			fmt.Fprintln(env.Stdout)
			warningsLine(env.Stdout, pub.Result)
			fmt.Fprintf(env.Stdout, "Nothing changed since the last build; %s is up to date (%s). Use --force to rebuild.\n",
				rel(env.Dir, dest), time.Since(start).Round(time.Millisecond))
		}
		return ExitOK
	}
	if pub.StateErr != nil && !f.quiet {
		fmt.Fprintf(env.Stderr, "medkb: %v (the next edit will rebuild everything)\n", pub.StateErr)
	}
	res := pub.Result
	if err := writeServerFiles(opts.Source, res.ServerFiles); err != nil {
		return fail(env, err)
	}
	if err := mw.profileErr(); err != nil {
		return fail(env, err)
	}
	printDiags(env, res, f.verbose, f.quiet)
	if !f.quiet {
		summary(env.Stdout, res, pub.Reused, rel(env.Dir, dest), time.Since(start))
	}
	if f.trace || f.verbose {
		phases(env.Stdout, res)
	}
	if f.trace || f.verbose {
		traceMemory(env.Stdout, livePeak, budget, allocatedSoFar().since(allocs).since(reserved))
	}
	if !f.quiet {
		warnMemory(env.Stderr, livePeak, lifted, budget, budgetLine)
	}
	return ExitOK
}

func rel(base, p string) string {
	if r, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

func fail(env Env, err error) int {
	for _, d := range diag.From(err) {
		fmt.Fprintf(env.Stderr, "medkb: %s\n", d.String())
	}
	return ExitError
}

// progress prints an elapsed-time line on a terminal when a build takes
// more than a second; the returned function clears it.
func progress(env Env, quiet bool) func() {
	f, ok := env.Stderr.(*os.File)
	if quiet || !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		start := time.Now()
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(f, "\r\033[K")
				}
				return
			case <-t.C:
				if el := time.Since(start); el > time.Second {
					fmt.Fprintf(f, "\rbuilding… %.1fs", el.Seconds())
					shown = true
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

func printDiags(env Env, res *site.Result, verbose, quiet bool) {
	if res == nil {
		return
	}
	errs, warns := res.Diagnostics.Errors(), res.Diagnostics.Warnings()
	for _, d := range errs {
		fmt.Fprintln(env.Stderr, d.String())
	}
	if quiet {
		return
	}
	const maxWarnings = 20
	for i, d := range warns {
		if !verbose && i == maxWarnings {
			fmt.Fprintf(env.Stderr, "… and %d more warnings (run medkb check to see them all)\n", len(warns)-maxWarnings)
			break
		}
		fmt.Fprintln(env.Stderr, d.String())
	}
}

// summary prints what the build made; reused is the number of files linked
// unchanged from the previous build.
func summary(w io.Writer, res *site.Result, reused int, dest string, took time.Duration) {
	fmt.Fprintf(w, "\n  %-14s %6d\n  %-14s %6d\n  %-14s %6d\n  %-14s %6d\n  %-14s %6d\n  %-14s %6d\n  %-14s %6d",
		"Pages", res.Pages, "Articles", res.Articles, "Sections", res.Sections, "Tags", res.Tags,
		"Aliases", res.Aliases, "Languages", res.Languages, "Files", res.Files)
	switch {
	case res.Patched > 0:
		fmt.Fprintf(w, " (%d rewritten in place, the rest kept from the last build)", res.Patched)
	case reused > 0:
		fmt.Fprintf(w, " (%d unchanged, kept from the last build)", reused)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  %-14s %6s\n", "Output", humanBytes(res.Bytes))
	fmt.Fprintf(w, "  %-14s %6s\n", "Search index", humanBytes(res.SearchBytes))
	fmt.Fprintf(w, "  %-14s %6d rendered, %d from cache\n", "Markdown", res.Rendered, res.Cached)
	warningsLine(w, res)
	fmt.Fprintf(w, "Built in %s into %s\n", took.Round(time.Millisecond), dest)
}

// warningsLine is the summary's count of warnings, which a build with
// nothing changed prints too.
func warningsLine(w io.Writer, res *site.Result) {
	fmt.Fprintf(w, "  %-14s %6d\n\n", "Warnings", len(res.Diagnostics.Warnings()))
}

func phases(w io.Writer, res *site.Result) {
	fmt.Fprintln(w, "\nPhase timings:")
	var total time.Duration
	within := map[string][]site.Phase{}
	for _, p := range res.Phases {
		if p.Within == "" {
			total += p.Dur
		} else {
			within[p.Within] = append(within[p.Within], p)
		}
	}
	line := func(indent string, p site.Phase) {
		pct := 0.0
		if total > 0 {
			pct = 100 * float64(p.Dur) / float64(total)
		}
		fmt.Fprintf(w, "  %-12s %10s %5.1f%%\n", indent+p.Name, p.Dur.Round(10*time.Microsecond), pct)
	}
	for _, p := range res.Phases {
		if p.Within != "" {
			continue
		}
		line("", p)
		if ms := within[p.Name]; len(ms) > 0 {
			if p.OneByOne {
				fmt.Fprintf(w, "  (%s ran these one after the other, to hold less memory at once)\n", p.Name)
			} else {
				fmt.Fprintf(w, "  (%s ran these side by side; their times overlap)\n", p.Name)
			}
			for _, m := range ms {
				line("  ", m)
			}
		}
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

const checkUsage = `Usage: medkb check [flags]

Runs every content check without writing output: broken links and anchors,
images without alt text, overdue or missing medical reviews, pages without
sources, readability (Flesch–Kincaid and SMOG), old sources, possible patient
identifiers, duplicate titles, links to drafts, missing trust pages and
out-of-date translations.

Drafts are always checked, like published pages; their errors are shown as
warnings (check name unchanged) until draft: true is removed. --drafts makes
no difference to the checks.

--report prints the editor's report instead: reviews overdue and due within
30 and 90 days, pages by readability grade, pages without sources,
untranslated pages and stale translations, per author and per reviewer
(medkb serve shows it at /_medkb/report/).

Exit codes: 0 no errors (warnings allowed unless --strict), or a report
printed; 1 errors found; 2 bad usage.

Examples:
  medkb check
  medkb check --strict
  medkb check --format json > check.json
  medkb check --report --format json > report.json

Environment:
  MEDKB_HUGEPAGES=on  back the check's heap with huge pages (off by
                      default, as for medkb build)

Flags:
`

func runCheck(ctx context.Context, env Env, args []string) int {
	var f buildFlags
	var format string
	var strict bool
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	f.register(fs, env)
	fs.StringVar(&format, "format", "text", "output format: text or json")
	fs.BoolVar(&strict, "strict", false, "treat warnings as errors")
	var wantReport bool
	fs.BoolVar(&wantReport, "report", false, "print the editor's report (reviews due, readability, sources, translations per author and reviewer) instead of the diagnostics")
	if code, ok := parseFlags(env, fs, checkUsage, args); !ok {
		return code
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(env.Stderr, "medkb: unknown format %q (use text or json)\n", format)
		return ExitUsage
	}
	src, err := filepath.Abs(f.source)
	if err != nil {
		return fail(env, err)
	}
	if hugePagesWanted(env, f.quiet) {
		reserveHeap(config.DefaultMemoryMB << 20) // check sizes no budget: the default's
	}
	b := site.New(site.Options{Source: src, Drafts: f.drafts, BaseURL: f.baseURL, Report: wantReport})
	res, _ := b.Build(ctx, discard{})
	if wantReport && res.Report != nil {
		return printReport(env, format, res)
	}
	diags := res.Diagnostics
	if strict {
		for i := range diags {
			diags[i].Severity = diag.Error
		}
	}
	errs, warns := len(diags.Errors()), len(diags.Warnings())
	if format == "json" {
		out := struct {
			Diagnostics diag.List `json:"diagnostics"`
			Errors      int       `json:"errors"`
			Warnings    int       `json:"warnings"`
			// CheckSettings: medkb.yaml's and the pages' check: levels.
			CheckSettings any `json:"check_settings,omitempty"`
			// NotChecked: why the page checks did not run, when they did not.
			NotChecked string `json:"not_checked,omitempty"`
		}{diags, errs, warns, res.CheckOverrides, res.NotChecked}
		if out.Diagnostics == nil {
			out.Diagnostics = diag.List{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	} else {
		for _, d := range diags {
			fmt.Fprintln(env.Stdout, d.String())
		}
		fmt.Fprintf(env.Stdout, "%s, %s in %s\n", count(errs, "error"), count(warns, "warning"), filesAbout(diags))
		if res.NotChecked != "" {
			fmt.Fprintln(env.Stdout, res.NotChecked)
		}
		for _, line := range checkSettings(res) {
			fmt.Fprintln(env.Stdout, line)
		}
	}
	if errs > 0 {
		return ExitError
	}
	return ExitOK
}

// filesAbout counts the distinct files the diagnostics name (content
// files, medkb.yaml, data, layouts, static files; a diagnostic about
// the whole run names none), for the check summary: "3 files".
func filesAbout(diags diag.List) string {
	files := map[string]bool{}
	for _, d := range diags {
		if d.File != "" {
			files[d.File] = true
		}
	}
	return count(len(files), "file")
}

// count returns "1 error", "0 errors", "2 errors".
func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// checkSettings says, one line each, which checks medkb.yaml and the
// pages set to another level ("3 pages turn off readability: a.md, b.md,
// c.md"), so a check switched off is never hidden from the summary.
func checkSettings(res *site.Result) []string {
	var out []string
	for _, o := range res.CheckOverrides {
		one := fmt.Sprintf("sets %s to %s", o.Check, o.Level)
		many := fmt.Sprintf("set %s to %s", o.Check, o.Level)
		if o.Level == "off" {
			one, many = "turns off "+o.Check, "turn off "+o.Check
		}
		switch {
		case o.Site:
			out = append(out, "medkb.yaml "+one)
		case len(o.Files) == 1:
			out = append(out, fmt.Sprintf("1 page %s: %s", one, o.Files[0]))
		default:
			const named = 3
			files := strings.Join(o.Files[:min(named, len(o.Files))], ", ")
			if len(o.Files) > named {
				files += fmt.Sprintf(" and %d more", len(o.Files)-named)
			}
			out = append(out, fmt.Sprintf("%d pages %s: %s", len(o.Files), many, files))
		}
	}
	return out
}

// printReport prints the editor's report; the diagnostics are only
// counted (on stderr), since `medkb check` lists them.
func printReport(env Env, format string, res *site.Result) int {
	var err error
	if format == "json" {
		err = report.WriteJSON(env.Stdout, *res.Report)
	} else {
		err = report.WriteText(env.Stdout, *res.Report)
	}
	if err != nil {
		return fail(env, err)
	}
	errs, warns := len(res.Diagnostics.Errors()), len(res.Diagnostics.Warnings())
	if errs+warns > 0 {
		fmt.Fprintf(env.Stderr, "%s, %s: run medkb check to see them\n", count(errs, "error"), count(warns, "warning"))
	}
	return ExitOK
}

// discard is a sink that keeps nothing: checking renders everything (so the
// checks see real output) but writes no file.
type discard struct{}

func (discard) Write(string, []byte) error { return nil }
func (discard) Copy(_ string, r io.Reader) error {
	_, err := io.Copy(io.Discard, r)
	return err
}
