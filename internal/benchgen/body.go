package benchgen

import (
	"fmt"
	"strings"
)

// Body shape. Prose words are drawn from [minProse, maxProse]; headings,
// lists, tables, callouts and link texts add at most ~250 words, keeping every
// body within 500–1,500 words.
const (
	minProse = 520
	maxProse = 1150
)

// block is one paragraph slot: the prose it gets and the inline items
// (links, citations) that must land in it.
type block struct {
	words int
	items []string
}

// body writes the Markdown body: intro paragraphs, then each planned heading
// with its paragraphs and any extras (lists, table, code, callouts) placed
// under it. Every reference is cited at least once.
func (w *articleWriter) body(refs []reference) {
	r := w.r
	heads := w.a.Headings
	// paragraphs[0] is the intro; paragraphs[k+1] belong to heads[k].
	paragraphs := make([][]*block, len(heads)+1)
	var all []*block
	for k := range paragraphs {
		n := 1 + r.IntN(3)
		if k == 0 || (k > 0 && heads[k-1].Level == 3) {
			n = 1 + r.IntN(2)
		}
		for range n {
			b := &block{}
			paragraphs[k] = append(paragraphs[k], b)
			all = append(all, b)
		}
	}
	w.spreadWords(all, minProse+r.IntN(maxProse-minProse+1))
	for _, item := range w.inlineItems(refs) {
		b := all[r.IntN(len(all))]
		b.items = append(b.items, item)
	}
	extras := w.extras()
	w.buf.WriteByte('\n')
	for k, ps := range paragraphs {
		if k > 0 {
			h := heads[k-1]
			fmt.Fprintf(w.buf, "%s %s\n\n", strings.Repeat("#", h.Level), h.Text)
		}
		for j, b := range ps {
			w.paragraph(b)
			if j == 0 && k > 0 {
				for _, x := range extras[k-1] {
					x()
				}
			}
		}
	}
}

// spreadWords splits total prose words over the paragraphs with some jitter.
func (w *articleWriter) spreadWords(bs []*block, total int) {
	left := total
	for i, b := range bs {
		if i == len(bs)-1 {
			b.words = left
			break
		}
		share := left / (len(bs) - i)
		b.words = max(8, share*(70+w.r.IntN(61))/100)
		b.words = min(b.words, left-8*(len(bs)-i-1))
		left -= b.words
	}
}

// inlineItems returns 2–5 internal links and citations covering every
// reference (some grouped "[@a; @b]", a few cited twice).
func (w *articleWriter) inlineItems(refs []reference) []string {
	var items []string
	for range 2 + w.r.IntN(4) {
		if link := w.link(); link != "" {
			items = append(items, link)
		}
	}
	ids := make([]string, len(refs))
	for i, ref := range refs {
		ids[i] = "@" + ref.ID
	}
	for i := 0; i < len(ids); {
		n := 1
		if i+1 < len(ids) && w.r.IntN(100) < 20 {
			n = 2
		}
		items = append(items, "["+strings.Join(ids[i:i+n], "; ")+"]")
		i += n
	}
	for range w.r.IntN(3) {
		items = append(items, "["+ids[w.r.IntN(len(ids))]+"]")
	}
	return items
}

// link returns a Markdown link to another article, preferring the same
// section, sometimes to one of its headings; "" if there is no other article.
func (w *articleWriter) link() string {
	arts := w.p.articles
	if len(arts) < 2 {
		return ""
	}
	var t *articlePlan
	for t == nil || t.Index == w.a.Index {
		if same := w.p.bySect[w.a.Section]; len(same) > 1 && w.r.IntN(100) < 60 {
			t = &arts[same[w.r.IntN(len(same))]]
		} else {
			t = &arts[w.r.IntN(len(arts))]
		}
	}
	url := t.URL(w.p.sections)
	if w.r.IntN(100) < 30 {
		url += "#" + t.Headings[w.r.IntN(len(t.Headings))].ID()
	}
	return "[" + t.Title + "](" + url + ")"
}

// paragraph writes sentences of 8–25 words totalling b.words, with b.items
// placed at the ends or in the middle of random sentences.
func (w *articleWriter) paragraph(b *block) {
	var sentences [][]string
	for left := b.words; left > 0; {
		n := 8 + w.r.IntN(18)
		if left-n < 8 { // never leave a stub shorter than a sentence
			n = left
			if left > 25 {
				n = left - 8
			}
		}
		sentences = append(sentences, w.tokens(n))
		left -= n
	}
	for _, item := range b.items {
		s := w.r.IntN(len(sentences))
		toks := sentences[s]
		if strings.HasPrefix(item, "[@") {
			sentences[s] = append(toks, item) // a citation ends its sentence
			continue
		}
		at := 1 + w.r.IntN(len(toks))
		sentences[s] = append(toks[:at], append([]string{item}, toks[at:]...)...)
	}
	for i, toks := range sentences {
		if i > 0 {
			w.buf.WriteByte(' ')
		}
		w.buf.WriteString(finish(toks, w.r.IntN(100) < 4))
	}
	w.buf.WriteString("\n\n")
}

