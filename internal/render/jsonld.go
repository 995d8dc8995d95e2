package render

import (
	"encoding/json"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/page"
)

// obj is a JSON object: its members in any order, each key once (set
// keeps that); appendJSON writes them sorted by key, as encoding/json
// writes a map. A slice, not a map: a page's structured data is a few
// dozen small objects, and hashing their keys cost more than sorting.
type obj []member

type member struct {
	key   string
	value any
}

// set sets the member key to value.
func (o *obj) set(key string, value any) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].value = value
			return
		}
	}
	*o = append(*o, member{key, value})
}

// jsonLD returns the page's structured data as a JSON array, escaped so no
// value can close the script element: encoding/json escapes <, > and & as
// \u003c, \u003e and \u0026, which is what makes template.JS safe here.
func (r *Renderer) jsonLD(ls *assemble.Lang, p *page.Page, cr []Crumb) template.JS {
	cfg := r.Site.Config
	publisher := obj{{"@type", "Organization"}, {"name", cfg.Publisher.Name}}
	if cfg.Publisher.URL != "" {
		publisher.set("url", cfg.Publisher.URL)
	}
	if cfg.Publisher.Logo != "" {
		publisher.set("logo", obj{{"@type", "ImageObject"}, {"url", cfg.AbsURL(cfg.Publisher.Logo)}})
	}
	var graph []any
	if p.Kind == page.KindHome {
		site := cfg.In(ls.Language.Code)
		ws := obj{{"@context", "https://schema.org"}, {"@type", "WebSite"}, {"name", site.Title},
			{"url", p.Permalink}, {"inLanguage", p.Lang}, {"publisher", publisher}}
		if !cfg.Search.Disabled {
			ws.set("potentialAction", obj{{"@type", "SearchAction"},
				{"target", obj{{"@type", "EntryPoint"}, {"urlTemplate", cfg.AbsURL(ls.Search.RelPermalink) + "?q={search_term_string}"}}},
				{"query-input", "required name=search_term_string"}})
		}
		if site.Description != "" {
			ws.set("description", site.Description)
		}
		graph = append(graph, ws)
	}
	if p.Kind == page.KindPerson && p.Person != nil {
		about := person(*p.Person)
		if p.Person.Bio != "" {
			about.set("description", p.Person.Bio)
		}
		graph = append(graph, obj{{"@context", "https://schema.org"}, {"@type", "ProfilePage"}, {"url", p.Permalink},
			{"inLanguage", p.Lang}, {"mainEntity", about}})
	}
	if p.IsArticle() && !p.Meta.IsWithdrawn() { // a tombstone claims no medical content
		graph = append(graph, r.article(p, publisher))
	}
	if len(cr) > 1 {
		var items []any
		for i, c := range cr {
			items = append(items, obj{{"@type", "ListItem"}, {"position", i + 1}, {"name", c.Title}, {"item", cfg.AbsURL(c.URL)}})
		}
		graph = append(graph, obj{{"@context", "https://schema.org"}, {"@type", "BreadcrumbList"}, {"itemListElement", items}})
	}
	if p.IsArticle() && len(p.Authors) > 0 {
		// Link previews (Mastodon's among them) read the byline only from
		// an entry typed exactly WebPage or NewsArticle, not from its
		// MedicalWebPage subtype.
		graph = append(graph, obj{{"@context", "https://schema.org"}, {"@type", "WebPage"}, {"@id", p.Permalink + "#webpage"},
			{"url", p.Permalink}, {"name", p.Meta.Title}, {"inLanguage", p.Lang}, {"author", people(p.Authors)}})
	}
	return template.JS(appendJSON(make([]byte, 0, 4<<10), graph))
}

// appendJSON appends v as encoding/json's Marshal writes it (map keys
// sorted, <, > and & escaped) for the shapes structured data is made of:
// obj, []any, string and int; anything else goes through json.Marshal.
// Encoding the maps by reflection and sorting their keys took about a
// tenth of a page's template time (TestAppendJSONMatchesMarshal holds the
// two to the same bytes).
func appendJSON(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case obj:
		if v == nil {
			return append(b, "null"...)
		}
		// Sorted in place: an obj is made to be written, and writing it
		// twice (a shared publisher) sorts nothing the second time.
		slices.SortFunc(v, func(x, y member) int { return strings.Compare(x.key, y.key) })
		b = append(b, '{')
		for i, m := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, m.key)
			b = append(b, ':')
			b = appendJSON(b, m.value)
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
			b = appendJSON(b, e)
		}
		return append(b, ']')
	}
	data, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, data...)
}

// appendJSONString quotes s as encoding/json does with HTML escaping on.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func person(a page.Author) obj {
	var sameAs []any
	for _, u := range []string{a.URL, a.FediverseURL()} {
		if u != "" && !(a.IsOrganization() && u == a.URL) { // an organisation's url is its own page
			sameAs = append(sameAs, u)
		}
	}
	if a.IsOrganization() {
		o := obj{{"@type", "Organization"}, {"name", a.Name}}
		if a.URL != "" {
			o.set("url", a.URL)
		}
		if sameAs != nil {
			o.set("sameAs", sameAs)
		}
		return o
	}
	o := slices.Grow(obj{{"@type", "Person"}, {"name", a.Name}}, 4)
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

func people(as []page.Author) []any {
	out := make([]any, 0, len(as))
	for _, a := range as {
		out = append(out, person(a))
	}
	return out
}

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

