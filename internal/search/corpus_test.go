package search

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// handDocs are the documents the behaviour tests name.
func handDocs() []Doc {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	return []Doc{
		{URL: "/conditions/myocardial-infarction/", Title: "Myocardial infarction", Section: "conditions", SectionTitle: "Conditions",
			Audience: "clinician", Tags: []string{"cardiology"}, Headings: []string{"Symptoms", "Treatment"},
			Summary: "Death of heart muscle caused by a blocked coronary artery.",
			Body:    "A myocardial infarction happens when blood flow to part of the heart muscle stops. Chest pain that spreads to the arm is common. Treatment restores blood flow quickly.", Date: day,
			Reviewed: time.Date(2026, 5, 26, 0, 0, 0, 0, time.UTC)},
		{URL: "/conditions/diabetes/", Title: "Diabetes", Section: "conditions", SectionTitle: "Conditions", Audience: "patient",
			Tags: []string{"endocrine"}, Summary: "Diabetes mellitus means blood glucose stays too high.",
			Body: "Diabetes mellitus is a long-term condition. Your HbA1c test shows average blood glucose over three months. Vaccination against flu is advised for people with diabetes.", Date: day},
		{URL: "/conditions/asthma/", Title: "Asthma", Section: "conditions", SectionTitle: "Conditions", Audience: "patient",
			Tags: []string{"respiratory"}, Summary: "Asthma narrows the airways and makes breathing hard.",
			Body: "Asthma causes wheezing and shortness of breath. A reliever inhaler opens the airways within minutes."},
		{URL: "/conditions/hypertension/", Title: "Hypertension", Section: "conditions", SectionTitle: "Conditions", Audience: "clinician",
			Tags: []string{"cardiology"}, Summary: "Persistently raised arterial pressure.",
			Body: "Hypertension rarely causes symptoms. Treatment starts with salt reduction; a diuretic or an ACE inhibitor may follow."},
		{URL: "/guides/vaccines/", Title: "Vaccines for adults", Section: "guides", SectionTitle: "Guides", Audience: "patient",
			Tags: []string{"prevention"}, Summary: "Which vaccines adults need.",
			Body: "Vaccines train the immune system. Adults need a tetanus booster every ten years and a yearly flu shot. Blood flow is not affected by vaccines."},
		{URL: "/guides/heartburn/", Title: "Heartburn and acid reflux", Section: "guides", SectionTitle: "Guides", Audience: "patient",
			Tags: []string{"digestive"}, Summary: "Why heartburn happens and how to ease it.",
			Body: "Gastroesophageal reflux disease lets stomach acid flow back up. Raising the head of the bed helps."},
		{URL: "/guides/xss/", Title: `<img src=x onerror=alert(1)>`, Section: "guides", SectionTitle: "Guides", Audience: "patient",
			Summary: `Tom & Jerry's "quotes" <b>bold</b>`, Body: `Script test <script>alert("x")</script> ends here.`},
		{URL: "/es/condiciones/vacunas/", Title: "Vacunas", Section: "condiciones", Lang: "es",
			Body: "La vacunación protege a los niños. Las vacunas son seguras."},
	}
}

