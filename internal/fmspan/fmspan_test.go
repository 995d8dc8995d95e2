package fmspan

import "testing"

// TestFind covers the shapes package frontmatter reads as front matter
// (Hugo's rule) and the ones it does not; every line is the file's own.
func TestFind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		in        string
		status    Status
		delim     string
		openLine  int
		closeLine int
		block     string // between the delimiter lines
		body      string // after the closing line
	}{
		{"plain YAML", "---\ntitle: A\n---\nBody.\n", Closed, "---", 1, 3, "title: A\n", "Body.\n"},
		{"a BOM", "\xef\xbb\xbf---\ntitle: A\n---\nBody.\n", Closed, "---", 1, 3, "title: A\n", "Body.\n"},
		{"blank lines before ---", "\n \n\t\n---\ntitle: A\n---\nBody.\n", Closed, "---", 4, 6, "title: A\n", "Body.\n"},
		{"a BOM and a blank line", "\xef\xbb\xbf\n---\ntitle: A\n---\nB\n", Closed, "---", 2, 4, "title: A\n", "B\n"},
		{"trailing spaces and tabs after the delimiters", "--- \t\ntitle: A\n---  \nBody.\n", Closed, "---", 1, 3, "title: A\n", "Body.\n"},
		{"CRLF", "---\r\ntitle: A\r\n---\r\nBody.\r\n", Closed, "---", 1, 3, "title: A\r\n", "Body.\r\n"},
		{"CRLF, BOM, blank line, spaces", "\xef\xbb\xbf\r\n---\t\r\ntitle: A\r\n--- \r\nBody.\r\n", Closed, "---", 2, 4, "title: A\r\n", "Body.\r\n"},
		{"YAML closed by ...", "---\ntitle: A\n...\nBody.\n", Closed, "---", 1, 3, "title: A\n", "Body.\n"},
		{"closing line at the end of the file", "---\ntitle: A\n---", Closed, "---", 1, 3, "title: A\n", ""},
		{"an empty block", "---\n---\nBody.\n", Closed, "---", 1, 2, "", "Body.\n"},
		{"TOML", "+++\ntitle = \"A\"\n+++\nBody.\n", Closed, "+++", 1, 3, "title = \"A\"\n", "Body.\n"},
		{"TOML after a blank line", "\n+++ \ntitle = \"A\"\n+++\nB\n", Closed, "+++", 2, 4, "title = \"A\"\n", "B\n"},
		{"TOML is not closed by --- or ...", "+++\na = 1\n---\n...\n+++\nB\n", Closed, "+++", 1, 5, "a = 1\n---\n...\n", "B\n"},
		{"YAML is not closed by +++", "---\na: 1\n+++\n---\nB\n", Closed, "---", 1, 4, "a: 1\n+++\n", "B\n"},
		{"a second block is body", "---\na: 1\n---\n\n---\nb: 2\n---\n", Closed, "---", 1, 3, "a: 1\n", "\n---\nb: 2\n---\n"},
		{"no closing fence", "---\ntitle: A\nBody.\n", Unclosed, "---", 1, 0, "", "---\ntitle: A\nBody.\n"},
		{"--- alone", "---", Unclosed, "---", 1, 0, "", "---"},
		{"--- not first", "Intro.\n---\ntitle: A\n---\n", None, "", 1, 0, "", "Intro.\n---\ntitle: A\n---\n"},
		{"indented ---", "  ---\ntitle: A\n---\n", None, "", 1, 0, "", "  ---\ntitle: A\n---\n"},
		{"---- is not a delimiter", "----\ntitle: A\n----\n", None, "", 1, 0, "", "----\ntitle: A\n----\n"},
		{"text after ---", "--- x\ntitle: A\n---\n", None, "", 1, 0, "", "--- x\ntitle: A\n---\n"},
		{"a closing line with text is not one", "---\na: 1\n--- x\n---\nB\n", Closed, "---", 1, 4, "a: 1\n--- x\n", "B\n"},
		{"empty file", "", None, "", 1, 0, "", ""},
		{"blank file", "\n  \n", None, "", 3, 0, "", "\n  \n"},
		{"a blank line without LF", " \t", None, "", 1, 0, "", " \t"},
		{"blank lines, the last without LF", "\n\r\n ", None, "", 3, 0, "", "\n\r\n "},
		{"a BOM only", "\xef\xbb\xbf", None, "", 1, 0, "", "\xef\xbb\xbf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := []byte(tc.in)
			sp := Find(data)
			if sp.Status != tc.status || sp.Delim != tc.delim || sp.OpenLine != tc.openLine || sp.CloseLine != tc.closeLine {
				t.Fatalf("Find(%q) = %+v, want status %d, delim %q, lines %d–%d", tc.in, sp, tc.status, tc.delim, tc.openLine, tc.closeLine)
			}
			if got := string(sp.Block(data)); got != tc.block {
				t.Errorf("block %q, want %q", got, tc.block)
			}
			if got := string(sp.Body(data)); got != tc.body {
				t.Errorf("body %q, want %q", got, tc.body)
			}
			if tc.status == Closed {
				if sp.BodyLine() != tc.closeLine+1 {
					t.Errorf("BodyLine %d, want %d", sp.BodyLine(), tc.closeLine+1)
				}
				// Offsets and line numbers agree: the opening and closing
				// lines are where the numbers say.
				if got := 1 + countLF(data[:sp.Open]); got != sp.OpenLine {
					t.Errorf("Open at line %d, OpenLine %d", got, sp.OpenLine)
				}
				if got := 1 + countLF(data[:sp.Close]); got != sp.CloseLine {
					t.Errorf("Close at line %d, CloseLine %d", got, sp.CloseLine)
				}
				if string(data[sp.Open:sp.Open+3]) != sp.Delim {
					t.Errorf("Open %d does not start at the delimiter", sp.Open)
				}
			}
		})
	}
}

