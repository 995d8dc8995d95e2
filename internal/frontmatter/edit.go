package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/fmspan"
)

// SetID returns data with the top-level front matter key id set to id,
// changing as little text as possible so that an editor's diff shows one
// line: an existing id line keeps its position and its trailing comment;
// otherwise the line is inserted after the title line (or first in the
// block). Comments, key order, quoting and line endings (LF or CRLF) of
// every other line are left as they were. A file without front matter gets
// a YAML block of its own. The result is parsed again and SetID fails
// unless it decodes with exactly that id; data is never modified.
func SetID(file string, data []byte, id string) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(data, []byte("\r\n")) {
		nl = "\r\n"
	}
	quoted := quoteID(id)
	var out []byte
	switch sp := fmspan.Find(data); {
	case sp.Status == fmspan.Closed:
		sep := ": "
		keyRe := yamlIDLine
		titleRe := yamlTitleLine
		if sp.Delim == "+++" {
			sep, keyRe, titleRe = " = ", tomlIDLine, tomlTitleLine
		}
		// The block's lines, each with its line end (every one has one:
		// the closing delimiter's line follows).
		lines := strings.SplitAfter(string(sp.Block(data)), "\n")
		lines = lines[:len(lines)-1]
		newLine := "id" + sep + quoted + nl
		at, replace := -1, false
		for i, l := range lines {
			text := strings.TrimRight(l, "\r\n")
			if m := keyRe.FindStringSubmatch(text); m != nil {
				newLine = "id" + sep + quoted + m[1] + l[len(text):]
				at, replace = i, true
				break
			}
		}
		if at < 0 {
			at = 0
			for i, l := range lines {
				if titleRe.MatchString(l) && (i+1 >= len(lines) || !isContinuation(lines[i+1])) {
					at = i + 1
					break
				}
			}
		}
		if replace {
			if continues(lines, at, len(lines)) {
				return nil, fmt.Errorf("%s: the id spans several lines; write it on one line and run again", file)
			}
			lines[at] = newLine
		} else {
			lines = slices.Insert(lines, at, newLine)
		}
		out = slices.Concat(data[:sp.Start], []byte(strings.Join(lines, "")), data[sp.Close:])
	case sp.Status == fmspan.Unclosed:
		return nil, fmt.Errorf("%s: the front matter block never closes", file)
	case bytes.HasPrefix(data[sp.Open:], []byte("---")), bytes.HasPrefix(data[sp.Open:], []byte("+++")):
		// A first line such as ---- or "--- title: A" is no delimiter,
		// but a block was meant: adding one above it would bury it.
		return nil, fmt.Errorf("%s: the front matter block is not closed", file)
	default:
		bom := []byte("\xef\xbb\xbf")
		text := bytes.TrimPrefix(data, bom)
		out = slices.Concat(data[:len(data)-len(text)], []byte("---"+nl+"id: "+quoted+nl+"---"+nl), text)
	}
	got, err := readID(out)
	if err != nil {
		if _, was := readID(data); was != nil && fmspan.Find(data).Status == fmspan.Closed {
			// Broken before, not by the id: at the line as the file is.
			return nil, fmt.Errorf("%s: the front matter does not parse, so its id cannot be set: %w", file, was)
		}
		return nil, fmt.Errorf("%s: setting the id would break the front matter (in the file with the id line added, %w)", file, err)
	}
	if got != id {
		return nil, fmt.Errorf("%s: the id would read back as %q, not %q", file, got, id)
	}
	return out, nil
}

// readID decodes the front matter block of data (YAML or TOML, as Parse
// splits it) and returns its id. Only the syntax is checked, not the
// schema: pinning an id must work on a page that has other problems. A
// YAML mistake yamlsyntax knows is explained in its words, at the line of
// data to edit ("line 3: ..."); any other keeps yaml.v3's message, its
// line counted from data's top.
func readID(data []byte) (string, error) {
	data = Normalize(data)
	sp := fmspan.Find(data)
	switch sp.Status {
	case fmspan.None:
		return "", fmt.Errorf("the file has no front matter")
	case fmspan.Unclosed:
		return "", fmt.Errorf("the front matter block never closes")
	}
	block := sp.Block(data)
	var m map[string]any
	var err error
	if sp.Delim == "+++" {
		err = toml.Unmarshal(block, &m)
	} else if err = yaml.Unmarshal(block, &m); err != nil {
		// As Parse reports it (yamlError: yamlsyntax's words when it
		// knows the mistake), at the line of data.
		var d *diag.Diagnostic
		if errors.As(yamlError("", sp.OpenLine, block, err), &d) {
			return "", fmt.Errorf("line %d: %s; %s", d.Line, strings.TrimPrefix(d.Message, "front matter: "), d.Hint)
		}
		return "", err
	}
	if err != nil {
		return "", err
	}
	id, _ := m["id"].(string)
	return id, nil
}

var (
	// An id line: the key at column 1, a one-line value, and an optional
	// trailing comment (captured, with its leading space).
	yamlIDLine    = regexp.MustCompile(`^id\s*:\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#\s][^#]*?)?\s*?(\s+#.*)?$`)
	tomlIDLine    = regexp.MustCompile(`^id\s*=\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*?(\s+#.*)?$`)
	yamlTitleLine = regexp.MustCompile(`^title\s*:\s*\S`)
	tomlTitleLine = regexp.MustCompile(`^title\s*=\s*\S`)
)

// isContinuation reports whether a line continues the previous key's value
// (it is indented, or a flow or block continuation).
func isContinuation(line string) bool {
	return strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")
}

// continues reports whether the value on line at runs onto the next lines.
func continues(lines []string, at, end int) bool {
	return at+1 < end && isContinuation(lines[at+1])
}

// quoteID writes id as a double-quoted string that YAML and TOML read alike.
func quoteID(id string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(id) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
