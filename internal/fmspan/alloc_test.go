package fmspan

import "testing"

// Find runs once a content file in every build: locating the front matter
// copies nothing (it once copied each line it compared with the closing
// delimiter, about 3 KB an article). The first case has a line longer
// than 32 bytes: Go converts shorter ones on the stack, which would hide
// a copy.
func TestFindDoesNotAllocate(t *testing.T) {
	for _, text := range []string{
		"---\ntitle: A\nsummary: \"A line of front matter longer than thirty-two bytes\"\ntags: [a, b]\nreferences:\n  - id: x\n    title: y\n---\nBody\n",
		"+++\ntitle = 'A'\n[params]\nx = 1\n+++\nBody\n",
		"---\r\ntitle: A\r\n...\r\nBody\r\n",
		"---\ntitle: A\nno closing line\n",
	} {
		data := []byte(text)
		if n := testing.AllocsPerRun(100, func() { Find(data) }); n != 0 {
			t.Errorf("Find(%q) allocates %v times, want 0", text, n)
		}
	}
}
