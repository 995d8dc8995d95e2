package render

// The tree-based writer of structured data that jsonLD replaced (4858286),
// kept as an oracle: TestJSONLDIsWhatTheTreeWrote holds jsonLD to it on
// random pages, so a wrong value or condition fails, not only a wrong key
// order or escape (which TestJSONLDIsWhatMarshalWrites catches).

import (
	"encoding/json"
	"html/template"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
)

// oldObj is a JSON object: its members in any order, each key once (set
// keeps that); appendJSON writes them sorted by key, as encoding/json
// writes a map. A slice, not a map: a page's structured data is a few
// dozen small objects, and hashing their keys cost more than sorting.
type oldObj []oldMember

type oldMember struct {
	key   string
	value any
}

// set sets the oldMember key to value.
func (o *oldObj) set(key string, value any) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].value = value
			return
		}
	}
	*o = append(*o, oldMember{key, value})
}

// oldJSONLD returns the page's structured data as a JSON array, escaped so
// no value can close the script element: encoding/json escapes <, > and &
// as \u003c, \u003e and \u0026, which is what makes template.JS safe here.
func (r *Renderer) oldJSONLD(ls *assemble.Lang, p *page.Page, cr []Crumb) template.JS {
	cfg := r.Site.Config
	publisher := oldObj{{"@type", "Organization"}, {"name", cfg.Publisher.Name}}
	if cfg.Publisher.URL != "" {
		publisher.set("url", cfg.Publisher.URL)
	}
	if cfg.Publisher.Logo != "" {
		publisher.set("logo", oldObj{{"@type", "ImageObject"}, {"url", cfg.AbsURL(cfg.Publisher.Logo)}})
	}
	var graph []any
	if p.Kind == page.KindHome {
		site := cfg.In(ls.Language.Code)
		ws := oldObj{{"@context", "https://schema.org"}, {"@type", "WebSite"}, {"name", site.Title},
			{"url", p.Permalink}, {"inLanguage", p.Lang}, {"publisher", publisher}}
		if !cfg.Search.Disabled {
			ws.set("potentialAction", oldObj{{"@type", "SearchAction"},
				{"target", oldObj{{"@type", "EntryPoint"}, {"urlTemplate", cfg.AbsURL(ls.Search.RelPermalink) + "?q={search_term_string}"}}},
				{"query-input", "required name=search_term_string"}})
		}
		if site.Description != "" {
			ws.set("description", site.Description)
		}
		graph = append(graph, ws)
	}
	if p.Kind == page.KindPerson && p.Person != nil {
		about := oldPerson(*p.Person)
		if p.Person.Bio != "" {
			about.set("description", p.Person.Bio)
		}
		graph = append(graph, oldObj{{"@context", "https://schema.org"}, {"@type", "ProfilePage"}, {"url", p.Permalink},
			{"inLanguage", p.Lang}, {"mainEntity", about}})
	}
	if p.IsArticle() && !p.Meta.IsWithdrawn() { // a tombstone claims no medical content
		graph = append(graph, r.oldArticle(p, publisher))
	}
	if len(cr) > 1 {
		var items []any
		for i, c := range cr {
			items = append(items, oldObj{{"@type", "ListItem"}, {"position", i + 1}, {"name", c.Title}, {"item", cfg.AbsURL(c.URL)}})
		}
		graph = append(graph, oldObj{{"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", items}})
	}
	if p.IsArticle() && len(p.Authors) > 0 {
		// Link previews (Mastodon's among them) read the byline only from
		// an entry typed exactly WebPage or NewsArticle, not from its
		// MedicalWebPage subtype.
		graph = append(graph, oldObj{{"@context", "https://schema.org"}, {"@type", "WebPage"}, {"@id", p.Permalink + "#webpage"},
			{"url", p.Permalink}, {"name", p.Meta.Title}, {"inLanguage", p.Lang}, {"author", oldPeople(p.Authors)}})
	}
	return template.JS(oldAppendJSON(make([]byte, 0, 4<<10), graph))
}

// appendJSON appends v as encoding/json's Marshal writes it (map keys
// sorted, <, > and & escaped) for the shapes structured data is made of:
// oldObj, []any, string and int; anything else goes through json.Marshal.
// Encoding the maps by reflection and sorting their keys took about a
// tenth of a page's template time (TestAppendJSONMatchesMarshal holds the
// two to the same bytes).
func oldAppendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case oldObj:
		if v == nil {
			return append(b, "null"...)
		}
		// Sorted in place: an oldObj is made to be written, and writing it
		// twice (a shared publisher) sorts nothing the second time.
		slices.SortFunc(v, func(x, y oldMember) int { return strings.Compare(x.key, y.key) })
		b = append(b, '{')
		for i, m := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.key)
			b = append(b, ':')
			b = oldAppendJSON(b, m.value)
		}
		return append(b, '}')
	case []any:
		if v == nil {
			return append(b, "null"...)
		}
		b = append(b, '[')
		for i, e := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = oldAppendJSON(b, e)
		}
		return append(b, ']')
	}
	data, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, data...)
}

