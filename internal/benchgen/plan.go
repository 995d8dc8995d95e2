package benchgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// heading is one planned "##" or "###" heading of an article.
type heading struct {
	Level int
	Text  string
}

// ID is the heading's anchor: see headingID.
func (h heading) ID() string { return headingID(h.Text) }

// articlePlan is what other articles need to know about an article before
// its body is written: where it lives, what it is called and its headings
// (links may point at them).
type articlePlan struct {
	Index    int
	Section  int
	Slug     string
	Title    string
	Topic    topic
	Second   *topic // the {b} topic of a pair title, if any
	Headings []heading
}

// URL is the article's root-relative permalink.
func (p *articlePlan) URL(sections []section) string {
	return "/" + sections[p.Section].Name + "/" + p.Slug + "/"
}

// plan holds the whole corpus layout. It is built sequentially from one
// random stream, so it depends on Options alone, and is read-only afterwards.
type plan struct {
	opts     Options
	sections []section
	articles []articlePlan
	bySect   [][]int // article indexes per section
	authors  []author
	tags     []string
}

var (
	h2Generic = []string{"Overview", "Symptoms", "Causes", "Risk factors", "Diagnosis", "Treatment",
		"Self care", "When to see a doctor", "When to get emergency help", "Outlook", "Prevention",
		"Complications", "How it is diagnosed", "Medicines that can help", "Side effects", "How to take it",
		"Who should not take it", "Preparing for your appointment", "Questions to ask your doctor",
		"Support and further help", "Living with it day to day", "Getting the right care",
		"What the research says", "Key facts", "How common it is", "Tips for carers", "Work and school",
		"Travel and holidays", "Diet and exercise", "Results explained", "Recovery", "Follow up care"}
	h2Topical = []string{"What is {a}", "Who gets {a}", "How {a} is treated", "Living with {a}",
		"Signs of {a}", "Questions about {a}"}
	h3Generic = []string{"At home", "At the pharmacy", "In hospital", "For children", "For older adults",
		"Short term", "Long term", "Common side effects", "Rare side effects", "Medicines", "Surgery",
		"Talking therapies", "Lifestyle changes", "During pregnancy", "Before the test", "After the test",
		"Getting results", "First steps", "Red flags", "For carers"}
)

func newPlan(o Options) *plan {
	r := rand.New(rand.NewPCG(uint64(o.Seed), 0x9e3779b97f4a7c15))
	p := &plan{opts: o, sections: allSections()[:o.Sections]}
	p.bySect = make([][]int, len(p.sections))
	p.authors = makeAuthors(r)
	p.tags = tagPool()
	titles := make(map[string]bool, o.Articles)
	slugs := make(map[string]bool, o.Articles)
	p.articles = make([]articlePlan, o.Articles)
	for i := range p.articles {
		a := &p.articles[i]
		a.Index = i
		a.Section = i % len(p.sections)
		p.pickTitle(r, a, titles, slugs)
		a.Headings = planHeadings(r, a.Topic)
		p.bySect[a.Section] = append(p.bySect[a.Section], i)
	}
	return p
}

// pickTitle draws titles until one is unused (as a title and as a slug),
// falling back to a numbered part so that it always terminates.
func (p *plan) pickTitle(r *rand.Rand, a *articlePlan, titles, slugs map[string]bool) {
	s := &p.sections[a.Section]
	for range 16 {
		t, second, title := drawTitle(r, s)
		slug := headingID(title)
		if titles[title] || slugs[slug] {
			continue
		}
		a.Topic, a.Second, a.Title, a.Slug = t, second, title, slug
		titles[title], slugs[slug] = true, true
		return
	}
	t, second, base := drawTitle(r, s)
	for n := 2; ; n++ {
		title := fmt.Sprintf("%s (part %d)", base, n)
		slug := headingID(title)
		if !titles[title] && !slugs[slug] {
			a.Topic, a.Second, a.Title, a.Slug = t, second, title, slug
			titles[title], slugs[slug] = true, true
			return
		}
	}
}

func drawTitle(r *rand.Rand, s *section) (topic, *topic, string) {
	a := pickTopic(r, s.Primary)
	if r.IntN(100) < 55 {
		tmpl := s.Templates[r.IntN(len(s.Templates))]
		return a, nil, fillTemplate(tmpl, a.Name, "")
	}
	b := pickTopic(r, s.Secondary)
	for b.Name == a.Name {
		b = pickTopic(r, s.Secondary)
	}
	tmpl := s.PairTemplates[r.IntN(len(s.PairTemplates))]
	return a, &b, fillTemplate(tmpl, a.Name, b.Name)
}

func pickTopic(r *rand.Rand, pools [][]topic) topic {
	pool := pools[r.IntN(len(pools))]
	return pool[r.IntN(len(pool))]
}

// fillTemplate substitutes {a} and {b} and capitalises the first letter.
func fillTemplate(tmpl, a, b string) string {
	s := strings.ReplaceAll(strings.ReplaceAll(tmpl, "{a}", a), "{b}", b)
	return upperFirst(s)
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// planHeadings picks 3–7 distinct "##" headings, some followed by a "###".
// Heading text is plain ASCII letters, digits and spaces, so every Markdown
// engine's automatic id agrees with headingID.
func planHeadings(r *rand.Rand, t topic) []heading {
	pool := append([]string(nil), h2Generic...)
	if isPlain(t.Name) {
		for _, tmpl := range h2Topical {
			pool = append(pool, fillTemplate(tmpl, t.Name, ""))
		}
	}
	r.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	subs := append([]string(nil), h3Generic...)
	r.Shuffle(len(subs), func(i, j int) { subs[i], subs[j] = subs[j], subs[i] })
	n := 3 + r.IntN(5)
	var hs []heading
	for i := range n {
		hs = append(hs, heading{Level: 2, Text: pool[i]})
		if i > 0 && r.IntN(100) < 35 && len(subs) > 0 {
			hs = append(hs, heading{Level: 3, Text: subs[0]})
			subs = subs[1:]
		}
	}
	return hs
}

func isPlain(s string) bool {
	for _, c := range s {
		if !(c == ' ' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// headingID is the anchor medkb (and this corpus) gives a heading or a title:
// lowercase ASCII letters and digits kept, every other run of characters
// becomes one "-", leading and trailing "-" trimmed.
func headingID(text string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(text) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
			continue
		}
		dash = true
	}
	return b.String()
}

// tagPool returns the ~200 tags articles draw from: body-system tags first,
// then everyday themes, then topic tags.
func tagPool() []string {
	seen := map[string]bool{}
	var tags []string
	add := func(t string) {
		if t != "" && !seen[t] && len(tags) < 200 {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	for _, pool := range [][]topic{conditions, mentalConditions, medicines, tests, procedures, symptoms, lifestyleTopics} {
		for _, t := range pool {
			add(t.Tag)
		}
	}
	for _, t := range []string{"self-care", "prevention", "screening", "long-term-conditions", "emergencies",
		"medicines", "side-effects", "diet", "sleep", "stress", "family", "teenagers", "babies", "older-people",
		"carers", "work", "travel", "pharmacy", "hospital", "surgery", "recovery", "pain-relief", "infection-control",
		"genetics", "research", "winter", "summer", "vaccines", "public-health", "nhs-services"} {
		add(t)
	}
	for _, pool := range [][]topic{conditions, symptoms, mentalConditions, medicines} {
		for _, t := range pool {
			add(headingID(t.Name))
		}
	}
	return tags
}
