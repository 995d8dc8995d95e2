package glossary_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"

	"github.com/medkb/medkb/internal/markdown/callout"
	"github.com/medkb/medkb/internal/markdown/glossary"
)

var caseEntries = []glossary.Entry{
	{Term: "asthma", Definition: "A long-term condition of the airways.", Slug: "asthma"},
	{Term: "inhaled corticosteroid", Synonyms: []string{"ICS", "preventer inhaler"}, Definition: "A medicine that calms airway swelling.", Slug: "inhaled-corticosteroid"},
	{Term: "inhaler", Definition: "A device that delivers medicine to the lungs.", Slug: "inhaler"},
	{Term: "Übelkeit", Definition: "Nausea <in German>.", Slug: "ubelkeit"},
}

func newMarkdown(opts ...glossary.Option) goldmark.Markdown {
	opts = append([]glossary.Option{glossary.WithSkipKinds(callout.KindTitle)}, opts...)
	return goldmark.New(goldmark.WithExtensions(extension.Table, callout.New(), glossary.New(opts...)))
}

func TestCaseFile(t *testing.T) {
	t.Parallel()
	md := newMarkdown(glossary.WithDefaults(glossary.Config{URL: "/glossary/", Entries: caseEntries}))
	testutil.DoTestCaseFile(md, "testdata/glossary.txt", t)
}

