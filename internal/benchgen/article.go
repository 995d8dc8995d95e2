package benchgen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
)

// reference is one entry of an article's references list.
type reference struct {
	ID, Title, Publisher string
	Year                 int
	URL, DOI             string
}

// articleRand returns article i's own random stream, so articles can be
// written in any order, by any number of workers, with identical bytes.
func articleRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed)^0x2545f4914f6cdd1d, uint64(i)*0x9e3779b97f4a7c15+1))
}

// renderArticle writes article i (front matter and body) into buf.
func (p *plan) renderArticle(buf *bytes.Buffer, v *vocabulary, i int) {
	w := &articleWriter{r: articleRand(p.opts.Seed, i), v: v, p: p, a: &p.articles[i], buf: buf}
	refs := w.references()
	w.frontMatter(refs)
	w.body(refs)
}

// articleWriter renders one article. It is used by one goroutine at a time.
type articleWriter struct {
	r   *rand.Rand
	v   *vocabulary
	p   *plan
	a   *articlePlan
	buf *bytes.Buffer
}

var (
	day      = 24 * time.Hour
	surnames = []string{"smith", "patel", "nguyen", "garcia", "okafor", "kowalski", "chen", "muller",
		"rossi", "haddad", "johansson", "kim", "obrien", "silva", "tanaka", "andersen"}
)

