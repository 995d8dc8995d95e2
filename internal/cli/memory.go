package cli

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"

	"github.com/KimMachineGun/automemlimit/memlimit"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/hugepages"
	"github.com/medkb/medkb/internal/phase"
	"github.com/medkb/medkb/internal/source"
)

// A memoryWatch holds a build to its memory budget (build.memory_mb,
// config.Config.MemoryBudget): it sets Go's soft memory limit to the
// budget, so the heap no longer grows to twice the live data when that
// would pass it, and after every collection it reads the live heap.
//
// The budget is for the whole process, as a container or a CI runner
// counts it (its resident memory), but Go's limit counts only the memory
// the Go runtime holds. The rest is mostly the program's code as a build
// touches it (medkb's binary has 67 MB of it) and mapped cache files.
// So after every collection the watch measures that rest (outsideLimit)
// and sets the limit to the budget less it, never below seven eighths of
// the budget: the limit is lifted once the live heap passes three
// quarters of the budget, and a limit below the live heap would have the
// collector run without pause until then (a large mapped cache file is
// resident too while a build reads it).
// Measured (10,000 bench articles, the default 448 MiB budget, one build
// each): the rest was 46 MiB at the end; peak resident memory 488 MiB
// with the limit at the budget, 450 MiB with it lowered.
//
// The limit is soft on purpose. When live data nears it, the collector
// runs almost without pause for ever smaller gains (GOMEMLIMIT=1200MiB at
// 100,000 articles, live data about 1 GB: 2.6× the CPU), so once the live
// heap passes three quarters of the budget the watch lifts the limit to
// the machine's (machineShare of the memory its cgroup allows, or of the
// system's: automemlimit reads both), or to a GOMEMLIMIT the process was
// started with when that is lower, and the build says so, with the
// budget the site would need. Lifting it to none let the heap grow to
// twice the live data: a build whose live data is more than half the
// machine's memory (1,000,000 articles on 24 GiB) was killed for want of
// memory rather than collected harder.
//
// The watch leaves GOGC as the process has it (100 unless the process
// was started with GOGC set): under the budget the heap grows to twice
// the live data, and the limit, not the ratio, sets when a collection
// comes once the live data is large. GOGC 400 under the budget (commit
// 21a65ee) was taken out again: it was chosen for the collector's CPU
// summed from GODEBUG=gctrace=1 at 10,000 articles (34 collections and
// 2.7 s instead of 98 and 4.0–4.6 s), but the process's CPU did not
// follow. A heap five times the live data is fresh memory the kernel
// faults in and zeroes and the runtime sets up (span heap bits), and a
// small site's build ends before it uses that memory twice. Process CPU
// (user + system, /usr/bin/time, cold builds of the bench corpus, GOGC
// 400 and 100 alternated, load 11–17): 1,000 articles, 8 pairs, medians
// 3.05 s and 2.75 s (system 0.87 → 0.64 s, minor faults 45,700 →
// 26,200, peak RSS 230 → 148 MiB), and by BenchmarkColdBuildProcess
// (1,000 generated articles, 8 alternated runs of 2 builds) 2.73 s and
// 2.68 s, system 0.87 → 0.69 s, peak 226–257 → 150–160 MiB: the CPU
// gain at this size is within the machine's noise, the memory's is
// not; 10,000 articles, 6 pairs, 16.67 s and 16.13 s (system 3.69 →
// 3.27 s, peak RSS 448 → 424 MiB). At 100,000, where the budget's
// limit sets nearly every collection, one build each spent 120 s of
// collector CPU with GOGC 100 and 141 s with 400.
//
// The limit is the process's, so the watches share it (watches): while
// several builds run in one process (tests; one medkb command runs one
// build) the limit is the sum of their budgets, lifted for all once the
// live heap passes three quarters of it, and the limit there was before
// the first is restored when the last stops, whatever order they stop in.
// A limit set before the first watch (GOMEMLIMIT) bounds them all.
type memoryWatch struct {
	limit int64
	// profile, when set, is written with the heap profile each time the
	// live heap after a collection passes the last one written by a tenth
	// (--memprofile): it ends as the profile of the build's largest live
	// heap, which is what a budget has to hold, not of the heap after the
	// build.
	profile  string
	pmu      sync.Mutex
	profiled uint64 // the live heap of the last profile written; guarded by pmu
	profErr  error  // guarded by pmu

	// Guarded by watches.mu.
	peak    uint64 // the largest live heap seen after a collection
	lifted  bool   // the live heap passed three quarters of the limit
	stopped bool
}