func countLF(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return n
}

// FuzzFind holds Find and Second to their own contract on any input: they
// never panic, their offsets are in order and inside data, and a closed
// span's lines are where its offsets are.
func FuzzFind(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nB\n", "\xef\xbb\xbf\r\n+++\r\na = 1\r\n+++\r\n", "---", "\n\n", "---\n...\n",
		"---\na: 1\n---\n---\nb: 2\n---\n", "+++\na = 1\n+++\n+++\nb = \"\"\"\n[\n\"\"\"\nc = [\n1]\n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sp := Find(data)
		if sp.Open > len(data) || sp.OpenLine != 1+countLF(data[:sp.Open]) {
			t.Fatalf("Open %d, OpenLine %d in %q", sp.Open, sp.OpenLine, data)
		}
		if sp.Status == None {
			return
		}
		if !(sp.Open < sp.Start && sp.Start <= sp.Close && sp.Close <= sp.End && sp.End <= len(data)) {
			t.Fatalf("offsets out of order: %+v in %q", sp, data)
		}
		if sp.Status == Closed && sp.CloseLine != 1+countLF(data[:sp.Close]) {
			t.Fatalf("CloseLine %d, Close %d in %q", sp.CloseLine, sp.Close, data)
		}
		if second, ok := Second(data, sp); ok {
			if !(sp.End <= second.Open && second.Open < second.Start && second.Start <= second.Close && second.Close < second.End && second.End <= len(data)) ||
				second.OpenLine != 1+countLF(data[:second.Open]) || second.CloseLine != 1+countLF(data[:second.Close]) || second.Status != Closed ||
				string(data[second.Open:second.Open+3]) != second.Delim {
				t.Fatalf("Second: %+v below %+v in %q", second, sp, data)
			}
		}
	})
}

