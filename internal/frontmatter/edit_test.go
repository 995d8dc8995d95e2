package frontmatter

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/fmspan"
)

func TestSetIDEditsOneLineAndKeepsTheRest(t *testing.T) {
	const id = "tag:health.example.org,2024-03-04:conditions-asthma"
	cases := []struct{ name, in, want string }{
		{"replaces a short id, keeps its comment",
			"---\ntitle: \"Asthma\"  # shown in the browser tab\nid: conditions-asthma   # do not change\n# a comment line\ndate: 2024-03-04\n---\nBody.\n",
			"---\ntitle: \"Asthma\"  # shown in the browser tab\nid: \"" + id + "\"   # do not change\n# a comment line\ndate: 2024-03-04\n---\nBody.\n"},
		{"inserts after the title",
			"---\n# Article\ntitle: Asthma\ndate: 2024-03-04\n---\nBody.\n",
			"---\n# Article\ntitle: Asthma\nid: \"" + id + "\"\ndate: 2024-03-04\n---\nBody.\n"},
		{"inserts first when the title is folded",
			"---\ntitle: >\n  Asthma\ndate: 2024-03-04\n---\n",
			"---\nid: \"" + id + "\"\ntitle: >\n  Asthma\ndate: 2024-03-04\n---\n"},
		{"keeps CRLF",
			"---\r\ntitle: Asthma\r\ndate: 2024-03-04\r\n---\r\nBody.\r\n",
			"---\r\ntitle: Asthma\r\nid: \"" + id + "\"\r\ndate: 2024-03-04\r\n---\r\nBody.\r\n"},
		{"TOML",
			"+++\ntitle = \"Asthma\"\nid = 'old'\n+++\nBody.\n",
			"+++\ntitle = \"Asthma\"\nid = \"" + id + "\"\n+++\nBody.\n"},
		{"no front matter", "Body.\n", "---\nid: \"" + id + "\"\n---\nBody.\n"},
		{"a blank line before the block, as Hugo allows",
			"\n---\ntitle: Asthma\ndate: 2024-03-04\n---\nBody.\n",
			"\n---\ntitle: Asthma\nid: \"" + id + "\"\ndate: 2024-03-04\n---\nBody.\n"},
		{"spaces after the delimiters",
			"---  \ntitle: Asthma\n--- \nBody.\n",
			"---  \ntitle: Asthma\nid: \"" + id + "\"\n--- \nBody.\n"},
	}
	for _, c := range cases {
		got, err := SetID("content/a.md", []byte(c.in), id)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestSetIDOnTheDemoArticlesChangesOnlyTheIDLine(t *testing.T) {
	for _, file := range []string{"../../content/conditions/asthma.md", "../../content/about/contact.md", "../../content/conditions/asthma.es.md"} {
		in, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		const id = "tag:health.example.org,2024:x"
		out, err := SetID(file, in, id)
		if err != nil {
			t.Fatal(err)
		}
		a, b := strings.Split(string(in), "\n"), strings.Split(string(out), "\n")
		diff := 0
		for i, j := 0, 0; i < len(a) || j < len(b); {
			switch {
			case i < len(a) && j < len(b) && a[i] == b[j]:
				i++
				j++
			case j < len(b) && strings.HasPrefix(b[j], "id: "):
				diff++
				j++
				if i < len(a) && strings.HasPrefix(a[i], "id:") {
					i++
				}
			default:
				t.Fatalf("%s: line %d changed: %q → %q", file, i+1, a[min(i, len(a)-1)], b[min(j, len(b)-1)])
			}
		}
		if diff != 1 {
			t.Errorf("%s: %d id lines written, want 1", file, diff)
		}
	}
}

func TestSetIDRefusesAnUnclosedBlock(t *testing.T) {
	if _, err := SetID("content/a.md", []byte("---\ntitle: A\n"), "tag:x,2024:a"); err == nil || !strings.Contains(err.Error(), "content/a.md") {
		t.Errorf("err = %v", err)
	}
}

// FuzzSetID checks that SetID never panics and, when it succeeds, reads
// back the id and leaves every other line as it was; to a file without
// front matter (by fmspan's rule, so also one with a byte order mark or
// blank lines first) it adds a block above the text, after the mark.
func FuzzSetID(f *testing.F) {
	for _, s := range []string{"---\ntitle: A\nid: x # c\n---\nB\n", "+++\ntitle = \"A\"\n+++\n", "B", "---\r\ntitle: A\r\n---\r\n", "---\n---\n",
		"\n \n---\ntitle: A\n---\nB\n", "\xef\xbb\xbf\r\n+++\r\ntitle = \"A\"\r\n+++\r\n", "\xef\xbb\xbf\n\nB\n"} {
		f.Add([]byte(s), "tag:s.test,2024:a")
	}
	if b, err := os.ReadFile("../../content/conditions/asthma.md"); err == nil {
		f.Add(b, "tag:s.test,2024:asthma")
	}
	f.Fuzz(func(t *testing.T, data []byte, id string) {
		out, err := SetID("f.md", data, id)
		if err != nil {
			return
		}
		if got, err := readID(out); err != nil || got != id {
			t.Fatalf("SetID output does not read back %q: %v", id, err)
		}
		// Lines that may be an id line are left out on both sides, by one
		// rule: the output's new one and the input's old one, and a line
		// such as "id:#: " (key "id:#") on both, which SetID keeps.
		others := func(b []byte) []string {
			var out []string
			for _, l := range strings.Split(string(b), "\n") {
				if !strings.HasPrefix(l, "id:") && !strings.HasPrefix(l, "id =") && !strings.HasPrefix(l, "id=") {
					out = append(out, l)
				}
			}
			return out
		}
		if fmspan.Find(data).Status == fmspan.None {
			// A block was added: right after the byte order mark, if
			// there is one (it stays first), with the text below it
			// byte for byte.
			bom := len(data) - len(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
			sp := fmspan.Find(out)
			if sp.Status != fmspan.Closed || sp.Open != bom || !bytes.Equal(out[:bom], data[:bom]) || !bytes.Equal(sp.Body(out), data[bom:]) {
				t.Fatalf("the block is not added above the text:\n%q\n%q", data, out)
			}
			return
		}
		kept, before := others(out), others(data)
		if strings.Join(kept, "\n") != strings.Join(before, "\n") {
			t.Fatalf("other lines changed:\n%q\n%q", data, out)
		}
	})
}
