package search

import (
	"maps"
	"testing"
)

// TestNeededSurfacesKeepsWhatPairsReads: the surface words split records
// are those of the carried stems and of the terms of carried phrase
// lists; a word of a stem no carried list names is left out.
func TestNeededSurfacesKeepsWhatPairsReads(t *testing.T) {
	surfaces := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack", "water": "water", "pill": "pill"}
	carry := map[string]bool{"asthma": true, phrasePrefix + "heart attack": true, "pill": false}
	got := neededSurfaces(surfaces, carry)
	want := map[string]string{"asthma": "asthma", "asthmas": "asthma", "heart": "heart", "attacks": "attack", "attack": "attack"}
	if !maps.Equal(got, want) {
		t.Errorf("neededSurfaces = %v, want %v", got, want)
	}
}