// syntheticDocs generates n medical-looking documents deterministically.
func syntheticDocs(n int) []Doc {
	topics := []struct{ title, words string }{
		{"Asthma", "airways wheezing inhaler breathing allergens"},
		{"Diabetes", "glucose insulin pancreas sugar hba1c"},
		{"Hypertension", "pressure arteries salt kidneys diuretic"},
		{"Migraine", "headache aura light nausea triptan"},
		{"Pneumonia", "lungs infection cough fever antibiotics"},
		{"Osteoporosis", "bones fracture calcium density vitamin"},
		{"Eczema", "skin itching rash moisturiser steroid"},
		{"Anemia", "iron hemoglobin fatigue pale blood"},
		{"Gout", "joint uric crystals toe swelling"},
		{"Glaucoma", "eye pressure optic vision drops"},
		{"Epilepsy", "seizures brain electrical medication triggers"},
		{"Psoriasis", "plaques scales skin immune flare"},
		{"Tuberculosis", "bacteria cough lungs isolation treatment"},
		{"Depression", "mood sleep therapy antidepressant energy"},
		{"Arthritis", "joints stiffness pain cartilage exercise"},
		{"Sinusitis", "sinus congestion face pain mucus"},
		{"Cataract", "lens cloudy vision surgery glare"},
		{"Shingles", "rash nerve pain blisters virus"},
		{"Hepatitis", "liver virus jaundice inflammation tests"},
		{"Appendicitis", "abdomen appendix pain surgery fever"},
	}
	filler := strings.Fields("patients doctors often usually symptoms treatment diagnosis clinic risk factors daily life " +
		"care plan medicine dose test results follow review weeks months early signs family history lifestyle diet")
	kinds := []string{"Understanding ", "Living with ", "Treating ", "Children and ", "Diagnosing "}
	sections := []string{"conditions", "guides", "tests"}
	audiences := []string{"patient", "clinician"}
	r := rand.New(rand.NewPCG(7, 11))
	docs := make([]Doc, 0, n)
	for i := range n {
		tp := topics[i%len(topics)]
		kind := kinds[(i/len(topics))%len(kinds)]
		title := kind + strings.ToLower(tp.title)
		if i >= len(topics)*len(kinds) {
			title = fmt.Sprintf("%s (part %d)", title, i/(len(topics)*len(kinds)))
		}
		words := strings.Fields(tp.words)
		var body strings.Builder
		density := 2 + i%5 // topic words every density-th word: relevance varies by document
		for s := range 3 + r.IntN(12) {
			var sent []string
			for w := range 8 + r.IntN(8) {
				if (w+s)%density == 0 {
					sent = append(sent, words[r.IntN(len(words))])
				} else {
					sent = append(sent, filler[r.IntN(len(filler))])
				}
			}
			body.WriteString(strings.Join(sent, " ") + ". ")
		}
		docs = append(docs, Doc{
			URL:      fmt.Sprintf("/synthetic/%03d-%s/", i, strings.ToLower(tp.title)),
			Title:    title,
			Section:  sections[i%len(sections)],
			Audience: audiences[i%len(audiences)],
			Tags:     []string{strings.ToLower(tp.title)},
			Headings: []string{"About " + strings.ToLower(tp.title), "Treatment"},
			Summary:  fmt.Sprintf("%s: %s.", title, strings.Join(words[:3], ", ")),
			Body:     body.String(),
		})
	}
	return docs
}

func testCorpus() []Doc { return append(handDocs(), syntheticDocs(200)...) }

// writeFiles writes files under a new temporary directory and returns it.
func writeFiles(tb testing.TB, files []File) string {
	tb.Helper()
	dir := tb.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func mustBuild(tb testing.TB, docs []Doc, opts Options) []File {
	tb.Helper()
	files, _, err := Build(docs, opts)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return files
}

func fileNamed(tb testing.TB, files []File, path string) File {
	tb.Helper()
	for _, f := range files {
		if f.Path == path {
			return f
		}
	}
	tb.Fatalf("no file %s", path)
	return File{}
}

func decodeManifest(tb testing.TB, files []File) manifestView {
	tb.Helper()
	var m manifestView
	if err := json.Unmarshal(fileNamed(tb, files, "manifest.json").Data, &m); err != nil {
		tb.Fatal(err)
	}
	return m
}

// manifestView is manifest.json as a reader decodes it.
type manifestView struct {
	Lang      string      `json:"lang"`
	Docs      int         `json:"docs"`
	StopWords []string    `json:"stopWords"`
	Vocab     [][3]string `json:"vocab"`
	Bundles   []string    `json:"docBundles"`
	Synonyms  string      `json:"synonyms"`
	Facets    string      `json:"facets"`
}

// siteEnglish is testCorpus with a page titled "Heart attack", the page a
// Spanish reader searching "infarto" should be offered.
func siteEnglish() []Doc {
	return append(testCorpus(), Doc{URL: "/conditions/heart-attack/", Title: "Heart attack", Section: "conditions", Lang: "en",
		Summary: "A heart attack is a medical emergency.", Body: "Call an ambulance if you think someone is having a heart attack."})
}

// writeSite writes an English index of en at root/search/ and a Spanish
// one of es, falling back to it, at root/es/search/, as a site publishes
// them, and returns root.
func writeSite(tb testing.TB, en, es []Doc) string {
	tb.Helper()
	root := tb.TempDir()
	for dir, files := range map[string][]File{
		"search": mustBuild(tb, en, Options{Lang: "en", BasePath: "/search/"}),
		"es/search": mustBuild(tb, es, Options{Lang: "es", BasePath: "/es/search/",
			Fallback: Fallback{BasePath: "/search/", Lang: "en", Name: "English"}}),
	} {
		for _, f := range files {
			p := filepath.Join(root, filepath.FromSlash(dir), filepath.FromSlash(f.Path))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				tb.Fatal(err)
			}
		}
	}
	return root
}
