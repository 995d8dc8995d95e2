package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/pprof/profile"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/hugepages"
)

// Not parallel: the memory limit is the process's.
func TestMemoryWatchSetsTheLimitAndLiftsItPastThreeQuarters(t *testing.T) {
	countNothingOutside(t)
	before := debug.SetMemoryLimit(-1)
	var machine uint64 = 1 << 30
	watches.machine = func() (uint64, error) { return machine, nil }
	defer func() { watches.machine = nil }()
	lifted := int64(float64(machine) * machineShare) // the machine's share, not none
	const budget = 64 << 20
	t.Setenv("GOGC", "") // not set: the watch leaves the process's own as it is
	percentBefore := gcPercent()
	w := watchMemory(budget, "")
	if got := debug.SetMemoryLimit(-1); got != budget {
		t.Fatalf("memory limit while watching = %d, want the budget %d", got, budget)
	}
	if got := gcPercent(); got != percentBefore {
		t.Errorf("GOGC while the budget bounds the heap = %d, want the process's own (%d): a heap grown past twice the live data is fresh memory a small build pays for and never reuses", got, percentBefore)
	}
	// 56 MiB live: past three quarters (48 MiB) of the budget.
	keep := make([][]byte, 56)
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	for i := 0; i < 100; i++ {
		if limit, _ := limitAndPercent(); limit != budget {
			break
		}
		runtime.GC() // the watch reads the live heap after each collection
		runtime.Gosched()
	}
	limit, percent := limitAndPercent()
	if limit != lifted {
		t.Errorf("memory limit with 56 MiB live of a 64 MiB budget on a 1 GiB machine = %d MiB, want it lifted to %d MiB (%.0f %% of the machine)", limit>>20, lifted>>20, machineShare*100)
	}
	if percent != percentBefore {
		t.Errorf("GOGC once the limit is lifted = %d, want the one before (%d)", percent, percentBefore)
	}
	peak, wasLifted := w.stop()
	runtime.KeepAlive(keep)
	if got := gcPercent(); got != percentBefore {
		t.Errorf("GOGC after stop = %d, want the one before (%d)", got, percentBefore)
	}
	if !wasLifted || peak < budget/4*3 {
		t.Errorf("stop() = peak %d MiB, lifted %v; want past 48 MiB, lifted", peak>>20, wasLifted)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("memory limit after stop = %d, want the one before (%d)", got, before)
	}
	var warn strings.Builder
	warnMemory(&warn, peak, wasLifted, budget, 7)
	if !strings.Contains(warn.String(), "medkb.yaml:7: warning:") || !strings.Contains(warn.String(), "build: {memory_mb: ") {
		t.Errorf("warning %q names neither medkb.yaml:7 nor the budget to set", warn.String())
	}
}

// gcPercent returns GOGC as the runtime has it.
// gcPercent returns GOGC (set, then set back). Where a watch may be
// setting the limit and GOGC meanwhile, read both with limitAndPercent.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// limitAndPercent returns the memory limit and GOGC, read together under
// watches.mu, which a watch holds while it sets both (setLimit): read
// apart, a test on a loaded machine saw the lifted limit with the
// budget's GOGC, and gcPercent's own set-and-restore could land between
// the watch's two calls. Not where watches.mu is held (reserve's
// callback runs under it).
func limitAndPercent() (int64, int) {
	watches.mu.Lock()
	defer watches.mu.Unlock()
	return debug.SetMemoryLimit(-1), gcPercent()
}

// Not parallel: GOGC is the process's. A process started with GOGC keeps
// it under a budget.
func TestMemoryWatchKeepsTheProcesssOwnGOGC(t *testing.T) {
	t.Setenv("GOGC", "150")
	before := debug.SetGCPercent(150)
	defer debug.SetGCPercent(before)
	w := watchMemory(64<<20, "")
	got := gcPercent()
	w.stop()
	if got != 150 || gcPercent() != 150 {
		t.Errorf("GOGC=150 from the environment: %d while watching, %d after; want 150 both", got, gcPercent())
	}
}

