package citation_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"

	"github.com/medkb/medkb/internal/markdown/citation"
)

var caseRefs = []citation.Reference{
	{ID: "gina2024", Title: "Global Strategy for <Asthma> Management & Prevention", Publisher: "GINA", Year: 2024, URL: "https://ginasthma.org/reports/?y=2024&v=1"},
	{ID: "smith:2020", Title: "Inhaled corticosteroids in children", DOI: "10.1000/xyz#1", PMID: "12345678", Year: 2020},
	{ID: "uncited", Title: "Never cited"},
}

func newMarkdown(refs []citation.Reference) goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(
		extension.Footnote,
		citation.New(citation.WithDefaults(citation.Config{References: refs})),
	))
}

func TestCaseFile(t *testing.T) {
	t.Parallel()
	testutil.DoTestCaseFile(newMarkdown(caseRefs), "testdata/citation.txt", t)
}

func TestParseItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []citation.Item
		ok   bool
	}{
		{"@a", []citation.Item{{Key: "a"}}, true},
		{" @a ; @b ", []citation.Item{{Key: "a"}, {Key: "b"}}, true},
		{"@a, p. 12", []citation.Item{{Key: "a", Locator: "p. 12"}}, true},
		{"@a, p. 1; @b, fig. 2", []citation.Item{{Key: "a", Locator: "p. 1"}, {Key: "b", Locator: "fig. 2"}}, true},
		{"@who:2023-asthma_v2", []citation.Item{{Key: "who:2023-asthma_v2"}}, true},
		{"@müller2021", []citation.Item{{Key: "müller2021"}}, true},
		{"@a.", nil, false},
		{"@a extra", nil, false},
		{"@a,", nil, false},
		{"@", nil, false},
		{"a", nil, false},
		{"@a;", nil, false},
		{"@a; b", nil, false},
	}
	for _, tt := range tests {
		got, ok := citation.ParseItems(tt.in)
		if ok != tt.ok || !equalItems(got, tt.want) {
			t.Errorf("ParseItems(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func equalItems(a, b []citation.Item) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func parse(t testing.TB, md goldmark.Markdown, src string, opts ...parser.ParseOption) ast.Node {
	t.Helper()
	return md.Parser().Parse(text.NewReader([]byte(src)), opts...)
}

// numbers returns, per Citation node in document order, its items as
// "key=number/occurrence".
func numbers(t testing.TB, doc ast.Node) []string {
	t.Helper()
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*citation.Citation); ok && entering {
			var parts []string
			for _, it := range c.Items {
				parts = append(parts, it.Key+"="+strconv.Itoa(it.Number)+"/"+strconv.Itoa(it.Occurrence))
			}
			out = append(out, strings.Join(parts, ","))
		}
		return ast.WalkContinue, nil
	})
	return out
}

func referenceList(t testing.TB, doc ast.Node) *citation.ReferenceList {
	t.Helper()
	if l, ok := doc.LastChild().(*citation.ReferenceList); ok {
		return l
	}
	return nil
}

func TestNumberingFollowsFirstCitation(t *testing.T) {
	t.Parallel()
	refs := []citation.Reference{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	tests := []struct {
		name      string
		src       string
		want      []string
		wantOrder []string // reference list ids
		wantCount []int    // citations per list entry
	}{
		{
			name:      "order of first use, not front matter order",
			src:       "x [@c] y [@a; @c] z [@a]\n",
			want:      []string{"c=1/1", "a=2/1,c=1/2", "a=2/2"},
			wantOrder: []string{"c", "a", "b", "d"},
			wantCount: []int{2, 2, 0, 0},
		},
		{
			name:      "unknown keys get no number and do not shift others",
			src:       "[@zz] [@b; @zz] [@d]\n",
			want:      []string{"zz=0/0", "b=1/1,zz=0/0", "d=2/1"},
			wantOrder: []string{"b", "d", "a", "c"},
			wantCount: []int{1, 1, 0, 0},
		},
		{
			name:      "citations in later blocks number after earlier ones",
			src:       "# Title [@d]\n\n- item [@b]\n\n> quote [@d; @a]\n",
			want:      []string{"d=1/1", "b=2/1", "d=1/2,a=3/1"},
			wantOrder: []string{"d", "b", "a", "c"},
			wantCount: []int{2, 1, 1, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			doc := parse(t, newMarkdown(refs), tt.src)
			if got := numbers(t, doc); strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("citations = %v, want %v", got, tt.want)
			}
			list := referenceList(t, doc)
			if list == nil {
				t.Fatal("no reference list appended")
			}
			for i, e := range list.Entries {
				if e.ID != tt.wantOrder[i] || e.Number != i+1 || e.Citations != tt.wantCount[i] {
					t.Errorf("entry %d = %s #%d cited %d; want %s #%d cited %d",
						i, e.ID, e.Number, e.Citations, tt.wantOrder[i], i+1, tt.wantCount[i])
				}
			}
		})
	}
}

