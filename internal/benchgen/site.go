package benchgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
)

// author is one entry of data/authors.yaml.
type author struct {
	ID, Name, Credentials, Role, Bio string
}

const authorCount = 20

// makeAuthors returns authorCount authors with unique ids ("jdoe" style).
func makeAuthors(r *rand.Rand) []author {
	first := []string{"Amara", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
		"Kemi", "Liam", "Maya", "Noah", "Olga", "Priya", "Quentin", "Rosa", "Sam", "Tariq", "Uma", "Viktor"}
	last := []string{"Adeyemi", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Hughes",
		"Ivanova", "Jensen", "Khan", "Lindqvist", "Moreau", "Nakamura", "Osei", "Petrov", "Quinn", "Reyes"}
	roles := []struct{ cred, role string }{
		{"MD, MPH", "Consultant in Respiratory Medicine"}, {"MBBS, MRCGP", "General Practitioner"},
		{"PharmD", "Clinical Pharmacist"}, {"RN, MSc", "Specialist Nurse"}, {"MD, PhD", "Consultant Cardiologist"},
		{"MD", "Consultant Paediatrician"}, {"DClinPsy", "Clinical Psychologist"}, {"RD", "Registered Dietitian"},
		{"MCSP", "Physiotherapist"}, {"MA", "Health Writer"},
	}
	var out []author
	seen := map[string]bool{}
	for len(out) < authorCount {
		f, l := first[r.IntN(len(first))], last[r.IntN(len(last))]
		id := headingID(f[:1] + l)
		if seen[id] {
			continue
		}
		seen[id] = true
		role := roles[r.IntN(len(roles))]
		out = append(out, author{ID: id, Name: f + " " + l, Credentials: role.cred, Role: role.role,
			Bio: fmt.Sprintf("%s works as a %s and writes and reviews patient information.", f, role.role)})
	}
	return out
}

func (p *plan) authorsYAML() []byte {
	var b bytes.Buffer
	for _, a := range p.authors {
		fmt.Fprintf(&b, "%s:\n  name: %s\n  credentials: %s\n  role: %s\n  bio: %s\n  conflicts: %s\n",
			a.ID, q(a.Name), q(a.Credentials), q(a.Role), q(a.Bio), q("None declared"))
	}
	return b.Bytes()
}

func glossaryYAML() []byte {
	entries := []struct {
		term, def string
		syn       []string
	}{
		{"hypertension", "Blood pressure that stays higher than it should be.", []string{"high blood pressure"}},
		{"myocardial infarction", "Damage to heart muscle when its blood supply is blocked.", []string{"heart attack", "MI"}},
		{"HbA1c", "A blood test showing your average blood sugar over the last 2 to 3 months.", []string{"glycated haemoglobin"}},
		{"inhaler", "A device that delivers medicine straight into your lungs.", nil},
		{"GP", "A general practitioner: the family doctor you see first.", []string{"family doctor"}},
		{"dyspnoea", "Feeling short of breath.", []string{"breathlessness", "shortness of breath"}},
		{"oedema", "Swelling caused by fluid building up in the body.", []string{"edema", "fluid retention"}},
		{"statin", "A medicine that lowers cholesterol.", []string{"statins"}},
		{"biopsy", "Taking a small sample of tissue to look at under a microscope.", nil},
		{"anaemia", "Having fewer healthy red blood cells than normal.", []string{"anemia"}},
	}
	var b bytes.Buffer
	for _, e := range entries {
		fmt.Fprintf(&b, "- term: %s\n  definition: %s\n  synonyms: %s\n", q(e.term), q(e.def), flow(e.syn))
	}
	return b.Bytes()
}

func medkbYAML() []byte {
	return []byte(`title: "Benchmark Health Library"
base_url: "https://bench.example.org/"
language: en
publisher: {name: "Benchmark Health Trust", url: "https://bench.example.org/about/", logo: /images/card-default.png}
disclaimer: "This site gives general information, not medical advice. Talk to a health professional about your own care."
report_problem: "mailto:content@bench.example.org"
review_interval: 3y
readability_target: 8
source_max_age: 5y
feeds: {formats: [rss, atom, json], limit: 20, content: full, websub_hub: ""}
default_image: /images/card-default.png
markup: {unsafe: false}
`)
}

func hugoTOML() []byte {
	return []byte(`baseURL = "https://bench.example.org/"
title = "Benchmark Health Library"
languageCode = "en"
disableKinds = []
enableRobotsTXT = false

[taxonomies]
  tag = "tags"

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML", "RSS"]
  taxonomy = ["HTML", "RSS"]
  term = ["HTML", "RSS"]

[sitemap]
  changefreq = "weekly"
  filename = "sitemap.xml"

[markup.goldmark.renderer]
  unsafe = false
`)
}

func homeIndex() []byte {
	return []byte(`---
title: "Benchmark Health Library"
summary: "Trusted, plain-language health information."
---
Welcome. Browse by section or search for a condition, medicine or test.
`)
}

func (s section) index(weight int) []byte {
	return []byte(fmt.Sprintf("---\ntitle: %s\nsummary: %s\nweight: %d\n---\n%s\n", q(s.Title), q(s.Summary), weight, s.Summary))
}

// cardPNG is a small valid PNG (64×34, a flat colour); encoding is
// deterministic.
func cardPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 34))
	for y := range 34 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{R: 0x1f, G: 0x6f, B: 0x8b, A: 0xff})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic(err) // encoding an in-memory RGBA image cannot fail
	}
	return b.Bytes()
}
