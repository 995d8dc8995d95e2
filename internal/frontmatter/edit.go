package frontmatter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
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
	bom := []byte("\xef\xbb\xbf")
	hasBOM := bytes.HasPrefix(data, bom)
	text := string(bytes.TrimPrefix(data, bom))
	quoted := quoteID(id)
	var out string
	lines := strings.SplitAfter(text, nl)
	open := 0 // the first line that is not blank, as Parse finds it
	for open < len(lines)-1 && strings.TrimRight(lines[open], " \t\r\n") == "" {
		open++
	}
	first := strings.TrimRight(lines[open], " \t\r\n")
	switch {
	case (first == "---" || first == "+++") && strings.HasSuffix(lines[open], nl):
		delim := first
		sep := ": "
		keyRe := yamlIDLine
		titleRe := yamlTitleLine
		if delim == "+++" {
			sep, keyRe, titleRe = " = ", tomlIDLine, tomlTitleLine
		}
		end := -1
		for i := open + 1; i < len(lines); i++ {
			t := strings.TrimRight(lines[i], " \t\r\n")
			if t == delim || delim == "---" && t == "..." {
				end = i
				break
			}
		}
		if end < 0 {
			return nil, fmt.Errorf("%s: the front matter block never closes", file)
		}
		newLine := "id" + sep + quoted + nl
		at, replace := -1, false
		for i := open + 1; i < end; i++ {
			if m := keyRe.FindStringSubmatch(strings.TrimRight(lines[i], "\r\n")); m != nil {
				newLine = "id" + sep + quoted + m[1] + nl
				at, replace = i, true
				break
			}
		}
		if at < 0 {
			at = open + 1
			for i := open + 1; i < end; i++ {
				if titleRe.MatchString(lines[i]) && (i+1 >= end || !isContinuation(lines[i+1])) {
					at = i + 1
					break
				}
			}
		}
		if replace {
			if continues(lines, at, end) {
				return nil, fmt.Errorf("%s: the id spans several lines; write it on one line and run again", file)
			}
			lines[at] = newLine
		} else {
			lines = append(lines[:at], append([]string{newLine}, lines[at:]...)...)
		}
		out = strings.Join(lines, "")
	case strings.HasPrefix(first, "---"), strings.HasPrefix(first, "+++"):
		return nil, fmt.Errorf("%s: the front matter block is not closed", file)
	default:
		out = "---" + nl + "id: " + quoted + nl + "---" + nl + text
	}
	res := []byte(out)
	if hasBOM {
		res = append(append([]byte{}, bom...), res...)
	}
	got, err := readID(res)
	if err != nil {
		return nil, fmt.Errorf("%s: setting the id would break the front matter: %w", file, err)
	}
	if got != id {
		return nil, fmt.Errorf("%s: the id would read back as %q, not %q", file, got, id)
	}
	return res, nil
}

// readID decodes the front matter block of data (YAML or TOML, as Parse
// splits it) and returns its id. Only the syntax is checked, not the
// schema: pinning an id must work on a page that has other problems.
func readID(data []byte) (string, error) {
	data = Normalize(data)
	open, ok := opening(data)
	if !ok {
		return "", fmt.Errorf("the file has no front matter")
	}
	block, _, _, ok := split(data, open)
	if !ok {
		return "", fmt.Errorf("the front matter block never closes")
	}
	var m map[string]any
	var err error
	if open.delim == "+++" {
		err = toml.Unmarshal(block, &m)
	} else {
		err = yaml.Unmarshal(block, &m)
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
