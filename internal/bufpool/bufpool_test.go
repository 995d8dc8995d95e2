package bufpool

import (
	"strings"
	"testing"
)

// A buffer comes back empty, whatever the last user left in it, and one
// grown past MaxKept is not kept.
func TestGetIsEmptyAndPutDropsLargeBuffers(t *testing.T) {
	b := Get()
	b.WriteString("left over")
	Put(b)
	for range 10 {
		if c := Get(); c.Len() != 0 {
			t.Fatalf("Get returned %q; want an empty buffer", c.String())
		}
	}
	big := Get()
	big.WriteString(strings.Repeat("x", MaxKept+1))
	Put(big)
	for range 100 {
		if c := Get(); c.Cap() > MaxKept {
			t.Fatalf("Get returned a buffer of %d bytes; one past MaxKept is not kept", c.Cap())
		}
	}
}
