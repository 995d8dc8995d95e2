// Package parallel runs a loop body over the indices 0..n-1 on every core.
// The build's parallel steps (reading and parsing pages, rendering bodies,
// checking pages, analysing and encoding the search index) all use it, so
// there is one worker pool in medkb, not one per package.
//
// One goroutine per worker takes the next index in turn, rather than one
// goroutine per index: a goroutine starts on a small stack, and the
// parsers a loop body runs (YAML, Markdown) grow it each time, which cost
// about 2 % of a 10,000-article build's CPU in copying stacks. Each
// goroutine has a worker number, so a body can keep scratch state per
// worker (the search analyser's memo, the readability counter) without a
// lock. The package imports no other medkb package.
package parallel

import (
	"context"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Workers resolves a worker count: n itself when positive, else one per
// core (GOMAXPROCS).
func Workers(n int) int {
	if n <= 0 {
		return runtime.GOMAXPROCS(0)
	}
	return n
}

// For runs fn(worker, i) for every i in 0..n-1 on min(Workers(workers), n)
// goroutines; worker is the number, from 0, of the goroutine running the
// call, and no two goroutines share one. It stops taking indices at the
// first error or when ctx is cancelled, and returns that error
// (ctx.Err() for a cancellation). The order in which indices run is not
// defined: a body writes only to its own index's slot or its own worker's
// state.
func For(ctx context.Context, n, workers int, fn func(worker, i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	var next atomic.Int64
	for w := range min(Workers(workers), n) {
		g.Go(func() error {
			for gctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return nil
				}
				if err := fn(w, i); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// Each is For for a body that cannot fail and is not cancelled: it
// returns when fn has run for every index.
func Each(n, workers int, fn func(worker, i int)) {
	_ = For(context.Background(), n, workers, func(w, i int) error {
		fn(w, i)
		return nil
	})
}
