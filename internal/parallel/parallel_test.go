package parallel

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestForRunsEveryIndexOnce(t *testing.T) {
	t.Parallel()
	for _, n := range []int{0, 1, 2, 3, 1000} {
		for _, workers := range []int{0, 1, 3} {
			counts := make([]atomic.Int32, n)
			if err := For(context.Background(), n, workers, func(_, i int) error {
				counts[i].Add(1)
				return nil
			}); err != nil {
				t.Fatalf("n=%d workers=%d: %v", n, workers, err)
			}
			for i := range counts {
				if c := counts[i].Load(); c != 1 {
					t.Fatalf("n=%d workers=%d: index %d ran %d times, want once", n, workers, i, c)
				}
			}
		}
	}
}

// TestForGivesEachGoroutineItsOwnWorker: a worker number is held by one
// goroutine at a time and lies within the count asked for, so per-worker
// scratch needs no lock.
func TestForGivesEachGoroutineItsOwnWorker(t *testing.T) {
	t.Parallel()
	const workers = 4
	var busy [workers]atomic.Bool
	var used [workers]atomic.Bool
	err := For(context.Background(), 2000, workers, func(w, i int) error {
		if w < 0 || w >= workers {
			return errors.New("worker number out of range")
		}
		if !busy[w].CompareAndSwap(false, true) {
			return errors.New("two goroutines ran as one worker at once")
		}
		used[w].Store(true)
		time.Sleep(10 * time.Microsecond)
		busy[w].Store(false)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !used[0].Load() {
		t.Fatal("worker 0 never ran")
	}
}

func TestForStopsAtTheFirstError(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	const n = 10000
	var ran atomic.Int32
	err := For(context.Background(), n, 0, func(_, i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		time.Sleep(100 * time.Microsecond)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	// The workers stop taking indices once the error cancels the group;
	// the bound leaves room for a worker that keeps going while the one
	// that failed waits for a core.
	if r := ran.Load(); r > n/2 {
		t.Fatalf("%d of %d indices ran after an error at index 10", r, n)
	}
}

func TestForRunsNothingWhenCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var ran atomic.Int32
	err := For(ctx, 100, 0, func(int, int) error { ran.Add(1); return nil })
	if !errors.Is(err, context.Canceled) || ran.Load() != 0 {
		t.Fatalf("got %v after %d runs, want context.Canceled after none", err, ran.Load())
	}
}
