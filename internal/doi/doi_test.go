package doi

import "testing"

// A DOI links the same way however it is written; what is not shaped as
// one links nowhere.
func TestURL(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"10.1056/NEJMoa2034577":                  "https://doi.org/10.1056/NEJMoa2034577",
		" doi:10.1056/NEJMoa2034577 ":            "https://doi.org/10.1056/NEJMoa2034577",
		"DOI:10.1016/S0140-6736(25)22852-7":      "https://doi.org/10.1016/S0140-6736%2825%2922852-7",
		"https://doi.org/10.1001/jama.2023.5954": "https://doi.org/10.1001/jama.2023.5954",
		"http://dx.doi.org/10.1000.10/182":       "https://doi.org/10.1000.10/182",
		"https://doi.org/10.1/a b":               "https://doi.org/10.1/a%20b",
		"not-a-doi":                              "",
		"NEJMoa2034577":                          "",
		"10.1056":                                "",
		"11.1056/x":                              "",
		"":                                       "",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q, want %q", in, got, want)
		}
	}
}
