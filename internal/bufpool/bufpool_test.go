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

// Sized hands out storage of the size asked, the buffer's own when it is
// large enough.
func TestSizedReusesTheBuffersStorage(t *testing.T) {
	b := new(Buffer)
	first := b.Sized(1000)
	if len(first) != 1000 {
		t.Fatalf("Sized(1000) gave %d bytes", len(first))
	}
	first[0] = 'x'
	if again := b.Sized(10); len(again) != 10 || &again[0] != &first[0] {
		t.Fatal("Sized(10) after Sized(1000) did not reuse the storage")
	}
	if big := b.Sized(5000); len(big) != 5000 || b.Cap() < 5000 {
		t.Fatalf("Sized(5000) gave %d bytes of a %d-byte buffer", len(big), b.Cap())
	}
}