// watches are the memory watches of the running builds.
var watches struct {
	mu     sync.Mutex
	active []*memoryWatch
	prev   int64 // the limit before the first active watch
	lifted bool  // the limit is lifted until the last active watch stops
	// outside is the resident memory the limit does not count, as last
	// measured after a collection (outsideLimit); the budget's limit is
	// lowered by it. measure, when set, measures it instead (tests).
	outside int64
	measure func() int64
	// fileBase is the process's resident file pages as the first active
	// watch started, before the build mapped its cache files (outsideOf).
	fileBase int64
	// machine returns the memory the process may use (bytes); its
	// machineShare, or prev when lower, is the limit a lift goes to. Nil:
	// the cgroup's limit, else the system's memory; tests set their own.
	machine func() (uint64, error)
}

// machineShare is the share of the machine's memory a build's heap may
// take once its budget is lifted: the rest is for the operating system,
// its file cache and the programs beside the build.
const machineShare = 0.8

// ceiling is the limit a lift goes to: the process's own limit, or
// machineShare of the machine's memory when that is lower (unknown
// machine memory: the process's own); watches.mu is held.
func ceiling() int64 {
	n := memoryOf(watches.machine)
	if n == 0 {
		return watches.prev
	}
	return min(watches.prev, int64(float64(n)*machineShare))
}

// memoryOf returns the bytes machine reports (nil: the cgroup's limit,
// else the system's memory); 0 when it cannot tell.
func memoryOf(machine func() (uint64, error)) int64 {
	if machine == nil {
		machine = memlimit.ApplyFallback(memlimit.FromCgroup, memlimit.FromSystem)
	}
	n, err := machine()
	if err != nil {
		return 0
	}
	return int64(min(n, 1<<62))
}

// setLimit sets the process's limit for the active watches; watches.mu
// is held. A limit the process had before them (GOMEMLIMIT, set by whoever
// runs medkb in a container) is never raised: the budget applies below
// it, and lifting the budget's limit goes to it or to the machine's
// share, whichever is lower, never to none.
func setLimit() {
	switch {
	case len(watches.active) == 0:
		debug.SetMemoryLimit(watches.prev)
	case watches.lifted:
		debug.SetMemoryLimit(max(ceiling(), min(activeBudget(), watches.prev)))
	default:
		debug.SetMemoryLimit(min(budgetLimit(), watches.prev))
	}
}

// budgetLimit is the limit that holds the process's resident memory to
// the active budgets: their sum less the resident memory the limit does
// not count (watches.outside), never less than seven eighths of their
// sum (see memoryWatch); watches.mu is held.
func budgetLimit() int64 {
	b := activeBudget()
	return max(b-watches.outside, b-b/8)
}

// activeBudget is the sum of the active watches' budgets; watches.mu is
// held.
func activeBudget() int64 {
	var sum int64
	for _, a := range watches.active {
		sum += a.limit
	}
	return sum
}

// watchMemory sets the soft memory limit to limit bytes (plus the budgets
// of the other running builds) and watches the live heap until stop,
// writing the heap profile of its largest live heap to profile when that
// is not empty.
func watchMemory(limit int64, profile string) *memoryWatch {
	w := &memoryWatch{limit: limit, profile: profile}
	watches.mu.Lock()
	if len(watches.active) == 0 {
		watches.prev = debug.SetMemoryLimit(-1)
		watches.fileBase = residentFileBytes()
	}
	watches.active = append(watches.active, w)
	setLimit()
	watches.mu.Unlock()
	w.arm()
	return w
}

// gcTick is garbage as soon as it is made: its finalizer runs after the
// next collection, reads the live heap and arms the next tick.
type gcTick struct {
	w *memoryWatch
	_ [16]byte // not a tiny allocation, which may share a block and outlive its collection
}

func (w *memoryWatch) arm() {
	runtime.SetFinalizer(&gcTick{w: w}, func(t *gcTick) {
		if t.w.collected() {
			t.w.arm()
		}
	})
}

