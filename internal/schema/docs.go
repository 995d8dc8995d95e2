package schema

import (
	"path"
	"reflect"
	"strings"

	"github.com/medkb/medkb/internal/page"
)

// Front matter kinds.
const (
	Article = "article"
	Section = "section"
	Home    = "home"
	Trust   = "trust"
)

// metaAnns describes every key of page.Meta. Descriptions are the writer's
// guide's, in short.
var metaAnns = map[string]Ann{
	"title":                 {Desc: "The page title, shown as the main heading, in search results and in feeds. Use the words patients use.", NonEmpty: true},
	"id":                    {Desc: "A permanent id for the article, such as conditions-asthma. Feeds recognise the article by it forever: never change it."},
	"summary":               {Desc: "One or two plain sentences, shown in lists, search results, feeds and link previews.", NonEmpty: true},
	"description":           {Desc: "A description for search engines; defaults to the summary."},
	"date":                  {Desc: "The date the page was first published (YYYY-MM-DD). Never change it."},
	"lastmod":               {Desc: "The date of the last change of any kind (YYYY-MM-DD). Defaults to date."},
	"draft":                 {Desc: "true keeps the page out of the published site."},
	"tags":                  {Desc: "Two to four lowercase topic words; each tag gets its own listing page."},
	"slug":                  {Desc: "The last part of the address. Defaults to the file name."},
	"url":                   {Desc: "The page's whole site path, such as /conditions/asthma/, instead of the one made from its folder and slug."},
	"aliases":               {Desc: "Old addresses of this page; each redirects to the current address."},
	"weight":                {Desc: "Sort order within a section; lower numbers come first."},
	"layout":                {Desc: "The name of a template in layouts/ to render the page with, instead of the default for its kind."},
	"image":                 {Desc: "The site path of the picture used in link previews and feeds, such as /images/asthma-card.png."},
	"image_alt":             {Desc: "The text alternative of image: what the picture shows."},
	"authors":               {Desc: "One or more ids from data/authors.yaml."},
	"reviewed_by":           {Desc: "The ids (from data/authors.yaml) of the clinicians who did the last full medical review; not the author."},
	"translators":           {Desc: "Ids (from data/authors.yaml) of the people who translated the page."},
	"last_reviewed":         {Desc: "The date of the last full medical review (YYYY-MM-DD)."},
	"next_review":           {Desc: "When the next full review is due (YYYY-MM-DD). Defaults to last_reviewed plus the site review interval."},
	"audience":              {Desc: "patient or professional. Patient pages get plain-language checks and glossary definitions.", Enum: []string{"patient", "professional"}},
	"specialty":             {Desc: "The medical specialty, such as Cardiology. Used in structured data for search engines."},
	"about":                 {Desc: "The conditions the page is about, with ICD-10 and SNOMED CT codes where one applies."},
	"about.name":            {Desc: "The condition's name.", Required: true},
	"about.icd10":           {Desc: "The ICD-10 code, such as J45."},
	"about.snomed":          {Desc: "The SNOMED CT concept id, written in quotes, such as \"195967001\"."},
	"references":            {Desc: "The sources of the article; cite each in the text with [@id]."},
	"references.id":         {Desc: "A key you make up, in lowercase with hyphens, such as nice-ng136; cite it as [@nice-ng136].", Required: true},
	"references.title":      {Desc: "The source's title."},
	"references.doi":        {Desc: "The DOI, such as 10.1136/bmj.n71 (without https://doi.org/)."},
	"references.pmid":       {Desc: "The PubMed id, digits only."},
	"references.url":        {Desc: "The web address, when there is no DOI or PubMed id.", Format: "uri"},
	"references.publisher":  {Desc: "Who published the source, such as National Institute for Health and Care Excellence."},
	"references.year":       {Desc: "The year of publication; medkb warns when a source is older than source_max_age."},
	"funding":               {Desc: "A disclosure of who paid for the article, shown at the top of the page."},
	"sponsor":               {Desc: "A sponsor's name, shown at the top of the page."},
	"translation_of":        {Desc: "The content path of the original, only when a translation cannot sit beside it with the same file name."},
	"params":                {Desc: "Your own values for your own templates, as key: value lines; medkb does not read them."},
	"publish_date":          {Desc: "When the page became public (YYYY-MM-DD); feeds date it by this. Defaults to date."},
	"expires":               {Desc: "The date after which the page leaves listings, search and feeds (YYYY-MM-DD)."},
	"withdrawn":             {Desc: "Set when the page is withdrawn: its address stays, as a page saying why and where to go."},
	"withdrawn.date":        {Desc: "When the page was withdrawn (YYYY-MM-DD).", Required: true},
	"withdrawn.reason":      {Desc: "Why, in a sentence a patient understands.", Required: true},
	"withdrawn.replaced_by": {Desc: "The site path of the page that replaces it, such as /conditions/asthma/."},
	"emergency":             {Desc: "What to do in an emergency, in one or two plain sentences; shown first, in an Emergency box under the heading."},
	"change_note":           {Desc: "A clinically significant change made at the last review, in a sentence; feeds announce it."},
	"check":                 CheckAnn("this page"),
	"search":                {Desc: "false keeps the page out of the site search."},
	"feed":                  {Desc: "false keeps the page out of the feeds."},
	"sitemap":               {Desc: "false keeps the page out of the sitemap."},
}