func TestNoReferencesNoList(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	if err := newMarkdown(nil).Convert([]byte("Text [@a].\n"), &buf); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "<p>Text [@a].</p>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestDuplicateIDsUseFirst(t *testing.T) {
	t.Parallel()
	refs := []citation.Reference{{ID: "a", Title: "First"}, {ID: "a", Title: "Second"}}
	list := referenceList(t, parse(t, newMarkdown(refs), "[@a]\n"))
	if len(list.Entries) != 1 || list.Entries[0].Title != "First" {
		t.Errorf("entries = %+v, want only the first a", list.Entries)
	}
	if len(list.Duplicates) != 1 || list.Duplicates[0].ID != "a" {
		t.Errorf("duplicates = %v, want [a]", list.Duplicates)
	}
}

func TestConfigureOverridesDefaultsPerDocument(t *testing.T) {
	t.Parallel()
	md := newMarkdown([]citation.Reference{{ID: "default"}})
	pc := parser.NewContext()
	citation.Configure(pc, citation.Config{
		References: []citation.Reference{{ID: "own", Title: "Own"}},
		Labels:     map[string]string{"references": "Quellen", "cite.source": "Quelle", "cite.back": "Zurück"},
	})
	var buf bytes.Buffer
	if err := md.Convert([]byte("[@own] [@default]\n"), &buf, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`aria-label="Quelle 1"`, `>Quellen</h2>`, `aria-label="Zurück"`, `[@default]`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, `id="ref-default"`) {
		t.Errorf("defaults leaked into a configured document:\n%s", out)
	}
}

func TestReferenceLinks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ref      citation.Reference
		want     []string
		problems int
	}{
		{citation.Reference{ID: "d", DOI: "doi:10.1/abc"}, []string{`href="https://doi.org/10.1/abc"`}, 0},
		{citation.Reference{ID: "d", DOI: "https://doi.org/10.1/a b"}, []string{`href="https://doi.org/10.1/a%20b"`}, 0},
		{citation.Reference{ID: "d", DOI: "10.1056/NEJMoa2034577"}, []string{`href="https://doi.org/10.1056/NEJMoa2034577"`}, 0},
		{citation.Reference{ID: "d", DOI: "not-a-doi"}, nil, 1},
		{citation.Reference{ID: "d", DOI: "NEJMoa2034577"}, nil, 1},
		{citation.Reference{ID: "d", DOI: "10.1056"}, nil, 1},
		{citation.Reference{ID: "p", PMID: "123"}, []string{`href="https://pubmed.ncbi.nlm.nih.gov/123/"`}, 0},
		{citation.Reference{ID: "p", PMID: "12a"}, nil, 1},
		// As PubMed and citation managers print it.
		{citation.Reference{ID: "p", PMID: "PMID: 1234567"}, []string{`href="https://pubmed.ncbi.nlm.nih.gov/1234567/"`, `>PMID 1234567<`}, 0},
		{citation.Reference{ID: "p", PMID: "pmid 1234567 "}, []string{`href="https://pubmed.ncbi.nlm.nih.gov/1234567/"`}, 0},
		{citation.Reference{ID: "p", PMID: "PMID:"}, nil, 1},
		{citation.Reference{ID: "u", URL: "javascript:alert(1)"}, nil, 1},
		{citation.Reference{ID: "u", URL: "ftp://x.org/a"}, nil, 1},
		{citation.Reference{ID: "u", URL: `https://x.org/"><script>`}, []string{`href="https://x.org/&#34;&gt;&lt;script&gt;"`}, 0},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if err := newMarkdown([]citation.Reference{tt.ref}).Convert([]byte("[@"+tt.ref.ID+"]\n"), &buf); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%+v: output lacks %s:\n%s", tt.ref, w, out)
			}
		}
		if len(tt.want) == 0 && strings.Contains(out, `class="external"`) {
			t.Errorf("%+v: expected no external link:\n%s", tt.ref, out)
		}
		if got := len(citation.Problems(tt.ref)); got != tt.problems {
			t.Errorf("%+v: %d problems, want %d", tt.ref, got, tt.problems)
		}
	}
}

func FuzzCitation(f *testing.F) {
	for _, s := range []string{"[@a]", "[@a; @b, p. 1]", "[@", "[@a](x)", "`[@a]`", "[^1] [@b]\n\n[^1]: [@a]"} {
		f.Add(s)
	}
	md := newMarkdown([]citation.Reference{{ID: "a"}, {ID: "b"}})
	f.Fuzz(func(t *testing.T, src string) {
		var buf bytes.Buffer
		if err := md.Convert([]byte(src), &buf); err != nil {
			t.Fatalf("Convert: %v", err)
		}
		if n := strings.Count(buf.String(), `<sup class="cite">`); n > strings.Count(src, "[@") {
			t.Errorf("%d citations rendered from %d openers", n, strings.Count(src, "[@"))
		}
	})
}