func (r *Renderer) article(p *page.Page, publisher obj) obj {
	cfg := r.Site.Config
	typ := "MedicalWebPage"
	audience := obj{{"@type", "MedicalAudience"}, {"audienceType", "Patient"}}
	if p.Meta.Audience == "professional" {
		typ = "MedicalScholarlyArticle"
		audience = obj{{"@type", "MedicalAudience"}, {"audienceType", "Clinician"}}
	}
	o := obj{{"@context", "https://schema.org"}, {"@type", typ}, {"headline", p.Meta.Title}, {"name", p.Meta.Title},
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
		o.set("author", people(p.Authors))
	}
	if len(p.Reviewers) > 0 {
		o.set("reviewedBy", people(p.Reviewers))
	}
	if len(p.Translators) > 0 {
		o.set("translator", people(p.Translators))
	}
	if p.Meta.Specialty != "" {
		o.set("specialty", obj{{"@type", "MedicalSpecialty"}, {"name", p.Meta.Specialty}})
	}
	if len(p.Meta.About) > 0 {
		var about []any
		for _, c := range p.Meta.About {
			mc := obj{{"@type", "MedicalCondition"}, {"name", c.Name}}
			var codes []any
			if c.ICD10 != "" {
				codes = append(codes, obj{{"@type", "MedicalCode"}, {"code", c.ICD10}, {"codingSystem", "ICD-10"}})
			}
			if c.SNOMED != "" {
				codes = append(codes, obj{{"@type", "MedicalCode"}, {"code", c.SNOMED}, {"codingSystem", "SNOMED CT"}})
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
			c := slices.Grow(obj{{"@type", "CreativeWork"}, {"name", ref.Title}}, 3)
			if l := ref.Link(); l != "" {
				c.set("url", l)
			}
			if ref.Publisher != "" {
				c.set("publisher", obj{{"@type", "Organization"}, {"name", ref.Publisher}})
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
		o.set("translationOfWork", obj{{"@type", typ}, {"@id", p.Original.Permalink}, {"url", p.Original.Permalink}, {"inLanguage", p.Original.Lang}})
	}
	if p.Meta.Sponsor != "" {
		o.set("sponsor", obj{{"@type", "Organization"}, {"name", p.Meta.Sponsor}})
	}
	if p.Meta.Funding != "" {
		o.set("funding", obj{{"@type", "Grant"}, {"name", p.Meta.Funding}})
	}
	return o
}

// image returns the page's card image: its own image, else its generated
// social card, else the site default.
func (r *Renderer) image(p *page.Page) string {
	if p.Meta.Image != "" {
		return p.Meta.Image
	}
	if r.Card != nil {
		if c := r.Card(p); c != "" {
			return c
		}
	}
	return r.Site.Config.DefaultImage
}

func (r *Renderer) social(ls *assemble.Lang, p *page.Page) []Meta {
	cfg := r.Site.Config
	typ := "website"
	if p.IsArticle() {
		typ = "article"
	}
	site := cfg.In(ls.Language.Code)
	desc := p.Summary()
	if desc == "" {
		desc = site.Description
	}
	m := []Meta{
		{Property: "og:title", Content: p.Meta.Title},
		{Property: "og:type", Content: typ},
		{Property: "og:url", Content: p.Permalink},
		{Property: "og:site_name", Content: site.Title},
		{Property: "og:locale", Content: strings.ReplaceAll(p.Lang, "-", "_")},
	}
	if desc != "" {
		m = append(m, Meta{Property: "og:description", Content: desc})
	}
	card := "summary"
	if img := r.image(p); img != "" {
		alt := p.Meta.ImageAlt
		if p.Meta.Image == "" {
			alt = cfg.DefaultImageAlt
			if img != cfg.DefaultImage {
				alt = p.Meta.Title // a generated card shows the title
			}
		}
		if alt == "" {
			alt = site.Title
		}
		m = append(m, Meta{Property: "og:image", Content: cfg.AbsURL(img)})
		if r.ImageSize != nil {
			if w, h, _, ok := r.ImageSize(img); ok && w > 0 {
				m = append(m, Meta{Property: "og:image:width", Content: strconv.Itoa(w)},
					Meta{Property: "og:image:height", Content: strconv.Itoa(h)})
			}
		}
		m = append(m, Meta{Property: "og:image:alt", Content: alt},
			Meta{Name: "twitter:image", Content: cfg.AbsURL(img)}, Meta{Name: "twitter:image:alt", Content: alt})
		card = "summary_large_image"
	}
	m = append(m, Meta{Name: "twitter:card", Content: card}, Meta{Name: "twitter:title", Content: p.Meta.Title})
	if desc != "" {
		m = append(m, Meta{Name: "twitter:description", Content: desc})
	}
	if p.IsArticle() {
		if d := date(p.Meta.Date.Time); d != "" {
			m = append(m, Meta{Property: "article:published_time", Content: p.Meta.Date.Format(time.RFC3339)})
		}
		if !p.Updated().IsZero() {
			m = append(m, Meta{Property: "article:modified_time", Content: p.Updated().Format(time.RFC3339)})
		}
		if p.Parent != nil && p.Parent.Kind == page.KindSection {
			m = append(m, Meta{Property: "article:section", Content: p.Parent.Meta.Title})
		}
		for _, t := range p.Meta.Tags {
			m = append(m, Meta{Property: "article:tag", Content: t})
		}
		var names []string
		for _, a := range p.Authors {
			names = append(names, a.Name)
			who := a.URL
			if who == "" {
				who = a.Name
			}
			m = append(m, Meta{Property: "article:author", Content: who})
		}
		if len(names) > 0 {
			m = append(m, Meta{Name: "author", Content: strings.Join(names, ", ")})
		}
		for _, a := range p.Authors {
			if a.Fediverse != "" {
				m = append(m, Meta{Name: "fediverse:creator", Content: a.Fediverse})
			}
		}
	}
	return m
}