func oldPerson(a page.Author) oldObj {
	var sameAs []any
	for _, u := range []string{a.URL, a.FediverseURL()} {
		if u != "" && !(a.IsOrganization() && u == a.URL) { // an organisation's url is its own page
			sameAs = append(sameAs, u)
		}
	}
	if a.IsOrganization() {
		o := oldObj{{"@type", "Organization"}, {"name", a.Name}}
		if a.URL != "" {
			o.set("url", a.URL)
		}
		if sameAs != nil {
			o.set("sameAs", sameAs)
		}
		return o
	}
	o := slices.Grow(oldObj{{"@type", "Person"}, {"name", a.Name}}, 4)
	if a.Credentials != "" {
		o.set("honorificSuffix", a.Credentials)
	}
	if a.Role != "" {
		o.set("jobTitle", a.Role)
	}
	if a.URL != "" {
		o.set("url", a.URL)
	}
	if sameAs != nil {
		o.set("sameAs", sameAs)
	}
	return o
}

func oldPeople(as []page.Author) []any {
	out := make([]any, 0, len(as))
	for _, a := range as {
		out = append(out, oldPerson(a))
	}
	return out
}

func (r *Renderer) oldArticle(p *page.Page, publisher oldObj) oldObj {
	cfg := r.Site.Config
	typ := "MedicalWebPage"
	audience := oldObj{{"@type", "MedicalAudience"}, {"audienceType", "Patient"}}
	if p.Meta.Audience == "professional" {
		typ = "MedicalScholarlyArticle"
		audience = oldObj{{"@type", "MedicalAudience"}, {"audienceType", "Clinician"}}
	}
	o := oldObj{{"@context", "https://schema.org"}, {"@type", typ}, {"headline", p.Meta.Title}, {"name", p.Meta.Title},
		{"url", p.Permalink}, {"inLanguage", p.Lang}, {"publisher", publisher}, {"audience", audience},
		{"mainEntityOfPage", p.Permalink}}
	o = slices.Grow(o, 16) // the members set below
	if s := p.Summary(); s != "" {
		o.set("description", s)
	}
	if typ == "MedicalScholarlyArticle" {
		o.set("publicationType", "Review")
	}
	if d := date(p.Meta.Date.Time); d != "" {
		o.set("datePublished", d)
	}
	if d := date(p.Updated()); d != "" {
		o.set("dateModified", d)
	}
	if d := date(p.Meta.LastReviewed.Time); d != "" {
		o.set("lastReviewed", d)
	}
	if len(p.Authors) > 0 {
		o.set("author", oldPeople(p.Authors))
	}
	if len(p.Reviewers) > 0 {
		o.set("reviewedBy", oldPeople(p.Reviewers))
	}
	if len(p.Translators) > 0 {
		o.set("translator", oldPeople(p.Translators))
	}
	if p.Meta.Specialty != "" {
		o.set("specialty", oldObj{{"@type", "MedicalSpecialty"}, {"name", p.Meta.Specialty}})
	}
	if len(p.Meta.About) > 0 {
		var about []any
		for _, c := range p.Meta.About {
			mc := oldObj{{"@type", "MedicalCondition"}, {"name", c.Name}}
			var codes []any
			if c.ICD10 != "" {
				codes = append(codes, oldObj{{"@type", "MedicalCode"}, {"code", c.ICD10}, {"codingSystem", "ICD-10"}})
			}
			if c.SNOMED != "" {
				codes = append(codes, oldObj{{"@type", "MedicalCode"}, {"code", c.SNOMED}, {"codingSystem", "SNOMED CT"}})
			}
			if len(codes) == 1 {
				mc.set("code", codes[0])
			} else if len(codes) > 1 {
				mc.set("code", codes)
			}
			about = append(about, mc)
		}
		o.set("about", about)
	}
	if len(p.Meta.References) > 0 {
		var cites []any
		for _, ref := range p.Meta.References {
			c := slices.Grow(oldObj{{"@type", "CreativeWork"}, {"name", ref.Title}}, 3)
			if l := ref.Link(); l != "" {
				c.set("url", l)
			}
			if ref.Publisher != "" {
				c.set("publisher", oldObj{{"@type", "Organization"}, {"name", ref.Publisher}})
			}
			if ref.Year > 0 {
				c.set("datePublished", strconv.Itoa(ref.Year))
			}
			cites = append(cites, c)
		}
		o.set("citation", cites)
	}
	if img := r.image(p); img != "" {
		o.set("image", cfg.AbsURL(img))
	}
	if p.Original != nil {
		o.set("translationOfWork", oldObj{{"@type", typ}, {"@id", p.Original.Permalink}, {"url", p.Original.Permalink}, {"inLanguage", p.Original.Lang}})
	}
	if p.Meta.Sponsor != "" {
		o.set("sponsor", oldObj{{"@type", "Organization"}, {"name", p.Meta.Sponsor}})
	}
	if p.Meta.Funding != "" {
		o.set("funding", oldObj{{"@type", "Grant"}, {"name", p.Meta.Funding}})
	}
	return o
}

// TestJSONLDIsWhatTheTreeWrote: for pages of every shape (randomLDCase),
// jsonLD writes byte for byte what the tree-based writer it replaced wrote.
func TestJSONLDIsWhatTheTreeWrote(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 5000 {
		c := randomLDCase(t, rng)
		if got, want := c.r.jsonLD(c.ls, c.p, c.cr), c.r.oldJSONLD(c.ls, c.p, c.cr); got != want {
			t.Fatalf("case %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
