package render

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/bufpool"
	"github.com/medkb/medkb/internal/page"
)

// The structured data is written straight into one buffer, each object's
// members in the order encoding/json writes a map's keys (sorted), rather
// than built as a tree of maps or member lists and encoded: the tree boxed
// every string and nested object in an interface, about 170 allocations a
// page, and sorting its members cost more than writing them. The order is
// the code's: ldWriter panics when a key does not sort after the one
// before it in its object, so a test that renders the page shape catches a
// member written out of order, and TestJSONLDIsWhatMarshalWrites holds
// the whole to encoding/json's own encoding of what it parses back.

// ldWriter writes JSON into b. Objects and arrays nest on a stack of
// frames; key writes a member's key (and the comma before it), the value
// writers the comma an array element needs.
type ldWriter struct {
	b     []byte
	depth int
	stack [8]ldFrame // structured data nests six deep
}

type ldFrame struct {
	array bool
	n     int    // members or elements written
	last  string // the last key written, in an object
}

// elem writes the comma before an array element.
func (w *ldWriter) elem() {
	if w.depth == 0 {
		return
	}
	if f := &w.stack[w.depth-1]; f.array {
		if f.n > 0 {
			w.b = append(w.b, ',')
		}
		f.n++
	}
}

// key writes k, the next member of the open object. k must sort after the
// member before it: encoding/json writes a map's keys sorted, and so does
// this writer, by writing them in that order.
func (w *ldWriter) key(k string) {
	f := &w.stack[w.depth-1]
	if f.array {
		panic("jsonld: key " + k + " in an array")
	}
	if f.n > 0 {
		if k <= f.last {
			panic("jsonld: key " + k + " written after " + f.last)
		}
		w.b = append(w.b, ',')
	}
	f.n++
	f.last = k
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ':')
}

func (w *ldWriter) open(array bool) {
	w.elem()
	if array {
		w.b = append(w.b, '[')
	} else {
		w.b = append(w.b, '{')
	}
	w.stack[w.depth] = ldFrame{array: array}
	w.depth++
}

func (w *ldWriter) close() {
	w.depth--
	if w.stack[w.depth].array {
		w.b = append(w.b, ']')
	} else {
		w.b = append(w.b, '}')
	}
}

// obj opens an object, as the value of key k when k is not "", and writes
// its @context (when context) and @type.
func (w *ldWriter) obj(k string, context bool, typ string) {
	if k != "" {
		w.key(k)
	}
	w.open(false)
	if context {
		w.str("@context", "https://schema.org")
	}
	w.str("@type", typ)
}

// list opens an array as the value of key k.
func (w *ldWriter) list(k string) {
	w.key(k)
	w.open(true)
}

// str writes the member k: v.
func (w *ldWriter) str(k, v string) {
	w.key(k)
	w.b = appendJSONString(w.b, v)
}

// strIf writes the member k: v when v is not empty.
func (w *ldWriter) strIf(k, v string) {
	if v != "" {
		w.str(k, v)
	}
}

// value writes the string v as an array element.
func (w *ldWriter) value(v string) {
	w.elem()
	w.b = appendJSONString(w.b, v)
}

