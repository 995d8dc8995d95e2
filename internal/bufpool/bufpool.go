// Package bufpool keeps the byte buffers a build fills and empties once
// for every page: a rendered page on its way to its file, a Markdown
// body, a body's plain text, a record read back from the build cache.
// Each was a buffer grown from nothing for every page (at 10,000 bench
// articles: 310 MiB of rendered pages, 233 MiB of Markdown bodies, 154 MiB
// of plain text, measured as each moved to a pool); they now come from
// one pool, shared by the packages that need them, instead of a pool of
// each package's own with its own size limit.
//
// A buffer grown past MaxKept (a book-length page) is left to the
// collector rather than kept for the rest of the build.
package bufpool

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer that also has a bufio.Writer's Buffered and
// Flush, so that a writer that takes one of those (goldmark's renderer)
// writes into it directly instead of through a bufio.Writer of its own.
// Nothing is held back: every byte is in the buffer as it is written.
type Buffer struct{ bytes.Buffer }

// Buffered is what a Flush would write: nothing.
func (*Buffer) Buffered() int { return 0 }

// Flush does nothing.
func (*Buffer) Flush() error { return nil }

// Sized empties b and returns n bytes of its storage (their contents
// left over), for a caller that fills them itself (a read): when b holds
// fewer, it gets a store of n made at once (Grow also copies what it
// held, an allocation more where the compiler does not fold it).
func (b *Buffer) Sized(n int) []byte {
	b.Reset()
	if b.Cap() < n {
		b.Buffer = *bytes.NewBuffer(make([]byte, 0, n))
	}
	return b.AvailableBuffer()[:n]
}

// MaxKept is the largest capacity Put keeps.
const MaxKept = 1 << 20

var pool = sync.Pool{New: func() any { return new(Buffer) }}

// Get returns an empty buffer (Put empties what it keeps).
func Get() *Buffer { return pool.Get().(*Buffer) }

// Put gives b back. Neither b nor anything that views its bytes may be
// used after: the next Get hands them to someone else.
func Put(b *Buffer) {
	if b.Cap() > MaxKept {
		return
	}
	b.Reset()
	pool.Put(b)
}