// collected records the live heap after a collection; false once the
// watch is stopped.
func (w *memoryWatch) collected() bool {
	live := phase.LiveHeap()
	if w.profile != "" {
		w.pmu.Lock()
		if live > w.profiled+w.profiled/10 && w.profErr == nil {
			w.profiled = live
			w.profErr = writeProfile(w.profile)
		}
		w.pmu.Unlock()
	}
	watches.mu.Lock()
	defer watches.mu.Unlock()
	if w.stopped {
		return false
	}
	w.peak = max(w.peak, live)
	measure := watches.measure
	if measure == nil {
		measure = outsideLimit
	}
	if outside := measure(); outside-watches.outside > 1<<20 || watches.outside-outside > 1<<20 {
		watches.outside = outside
		if !watches.lifted {
			setLimit()
		}
	}
	if live > uint64(activeBudget())/4*3 {
		w.lifted = true
		if !watches.lifted {
			watches.lifted = true
			setLimit()
		}
	}
	return true
}

// profileErr returns the error of writing the heap profile, if any; nil
// for no watch.
func (w *memoryWatch) profileErr() error {
	if w == nil {
		return nil
	}
	w.pmu.Lock()
	defer w.pmu.Unlock()
	return w.profErr
}

// writeProfile writes the heap profile, as of the last collection, to
// path.
func writeProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stop ends the watch, restores the limit there was before the first
// running build's watch when it is the last, and returns the largest live
// heap seen and whether the limit was lifted. No watch (a build that
// had nothing to do) saw nothing.
func (w *memoryWatch) stop() (peak uint64, lifted bool) {
	if w == nil {
		return 0, false
	}
	w.collected()
	watches.mu.Lock()
	defer watches.mu.Unlock()
	if !w.stopped {
		w.stopped = true
		watches.active = slices.DeleteFunc(watches.active, func(a *memoryWatch) bool { return a == w })
		if len(watches.active) == 0 {
			watches.lifted, watches.outside = false, 0
		}
		setLimit()
	}
	return w.peak, w.lifted
}

// memoryBudget returns the memory budget of the site in src (the default
// when medkb.yaml cannot be read: the build itself reports why) and the
// line that sets it (0 for none). A default sized from the site's content
// files (config.Config.MemoryBudget; counted among inputs, the
// site-relative paths of its input files) is never more than machineShare
// of the machine's memory.
func memoryBudget(src string, inputs []string) (int64, int) {
	cfg, err := config.Load(src)
	if err != nil {
		return config.DefaultMemoryMB << 20, 0
	}
	line, ok := cfg.Lines["build.memory_mb"]
	if !ok {
		line = cfg.Lines["build"]
	}
	budget := cfg.MemoryBudget(source.CountContentPaths(inputs, cfg.Ignore))
	if cfg.Build.MemoryMB == 0 {
		if m := machineMemory(); m > 0 {
			budget = min(budget, max(config.DefaultMemoryMB<<20, int64(float64(m)*machineShare)))
		}
	}
	return budget, line
}

// hugePagesWanted reports whether MEDKB_HUGEPAGES=on asks a build or a
// check to reserve huge pages (off by default: package hugepages has the
// measurements), and warns on stderr, naming the variable and the fix,
// when its value is neither on nor off (unless quiet: --quiet prints
// only errors).
func hugePagesWanted(env Env, quiet bool) bool {
	on, err := hugepages.Setting(env.Getenv(hugepages.Env))
	if err != nil && !quiet {
		fmt.Fprintf(env.Stderr, "medkb: warning: %v\n", err)
	}
	return on
}