// frontMatterForeign names other tools' front matter keys.
var frontMatterForeign = map[string]Foreign{
	"publishDate":      {Tool: "Hugo", Use: "publish_date"},
	"expiryDate":       {Tool: "Hugo", Use: "expires"},
	"author":           {Tool: "Hugo and Jekyll", Use: "authors", Note: "write authors: [id], with ids from data/authors.yaml"},
	"published":        {Tool: "Jekyll", Use: "draft", Note: "write draft: true instead of published: false (or remove it when the page is published)"},
	"permalink":        {Tool: "Jekyll", Use: "url", Note: "write url: /section/name/ (or slug: name for the last part only)"},
	"lang":             {Tool: "Jekyll", Note: "medkb takes the language from the file name: asthma.es.md is the Spanish asthma.md; remove the key"},
	"language":         {Tool: "Hugo", Note: "medkb takes the language from the file name: asthma.es.md is the Spanish asthma.md; remove the key"},
	"categories":       {Tool: "Hugo and Jekyll", Use: "tags", Note: "merge them into tags: [word, word]"},
	"keywords":         {Tool: "Hugo", Use: "tags", Note: "merge them into tags: [word, word]"},
	"excerpt":          {Tool: "Jekyll", Use: "summary"},
	"last_modified_at": {Tool: "Jekyll", Use: "lastmod"},
	"modified":         {Tool: "Jekyll", Use: "lastmod"},
	"linkTitle":        {Tool: "Hugo", Note: "medkb uses the title everywhere; remove the key"},
	"reviewer":         {Tool: "other tools", Use: "reviewed_by", Note: "write reviewed_by: [id], with ids from data/authors.yaml"},
	"reviewers":        {Tool: "other tools", Use: "reviewed_by", Note: "write reviewed_by: [id], with ids from data/authors.yaml"},
	"images":           {Tool: "Hugo", Use: "image", Note: "write image: /images/name.png and image_alt: what it shows"},
	"featured_image":   {Tool: "Hugo themes", Use: "image", Note: "write image: /images/name.png and image_alt: what it shows"},
	"toc":              {Tool: "Hugo themes", Note: "medkb always builds \"On this page\" from the ## headings; remove the key"},
	"type":             {Tool: "Hugo", Use: "layout", Note: "use layout: NAME for a template of your own, or remove the key"},
}

func frontMatter(kind, title, desc string, required ...string) *Doc {
	anns := make(map[string]Ann, len(metaAnns))
	for k, a := range metaAnns {
		anns[k] = a
	}
	for _, k := range required {
		a := anns[k]
		a.Required = true
		anns[k] = a
	}
	return &Doc{Name: kind, Title: title, Description: desc, What: "front matter",
		Root: Declare(reflect.TypeOf(page.Meta{}), anns, Options{ScalarLists: true}), Foreign: frontMatterForeign}
}