// TestSecond finds the candidate for a second block at the top of the
// body: --- or +++ lines and what is between them, and for YAML no blank
// line (a thematic break and ordinary text). Whether the lines are keys
// is not its question: package frontmatter parses them (second_test.go),
// so prose between two delimiter lines is still a candidate here.
func TestSecond(t *testing.T) {
	t.Parallel()
	const top = "---\ntitle: Gout\ndate: 2024-01-02\n---\n"
	tests := []struct {
		name       string
		in         string
		ok         bool
		open, shut int
		delim      string // "---" when empty
	}{
		{"a pasted block", top + "\n---\nsummary: Joint pain\ntags: [joints]\n---\n\nGout is...\n", true, 6, 9, ""},
		{"right under the front matter", top + "---\nsummary: S\n---\n", true, 5, 7, ""},
		{"CRLF, spaces, blank lines with spaces", "---\r\ntitle: A\r\n---\r\n \r\n\r\n--- \r\nsummary: S\r\n...\r\nB\r\n", true, 6, 8, ""},
		{"nested values, lists, comments", top + "---\n# from the template\nreferences:\n  - id: who\n    title: WHO\ntags:\n- a\n- b\nsummary: >\n  folded\n---\n", true, 5, 15, ""},
		{"a thematic break, then a line and a break (the parser decides)", top + "---\nKey point: rest\n---\n", true, 5, 7, ""},
		{"two breaks (the parser decides)", top + "---\n---\n", true, 5, 6, ""},
		{"the first closing line closes it", top + "---\nsummary: S\n---\ntags: [a]\n---\n", true, 5, 7, ""},
		{"a thematic break and a paragraph", top + "\n---\n\nKey point: rest of the sentence.\n", false, 0, 0, ""},
		{"a blank line inside", top + "---\nsummary: S\n\ntags: [a]\n---\n", false, 0, 0, ""},
		{"a line of spaces inside", top + "---\nsummary: S\n \t\ntags: [a]\n---\n", false, 0, 0, ""},
		{"never closed", top + "---\nsummary: S\n", false, 0, 0, ""},
		{"text first", top + "Intro.\n\n---\nsummary: S\n---\n", false, 0, 0, ""},
		{"no body", top, false, 0, 0, ""},
		{"only blank lines", top + "\n \n", false, 0, 0, ""},
		{"*** is not ---", top + "***\nsummary: S\n***\n", false, 0, 0, ""},
		{"---- is not ---", top + "----\nsummary: S\n----\n", false, 0, 0, ""},

		{"TOML under YAML", top + "\n+++\nsummary = \"Joint pain\"\ntags = [\"joints\"]\n+++\n\nGout is...\n", true, 6, 9, "+++"},
		{"TOML under TOML, CRLF", "+++\r\ntitle = \"A\"\r\n+++\r\n+++ \r\nsummary = 'S'\r\n+++\r\nB\r\n", true, 4, 6, "+++"},
		{"TOML may hold blank lines", top + "+++\ndraft = false\n\n[params]\ncolour = \"red\"\n+++\n", true, 5, 10, "+++"},
		{"+++ and prose (the parser decides)", top + "+++\nsummary = the point\nand more prose here.\n+++\n", true, 5, 8, "+++"},
		{"+++ is not closed by ... ", top + "+++\nsummary = \"S\"\n...\n+++\n", true, 5, 8, "+++"},
		{"+++ never closed", top + "+++\nsummary = \"S\"\n", false, 0, 0, ""},
		{"+++ not closed by ---", top + "+++\nsummary = \"S\"\n---\n", false, 0, 0, ""},
		{"--- not closed by +++", top + "---\nsummary: S\n+++\n", false, 0, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := []byte(tc.in)
			sp, ok := Second(data, Find(data))
			if ok != tc.ok {
				t.Fatalf("Second(%q): ok %v, want %v (%+v)", tc.in, ok, tc.ok, sp)
			}
			if !ok {
				return
			}
			if tc.delim == "" {
				tc.delim = "---"
			}
			if sp.Status != Closed || sp.OpenLine != tc.open || sp.CloseLine != tc.shut || sp.Delim != tc.delim {
				t.Errorf("%+v; want lines %d–%d, %s", sp, tc.open, tc.shut, tc.delim)
			}
			if got := 1 + countLF(data[:sp.Open]); got != sp.OpenLine || string(data[sp.Open:sp.Open+3]) != sp.Delim {
				t.Errorf("Open %d is line %d, OpenLine %d", sp.Open, got, sp.OpenLine)
			}
			if got := 1 + countLF(data[:sp.Close]); got != sp.CloseLine {
				t.Errorf("Close %d is line %d, CloseLine %d", sp.Close, got, sp.CloseLine)
			}
		})
	}
	if _, ok := Second([]byte("---\nsummary: S\n---\n"), Span{}); ok {
		t.Error("Second found a block below no front matter")
	}
}