// dates returns a well-maintained site's dates: first published 2019 to
// mid-2025, last changed 2024–2025, clinically reviewed within 90 days
// before the last change. They are fixed, never relative to the clock.
func (w *articleWriter) dates() (date, lastmod, reviewed time.Time) {
	between := func(from, to time.Time) time.Time {
		return from.Add(time.Duration(w.r.Int64N(int64(to.Sub(from)/day)+1)) * day)
	}
	ymd := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	date = between(ymd(2019, 1, 1), ymd(2025, 6, 30))
	lastmod = between(later(date, ymd(2024, 1, 1)), ymd(2025, 12, 31))
	reviewed = between(later(date, lastmod.Add(-90*day)), lastmod)
	return date, lastmod, reviewed
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (w *articleWriter) references() []reference {
	n := 2 + w.r.IntN(5)
	used := map[string]bool{}
	usedKind := map[int]bool{}
	refs := make([]reference, 0, n)
	for range n {
		kind := w.r.IntN(6)
		if kind < 4 && usedKind[kind] { // one page per organisation; papers may repeat
			kind = 4
		}
		usedKind[kind] = true
		ref := w.reference(kind)
		base := ref.ID
		for k := 2; used[ref.ID]; k++ {
			ref.ID = fmt.Sprintf("%s-%d", base, k)
		}
		used[ref.ID] = true
		refs = append(refs, ref)
	}
	return refs
}

// reference makes a reference of one kind: 0–3 are guideline or patient
// pages (url), anything else a journal paper (doi).
func (w *articleWriter) reference(kind int) reference {
	t := w.a.Topic
	slug := headingID(t.Name)
	year := 2021 + w.r.IntN(5)
	switch kind {
	case 0:
		ng := 10 + w.r.IntN(240)
		return reference{ID: fmt.Sprintf("nice-ng%d", ng), Publisher: "NICE", Year: year,
			Title: fmt.Sprintf("%s: diagnosis and management (NG%d)", upperFirst(t.Name), ng),
			URL:   fmt.Sprintf("https://www.nice.org.uk/guidance/ng%d", ng)}
	case 1:
		return reference{ID: "nhs-" + slug, Publisher: "NHS", Year: year, Title: upperFirst(t.Name),
			URL: "https://www.nhs.uk/conditions/" + slug + "/"}
	case 2:
		return reference{ID: "cdc-" + slug, Publisher: "Centers for Disease Control and Prevention", Year: year,
			Title: "About " + t.Name, URL: "https://www.cdc.gov/" + slug + "/about/"}
	case 3:
		return reference{ID: "who-" + slug, Publisher: "World Health Organization", Year: year,
			Title: upperFirst(t.Name) + " fact sheet", URL: "https://www.who.int/news-room/fact-sheets/detail/" + slug}
	default:
		name, doi := w.journal(year)
		return reference{ID: fmt.Sprintf("%s%d", surnames[w.r.IntN(len(surnames))], year), Publisher: name,
			Year: year, Title: w.paperTitle(), DOI: doi}
	}
}

// journal picks a journal and a DOI in that journal's real format.
func (w *articleWriter) journal(year int) (name, doi string) {
	r := w.r
	switch r.IntN(5) {
	case 0:
		return "BMJ", fmt.Sprintf("10.1136/bmj.%c%04d", 'a'+rune(r.IntN(26)), r.IntN(10_000))
	case 1:
		return "The Lancet", fmt.Sprintf("10.1016/S0140-6736(%02d)%05d-%d", year%100, r.IntN(100_000), r.IntN(10))
	case 2:
		return "JAMA", fmt.Sprintf("10.1001/jama.%d.%05d", year, r.IntN(100_000))
	case 3:
		return "New England Journal of Medicine", fmt.Sprintf("10.1056/NEJMoa%07d", r.IntN(10_000_000))
	default:
		return "Cochrane Database of Systematic Reviews", fmt.Sprintf("10.1002/14651858.CD0%05d.pub%d", r.IntN(100_000), 1+r.IntN(4))
	}
}

func (w *articleWriter) paperTitle() string {
	kinds := []string{"A randomised controlled trial of %s", "Outcomes of %s: a cohort study",
		"Interventions for %s: a systematic review", "Long-term follow up of %s",
		"Quality of life in people with %s"}
	return fmt.Sprintf(kinds[w.r.IntN(len(kinds))], w.a.Topic.Name)
}

func (w *articleWriter) frontMatter(refs []reference) {
	b, a, r := w.buf, w.a, w.r
	date, lastmod, reviewed := w.dates()
	b.WriteString("---\n")
	kv(b, "title", q(a.Title))
	kv(b, "id", q(w.p.sections[a.Section].Name+"-"+a.Slug))
	kv(b, "summary", q(w.summary()))
	kv(b, "date", date.Format(time.DateOnly))
	kv(b, "lastmod", lastmod.Format(time.DateOnly))
	kv(b, "draft", "false")
	kv(b, "tags", w.tags())
	if r.IntN(100) < 5 {
		kv(b, "aliases", "["+q("/old/"+a.Slug+"/")+"]")
	}
	if r.IntN(100) < 30 {
		kv(b, "image", q("/images/card-default.png"))
		kv(b, "image_alt", q("Illustration for "+a.Title))
	}
	authors := w.pickAuthors(1 + r.IntN(2))
	kv(b, "authors", flow(authors))
	kv(b, "reviewed_by", flow(w.pickAuthors(1, authors...)))
	kv(b, "last_reviewed", reviewed.Format(time.DateOnly))
	audience := "patient"
	if r.IntN(100) < 15 {
		audience = "professional"
	}
	kv(b, "audience", audience)
	kv(b, "specialty", q(a.Topic.Specialty))
	b.WriteString("about:\n")
	for _, t := range a.about() {
		fmt.Fprintf(b, "  - name: %s\n    icd10: %s\n", q(upperFirst(t.Name)), q(t.ICD10))
	}
	b.WriteString("references:\n")
	for _, ref := range refs {
		fmt.Fprintf(b, "  - id: %s\n    title: %s\n    publisher: %s\n    year: %d\n", q(ref.ID), q(ref.Title), q(ref.Publisher), ref.Year)
		if ref.URL != "" {
			fmt.Fprintf(b, "    url: %s\n", q(ref.URL))
		} else {
			fmt.Fprintf(b, "    doi: %s\n", q(ref.DOI))
		}
	}
	b.WriteString("---\n")
}

func (a *articlePlan) about() []topic {
	if a.Second != nil {
		return []topic{a.Topic, *a.Second}
	}
	return []topic{a.Topic}
}

func (w *articleWriter) summary() string {
	return upperFirst(w.a.Topic.Name) + ": " + strings.TrimSuffix(w.sentence(10+w.r.IntN(9), false), ".") + "."
}

func (w *articleWriter) tags() string {
	pool := w.p.tags
	picked := []string{w.a.Topic.Tag}
	seen := map[string]bool{w.a.Topic.Tag: true}
	for n := 1 + w.r.IntN(5); len(picked) <= n; {
		t := pool[w.r.IntN(len(pool))]
		if !seen[t] {
			seen[t] = true
			picked = append(picked, t)
		}
	}
	return flow(picked)
}

// pickAuthors picks n people at random, none of exclude (a reviewer is
// never one of the article's authors).
func (w *articleWriter) pickAuthors(n int, exclude ...string) []string {
	var ids []string
	for _, k := range w.r.Perm(len(w.p.authors)) {
		if id := w.p.authors[k].ID; !slices.Contains(exclude, id) && len(ids) < n {
			ids = append(ids, id)
		}
	}
	return ids
}

// kv writes one "key: value" front matter line.
func kv(b *bytes.Buffer, key, value string) {
	b.WriteString(key)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteByte('\n')
}

// q quotes s as a YAML double-quoted scalar (the corpus is printable ASCII,
// for which Go and YAML escapes coincide).
func q(s string) string { return strconv.Quote(s) }

func flow(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = q(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