func convert(t testing.TB, md goldmark.Markdown, src string, c glossary.Config) string {
	t.Helper()
	pc := parser.NewContext()
	glossary.Configure(pc, c)
	var buf bytes.Buffer
	if err := md.Convert([]byte(src), &buf, parser.WithContext(pc)); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// linked returns the texts turned into glossary links, in order.
func linked(html string) []string {
	var out []string
	for _, part := range strings.Split(html, `<a class="term"`)[1:] {
		start := strings.IndexByte(part, '>') + 1
		out = append(out, part[start:strings.Index(part, "</a>")])
	}
	return out
}

func TestFirstUseAndLongestMatch(t *testing.T) {
	t.Parallel()
	entries := []glossary.Entry{
		{Term: "blood pressure", Definition: "d1"},
		{Term: "high blood pressure", Synonyms: []string{"hypertension"}, Definition: "d2"},
		{Term: "pressure", Definition: "d3"},
		{Term: "C. difficile", Definition: "d4"},
		{Term: "COVID-19", Definition: "d5"},
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"longest term at a position wins", "High blood pressure and blood pressure.", []string{"High blood pressure", "blood pressure"}},
		{"shorter term inside a used longer one is found later", "hypertension, then pressure and blood pressure", []string{"hypertension", "pressure", "blood pressure"}},
		{"each entry once per document", "pressure pressure\n\npressure", []string{"pressure"}},
		{"white space inside a term may vary", "high  blood\tpressure", []string{"high  blood\tpressure"}},
		{"punctuation inside terms", "Tests for c. difficile and covid-19.", []string{"c. difficile", "covid-19"}},
		{"no partial words", "pressures bloodpressure COVID-190", nil},
		{"earliest position wins over length", "pressure then high blood pressure", []string{"pressure", "high blood pressure"}},
	}
	md := newMarkdown()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := linked(convert(t, md, tt.src, glossary.Config{Entries: entries}))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("linked %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHrefsAndIDs(t *testing.T) {
	t.Parallel()
	entries := []glossary.Entry{{Term: "a", Slug: "a-slug", Definition: `"quoted" & <b>`}, {Term: "b", Definition: "no slug"}}
	out := convert(t, newMarkdown(), "a b", glossary.Config{Entries: entries, URL: "/fr/glossaire/"})
	for _, want := range []string{
		`<a class="term" href="/fr/glossaire/#a-slug" aria-describedby="gl-1">a</a>`,
		`<span class="term-def" role="tooltip" id="gl-1">&#34;quoted&#34; &amp; &lt;b&gt;</span>`,
		`<a class="term" href="/fr/glossaire/" aria-describedby="gl-2">b</a>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestNoEntriesLeavesTextAlone(t *testing.T) {
	t.Parallel()
	md := newMarkdown(glossary.WithDefaults(glossary.Config{Entries: caseEntries}))
	if out := convert(t, md, "asthma", glossary.Config{}); out != "<p>asthma</p>\n" {
		t.Errorf("got %q", out)
	}
}

func FuzzGlossary(f *testing.F) {
	for _, s := range []string{"asthma", "inhaled corticosteroid inhaler", "*asthma* [asthma](x) `asthma`", "Übelkeit ÜBELKEIT", "&asthma; \\asthma", "inhaled  \n corticosteroid inhaler inhaled inhaler"} {
		f.Add(s)
	}
	_, many := manyTerms(20, 4<<10) // BenchmarkManyTerms' shape
	f.Add(string(many))
	md := newMarkdown(glossary.WithDefaults(glossary.Config{Entries: caseEntries}))
	f.Fuzz(func(t *testing.T, src string) {
		var buf bytes.Buffer
		if err := md.Convert([]byte(src), &buf); err != nil {
			t.Fatalf("Convert: %v", err)
		}
		if n := strings.Count(buf.String(), `class="term"`); n > len(caseEntries) {
			t.Errorf("%d terms linked, at most %d entries exist", n, len(caseEntries))
		}
	})
}

// TestNoLinkInEmergencyOrToTheTopic: nothing pops up over emergency advice,
// and a page does not define its own topic; the first use elsewhere is
// linked instead.
func TestNoLinkInEmergencyOrToTheTopic(t *testing.T) {
	t.Parallel()
	isEmergency := func(n ast.Node) bool {
		c, ok := n.(*callout.Callout)
		return ok && c.Variant == "emergency"
	}
	md := newMarkdown(glossary.WithSkip(isEmergency))
	src := "> [!EMERGENCY]\n> Severe asthma attack: use your inhaler.\n\nAsthma and the inhaler.\n"
	out := convert(t, md, src, glossary.Config{URL: "/glossary/", Entries: caseEntries, Exclude: []string{" Asthma "}})
	if got, want := linked(out), []string{"inhaler"}; !slices.Equal(got, want) {
		t.Errorf("linked %q, want %q:\n%s", got, want, out)
	}
	if i, j := strings.Index(out, `class="term"`), strings.Index(out, "</aside>"); i < j {
		t.Errorf("a term is linked inside the emergency callout:\n%s", out)
	}
	if got := linked(convert(t, md, "Your preventer inhaler.", glossary.Config{Entries: caseEntries, Exclude: []string{"ics"}})); slices.Contains(got, "preventer inhaler") {
		t.Errorf("a synonym of the topic is linked: %q", got)
	}
}

// manyTerms is a glossary of n names sharing their first words, and a body
// of about size bytes that mentions each of them once in a long paragraph
// of near misses: the shape that made matching cost text × glossary.
func manyTerms(n, size int) ([]glossary.Entry, []byte) {
	entries := make([]glossary.Entry, n)
	for i := range entries {
		entries[i] = glossary.Entry{Term: fmt.Sprintf("tumour marker %04d", i), Definition: "A blood test.", Slug: fmt.Sprint(i)}
	}
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString("tumour markers and tumour marker x ")
		if i%50 == 0 {
			fmt.Fprintf(&b, "tumour marker %04d ", (i/50)%n)
		}
	}
	return entries, b.Bytes()
}

// BenchmarkManyTerms links 2,000 glossary names in bodies of 10 KB to
// 8 MB; ns/byte stays flat when matching is linear in the text.
func BenchmarkManyTerms(b *testing.B) {
	md := newMarkdown()
	for _, size := range []struct {
		name string
		n    int
	}{{"10KB", 10 << 10}, {"100KB", 100 << 10}, {"1MB", 1 << 20}, {"8MB", 8 << 20}} {
		b.Run(size.name, func(b *testing.B) {
			entries, src := manyTerms(2000, size.n)
			cfg := glossary.Config{URL: "/glossary/", Entries: entries}
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				convert(b, md, string(src), cfg)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(src)), "ns/byte")
		})
	}
}
