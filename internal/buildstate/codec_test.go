package buildstate

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"fmt"
	"maps"
	"testing"
)

// TestMapsRoundTrip checks that Hashes and Strings come back from gob as
// they went, empty and nil alike, and that damaged encodings fail.
func TestMapsRoundTrip(t *testing.T) {
	type pair struct {
		H Hashes
		S Strings
	}
	big := pair{H: Hashes{}, S: Strings{}}
	for i := range 1000 {
		k := fmt.Sprintf("content/section-%d/article-%d.md", i%7, i)
		big.H[k] = sha256.Sum256([]byte(k))
		big.S[k] = fmt.Sprintf("%x", i*i)
	}
	big.S["content/empty.md"] = ""
	for _, in := range []pair{big, {H: Hashes{"a": {1}}, S: Strings{"": "x"}}, {}} {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(in); err != nil {
			t.Fatal(err)
		}
		var out pair
		if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(in.H, out.H) || !maps.Equal(in.S, out.S) {
			t.Fatalf("round trip of %d hashes and %d strings gave %d and %d, or other values", len(in.H), len(in.S), len(out.H), len(out.S))
		}
	}

	enc, _ := big.S.GobEncode()
	for _, cut := range []int{0, 1, 2, len(enc) / 2, len(enc) - 1} {
		var s Strings
		if err := s.GobDecode(enc[:cut]); err == nil {
			t.Errorf("Strings decoded from the first %d of %d bytes without an error", cut, len(enc))
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
