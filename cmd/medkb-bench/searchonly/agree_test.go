package main

import (
	"bufio"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/benchgen"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/site"
)

// BenchmarkFirstQueryAgreement measures how well a first query's ranking
// over the heads of the hot lists (what search.js and Engine answer)
// agrees with the ranking over whole lists (Engine.SetWholeLists), on the
// bench corpus at MEDKB_AGREE_ARTICLES articles (default 10,000), over
// the five bench queries, the judged suite's English queries and two- and
// three-word phrases of the corpus's titles. It reports top-1 agreement
// (the same first result), top-3 agreement (the same first three, in
// order) and the mean top-10 overlap, and logs each query whose first
// result differs.
//
//	go test -run '^$' -bench FirstQueryAgreement -benchtime 1x ./cmd/medkb-bench/searchonly
func BenchmarkFirstQueryAgreement(b *testing.B) {
	n := 10000
	if v := os.Getenv("MEDKB_AGREE_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	src := b.TempDir()
	if _, err := benchgen.WriteMedkb(src, benchgen.Options{Articles: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	in, errs, err := site.New(site.Options{Source: src}).SearchInput(b.Context())
	if err != nil || len(errs) > 0 {
		b.Fatal(err, errs)
	}
	l := in.Langs["en"]
	files, _, err := search.Build(l.Docs, l.Options)
	if err != nil {
		b.Fatal(err)
	}
	heads, err := search.OpenEngine(search.FilesReader(files))
	if err != nil {
		b.Fatal(err)
	}
	whole, err := search.OpenEngine(search.FilesReader(files))
	if err != nil {
		b.Fatal(err)
	}
	whole.SetWholeLists(true)
	var titles []string
	for _, d := range l.Docs {
		titles = append(titles, d.Title)
	}
	queries := agreementQueries(b, titles)
	var top1, top3 int
	var overlap float64
	for b.Loop() {
		top1, top3, overlap = 0, 0, 0
		for _, q := range queries {
			h, err := heads.Search(q, 10, search.Filter{})
			if err != nil {
				b.Fatal(err)
			}
			w, err := whole.Search(q, 10, search.Filter{})
			if err != nil {
				b.Fatal(err)
			}
			hu, wu := urls(h), urls(w)
			if len(wu) == 0 {
				overlap++
				top1++
				top3++
				continue
			}
			if len(hu) > 0 && hu[0] == wu[0] {
				top1++
			} else {
				b.Logf("%q: first %v, whole lists %v", q, first(hu), wu[0])
			}
			if slices.Equal(hu[:min(3, len(hu))], wu[:min(3, len(wu))]) {
				top3++
			}
			common := 0
			for _, u := range hu {
				if slices.Contains(wu, u) {
					common++
				}
			}
			overlap += float64(common) / float64(len(wu))
		}
	}
	k := float64(len(queries))
	b.ReportMetric(float64(len(queries)), "queries")
	b.ReportMetric(100*float64(top1)/k, "top1-%")
	b.ReportMetric(100*float64(top3)/k, "top3-%")
	b.ReportMetric(100*overlap/k, "top10-overlap-%")
}

func urls(rs []search.Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.URL
	}
	return out
}

func first(us []string) string {
	if len(us) == 0 {
		return "(none)"
	}
	return us[0]
}

// agreementQueries returns the five bench queries, the judged suite's
// English queries as typed, and a two- or three-word phrase from every
// 97th title (its first words, lowercased), finished (a space after the
// last word, so no word is a prefix) except the suite's prefix queries.
func agreementQueries(tb testing.TB, titles []string) []string {
	tb.Helper()
	qs := []string{"asthma ", "heart attack ", "diabetis ", "high blood pressure ", "metformin side effects "}
	f, err := os.Open("../../../internal/search/testdata/relevance/judgments.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		kind, q, ok := strings.Cut(sc.Text(), "] ")
		if !ok || !strings.HasPrefix(kind, "[") || kind == "[spanish" {
			continue
		}
		if kind != "[prefix" {
			q += " "
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < len(titles); i += 97 {
		words := strings.Fields(strings.ToLower(strings.Map(func(r rune) rune {
			if strings.ContainsRune(",.:;()?!\"", r) {
				return ' '
			}
			return r
		}, titles[i])))
		if len(words) < 2 {
			continue
		}
		n := 2 + i%2
		qs = append(qs, strings.Join(words[:min(n, len(words))], " ")+" ")
	}
	if len(qs) < 100 {
		tb.Fatalf("%d queries: the measure needs 100", len(qs))
	}
	return qs
}