// authorAnns describes data/authors.yaml entries.
var authorAnns = map[string]Ann{
	"name":        {Desc: "The person's or organisation's name as shown on pages.", Required: true},
	"type":        {Desc: "person (the default) or organization, for content written by an organisation.", Enum: []string{"person", "organization"}},
	"credentials": {Desc: "Qualifications, such as MBBS, FRCP."},
	"role":        {Desc: "Job title, such as Consultant in Respiratory Medicine."},
	"specialty":   {Desc: "The clinician's medical specialty, such as Pulmonology; medkb warns when a reviewer's specialty differs from an article's."},
	"bio":         {Desc: "A few sentences about the person, shown on their pages."},
	"url":         {Desc: "A web page about the person (https://…), or empty.", Pattern: `^(https?://\S+)?$`},
	"fediverse":   {Desc: "A fediverse handle, such as @name@social.example.org."},
	"conflicts":   {Desc: "Declared conflicts of interest, or None declared."},
}

var glossaryAnns = map[string]Ann{
	"term":       {Desc: "The word or phrase as patients read it.", Required: true},
	"definition": {Desc: "One short sentence a 12-year-old can read.", Required: true},
	"synonyms":   {Desc: "Other words for the same thing; the first use of any of them links to the definition."},
}

// synonymGroups is the mapping form of data/synonyms.yaml.
type synonymGroups struct {
	Groups [][]string `yaml:"groups"`
	Remove [][]string `yaml:"remove"`
}

var synonymAnns = map[string]Ann{
	"groups": {Desc: "Groups of phrases that find the same pages, added to medkb's built-in table."},
	"remove": {Desc: "Built-in groups to drop, each written as in the built-in table."},
}

// documents is derived once; Docs are never modified after.
var documents = buildDocuments()

// Documents returns the schemas medkb declares for content and data files,
// in a fixed order (medkb.yaml's is config.Schema). The caller must not
// modify them.
func Documents() []*Doc { return documents }

func buildDocuments() []*Doc {
	list := &Node{Type: List, Items: &Node{Type: List, Items: &Node{Type: String}},
		Description: "Groups of phrases that find the same pages."}
	groups := Declare(reflect.TypeOf(synonymGroups{}), synonymAnns, Options{})
	return []*Doc{
		frontMatter(Article, "medkb article front matter",
			"The YAML between the --- lines at the top of a content/SECTION/NAME.md article.", "title"),
		frontMatter(Section, "medkb section front matter",
			"The YAML at the top of a section's content/SECTION/_index.md.", "title"),
		frontMatter(Home, "medkb home page front matter",
			"The YAML at the top of content/_index.md.", "title"),
		frontMatter(Trust, "medkb trust page front matter",
			"The YAML at the top of a trust page (about, editorial policy, advertising policy, privacy, contact) named in medkb.yaml's trust_pages.", "title"),
		{Name: "authors", Title: "medkb data/authors.yaml", What: "data/authors.yaml",
			Description: "Authors, reviewers and translators by id; front matter refers to them by id.",
			Root:        &Node{Type: Map, Items: Declare(reflect.TypeOf(page.Author{}), authorAnns, Options{})}},
		{Name: "glossary", Title: "medkb data/glossary.yaml", What: "data/glossary.yaml",
			Description: "The plain-language glossary: the first use of each term on a patient page links to its definition.",
			Root:        &Node{Type: List, Items: Declare(reflect.TypeOf(page.GlossaryTerm{}), glossaryAnns, Options{})}},
		{Name: "synonyms", Title: "medkb data/synonyms.yaml", What: "data/synonyms.yaml",
			Description: "Site search synonyms: a list of groups, or groups: and remove: lists.",
			Root:        &Node{OneOf: []*Node{list, groups}}},
	}
}

// FrontMatterKind returns the front matter kind of a content file by its
// path: content/_index.md (and its translations) is the home page, another
// _index.md a section, any other file an article. Trust pages are named in
// medkb.yaml, not by path, so a trust page is validated as an article (the
// two schemas require the same keys).
func FrontMatterKind(file string) string {
	base := path.Base(file)
	if strings.HasPrefix(base, "_index.") {
		if path.Dir(file) == "content" {
			return Home
		}
		return Section
	}
	return Article
}

// DataDoc returns the schema of data/NAME.yaml, or nil for a data file
// medkb does not read itself (templates may read any data file).
func DataDoc(name string) *Doc {
	switch name {
	case "authors", "glossary", "synonyms":
		return Find(name)
	}
	return nil
}

// Find returns the declared document named name, or nil.
func Find(name string) *Doc {
	for _, d := range documents {
		if d.Name == name {
			return d
		}
	}
	return nil
}