// tokens returns n words: Zipf-sampled vocabulary, the article's topic now and
// then, a comma or a bold word here and there.
func (w *articleWriter) tokens(n int) []string {
	toks := make([]string, n)
	for i := range toks {
		switch x := w.r.IntN(1000); {
		case x < 25:
			toks[i] = w.a.Topic.Name
		case x < 30 && w.a.Second != nil:
			toks[i] = w.a.Second.Name
		default:
			toks[i] = w.v.word(w.r)
		}
		if i < n-1 && w.r.IntN(100) < 7 {
			toks[i] += ","
		}
	}
	if w.r.IntN(100) < 4 {
		k := w.r.IntN(n)
		toks[k] = "**" + strings.TrimSuffix(toks[k], ",") + "**" + commaOf(toks[k])
	}
	return toks
}

func commaOf(tok string) string {
	if strings.HasSuffix(tok, ",") {
		return ","
	}
	return ""
}

// finish joins tokens into a sentence: capitalised, ending in "." or "?"
// (before any trailing citation).
func finish(toks []string, question bool) string {
	end := "."
	if question {
		end = "?"
	}
	cites := 0
	for cites < len(toks) && strings.HasPrefix(toks[len(toks)-1-cites], "[@") {
		cites++
	}
	words := toks[:len(toks)-cites]
	s := upperFirst(strings.TrimSuffix(strings.Join(words, " "), ","))
	for _, c := range toks[len(toks)-cites:] {
		s += " " + c
	}
	return s + end
}

// sentence returns one plain sentence of n words.
func (w *articleWriter) sentence(n int, question bool) string {
	return finish(w.tokens(n), question)
}

// extras decides the lists, table, code block and callouts and returns, for
// each heading, the functions that write the ones placed under it.
func (w *articleWriter) extras() [][]func() {
	r := w.r
	out := make([][]func(), len(w.a.Headings))
	place := func(f func()) {
		k := r.IntN(len(out))
		out[k] = append(out[k], f)
	}
	for range r.IntN(3) {
		place(w.list)
	}
	if r.IntN(100) < 20 {
		place(w.table)
	}
	if r.IntN(100) < 2 {
		place(w.codeBlock)
	}
	kinds := []string{"NOTE", "SEE-A-DOCTOR", "EMERGENCY"}
	for range 1 + r.IntN(2) {
		kind := kinds[r.IntN(len(kinds))]
		place(func() { w.callout(kind) })
	}
	return out
}

func (w *articleWriter) list() {
	fmt.Fprintf(w.buf, "%s\n\n", w.sentence(4+w.r.IntN(5), false))
	ordered := w.r.IntN(100) < 30
	for i := range 3 + w.r.IntN(4) {
		marker := "-"
		if ordered {
			marker = fmt.Sprintf("%d.", i+1)
		}
		fmt.Fprintf(w.buf, "%s %s\n", marker, strings.TrimSuffix(w.sentence(2+w.r.IntN(4), false), "."))
	}
	w.buf.WriteByte('\n')
}

func (w *articleWriter) table() {
	headers := [][]string{
		{"Option", "How it helps", "Things to know"},
		{"Medicine", "Typical dose", "Common side effects"},
		{"Test", "What it measures", "Typical range"},
		{"Age", "What to expect"},
		{"Stage", "What happens", "What to do", "Who to contact"},
	}
	cols := headers[w.r.IntN(len(headers))]
	fmt.Fprintf(w.buf, "| %s |\n|%s\n", strings.Join(cols, " | "), strings.Repeat(" --- |", len(cols)))
	for range 3 + w.r.IntN(4) {
		cells := make([]string, len(cols))
		for c, h := range cols {
			cells[c] = w.cell(h)
		}
		fmt.Fprintf(w.buf, "| %s |\n", strings.Join(cells, " | "))
	}
	w.buf.WriteByte('\n')
}

func (w *articleWriter) cell(header string) string {
	switch header {
	case "Typical dose":
		freq := []string{"once a day", "twice a day", "as needed"}
		return fmt.Sprintf("%d mg %s", 5*(1+w.r.IntN(100)), freq[w.r.IntN(len(freq))])
	case "Typical range":
		lo := 1 + w.r.IntN(50)
		return fmt.Sprintf("%d to %d", lo, lo+1+w.r.IntN(50))
	}
	return strings.TrimSuffix(w.sentence(1+w.r.IntN(2), false), ".")
}

func (w *articleWriter) codeBlock() {
	w.buf.WriteString("```text\nSymptom diary\n")
	for _, d := range []string{"Monday", "Tuesday", "Wednesday", "Thursday"}[:2+w.r.IntN(3)] {
		fmt.Fprintf(w.buf, "%s: morning %d, evening %d\n", d, 300+w.r.IntN(300), 300+w.r.IntN(300))
	}
	w.buf.WriteString("```\n\n")
}

func (w *articleWriter) callout(kind string) {
	lead := map[string]string{
		"NOTE":         "",
		"SEE-A-DOCTOR": "See a doctor if ",
		"EMERGENCY":    "Call your emergency number if ",
	}[kind]
	text := w.sentence(6+w.r.IntN(10), false)
	if lead != "" {
		text = lead + lowerFirst(text)
	}
	fmt.Fprintf(w.buf, "> [!%s]\n> %s\n\n", kind, text)
}

// lowerFirst lowercases a leading capital unless it starts an acronym.
func lowerFirst(s string) string {
	if len(s) < 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'a' || s[1] > 'z' {
		return s
	}
	return string(s[0]-'A'+'a') + s[1:]
}
