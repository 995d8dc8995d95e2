package site_test

import (
	"strings"
	"testing"
)

// Much public health content is written by an organisation, not a person:
// type: organization makes its JSON-LD author an Organization, and an
// unknown type is an error at its line.
func TestOrganisationAuthors(t *testing.T) {
	t.Parallel()
	authors := "editor:\n  name: Editor\n  credentials: MD\n" +
		"reviewer:\n  name: Reviewer\n" +
		"nhs:\n  name: NHS England\n  type: organization\n  url: https://www.england.nhs.uk/\n"
	dir := newSite(t, map[string]string{
		"data/authors.yaml":         authors,
		"content/conditions/org.md": strings.Replace(article("", "Text.\n"), "authors: [editor]", "authors: [nhs]", 1),
	})
	files := mustBuild(t, dir)
	var found bool
	for _, block := range jsonLDBlocks(t, files["conditions/org/index.html"]) {
		s := string(block)
		if strings.Contains(s, `"name":"NHS England"`) {
			found = true
			if !strings.Contains(s, `{"@type":"Organization","name":"NHS England","url":"https://www.england.nhs.uk/"}`) {
				t.Errorf("organisation author is not an Organization:\n%s", s)
			}
		}
	}
	if !found {
		t.Fatal("no JSON-LD names the organisation author")
	}

	bad := newSite(t, map[string]string{"data/authors.yaml": authors + "clinic:\n  name: Clinic\n  type: company\n"})
	_, _, err := buildMem(t, bad)
	if err == nil || !strings.Contains(err.Error(), "data/authors.yaml:12") ||
		!strings.Contains(err.Error(), `clinic.type "company" is not one of person, organization`) {
		t.Errorf("unknown author type: err = %v", err)
	}
}

// TestPeoplePageJSONLD: a people page is a ProfilePage about a Person with
// the bio as description and sameAs for the url and the fediverse handle;
// the byline links to it.
func TestPeoplePageJSONLD(t *testing.T) {
	t.Parallel()
	authors := "editor:\n  name: Editor <Ed>\n  credentials: MD\n  bio: Writes.\n  url: https://ed.example.org/\n  fediverse: \"@ed@social.example.org\"\n" +
		"reviewer:\n  name: Reviewer\n"
	dir := newSite(t, map[string]string{
		"data/authors.yaml":         authors,
		"content/conditions/org.md": article("", "Text.\n"),
	})
	files := mustBuild(t, dir)
	if !strings.Contains(string(files["conditions/org/index.html"]), `<a href="/people/editor/">Editor &lt;Ed&gt;</a>`) {
		t.Errorf("the byline does not link to the people page")
	}
	var found bool
	for _, block := range jsonLDBlocks(t, files["people/editor/index.html"]) {
		s := string(block)
		if strings.Contains(s, `"@type":"ProfilePage"`) {
			found = true
			for _, want := range []string{`"description":"Writes."`, `"name":"Editor \u003cEd\u003e"`,
				`"sameAs":["https://ed.example.org/","https://social.example.org/@ed"]`} {
				if !strings.Contains(s, want) {
					t.Errorf("people page JSON-LD lacks %s:\n%s", want, s)
				}
			}
		}
	}
	if !found {
		t.Fatal("the people page has no ProfilePage JSON-LD")
	}
}
