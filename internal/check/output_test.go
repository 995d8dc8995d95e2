package check

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestWriteText(t *testing.T) {
	diags := []Diagnostic{
		{File: "content/a.md", Line: 12, Col: 3, Severity: Error, Check: "link", Message: `broken link "/x/"`, Hint: "did you mean /y/?"},
		{File: "content/a.md", Line: 4, Severity: Warning, Check: "readability", Message: "reading grade 11.0"},
		{File: "medkb.yaml", Severity: Error, Check: "trust-page", Message: "missing"},
		{Severity: Error, Check: "trust-page", Message: "no file"},
		{File: "b.md", Line: 1, Severity: Error, Check: "link", Message: "evil\x1b[2J\nnext", Hint: "a\tb"},
	}
	var buf bytes.Buffer
	WriteText(&buf, diags)
	want := "content/a.md:12:3: error: broken link \"/x/\" [link]\n" +
		"\thint: did you mean /y/?\n" +
		"content/a.md:4: warning: reading grade 11.0 [readability]\n" +
		"medkb.yaml: error: missing [trust-page]\n" +
		"error: no file [trust-page]\n" +
		"b.md:1: error: evil\\x1b[2J\\nnext [link]\n" +
		"\thint: a\\tb\n"
	if buf.String() != want {
		t.Errorf("WriteText =\n%s\nwant\n%s", buf.String(), want)
	}
}

func TestWriteJSON(t *testing.T) {
	diags := []Diagnostic{
		{File: "a.md", Line: 1, Col: 2, Severity: Error, Check: "link", Message: `bad "</script>"`, Hint: "h"},
		{File: "a.md", Line: 3, Severity: Warning, Check: "source-age", Message: "old"},
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, diags); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "</script>") {
		t.Errorf("JSON output contains unescaped markup: %s", buf.String())
	}
	var got struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Errors      int              `json:"errors"`
		Warnings    int              `json:"warnings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, buf.String())
	}
	if got.Errors != 1 || got.Warnings != 1 || len(got.Diagnostics) != 2 {
		t.Fatalf("got %+v", got)
	}
	for _, key := range []string{"file", "line", "col", "severity", "check", "message", "hint"} {
		if _, ok := got.Diagnostics[1][key]; !ok {
			t.Errorf("diagnostic lacks %q: %v", key, got.Diagnostics[1])
		}
	}
	if got.Diagnostics[0]["message"] != `bad "</script>"` {
		t.Errorf("message round trip = %v", got.Diagnostics[0]["message"])
	}
}

func TestWriteJSONEmptyIsArray(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"diagnostics": []`) {
		t.Errorf("empty report = %s, want an empty array", buf.String())
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteJSONReportsWriteErrors(t *testing.T) {
	err := WriteJSON(failingWriter{}, nil)
	if !errors.Is(err, errDiskFull) {
		t.Errorf("err = %v, want the writer's error wrapped", err)
	}
}
