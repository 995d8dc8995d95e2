package search

import (
	"encoding/json"
	"testing"
)

func FuzzBuild(f *testing.F) {
	for _, d := range handDocs() {
		f.Add(d.Title, d.Body, "en")
	}
	f.Add("Úlcera\u0301 \x00\xff", "a.b.c… ¿Qué? 1,000 mg/día\n\n\"quoted\"", "es")
	f.Add("الكتاب", "هذا كتاب", "ar")
	f.Fuzz(func(t *testing.T, title, body, lang string) {
		docs := []Doc{{URL: "/a/", Title: title, Body: body, Tags: []string{title}}, {URL: "/b/", Title: body, Summary: title}}
		files, _, err := Build(docs, Options{Lang: lang, Synonyms: [][]string{{title, body}}})
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		for _, file := range files {
			if !json.Valid(file.Data) {
				t.Fatalf("%s: invalid JSON: %q", file.Path, file.Data)
			}
		}
	})
}