// Not parallel: the memory limit is the process's.
func TestBuildReportsItsMemoryBudget(t *testing.T) {
	site := newSite(t, nil)
	yaml, err := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(extra string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(site, "medkb.yaml"), append(append([]byte{}, yaml...), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	line := strings.Count(string(yaml), "\n") + 2

	write("build:\n  memory_mb: 200\n")
	code, out, errOut := run(t, site, "build", "--trace")
	if code != ExitOK {
		t.Fatalf("build: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "budget 200 MiB (build.memory_mb)") || !strings.Contains(out, "Memory: live heap peaked at ") {
		t.Errorf("build --trace does not report the live peak against build.memory_mb's 200 MiB:\n%s", out)
	}
	if m := regexp.MustCompile(`Allocated (\d+) MiB in all, (\d+) objects, \d+ collections`).FindStringSubmatch(out); m == nil || m[2] == "0" {
		t.Errorf("build --trace does not report what the build allocated:\n%s", out)
	}
	if runtime.GOOS == "linux" && !strings.Contains(out, "the process's resident memory at ") {
		t.Errorf("build --trace on Linux does not report the process's resident peak:\n%s", out)
	}

	write("build:\n  memory_mb: 100\n")
	code, out, errOut = run(t, site, "build")
	want := "medkb.yaml:" + strconv.Itoa(line) + ": error: invalid build.memory_mb 100"
	if code == ExitOK || !strings.Contains(errOut, want) || !strings.Contains(errOut, "128 or more") {
		t.Errorf("build with build.memory_mb: 100: exit %d, want an error %q with the fix:\n%s%s", code, want, out, errOut)
	}
}

// Not parallel: the memory limit is the process's. Two builds in one
// process (parallel tests) overlap; whichever stops first, the limit
// after the last is the one before the first, and none leaks into the
// builds that follow.
func TestOverlappingMemoryWatchesRestoreTheLimitBeforeThem(t *testing.T) {
	countNothingOutside(t)
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const a, b = 3 << 30, 5 << 30 // far above the test's live heap: never lifted
	for _, firstStops := range []string{"first", "second"} {
		wa := watchMemory(a, "")
		wb := watchMemory(b, "")
		if got := debug.SetMemoryLimit(-1); got != a+b {
			t.Errorf("limit with budgets of %d and %d MiB running = %d MiB, want their sum", a>>20, b>>20, got>>20)
		}
		first, second := wa, wb
		if firstStops == "second" {
			first, second = wb, wa
		}
		first.stop()
		if got, want := debug.SetMemoryLimit(-1), second.limit; got != want {
			t.Errorf("%s watch stopped first: limit = %d MiB, want the running build's %d MiB", firstStops, got>>20, want>>20)
		}
		if _, lifted := second.stop(); lifted {
			t.Errorf("a watch far below its budget says it lifted the limit")
		}
		if got := debug.SetMemoryLimit(-1); got != before {
			t.Errorf("%s watch stopped first: limit after both = %d, want the one before them (%d)", firstStops, got, before)
		}
	}
}

// Not parallel: the memory limit is the process's. A limit the process
// was started with (GOMEMLIMIT, as a container sets it) is never raised:
// a larger budget stays under it, and lifting the budget's limit goes
// back to it, not to no limit at all.
func TestMemoryWatchNeverRaisesTheProcesssOwnLimit(t *testing.T) {
	countNothingOutside(t)
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const own = 1 << 30 // as GOMEMLIMIT=1GiB
	debug.SetMemoryLimit(own)

	w := watchMemory(3<<30, "")
	if got := debug.SetMemoryLimit(-1); got != own {
		t.Errorf("limit with a 3 GiB budget under GOMEMLIMIT=1GiB = %d MiB, want 1024", got>>20)
	}
	w.stop()

	const budget = 64 << 20
	w = watchMemory(budget, "")
	if got := debug.SetMemoryLimit(-1); got != budget {
		t.Errorf("limit with a 64 MiB budget under GOMEMLIMIT=1GiB = %d MiB, want 64", got>>20)
	}
	keep := make([][]byte, 56) // past three quarters (48 MiB) of the budget
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	for i := 0; i < 100; i++ {
		if limit, _ := limitAndPercent(); limit != budget {
			break
		}
		runtime.GC() // the watch reads the live heap after each collection
		runtime.Gosched()
	}
	if got := debug.SetMemoryLimit(-1); got != own {
		t.Errorf("limit lifted under GOMEMLIMIT=1GiB = %d MiB, want 1024, not none", got>>20)
	}
	if _, lifted := w.stop(); !lifted {
		t.Errorf("56 MiB live of a 64 MiB budget: stop() says the limit was not lifted")
	}
	runtime.KeepAlive(keep)
	if got := debug.SetMemoryLimit(-1); got != own {
		t.Errorf("limit after the build = %d MiB, want GOMEMLIMIT's 1024", got>>20)
	}
}

// Not parallel: the memory limit is the process's. A machine whose memory
// cannot be read lifts the limit to the process's own, and a machine
// smaller than the budget never lowers the limit below the budget.
func TestLiftedLimitWithUnknownOrSmallMachine(t *testing.T) {
	countNothingOutside(t)
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	defer func() { watches.machine = nil }()
	const budget = 64 << 20
	for _, c := range []struct {
		name    string
		machine func() (uint64, error)
		want    int64
	}{
		{"unknown", func() (uint64, error) { return 0, errors.New("no /proc") }, before},
		{"smaller than the budget", func() (uint64, error) { return 32 << 20, nil }, budget},
	} {
		watches.machine = c.machine
		w := watchMemory(budget, "")
		keep := make([][]byte, 56) // past three quarters (48 MiB) of the budget
		for i := range keep {
			keep[i] = make([]byte, 1<<20)
		}
		lifted := false
		for i := 0; i < 100 && !lifted; i++ {
			runtime.GC() // the watch reads the live heap after each collection
			runtime.Gosched()
			watches.mu.Lock()
			lifted = w.lifted
			watches.mu.Unlock()
		}
		if got := debug.SetMemoryLimit(-1); lifted && got != c.want {
			t.Errorf("%s machine: lifted limit = %d MiB, want %d MiB", c.name, got>>20, c.want>>20)
		}
		w.stop()
		runtime.KeepAlive(keep)
		if !lifted {
			t.Errorf("%s machine: 56 MiB live of a 64 MiB budget never lifted the limit", c.name)
		}
	}
}

// Not parallel: the memory limit is the process's. --memprofile's profile
// is the heap at the largest live heap seen: a heap dropped before the
// build ends is still in it.
func TestMemoryProfileIsTakenAtTheLargestLiveHeap(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	path := filepath.Join(t.TempDir(), "heap.pprof")
	keep := make([][]byte, 64) // 64 MiB, dropped before stop
	for i := range keep {
		keep[i] = make([]byte, 1<<20)
	}
	// A heap profile shows the heap as of the collection before last.
	runtime.GC()
	runtime.GC()
	w := watchMemory(4<<30, path)
	profiled := func() uint64 {
		w.pmu.Lock()
		defer w.pmu.Unlock()
		return w.profiled
	}
	for i := 0; i < 100 && profiled() < 64<<20; i++ {
		runtime.GC() // the watch reads the live heap after each collection
		runtime.Gosched()
	}
	runtime.KeepAlive(keep)
	keep = nil
	for range 3 {
		runtime.GC()
	}
	w.stop()
	if err := w.profileErr(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no profile written: %v", err)
	}
	prof, err := profile.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var inuse int64
	for _, s := range prof.Sample {
		inuse += s.Value[3] // inuse_space
	}
	if inuse < 48<<20 { // the profile is sampled
		t.Errorf("profile holds %d MiB in use, want the 64 MiB live at the peak", inuse>>20)
	}
}

// Not parallel: it sets the machine's memory (watches.machine). A site
// that names no budget gets one sized from its content files, 14 KiB an
// article past the 448 MiB floor, never more than the machine's share;
// one that names a budget gets it, whatever its size.
func TestDefaultBudgetGrowsWithTheSite(t *testing.T) {
	defer func() { watches.machine = nil }()
	big := 40_000 // past 448 MiB / 14 KiB = 32,768
	src := t.TempDir()
	dir := filepath.Join(src, "content", "conditions")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range big {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.md", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Not content: an editor's backup, a file an ignore rule names, a note.
	for _, name := range []string{"a00001.md~", "drafts.md", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(yaml string) {
		if err := os.WriteFile(filepath.Join(src, "medkb.yaml"), []byte("title: T\nbase_url: https://example.org/\n"+yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ignore: [drafts.md]\n")
	watches.machine = func() (uint64, error) { return 64 << 30, nil }
	if got, _ := memoryBudget(src, inputsOf(t, src)); got != int64(big)*config.DefaultMemoryPerArticleKiB<<10 {
		t.Errorf("%d articles: default budget %d MiB, want %d MiB (14 KiB each)", big, got>>20, int64(big)*config.DefaultMemoryPerArticleKiB>>10)
	}
	watches.machine = func() (uint64, error) { return 512 << 20, nil }
	if got, _ := memoryBudget(src, inputsOf(t, src)); got != config.DefaultMemoryMB<<20 {
		t.Errorf("on a 512 MiB machine: default budget %d MiB, want the %d MiB floor (the machine's share is less)", got>>20, config.DefaultMemoryMB)
	}
	machine := float64(600 << 20) // its share, 480 MiB, is under the 546 MiB the site asks for
	watches.machine = func() (uint64, error) { return 600 << 20, nil }
	if got, _ := memoryBudget(src, inputsOf(t, src)); got != int64(machineShare*machine) {
		t.Errorf("on a 600 MiB machine: default budget %d MiB, want 80 %% of it", got>>20)
	}
	write("build: {memory_mb: 600}\n")
	if got, line := memoryBudget(src, inputsOf(t, src)); got != 600<<20 || line != 3 {
		t.Errorf("named budget: %d MiB at line %d, want 600 MiB at line 3", got>>20, line)
	}
}

// inputsOf lists the files under src as the fingerprint gives them to
// the budget: site-relative, slash-separated.
func inputsOf(t *testing.T, src string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(src, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(src, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// countNothingOutside makes the watches see no resident memory outside
// Go's limit, so that the limit a test expects is the budget itself.
func countNothingOutside(t *testing.T) { measureOutside(t, func() int64 { return 0 }) }

// measureOutside has the watches measure the resident memory outside
// Go's limit with measure until the test ends.
func measureOutside(t *testing.T, measure func() int64) {
	t.Helper()
	watches.mu.Lock()
	watches.measure = measure
	watches.mu.Unlock()
	t.Cleanup(func() {
		watches.mu.Lock()
		watches.measure = nil
		watches.mu.Unlock()
	})
}

// Not parallel: the memory limit is the process's. The budget is for the
// process's resident memory: the limit leaves room for what Go's limit
// does not count, measured after each collection, but never goes below
// seven eighths of the budget; the limit before the watch comes back
// when it stops.
func TestBudgetLimitLeavesRoomForWhatGoDoesNotCount(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const budget = 3 << 30     // far above the test's live heap: never lifted
	outside := int64(16 << 20) // read by measure under watches.mu
	measureOutside(t, func() int64 { return outside })
	w := watchMemory(budget, "")
	waitFor := func(want int64) int64 {
		got := debug.SetMemoryLimit(-1)
		for i := 0; i < 100 && got != want; i++ {
			runtime.GC() // the watch measures after each collection
			runtime.Gosched()
			got = debug.SetMemoryLimit(-1)
		}
		return got
	}
	if got, want := waitFor(budget-16<<20), int64(budget-16<<20); got != want {
		t.Errorf("16 MiB resident outside Go's limit, budget %d MiB: limit = %d MiB, want %d", budget>>20, got>>20, want>>20)
	}
	watches.mu.Lock()
	outside = 2 << 30 // more than an eighth of the budget
	watches.mu.Unlock()
	if got, want := waitFor(budget-budget/8), int64(budget-budget/8); got != want {
		t.Errorf("2 GiB outside Go's limit, budget %d MiB: limit = %d MiB, want seven eighths of the budget, %d", budget>>20, got>>20, want>>20)
	}
	w.stop()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit after the watch = %d, want the one before (%d)", got, before)
	}
}

// What the watch measures is real: a running Go program has resident
// code that Go's limit does not count, less than its whole resident set,
// and its peak is at least what is resident now.
func TestOutsideLimitMeasuresTheProcess(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self, which only Linux has")
	}
	watches.mu.Lock() // outsideLimit reads watches.fileBase
	rss, out := residentBytes(), outsideLimit()
	watches.mu.Unlock()
	if rss <= 0 || out <= 0 || out >= rss {
		t.Errorf("resident %d bytes, outside Go's limit %d: want 0 < outside < resident", rss, out)
	}
	if peak := peakResident(); peak < rss {
		t.Errorf("peak resident %d bytes, less than resident now (%d)", peak, rss)
	}
}

// Not parallel: GOGC and the memory limit are the process's. Reserving
// the heap turns the collector off while it holds its chunks, then gives
// both settings back as they were.
func TestReserveHeapTurnsTheCollectorOffMeanwhile(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(275))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))
	defer func(was func(int64, func()) bool) { reserve = was }(reserve)
	calls, percent, limit := 0, 0, int64(0)
	reserve = func(n int64, release func()) bool {
		calls++
		percent, limit = gcPercent(), debug.SetMemoryLimit(-1)
		release()
		return true
	}
	reserveHeap(config.DefaultMemoryMB << 20)
	if calls != 1 || percent != -1 || limit != math.MaxInt64 {
		t.Errorf("reserved %d times, with GOGC %d and the memory limit %d; want once, with the collector off (-1, %d)", calls, percent, limit, int64(math.MaxInt64))
	}
	if got := gcPercent(); got != 275 {
		t.Errorf("GOGC after reserving: %d; want 275, as before", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("memory limit after reserving: %d; want %d, as before", got, int64(3<<30))
	}
}

// Not parallel: GOGC and the memory limit are the process's. A memory
// watch started while the heap is reserved (another build in the same
// process) waits for the reservation, so it takes the settings as they
// were, not off; and beside a running watch nothing is reserved.
func TestReserveHeapAndMemoryWatchesDoNotOverlap(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(275))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(3 << 30))
	defer func(was func(int64, func()) bool) { reserve = was }(reserve)
	inside, proceed := make(chan struct{}), make(chan struct{})
	reserve = func(n int64, release func()) bool {
		close(inside)
		<-proceed
		return true
	}
	reserved := make(chan struct{})
	go func() {
		reserveHeap(config.DefaultMemoryMB << 20)
		close(reserved)
	}()
	<-inside
	watched := make(chan *memoryWatch, 1)
	go func() { watched <- watchMemory(64<<20, "") }()
	select {
	case w := <-watched:
		w.stop()
		t.Fatal("a memory watch started while the heap was being reserved")
	case <-time.After(100 * time.Millisecond): // the watch waits, as it should
	}
	close(proceed)
	<-reserved
	w := <-watched
	if got := gcPercent(); got != 275 {
		t.Errorf("GOGC while watching: %d; want 275, the process's own", got)
	}
	reserve = func(n int64, release func()) bool {
		t.Errorf("reserved %d bytes beside a running build's memory watch; want nothing reserved", n)
		return true
	}
	reserveHeap(config.DefaultMemoryMB << 20)
	if got := gcPercent(); got != 275 {
		t.Errorf("GOGC after a reservation beside a watch: %d; want 275, the process's own", got)
	}
	w.stop()
	if got := gcPercent(); got != 275 {
		t.Errorf("GOGC after the watch: %d; want 275, as before the reservation", got)
	}
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("memory limit after the watch: %d; want %d, as before the reservation", got, int64(3<<30))
	}
}

// countReserves makes a new site in a temporary folder and replaces
// reserve, until the test ends, by a counter of its calls; it returns the
// counter and the site's folder. Not for parallel tests: reserve is the
// package's.
func countReserves(t *testing.T) (calls *int, site string) {
	t.Helper()
	was := reserve
	t.Cleanup(func() { reserve = was })
	calls = new(int)
	reserve = func(n int64, release func()) bool {
		*calls++
		return true
	}
	return calls, newSite(t, nil)
}

// Not parallel: reserve is the package's. A build that tries a patch
// (there is a last build, and no --force) reserves no huge pages for its
// heap (see reserveHeap), even when the change turns out to need a full
// build; a first build and a forced one do.
func TestBuildsThatTryAPatchReserveNoHeap(t *testing.T) {
	calls, site := countReserves(t)
	on := map[string]string{hugepages.Env: "on"}
	build := func(what string, want int, args ...string) string {
		t.Helper()
		*calls = 0
		code, out, errOut := runEnv(t, site, on, append([]string{"build"}, args...)...)
		if code != ExitOK {
			t.Fatalf("%s: exit %d\n%s%s", what, code, out, errOut)
		}
		if *calls != want {
			t.Errorf("%s reserved the heap %d times; want %d\n%s", what, *calls, want, out)
		}
		return out
	}
	build("the first build", 1)
	p := filepath.Join(site, "content", "conditions", "example.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(b, "\nA sentence about huge pages.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build("a body edit", 0); !strings.Contains(out, "rewritten in place") {
		t.Errorf("a body edit was not patched:\n%s", out)
	}
	build("nothing changed", 0)
	b, err = os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	retitled := strings.Replace(string(b), `title: "`, `title: "Retitled `, 1)
	if retitled == string(b) {
		t.Fatalf("%s has no title: line to change", p)
	}
	if err := os.WriteFile(p, []byte(retitled), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := build("a front matter edit (a patch refused, then a full build)", 0); strings.Contains(out, "rewritten in place") {
		t.Errorf("a front matter edit was patched; want a full build:\n%s", out)
	}
	build("a forced build", 1, "--force")
}

// TestHugePagesOnlyWhenAsked checks that neither a full build nor a
// check reserves huge pages unless MEDKB_HUGEPAGES=on, and that a value
// that is neither on nor off is a warning on stderr, once, naming the
// variable and the fix, not a silent off (and nothing under --quiet).
func TestHugePagesOnlyWhenAsked(t *testing.T) {
	calls, site := countReserves(t)
	for _, c := range []struct {
		value, warning string
		want           int
	}{
		{"", "", 0},
		{"off", "", 0},
		{"yes", `MEDKB_HUGEPAGES="yes" is not a setting: use MEDKB_HUGEPAGES=on`, 0},
		{"on", "", 1},
	} {
		for _, cmd := range [][]string{{"build", "--force"}, {"check"}} {
			*calls = 0
			code, out, errOut := runEnv(t, site, map[string]string{hugepages.Env: c.value}, cmd...)
			if code != ExitOK {
				t.Fatalf("MEDKB_HUGEPAGES=%q %s: exit %d\n%s%s", c.value, cmd[0], code, out, errOut)
			}
			if *calls != c.want {
				t.Errorf("MEDKB_HUGEPAGES=%q %s reserved the heap %d times; want %d", c.value, cmd[0], *calls, c.want)
			}
			warned := strings.Count(errOut, "warning: "+c.warning) == 1 && strings.Count(errOut, hugepages.Env+"=") == 2
			if c.warning != "" && !warned || c.warning == "" && strings.Contains(errOut, hugepages.Env) {
				t.Errorf("MEDKB_HUGEPAGES=%q %s: stderr %q; want the warning %q once", c.value, cmd[0], errOut, c.warning)
			}
			if strings.Contains(out, hugepages.Env) {
				t.Errorf("MEDKB_HUGEPAGES=%q %s: the warning is on stdout: %q", c.value, cmd[0], out)
			}
		}
	}
	// --quiet prints only errors: the warning is not one.
	code, out, errOut := runEnv(t, site, map[string]string{hugepages.Env: "yes"}, "build", "--force", "--quiet")
	if code != ExitOK || strings.Contains(out+errOut, hugepages.Env) {
		t.Errorf("MEDKB_HUGEPAGES=\"yes\" build --quiet: exit %d, output %q%q; want no warning", code, out, errOut)
	}
}

// The build cache's mapped files count whole in the memory outside Go's
// limit, however few of their pages are resident when it is measured (a
// build gives them back as it decodes them and reads them again later),
// and no more than once when they are resident.
func TestOutsideCountsMappedCacheFilesWhole(t *testing.T) {
	const mib = 1 << 20
	// A one-article rebuild at 100,000 articles: 41 MiB of file pages
	// (the binary's code) before the caches, 190 MiB of caches mapped,
	// measured with 88 MiB of file pages resident.
	if got, want := outsideOf(1300*mib, 1200*mib, 88*mib, 41*mib, 190*mib), int64(100+143)*mib; got != want {
		t.Errorf("outside with the caches' pages given back = %d MiB, want %d MiB (the rest and the pages to come back)", got/mib, want/mib)
	}
	if got, want := outsideOf(1300*mib, 1100*mib, 231*mib, 41*mib, 190*mib), int64(200)*mib; got != want {
		t.Errorf("outside with the caches resident = %d MiB, want %d MiB (the rest alone)", got/mib, want/mib)
	}
	if got, want := outsideOf(500*mib, 450*mib, 60*mib, 41*mib, 0), int64(50)*mib; got != want {
		t.Errorf("outside of a build that maps nothing = %d MiB, want %d MiB", got/mib, want/mib)
	}
}
