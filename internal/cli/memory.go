package cli

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"

	"github.com/medkb/medkb/internal/config"
)

// A memoryWatch holds a build to its memory budget (build.memory_mb,
// config.Config.MemoryBudget): it sets Go's soft memory limit to the
// budget, so the heap no longer grows to twice the live data when that
// would pass it, and after every collection it reads the live heap.
//
// The limit is soft on purpose. When live data nears it, the collector
// runs almost without pause for ever smaller gains (GOMEMLIMIT=1200MiB at
// 100,000 articles, live data about 1 GB: 2.6× the CPU), so once the live
// heap passes three quarters of the budget the watch lifts the limit
// (the collector is back to GOGC alone) and the build says so, with the
// budget the site would need. One build at a time: the limit is the
// process's.
type memoryWatch struct {
	limit, prev int64

	mu      sync.Mutex
	peak    uint64 // the largest live heap seen after a collection
	lifted  bool
	stopped bool
}

// watchMemory sets the soft memory limit to limit bytes and watches the
// live heap until stop.
func watchMemory(limit int64) *memoryWatch {
	w := &memoryWatch{limit: limit}
	w.prev = debug.SetMemoryLimit(limit)
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
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	live := s[0].Value.Uint64()
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return false
	}
	w.peak = max(w.peak, live)
	if !w.lifted && live > uint64(w.limit)/4*3 {
		w.lifted = true
		debug.SetMemoryLimit(math.MaxInt64)
	}
	return true
}

// stop restores the limit there was before and returns the largest live
// heap seen and whether the limit was lifted.
func (w *memoryWatch) stop() (peak uint64, lifted bool) {
	w.collected()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.stopped = true
	debug.SetMemoryLimit(w.prev)
	return w.peak, w.lifted
}

// memoryBudget returns the memory budget of the site in src (the default
// when medkb.yaml cannot be read: the build itself reports why) and the
// line that sets it (0 for none).
func memoryBudget(src string) (int64, int) {
	cfg, err := config.Load(src)
	if err != nil {
		return config.DefaultMemoryMB << 20, 0
	}
	line, ok := cfg.Lines["build.memory_mb"]
	if !ok {
		line = cfg.Lines["build"]
	}
	return cfg.MemoryBudget(), line
}

// traceMemory prints the live peak against the budget.
func traceMemory(w io.Writer, peak uint64, budget int64) {
	fmt.Fprintf(w, "\nMemory: live heap peaked at %d MiB; budget %d MiB (build.memory_mb)\n", peak>>20, budget>>20)
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
	fmt.Fprintf(w, "medkb: %s: warning: the build's live data reached %d MiB, past three quarters of its memory budget (%d MiB), so it ran without a memory limit\n  hint: set build: {memory_mb: %d} in %s (twice the live data) or more, or make the budget fit the machine\n",
		at, peak>>20, budget>>20, need, config.FileName)
}
