package buildstate

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"maps"
	"testing"
)

// TestMapsRoundTrip checks that Hashes come back from gob as they went,
// empty and nil alike, and that damaged encodings fail.
func TestMapsRoundTrip(t *testing.T) {
	type pair struct {
		H Hashes
	}
	big := pair{H: Hashes{}}
	for i := range 1000 {
		k := fmt.Sprintf("content/section-%d/article-%d.md", i%7, i)
		big.H[k] = sha256.Sum256([]byte(k))
	}
	for _, in := range []pair{big, {H: Hashes{"a": {1}, "": {2}}}, {}} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(in); err != nil {
			t.Fatal(err)
		}
		var out pair
		if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(in.H, out.H) {
			t.Fatalf("round trip of %d hashes gave %d, or other values", len(in.H), len(out.H))
		}
	}

	henc, _ := big.H.GobEncode()
	for _, cut := range []int{0, 1, len(henc) / 2, len(henc) - 1} {
		var h Hashes
		if err := h.GobDecode(henc[:cut]); err == nil {
			t.Errorf("Hashes decoded from the first %d of %d bytes without an error", cut, len(henc))
		}
	}
	var h Hashes
	if err := h.GobDecode([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}); err == nil {
		t.Error("a count of 2^64 decoded without an error")
	}
}