// jsonLD returns the page's structured data as a JSON array, escaped so no
// value can close the script element: appendJSONString escapes <, > and &
// as \u003c, \u003e and \u0026 (as encoding/json does), which is what makes
// template.JS safe here.
func (r *Renderer) jsonLD(ls *assemble.Lang, p *page.Page, cr []Crumb) template.JS {
	buf := bufpool.Get()
	w := &ldWriter{b: buf.AvailableBuffer()}
	defer func() {
		if cap(w.b) > buf.Cap() { // keep what it grew to for the next page
			buf.Buffer = *bytes.NewBuffer(w.b[:0])
		}
		bufpool.Put(buf)
	}()
	w.open(true)
	cfg := r.Site.Config
	if p.Kind == page.KindHome {
		site := cfg.In(ls.Language.Code)
		w.obj("", true, "WebSite")
		w.strIf("description", site.Description)
		w.str("inLanguage", p.Lang)
		w.str("name", site.Title)
		if !cfg.Search.Disabled {
			w.obj("potentialAction", false, "SearchAction")
			w.str("query-input", "required name=search_term_string")
			w.obj("target", false, "EntryPoint")
			w.str("urlTemplate", cfg.AbsURL(ls.Search.RelPermalink)+"?q={search_term_string}")
			w.close()
			w.close()
		}
		r.publisher(w)
		w.str("url", p.Permalink)
		w.close()
	}
	if p.Kind == page.KindPerson && p.Person != nil {
		w.obj("", true, "ProfilePage")
		w.str("inLanguage", p.Lang)
		w.key("mainEntity")
		person(w, *p.Person, p.Person.Bio)
		w.str("url", p.Permalink)
		w.close()
	}
	if p.IsArticle() && !p.Meta.IsWithdrawn() { // a tombstone claims no medical content
		r.article(w, p)
	}
	if len(cr) > 1 {
		w.obj("", true, "BreadcrumbList")
		w.list("itemListElement")
		for i, c := range cr {
			w.obj("", false, "ListItem")
			w.str("item", cfg.AbsURL(c.URL))
			w.str("name", c.Title)
			w.key("position")
			w.b = strconv.AppendInt(w.b, int64(i+1), 10)
			w.close()
		}
		w.close()
		w.close()
	}
	if p.IsArticle() && len(p.Authors) > 0 {
		// Link previews (Mastodon's among them) read the byline only from
		// an entry typed exactly WebPage or NewsArticle, not from its
		// MedicalWebPage subtype.
		w.open(false)
		w.str("@context", "https://schema.org")
		w.str("@id", p.Permalink+"#webpage")
		w.str("@type", "WebPage")
		w.key("author")
		people(w, p.Authors)
		w.str("inLanguage", p.Lang)
		w.str("name", p.Meta.Title)
		w.str("url", p.Permalink)
		w.close()
	}
	if w.stack[0].n == 0 {
		return "null" // no entry: what encoding/json writes for a nil slice
	}
	w.close()
	return template.JS(w.b)
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

// publisher writes the site's publisher as the member "publisher".
func (r *Renderer) publisher(w *ldWriter) {
	pub := r.Site.Config.Publisher
	w.obj("publisher", false, "Organization")
	if pub.Logo != "" {
		w.obj("logo", false, "ImageObject")
		w.str("url", r.Site.Config.AbsURL(pub.Logo))
		w.close()
	}
	w.str("name", pub.Name)
	w.strIf("url", pub.URL)
	w.close()
}

// person writes a as a Person or Organization, with description when
// it is not empty (a people page's bio).
func person(w *ldWriter, a page.Author, description string) {
	org := a.IsOrganization()
	typ := "Person"
	if org {
		typ = "Organization"
	}
	w.obj("", false, typ)
	w.strIf("description", description)
	if !org {
		w.strIf("honorificSuffix", a.Credentials)
		w.strIf("jobTitle", a.Role)
	}
	w.str("name", a.Name)
	// An organisation's url is its own page, not another profile of it.
	sameURL := a.URL != "" && !org
	fedi := a.FediverseURL()
	sameFedi := fedi != "" && !(org && fedi == a.URL)
	if sameURL || sameFedi {
		w.list("sameAs")
		if sameURL {
			w.value(a.URL)
		}
		if sameFedi {
			w.value(fedi)
		}
		w.close()
	}
	w.strIf("url", a.URL)
	w.close()
}

// people writes as as the array value of the member just keyed.
func people(w *ldWriter, as []page.Author) {
	w.open(true)
	for _, a := range as {
		person(w, a, "")
	}
	w.close()
}

// peopleIf writes the member k: as when as is not empty.
func peopleIf(w *ldWriter, k string, as []page.Author) {
	if len(as) > 0 {
		w.key(k)
		people(w, as)
	}
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

// named writes the member k: {"@type": typ, "name": name} when name is not
// empty.
func named(w *ldWriter, k, typ, name string) {
	if name != "" {
		w.obj(k, false, typ)
		w.str("name", name)
		w.close()
	}
}

// article writes the page's MedicalWebPage (MedicalScholarlyArticle for
// professionals).
func (r *Renderer) article(w *ldWriter, p *page.Page) {
	cfg := r.Site.Config
	typ, audience := "MedicalWebPage", "Patient"
	if p.Meta.Audience == "professional" {
		typ, audience = "MedicalScholarlyArticle", "Clinician"
	}
	w.obj("", true, typ)
	if len(p.Meta.About) > 0 {
		w.list("about")
		for _, c := range p.Meta.About {
			w.obj("", false, "MedicalCondition")
			if c.ICD10 != "" || c.SNOMED != "" {
				w.key("code")
				both := c.ICD10 != "" && c.SNOMED != ""
				if both {
					w.open(true)
				}
				for _, code := range [...][2]string{{c.ICD10, "ICD-10"}, {c.SNOMED, "SNOMED CT"}} {
					if code[0] != "" {
						w.open(false)
						w.str("@type", "MedicalCode")
						w.str("code", code[0])
						w.str("codingSystem", code[1])
						w.close()
					}
				}
				if both {
					w.close()
				}
			}
			w.str("name", c.Name)
			w.close()
		}
		w.close()
	}
	w.obj("audience", false, "MedicalAudience")
	w.str("audienceType", audience)
	w.close()
	peopleIf(w, "author", p.Authors)
	if len(p.Meta.References) > 0 {
		w.list("citation")
		for _, ref := range p.Meta.References {
			w.obj("", false, "CreativeWork")
			if ref.Year > 0 {
				w.key("datePublished")
				w.b = append(strconv.AppendInt(append(w.b, '"'), int64(ref.Year), 10), '"')
			}
			w.str("name", ref.Title)
			named(w, "publisher", "Organization", ref.Publisher)
			w.strIf("url", ref.Link())
			w.close()
		}
		w.close()
	}
	w.strIf("dateModified", date(p.Updated()))
	w.strIf("datePublished", date(p.Meta.Date.Time))
	w.strIf("description", p.Summary())
	named(w, "funding", "Grant", p.Meta.Funding)
	w.str("headline", p.Meta.Title)
	if img := r.image(p); img != "" {
		w.str("image", cfg.AbsURL(img))
	}
	w.str("inLanguage", p.Lang)
	w.strIf("lastReviewed", date(p.Meta.LastReviewed.Time))
	w.str("mainEntityOfPage", p.Permalink)
	w.str("name", p.Meta.Title)
	if typ == "MedicalScholarlyArticle" {
		w.str("publicationType", "Review")
	}
	r.publisher(w)
	peopleIf(w, "reviewedBy", p.Reviewers)
	named(w, "specialty", "MedicalSpecialty", p.Meta.Specialty)
	named(w, "sponsor", "Organization", p.Meta.Sponsor)
	if o := p.Original; o != nil {
		w.key("translationOfWork")
		w.open(false)
		w.str("@id", o.Permalink)
		w.str("@type", typ)
		w.str("inLanguage", o.Lang)
		w.str("url", o.Permalink)
		w.close()
	}
	peopleIf(w, "translator", p.Translators)
	w.str("url", p.Permalink)
	w.close()
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
	// Made to size: some sixteen tags, one per tag and two per author
	// (grown from five by appending, the slice was made four times).
	m := make([]Meta, 0, 16+len(p.Meta.Tags)+2*len(p.Authors))
	m = append(m,
		Meta{Property: "og:title", Content: p.Meta.Title},
		Meta{Property: "og:type", Content: typ},
		Meta{Property: "og:url", Content: p.Permalink},
		Meta{Property: "og:site_name", Content: site.Title},
		Meta{Property: "og:locale", Content: strings.ReplaceAll(p.Lang, "-", "_")},
	)
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
		abs := cfg.AbsURL(img)
		m = append(m, Meta{Property: "og:image", Content: abs})
		if r.ImageSize != nil {
			if w, h, _, ok := r.ImageSize(img); ok && w > 0 {
				m = append(m, Meta{Property: "og:image:width", Content: strconv.Itoa(w)},
					Meta{Property: "og:image:height", Content: strconv.Itoa(h)})
			}
		}
		m = append(m, Meta{Property: "og:image:alt", Content: alt},
			Meta{Name: "twitter:image", Content: abs}, Meta{Name: "twitter:image:alt", Content: alt})
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
