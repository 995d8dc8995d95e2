package schema_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/scaffold"
	"github.com/medkb/medkb/internal/schema"
)

// docs is every declared schema, medkb.yaml's included.
func docs() []*schema.Doc {
	return append(append([]*schema.Doc{}, schema.Documents()...), config.Schema())
}

func TestAFieldWithoutAnAnnotationFailsDerive(t *testing.T) {
	t.Parallel()
	type meta struct {
		Title string `yaml:"title"`
		Added string `yaml:"added_by_someone"`
	}
	_, err := schema.Derive(reflect.TypeOf(meta{}), map[string]schema.Ann{"title": {Desc: "The title."}}, schema.Options{})
	if err == nil || !strings.Contains(err.Error(), "added_by_someone") {
		t.Fatalf("Derive = %v, want an error naming added_by_someone", err)
	}
}

func TestEveryDeclaredKeyHasADescription(t *testing.T) {
	t.Parallel()
	var walk func(path string, n *schema.Node)
	walk = func(path string, n *schema.Node) {
		for _, f := range n.Fields {
			if f.Node.Description == "" {
				t.Errorf("%s.%s has no description", path, f.Key)
			}
			walk(path+"."+f.Key, f.Node)
		}
		if n.Items != nil {
			walk(path, n.Items)
		}
		for _, o := range n.OneOf {
			walk(path, o)
		}
	}
	for _, d := range docs() {
		walk(d.Name, d.Root)
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	keys := schema.Find(schema.Article).Root.Keys()
	// Case, "_" and "-" are folded here; what is near after that is
	// package suggest's rule (its TestClosest).
	for in, want := range map[string]string{
		"Summary": "summary", "reviewedBy": "reviewed_by", "last-reviewed": "last_reviewed",
		"next-reveiw": "next_review", "Sumary": "summary", "colour": "",
	} {
		if got := schema.Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if got := schema.Suggest("baseURL", config.Schema().Root.Keys()); got != "base_url" {
		t.Errorf("Suggest(baseURL) = %q, want base_url", got)
	}
}

// compile compiles every declared schema with a real JSON Schema validator.
func compile(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	out := map[string]*jsonschema.Schema{}
	for _, d := range docs() {
		b, err := d.JSON()
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schema.BaseID+d.FileName(), doc); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs() {
		s, err := c.Compile(schema.BaseID + d.FileName())
		if err != nil {
			t.Fatalf("%s: %v", d.FileName(), err)
		}
		out[d.Name] = s
	}
	return out
}

// toJSON turns a YAML node into the value a YAML-aware editor validates:
// scalars by their YAML tag, dates as strings.
func toJSON(n *yaml.Node) any {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil
		}
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = toJSON(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, toJSON(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true"
	case "!!int", "!!float":
		if _, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return json.Number(n.Value)
		}
	}
	return n.Value
}

type sample struct {
	file, doc string
	yaml      []byte
	line      int // the line before the YAML's first line
}

// frontMatter returns the YAML block of a Markdown file.
func frontMatter(t *testing.T, data []byte) []byte {
	t.Helper()
	s := string(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")))
	if !strings.HasPrefix(s, "---\n") {
		return nil
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("front matter never closes")
	}
	return []byte(s[4 : 4+end+1])
}

// demoSite lists every front matter block, medkb.yaml and data file of
// the demo site and of the `medkb new site` skeleton.
func demoSite(t *testing.T) []sample {
	t.Helper()
	var out []sample
	skeleton := t.TempDir()
	if err := scaffold.NewSite(skeleton, "Test Health", time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{"../..", skeleton} {
		err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			out = append(out, sample{file: p, doc: schema.FrontMatterKind(rel), yaml: frontMatter(t, data), line: 1})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := os.ReadFile(filepath.Join(root, "medkb.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, sample{file: root + "/medkb.yaml", doc: "medkb", yaml: cfg})
		for _, name := range []string{"authors", "glossary", "synonyms"} {
			data, err := os.ReadFile(filepath.Join(root, "data", name+".yaml"))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, sample{file: root + "/data/" + name + ".yaml", doc: name, yaml: data})
		}
	}
	return out
}

func find(name string) *schema.Doc {
	if name == "medkb" {
		return config.Schema()
	}
	return schema.Find(name)
}

func TestTheDemoSiteIsValidAgainstThePublishedJSONSchema(t *testing.T) {
	t.Parallel()
	compiled := compile(t)
	samples := demoSite(t)
	if len(samples) < 40 {
		t.Fatalf("only %d files found; is the demo site where the test expects it?", len(samples))
	}
	for _, s := range samples {
		var root yaml.Node
		if err := yaml.Unmarshal(s.yaml, &root); err != nil {
			t.Fatalf("%s: %v", s.file, err)
		}
		if err := compiled[s.doc].Validate(toJSON(&root)); err != nil {
			t.Errorf("%s (%s.schema.json): %v", s.file, s.doc, err)
		}
		if list := find(s.doc).Validate(s.file, &root, s.line); len(list) > 0 {
			t.Errorf("%s: medkb rejects it: %v", s.file, list.Err())
		}
	}
}

// mistakes are writers' mistakes each schema must reject, with medkb's
// message at its position.
var mistakes = []struct {
	doc, yaml, want string
}{
	{"article", "title: A\nsumary: S\n", `2:1 unknown key "sumary" in front matter; did you mean "summary"?`},
	{"article", "title: A\nnext_reveiw: 2030-01-01\n", `2:1 unknown key "next_reveiw" in front matter; did you mean "next_review"?`},
	{"article", "titel: A\n", `1:1 front matter has no "title"`},
	{"article", "title: A\npublishDate: 2024-01-01\n", `2:1 "publishDate" is Hugo's key; medkb uses "publish_date"`},
	{"article", "title: A\nexpiryDate: 2030-01-01\n", `2:1 "expiryDate" is Hugo's key; medkb uses "expires"`},
	{"article", "title: A\nauthor: amorgan\n", `2:1 "author" is Hugo and Jekyll's key; medkb uses "authors"`},
	{"article", "title: A\npublished: false\n", `2:1 "published" is Jekyll's key; medkb uses "draft"`},
	{"article", "title: A\npermalink: /a/\n", `2:1 "permalink" is Jekyll's key; medkb uses "url"`},
	{"article", "title: A\nlang: es\n", `2:1 "lang" is Jekyll's key, not medkb's`},
	{"article", "title: A\ncategories: [a]\n", `2:1 "categories" is Hugo and Jekyll's key; medkb uses "tags"`},
	{"article", "title: \"\"\n", `1:8 title is empty`},
	{"article", "title: A\nsummary: \"\"\n", `2:10 summary is empty`},
	{"article", "title: A\naudience: patients\n", `2:11 audience "patients" is not one of patient, professional; did you mean "patient"?`},
	{"article", "title: A\ntags:\n  lungs: true\n", `3:3 tags: expected a list of strings or a single one, got a mapping`},
	{"article", "title: A\ndraft: no\n", `2:8 draft: expected true or false, got "no", which YAML 1.2 reads as a word (older YAML, as false)`},
	{"article", "title: A\nweight: first\n", `2:9 weight: expected a whole number, got "first"`},
	{"article", "title: A\nnext_review: soon\n", `2:14 next_review: expected a date (YYYY-MM-DD), got "soon"`},
	{"article", "title: A\nreferences:\n  - id: a\n    titel: T\n", `4:5 unknown key "titel" in references[1]; did you mean "title"?`},
	{"article", "title: A\nreferences:\n  - url: https://x.example/\n", `3:5 references[1] has no "id"`},
	// A path is built in one buffer a sibling overwrites: the second
	// entry's is not the first's, longer one.
	{"article", "title: A\nreferences:\n  - id: a\n    publisher: P\n  - id: b\n    titel: T\n", `6:5 unknown key "titel" in references[2]; did you mean "title"?`},
	{"article", "title: A\nabout:\n  - name: Asthma\n    icd10: J45\n  - name: \"\"\n", `5:11 about[2].name is empty`},
	{"article", "title: A\nwithdrawn: {date: 2025-01-01}\n", `2:12 withdrawn has no "reason"`},
	{"section", "summary: S\n", `1:1 front matter has no "title"`},
	{"medkb", "title: T\nbaseURL: https://x.org/\n", `2:1 "baseURL" is Hugo's key; medkb uses "base_url"`},
	{"medkb", "title: T\nfeeds:\n  content: ful\n", `3:12 feeds.content "ful" is not one of full, summary; did you mean "full"?`},
	{"medkb", "title: T\nreview_interval: [3y]\n", `2:18 review_interval: expected a string, got a list`},
	{"authors", "amorgan:\n  nmae: Alex\n", `2:3 unknown key "nmae" in amorgan; did you mean "name"?`},
	{"glossary", "- term: Asthma\n  definiton: A condition.\n", `2:3 unknown key "definiton" in entry 1; did you mean "definition"?`},
	{"synonyms", "groups: [[a, b]]\nremoved: [[c]]\n", `2:1 unknown key "removed" in data/synonyms.yaml; did you mean "remove"?`},
}

func TestEachMistakeIsRejectedByMedkbAndByTheJSONSchema(t *testing.T) {
	t.Parallel()
	compiled := compile(t)
	for _, m := range mistakes {
		var root yaml.Node
		if err := yaml.Unmarshal([]byte(m.yaml), &root); err != nil {
			t.Fatalf("%q: %v", m.yaml, err)
		}
		if err := compiled[m.doc].Validate(toJSON(&root)); err == nil {
			t.Errorf("%s.schema.json accepts %q", m.doc, m.yaml)
		}
		list := find(m.doc).Validate("f.yaml", &root, 0)
		var got []string
		for _, d := range list {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Message))
			if d.File != "f.yaml" || d.Check != "schema" || d.Hint == "" {
				t.Errorf("%+v: want file f.yaml, check schema and a hint", d)
			}
		}
		if !slices.Contains(got, m.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", m.doc, m.yaml, got, m.want)
		}
	}
}

// BenchmarkValidateArticle validates the demo's longest article front
// matter (asthma.md), the work added to every content file's parse.
func BenchmarkValidateArticle(b *testing.B) {
	data, err := os.ReadFile("../../content/conditions/asthma.md")
	if err != nil {
		b.Fatal(err)
	}
	s := string(data)
	end := strings.Index(s[4:], "\n---\n")
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(s[4:4+end+1]), &root); err != nil {
		b.Fatal(err)
	}
	d := schema.Find(schema.Article)
	b.ReportAllocs()
	for b.Loop() {
		if list := d.Validate("a.md", &root, 1); len(list) > 0 {
			b.Fatal(list.Err())
		}
	}
}