// reserveHeap asks for huge pages for twice the heap a build is budgeted
// (package hugepages), before the build grows it. Its callers call it only
// when MEDKB_HUGEPAGES=on (hugePagesWanted): on this project's machine no
// build measured faster with huge pages and small sites measured slower
// (the package comment has the figures). When asked: the heap's pages
// spread over more address space than it holds at once, and address space
// costs little until it is used (the runtime's bookkeeping, about 1.2 MiB
// a GiB). Never more than the machine's share of memory or the limit Go
// runs under (GOMEMLIMIT: past it, each chunk would cost a collection),
// and the memory is given back to the system at once (debug.FreeOSMemory),
// so that the runtime counts it as fresh: only collected, it zeroes
// whatever it places there, which made a 256 MiB buffer allocated later
// resident whole.
//
// Not for a build that tries a patch (the build command's Budget): a
// one-article rebuild's 150 MiB or so of fresh heap is cheaper in small
// pages, which come from memory the host still backs, than in huge ones,
// which come from memory it most likely took back (package hugepages has
// the mechanism and the measurements). A patch Publish refuses (not a body
// edit) then builds everything without the reservation: full builds
// measured alike with and without it.
//
// Not above the default budget (sites of more than 32,768 content files),
// whose heap spends most of a build near its limit, where the runtime
// keeps giving pages back and taking them again: there huge pages cost
// more than they saved. Cold 100,000-article builds, one without them
// between two with: from the pages phase to the end 114 and 131 s with
// them against 63 s without, the whole build 388 and 432 s of CPU against
// 309 s, with the same 80 collections.
func reserveHeap(budget int64) {
	if budget > config.DefaultMemoryMB<<20 {
		return
	}
	machine := machineMemory() // before watches.mu, which it takes
	// The chunks Reserve holds are garbage once let go, and nothing else
	// is allocated meanwhile: a collection while they are held finds
	// nothing to free. Left on, the collector ran seven times as the
	// heap doubled on its way to 896 MiB; off, one-article rebuilds at
	// 10,000 bench articles took 0.53 s instead of 0.57 s (0.71 s of CPU
	// instead of 0.76 s; means of 22, alternated). Release collects.
	// Under watches.mu, so that no memory watch starts (and takes the
	// settings as they are, off) or stops meanwhile, and two reservations
	// do not overlap. Nothing is reserved beside a running build's watch:
	// its heap is in use already, and the settings are its own.
	watches.mu.Lock()
	defer watches.mu.Unlock()
	if len(watches.active) > 0 {
		return
	}
	n := min(2*budget, debug.SetMemoryLimit(-1))
	if machine > 0 {
		n = min(n, int64(float64(machine)*machineShare))
	}
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	reserve(n, debug.FreeOSMemory)
}

// reserve is hugepages.Reserve; tests see what reserveHeap does around
// it.
var reserve = hugepages.Reserve

// machineMemory is the memory the process may use, in bytes: its cgroup's
// limit, else the system's memory (0: unknown).
func machineMemory() int64 {
	watches.mu.Lock()
	machine := watches.machine
	watches.mu.Unlock()
	return memoryOf(machine)
}

// traceMemory prints the live peak and the process's resident peak
// (where the system tells it) against the budget, and what the build
// allocated in all (what the collector had to recover).
func traceMemory(w io.Writer, peak uint64, budget int64, a allocated) {
	resident := ""
	if r := peakResident(); r > 0 {
		resident = fmt.Sprintf(", the process's resident memory at %d MiB", r>>20)
	}
	fmt.Fprintf(w, "\nMemory: live heap peaked at %d MiB%s; budget %d MiB (build.memory_mb)\n", peak>>20, resident, budget>>20)
	fmt.Fprintf(w, "Allocated %d MiB in all, %d objects, %d collections\n", a.bytes>>20, a.objects, a.collections)
}

// allocated is what the program has allocated, in bytes and objects,
// and how many collections have run.
type allocated struct {
	bytes, objects uint64
	collections    uint32
}

// allocatedSoFar reads the counts (runtime.ReadMemStats stops the world
// briefly: called at a build's start and end only).
func allocatedSoFar() allocated {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return allocated{ms.TotalAlloc, ms.Mallocs, ms.NumGC}
}

// since is what was allocated between before and a.
func (a allocated) since(before allocated) allocated {
	return allocated{a.bytes - before.bytes, a.objects - before.objects, a.collections - before.collections}
}

// warnMemory warns, naming the budget to set, when the watch lifted the
// limit.
func warnMemory(w io.Writer, peak uint64, lifted bool, budget int64, line int) {
	if !lifted {
		return
	}
	at := config.FileName
	if line > 0 {
		at = fmt.Sprintf("%s:%d", at, line)
	}
	need := (peak*2 + 1<<20 - 1) >> 20
	fmt.Fprintf(w, "medkb: %s: warning: the build's live data reached %d MiB, past three quarters of its memory budget (%d MiB), so it ran with the machine's memory limit instead\n  hint: set build: {memory_mb: %d} in %s (twice the live data) or more, or make the budget fit the machine\n",
		at, peak>>20, budget>>20, need, config.FileName)
}
