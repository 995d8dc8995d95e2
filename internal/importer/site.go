package importer

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/config"
)

// site is the other tool's site as the importer understands it.
type site struct {
	alertFiles  map[string]bool // the _includes alerts (note, tip…) checked, by name: alertInclude
	dataFiles   map[string]any  // Jekyll's _data files read by jekyllData, by path under _data
	opts        Options
	title       string
	description string
	// configFile is the configuration file that gave the site's
	// description (or its title), which the home page the import
	// writes when the source has none is made of.
	configFile  string
	baseURL     string // the new site's address
	oldURL      string // where the old site is served, for links to pages not imported
	defaultLang string
	langs       []string // other languages, in order of appearance
	// langMeta holds each language's name, direction and title, as
	// medkb.yaml's languages: name them, where the source gives them.
	langMeta map[string]map[string]string
	docs     []*doc
	files    []copied
	glossary []glossaryEntry
	authors  map[string]string // id → name
	// authorInfo are the other values of data/authors.yaml (bio, url,
	// role, credentials) by id, from the old site's author data.
	authorInfo  map[string]map[string]string
	authorAt    map[string]fileLine  // id → where a page first named the author
	sectionMeta map[sectionLang]*doc // a section's _index page in a language, when the source has one
	langHomes   map[string]*doc      // the home page of each other language (_index.es.md)
	home        *doc
	listings    []*doc          // Jekyll pages that list the posts (not imported)
	listedAt    map[*doc]string // the address of the list that replaces a listing (medkb's /posts/)
	rawHTML     int             // pages with raw HTML
	external    []string        // path prefixes of links to pages not imported
	imported    map[string]bool // the first path segments of the imported pages (firstSegment)
	hugoLangs   map[string]bool // Hugo's configured languages (none: any language code names one)
	lowerPaths  bool            // Hugo lowers page addresses (no disablePathToLower)
	lists       map[string]bool // the addresses of the list pages medkb makes (home, sections)
	noted       map[string]bool // the links to missing pages noted, by file and address
	// nestedLists maps the address of a nested section's list page that
	// was not imported (it had no text of its own) to its top section's
	// page.
	nestedLists map[string]string
	// droppedLists are the nested sections' list pages not imported,
	// each at its old address (url), which refs to it resolve to.
	droppedLists []*doc
	// deadRefs are the addresses given to refs that name no page: the
	// ref's note names them, and they are not sent to the old site.
	deadRefs map[string]bool
	// mdFiles and newFiles: the new file of each old Markdown file, and
	// of each page (mdFileIndex), for links to Markdown files.
	mdFiles   mdFiles
	newFiles  map[*doc]string
	public    []string          // contact details found in content, for identifiers.allow
	menu      []menuEntry       // the main menu's entries, from a Hugo configuration and pages
	menuItems []config.MenuItem // medkb's menu, once the entries' pages are known
	mainMenu  string            // the name of the Hugo menu that is the main navigation
	menuFile  string            // the configuration file of the main menu, for the notes
	// otherMenus lists, by menu name, the pages whose front matter put
	// them in a menu that is not imported.
	otherMenus map[string][]string
	langSubdir bool // the default language's pages are under /LANG/ too
	// hugoBuilt is the Hugo version the old site says built it.
	hugoBuilt hugoBuilt
	// uiStrings are the UI strings the import writes to i18n/LANG.yaml,
	// by language: the old not-found page's (notFoundPage).
	uiStrings map[string]map[string]string
	// notFound are the old site's not-found pages, not imported
	// (notFoundPage), each at the address of medkb's (its url):
	// links to them go there.
	notFound []*doc
	// sectionsInMenu: Hugo's sectionPagesMenu puts the top sections in
	// the main menu.
	sectionsInMenu bool
	// gitDates are the dates of each file (by doc.src) in the git
	// history of a Hugo site with enableGitInfo; gitLastmodFirst: they
	// come before a lastmod written in front matter; gitFile: the
	// configuration file that set enableGitInfo.
	gitDates        map[string]gitDates
	gitLastmodFirst bool
	gitFile         string
	// dateOrder is where a Hugo page's date comes from, first that has
	// one (hugoDateOrder); dateOrderFile: the configuration file that
	// set it, "" for Hugo's default.
	dateOrder     []string
	dateOrderFile string
	// dateKinds are a Hugo page's other dates, each with its order
	// (hugoDateKinds).
	dateKinds []hugoDateKind
	// encoding is a Jekyll site's encoding: (named encodingName), which
	// content files that are not UTF-8 are read in; nil: UTF-8, and such
	// files are read as Windows-1252 where they can be. encoded counts
	// the files read in it.
	encoding     encoding.Encoding
	encodingName string
	encoded      int
	// kramdown: the Jekyll site's Markdown engine is kramdown (it has a
	// _config.yml, with markdown: unset or kramdown), whose raw HTML
	// blocks kramdownHTML keeps;
	// parseBlockHTML is its parse_block_html option.
	kramdown, parseBlockHTML bool
	keysToParam              []string // front matter keys kept under params, in first-seen order
	// named are notes that name the file a page is written to
	// (content/SECTION/SLUG.md): written once resolve has given each
	// page its file, which may not be the one it had when the note was
	// due (news-2.md beside news.md).
	named    []func()
	keyFiles map[string][]string
	// jekyllDefaults are _config.yml's defaults: (applyJekyllDefaults).
	jekyllDefaults []*jekyllDefault
	// jekyllCols are the collections of _config.yml whose documents
	// Jekyll published (output: true) and the import reads as pages.
	jekyllCols []*jekyllCollection
	// jekyllColDir is _config.yml's collections_dir (no slashes around
	// it), "" for none: Jekyll then reads posts and drafts only from the
	// _posts and _drafts folders inside it (jekyllOutsidePosts).
	jekyllColDir string
	// dataSeen are the names of the data files read (authors/ada): a
	// theme's file of the same name is not read (readData).
	dataSeen map[string]bool
	report   Report
}

// doc is one content page.
type doc struct {
	src string // source file, relative to the source folder
	// ref is the file as the other tool's links name it ("content/a/b.md"
	// for Hugo, whose content folder may be elsewhere); "": src.
	ref      string
	bodyLine int // source line of the first body line
	// blockHTML is kramdown's parse_block_html as the page's {::options
	// /} set it (Jekyll); nil: the site's.
	blockHTML *bool
	section   string
	slug      string
	lang      string // "" for the default language
	url       string // old address, "/a/b/"
	bundle    string // leaf bundle folder (absolute), whose files go to static/<url>
	// lineMap is the source line of each line of body, when the body's
	// lines are no longer the source's one for one (a Jekyll capture's
	// text written where it was used: finishCaptures); nil: bodyLine on.
	lineMap []int
	// relBase is the folder the old site resolved the page's relative
	// links from, when that is not its medkb address: a Jekyll page served
	// at /inhaler or /about.html resolved assets/x.png to /assets/x.png,
	// where at /inhaler/ it would be /inhaler/assets/x.png. "": url.
	relBase string
	// oldHTML is the old address when it ended in .html (Jekyll's
	// /2022/01/28/setup.html, /about.html), which medkb publishes at
	// /…/setup/: kept answering as an alias. "": none.
	oldHTML string
	// outsideLang is the old address of a Jekyll page in language lang
	// that the old site served outside /lang/ (/question/es/x, a
	// Spanish post whose categories made its address): medkb publishes
	// a page in es under /es/, so it moves to /es/question/es/x/, and its
	// aliases are read under /es/ too, so none redirects the old one.
	// "": none.
	outsideLang string
	// unserved says why the old site served no page at the address it
	// made for this one ("it has published: false", "it is in _drafts/"): Jekyll
	// wrote no file for it, so no link or visitor knows that address
	// and no redirect from it is needed. "": served.
	unserved string
	// jekyllPost: a Jekyll post whose address Jekyll made from the
	// permalink style (no permalink: of its own).
	jekyllPost bool
	// jekyllCol is the label of the Jekyll collection the page is a
	// document of, "" for none: Jekyll dated such a document without a
	// date (in its front matter or file name) with the time of each
	// build (site.time).
	jekyllCol string
	fields    []field
	params    []field
	// entries are a Jekyll page's front matter as read, for
	// listPageFields once the page turns out to be a section's page
	// (jekyllSectionPages).
	entries []entry
	// aliasLine is the line of the aliases (redirect_from) key.
	aliasLine int
	authors   []string
	draft     bool
	dated     bool
	body      string
	hasRaw    bool
	// hugoPath is the page's path as Hugo's ref and relref find it: its
	// path in content without extension and language, lower case, spaces
	// as hyphens ("/conditions/asthma"; a bundle's or section's folder,
	// "/" for the home page). "": not a Hugo page.
	hugoPath string
	// hugoBranch: an _index page (relative refs start in its folder);
	// hugoLeaf: a leaf bundle's index.
	hugoBranch, hugoLeaf bool
	// hugoRefs are the ref and relref shortcodes of the body, each left
	// as a placeholder (refMark) until every page is known.
	hugoRefs []hugoRef
	html     bool // the body is HTML (a Jekyll .html page), not Markdown
	// listLine and listTag: where and how a Jekyll page loops over the
	// posts (a list medkb makes itself); listLine counts from bodyLine.
	listLine int
	listTag  string
	// listCategory: the Jekyll category whose posts the page lists
	// (site.categories.news), "*" for a loop over every category; for a
	// tagPage, the tag.
	listCategory string
	// tagPage: the page is a tag page of the Jekyll documentation theme
	// (tag_fhir.md: {% include taglogic.html %}), which listed the pages
	// and posts tagged listCategory, as medkb's topic page does.
	tagPage bool
	// imageKeys are a Jekyll page's picture keys other than image:
	// (thumbnail, feature_image, header.teaser, header.image), in the
	// order written, for jekyllImages.
	imageKeys []entry
	// bareImage is the image: (or images:) key whose picture is a path
	// without a leading / (chart.png), resolved where the old site's
	// templates found it (hugoImages, jekyllImages); nil: none.
	bareImage *entry
	// folderCategories are the folders above a Jekyll post's _posts
	// (news of news/_posts/), its categories besides front matter's.
	folderCategories []string
}

type field struct {
	key   string
	value any
}

type copied struct {
	from string // absolute
	to   string // slash-separated, relative to the new site
}

type glossaryEntry struct {
	Term       string `yaml:"term"`
	Definition string `yaml:"definition"`
}

func newSite(opts Options) *site {
	return &site{opts: opts, authors: map[string]string{}, authorAt: map[string]fileLine{}, keyFiles: map[string][]string{}, sectionMeta: map[sectionLang]*doc{}, langHomes: map[string]*doc{}, defaultLang: "en"}
}

// sectionLang names a section's page in one language ("": the default).
type sectionLang struct{ section, lang string }

// setHome records d as the home page of its language. A Hugo home page
// without a title of its own showed the site's (the language's title,
// else the site's: .Title of the home page is .Site.Title), which it is
// given, as medkb requires a title.
func (s *site) setHome(d *doc) {
	if _, ok := d.get("title"); !ok && s.opts.From == Hugo {
		t := firstNonEmpty(s.langMeta[d.lang]["title"], s.title)
		d.fields = append([]field{{"title", t}}, d.fields...)
		s.note(d.src, 0, Changed, "the home page has no title: given the site's, %q, the title Hugo gave it (.Site.Title)", t)
	}
	if d.lang == "" {
		s.home = d
	} else {
		s.langHomes[d.lang] = d
	}
}

func (s *site) note(file string, line int, severity, format string, args ...any) {
	s.report.Notes = append(s.report.Notes, Note{File: file, Line: line, Severity: severity, Message: fmt.Sprintf(format, args...)})
}

// noteNamed writes note once each page has its file (named).
func (s *site) noteNamed(note func()) {
	s.named = append(s.named, note)
}

// srcLine is the source line of line i (from 0) of d's body.
func (d *doc) srcLine(i int) int {
	if d.lineMap != nil && i >= 0 && i < len(d.lineMap) {
		return d.lineMap[i]
	}
	return d.bodyLine + i
}

// file returns the file d is written to, as resolve named it.
func (d *doc) file() string {
	name := d.slug + ".md"
	if d.lang != "" {
		name = d.slug + "." + d.lang + ".md"
	}
	return path.Join("content", d.section, name)
}

func (s *site) addLang(l string) {
	if l == "" || l == s.defaultLang {
		return
	}
	for _, x := range s.langs {
		if x == l {
			return
		}
	}
	s.langs = append(s.langs, l)
}

// set replaces or appends a front matter field.
func (d *doc) set(key string, value any) {
	for i := range d.fields {
		if d.fields[i].key == key {
			d.fields[i].value = value
			return
		}
	}
	d.fields = append(d.fields, field{key, value})
}

// unset removes a front matter field.
func (d *doc) unset(key string) {
	d.fields = slices.DeleteFunc(d.fields, func(f field) bool { return f.key == key })
}

func (d *doc) get(key string) (any, bool) {
	for _, f := range d.fields {
		if f.key == key {
			return f.value, true
		}
	}
	return nil, false
}

// movedIntoLang says where page d, of language d.lang, went from its old
// address outside /LANG/, and points links to that address at it unless
// another page still has it (Jekyll wrote an English and a Spanish post
// without an es category to one address, and served the one written
// last); when it points them at d, d is added to moved, whose redirects
// noteMovedIntoLang asks for.
func (s *site) movedIntoLang(d *doc, byURL map[string]*doc, moved *[]*doc) {
	old := normURL(d.outsideLang)
	for _, o := range s.docs {
		if o != d && o.url == d.url {
			// Two pages Jekyll served apart (a Spanish page at /es/x and
			// one in es at /x) meet at /es/x/.
			s.note(d.src, 0, Human, "the old address %s is not under /%s/, where medkb puts a page in %s (lang: %s), and its place there, %s, is %s's: give one of them another url: (medkb check reports both)", d.outsideLang, d.lang, d.lang, d.lang, d.url, o.src)
			if byURL[old] == nil {
				byURL[old] = d
			}
			return
		}
	}
	if d.unserved != "" {
		// Jekyll wrote no file for it: nothing links to or visits that
		// address, so it needs no redirect, and links to it (broken on
		// the old site) are left to the link notes.
		s.note(d.src, 0, Changed, "the address %s, which Jekyll made for this page (lang: %s), is not under /%s/, where medkb puts a page in %s: the page is now at %s; Jekyll never published the page (%s), so the old site served nothing at %s and no redirect from it is needed", d.outsideLang, d.lang, d.lang, d.lang, d.url, d.unserved, d.outsideLang)
		return
	}
	if o := byURL[old]; o != nil && o.unserved == "" {
		s.note(d.src, 0, Changed, "the old address %s, which Jekyll gave this page (lang: %s) and %s alike, serving the one it wrote last, stays %s's; this page is now at %s, as medkb puts a page in %s under /%s/", d.outsideLang, d.lang, o.src, o.src, d.url, d.lang, d.lang)
		return
	}
	byURL[old] = d
	*moved = append(*moved, d)
}

// noteMovedIntoLang asks for the web server's redirects from the old
// addresses of the pages in moved (movedIntoLang) to their new ones: medkb
// reads a page's aliases under its language's folder, so it cannot make
// them. One page gets a note of its own; several of a language get one
// note listing every redirect (HealthCare.gov's 43 Spanish pages made 43
// notes of four lines each, the rest of the import's notes lost among
// them), and each page a change note naming the list, for --verbose.
func (s *site) noteMovedIntoLang(moved []*doc) {
	byLang := map[string][]*doc{}
	var langs []string
	for _, d := range moved {
		if byLang[d.lang] == nil {
			langs = append(langs, d.lang)
		}
		byLang[d.lang] = append(byLang[d.lang], d)
	}
	for _, l := range langs {
		docs := byLang[l]
		if len(docs) == 1 {
			d := docs[0]
			s.note(d.src, 0, Human, "the old address %s is not under /%s/, where medkb puts a page in %s (lang: %s): the page is now at %s and links to the old address are rewritten there, but medkb reads this page's aliases under /%s/, so none can redirect the old address: add a permanent redirect from %s to %s on the web server (nginx: location = %s { return 301 %s; })", d.outsideLang, d.lang, d.lang, d.lang, d.url, d.lang, d.outsideLang, d.url, d.outsideLang, d.url)
			continue
		}
		at := s.configFile
		if at == "" {
			at = docs[0].src
		}
		pairs := make([]string, len(docs))
		for i, d := range docs {
			pairs[i] = d.outsideLang + " → " + d.url
			s.note(d.src, 0, Changed, "the old address %s is not under /%s/, where medkb puts a page in %s (lang: %s): the page is now at %s and links to the old address are rewritten there; medkb reads this page's aliases under /%s/, so the web server must redirect the old address: the redirect is in the list noted at %s", d.outsideLang, l, l, l, d.url, l, at)
		}
		s.note(at, 0, Human, "%d pages in %s (lang: %s) were served outside /%s/ and are now under it, where medkb puts a page in %s; links to their old addresses are rewritten, but medkb reads a page's aliases under /%s/, so none can redirect an old address: add these permanent redirects on the web server (old → new; --verbose names each page): %s (nginx: location = OLD { return 301 NEW; } for each)", len(docs), l, l, l, l, l, strings.Join(pairs, ", "))
	}
}

// generatedStatic reports whether the old site's file src (abs on disk),
// to be published at /to, is one medkb writes itself (robots.txt,
// sitemap.xml), which a file in static/ cannot replace: medkb check
// reports such a file as an error and the build stops. It is left out,
// with a note naming what the old robots.txt asked of crawlers that
// medkb's does not.
func (s *site) generatedStatic(src, abs, to string) bool {
	switch to {
	case "robots.txt":
		data, err := os.ReadFile(abs)
		if err != nil {
			return false // copied, and medkb check reports it
		}
		text := string(data)
		if s.opts.From == Jekyll && jekyllHasFrontMatter(data) {
			if _, body, _, _, err := splitFile(src, data, Jekyll); err == nil {
				text = body
			}
		}
		var rules []string
		agent := "*"
		for _, l := range strings.Split(text, "\n") {
			l, _, _ = strings.Cut(l, "#")
			k, v, _ := strings.Cut(l, ":")
			k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
			switch {
			case k == "" || k == "sitemap" || (k == "disallow" && v == "") || (k == "allow" && v == "/"):
				// What medkb's robots.txt says too.
			case k == "user-agent":
				agent = v
			default:
				rules = append(rules, fmt.Sprintf("%s: %s (User-agent: %s)", strings.TrimSpace(strings.SplitN(l, ":", 2)[0]), v, agent))
			}
		}
		if len(rules) == 0 {
			s.note(src, 0, Changed, "not imported: medkb writes robots.txt itself, letting crawlers read every page and naming the sitemap, as the old one did")
			return true
		}
		s.note(src, 0, Human, "not imported: medkb writes robots.txt itself, letting crawlers read every page and naming the sitemap, and medkb.yaml has no setting to change it (a robots.txt in static/ would stop the build); the old one's rules are gone: %s; if crawlers must still keep to them, have the web server answer /robots.txt with the old file", strings.Join(rules, "; "))
		return true
	case "sitemap.xml":
		s.note(src, 0, Changed, "not imported: medkb writes sitemap.xml itself, listing every published page (a sitemap.xml in static/ would stop the build)")
		return true
	}
	return false
}

// resolve fixes what needs the whole site: unique file names, internal
// links, bundle files, authors and the notes that sum up.
func (s *site) resolve() {
	byURL := map[string]*doc{}
	for _, d := range s.docs {
		byURL[d.url] = d
		if d.bundle != "" {
			s.copyBundle(d) // before any link is rewritten: pages may link to each other's files
		}
	}
	var moved []*doc // pages whose old addresses need the web server's redirect
	for _, d := range s.docs {
		if d.outsideLang != "" {
			s.movedIntoLang(d, byURL, &moved)
		}
	}
	s.noteMovedIntoLang(moved)
	copiedPaths := map[string]bool{}
	for _, f := range s.files {
		copiedPaths["/"+strings.TrimPrefix(f.to, "static/")] = true
	}
	// Two pages of a section with one slug and language would be one file.
	seen := map[string]*doc{}
	for _, d := range s.docs {
		key := d.section + "/" + d.slug + "." + d.lang
		for n := 2; seen[key] != nil; n++ {
			d.slug = fmt.Sprintf("%s-%d", strings.TrimSuffix(d.slug, fmt.Sprintf("-%d", n-1)), n)
			key = d.section + "/" + d.slug + "." + d.lang
			if _, ok := d.get("url"); !ok {
				// Without url: (a Jekyll draft beside its section), at
				// the address its new file gives it.
				d.url = "/" + d.section + "/" + d.slug + "/"
			}
		}
		seen[key] = d
	}
	if s.opts.From == Hugo {
		s.hugoImages(copiedPaths)
	}
	for _, note := range s.named {
		note()
	}
	// Every language is known now: aliases at medkb's own pages in any
	// of them are left out.
	for _, d := range slices.Concat(s.listPages(), s.docs) {
		s.fragmentAliases(d)
		s.hugoAliases(d)
		s.generatedAliases(d)
	}
	// A Hugo site comes in whole (its content folders): a link to a
	// missing page under the first path segment of imported pages is a
	// broken link, not a page the old site still serves. A Jekyll tree
	// may be part of a site (a partial migration), but the addresses
	// Jekyll made for its posts (/:categories/:year/…) are its own: a
	// missing page there is a broken link too. Before, a post's category
	// (/corps/) went to links.external_paths on the first broken link
	// under it, and the link check then missed every broken link to the
	// site's own posts.
	s.imported = map[string]bool{}
	for u, d := range byURL {
		if s.opts.From == Hugo || d.jekyllPost {
			s.imported[firstSegment(u)] = true
		}
	}
	// The list pages medkb makes: each section's, in each language, and
	// each language's home page.
	s.lists = map[string]bool{"/": true}
	for _, d := range s.docs {
		prefix := ""
		if d.lang != "" {
			prefix = "/" + d.lang
			s.lists[prefix+"/"] = true
		}
		s.lists[prefix+"/"+d.section+"/"] = true
	}
	for l := range s.langHomes {
		s.lists["/"+l+"/"] = true
	}
	for k, d := range s.sectionMeta {
		if k.lang != "" {
			s.lists["/"+k.lang+"/"+k.section+"/"] = true
		} else {
			s.lists["/"+k.section+"/"] = true
		}
		if u, ok := d.get("url"); ok {
			// A section Hugo served at its url: keeps that address.
			s.lists[normURL(str(u))] = true
			if k.lang != "" {
				d.set("url", "/"+strings.TrimPrefix(str(u), "/"+k.lang+"/"))
			}
		}
	}
	if s.home == nil {
		s.home = s.generatedHome()
	}
	// Every page's address is known now: an alias two pages claim, or
	// at another page's address, is left out (medkb check stops on it).
	s.sharedAliases()
	s.noted = map[string]bool{}
	s.mdFiles, s.newFiles = s.mdFileIndex()
	// The home and section pages' own text has links too.
	for _, d := range s.listPages() {
		if d.url == "" {
			d.url = "/"
		}
		d.body = s.rewriteLinks(d, byURL, copiedPaths)
		if d.hasRaw {
			s.rawHTML++ // a Jekyll index.html's HTML, kept as on the articles
		}
		s.publicDetails(d) // a helpline on the home page, as on the articles
	}
	for _, d := range s.docs {
		d.body = s.rewriteLinks(d, byURL, copiedPaths)
		if d.hasRaw {
			s.rawHTML++
		}
		s.publicDetails(d)
		if len(d.authors) == 0 {
			d.authors = []string{s.orgID()}
		}
		if d.lang != "" {
			// medkb puts a translation under /LANG/ itself.
			if u, ok := d.get("url"); ok {
				d.set("url", "/"+strings.TrimPrefix(u.(string), "/"+d.lang+"/"))
			}
		}
		d.set("authors", d.authors)
		s.applyGitDates(d)
		if !d.dated {
			if s.opts.UndatedDate != "" {
				d.set("date", s.opts.UndatedDate)
				s.note(d.src, 0, Changed, "no publication date: given %s (--undated-date); correct it if you know the real date%s", s.opts.UndatedDate, s.otherDate(d))
			} else {
				if !d.draft {
					s.report.Undated++
				}
				d.draft = true
				if d.jekyllCol != "" && d.unserved == "" {
					// Jekyll published it, dated by the build: medkb
					// does not invent that date, so the page leaves
					// the published site until it has one.
					s.note(d.src, 0, Human, "no date: Jekyll published this document of the collection %s with the time of each build as its date (site.time), which is no date medkb can keep: imported as a draft, so it is not published; add date: YYYY-MM-DD (the day readers should see) to its front matter and remove draft: true (if its front matter holds the date under another key, import again with --map KEY=date; --undated-date YYYY-MM-DD dates every such page)%s", d.jekyllCol, s.otherDate(d))
				} else {
					s.note(d.src, 0, Human, "no publication date (or a placeholder such as 0001-01-01): imported as a draft; add date: YYYY-MM-DD and remove draft: true to publish it%s", s.otherDate(d))
				}
			}
		}
		if d.draft {
			d.set("draft", true)
			s.report.Drafts++
		}
	}
	s.unusedAuthors()
	// medkb check scans a page's front matter too: a helpline in a
	// summary, or in the site's description the written home page is
	// made of.
	for _, d := range slices.Concat(s.listPages(), s.docs) {
		s.publicFrontMatter(d)
	}
	for _, k := range s.keysToParam {
		files := s.keyFiles[k]
		s.note(files[0], 0, Changed, "front matter key %q (%d pages) has no medkb meaning: kept under params: where templates can read it", k, len(files))
	}
	s.resolveMenu(byURL)
	if s.rawHTML > 0 {
		s.note("", 0, Changed, "%d pages contain raw HTML: markup.unsafe is on in medkb.yaml, so medkb keeps it, sanitized, and warns about anything it removes", s.rawHTML)
	}
}

// fileLine is a place in a source file.
type fileLine struct {
	file string
	line int
}

// unusedAuthors leaves out of data/authors.yaml the authors no imported
// article credits: those named only on pages that are not articles (the
// not-found page, a section's or the home page, a page that lists the
// posts), where medkb credits no one. Each is noted where it was named.
// Before, they were listed as authors of the site with no page.
func (s *site) unusedAuthors() {
	used := map[string]bool{}
	for _, d := range s.docs {
		for _, id := range d.authors {
			used[id] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(s.authors)) {
		at, named := s.authorAt[id]
		if used[id] || !named {
			continue
		}
		msg := fmt.Sprintf("author %q left out of data/authors.yaml: no imported article credits them, and this page is not an article (medkb credits authors on articles only); to keep them, add them there by hand and to an article's authors:", s.authors[id])
		delete(s.authors, id)
		// A section's or the home page's author: key has its own note
		// there (listPageFields); one note says both.
		if i := slices.IndexFunc(s.report.Notes, func(n Note) bool {
			return n.File == at.file && n.Line == at.line && strings.Contains(n.Message, "medkb credits authors on articles;")
		}); i >= 0 {
			s.report.Notes[i].Message += "; and " + msg
			continue
		}
		s.note(at.file, at.line, Changed, "%s", msg)
	}
}

// orgID registers the site's publisher as the author of pages that name
// none, and returns its id.
func (s *site) orgID() string {
	const id = "publisher"
	if _, ok := s.authors[id]; !ok {
		s.authors[id] = s.title
		s.note("", 0, Changed, "pages without an author are credited to the site's publisher %q (type: organization in data/authors.yaml); name the real authors where you know them", s.title)
	}
	return id
}

// noteConfig says what medkb.yaml could not take from the old site's
// configuration (file) as it was, so that neither passes unremarked: a
// site without a title is named after the folder it was imported from
// (titleFromFolder), a name that also becomes the publisher credited
// with every page without an author; and an address with a path (a
// GitHub project page, https://org.github.io/guide/) is written as
// base_url, under which medkb serves the site as the old one was
// (package basepath).
func (s *site) noteConfig(file string, titleFromFolder bool) {
	if titleFromFolder {
		s.note(file, 0, Human, "the old site has no title: medkb.yaml names it %q after the folder it was imported from, and that name is also the publisher credited with pages without an author; set title: and publisher: name: in medkb.yaml and name: in data/authors.yaml to the site's real name", s.title)
	}
	u, err := url.Parse(s.baseURL)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return
	}
	s.note(file, 0, Changed, "the old site was served under a path, %s: base_url in medkb.yaml keeps that address, and medkb builds the site to be served under %s as the old one was, its pages' addresses and the redirects of the old addresses (aliases:) alike; a site moved to the root of a host (base_url: https://health.example.org/) also needs %s redirected there at the old host", s.baseURL, u.Path, u.Path)
}

var (
	// refDefRe is a link reference definition: [label]: address "title"
	// (not a footnote, [^1]: text).
	refDefRe   = lazyRE(`^(\s{0,3}\[[^\]^][^\]]*\]:[ \t]*)(<?)([^\s>]+)(>?)(\s.*)?$`)
	mdLinkRe   = lazyRE(`(\]\()(<?)([^)\s>]+)(>?)((?:\s+"[^"]*")?\))`)
	htmlLinkRe = lazyRE(`((?:href|src)=")([^"]+)(")`)
)

// oldPath returns the path the old site was served under, without its
// trailing slash ("/Digital-Child-Health-STU3"), or "" for a site at the
// root of its host.
func (s *site) oldPath() string {
	p := s.oldURL
	if u, err := url.Parse(s.oldURL); err == nil && u.Host != "" {
		p = u.Path
	}
	if p = strings.Trim(p, "/"); p == "" {
		return ""
	}
	return "/" + p
}

// served returns the site-rooted address p ("/tags/") as the old site's
// host serves it, with the path the site is served under
// ("/Digital-Child-Health-STU3/tags/"): what a web server's redirect
// names.
func (s *site) served(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		return p
	}
	return s.oldPath() + p
}

// underOldPath returns the site-rooted address (with its fragment) that
// dest names when dest is an address of the old site written with the
// path it was served under: whole (https://org.github.io/guide/x.html)
// or from the host's root (/guide/x.html, as a writer typed it where
// Jekyll's {{ site.baseurl }} went). medkb serves the site under the
// same path (base_url) and adds it to site-rooted addresses itself.
func (s *site) underOldPath(dest string) (string, bool) {
	base := s.oldPath()
	if base == "" {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil || u.Opaque != "" || u.User != nil {
		return "", false
	}
	if u.Scheme != "" || u.Host != "" {
		old, err := url.Parse(s.oldURL)
		if err != nil || old.Host == "" || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, old.Host) {
			return "", false
		}
	} else if !strings.HasPrefix(dest, "/") {
		return "", false
	}
	rest, ok := strings.CutPrefix(u.EscapedPath(), base)
	if !ok || (rest != "" && rest[0] != '/') {
		return "", false
	}
	if rest == "" {
		rest = "/"
	}
	if u.RawQuery != "" {
		rest += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		rest += "#" + u.EscapedFragment()
	}
	return rest, true
}

// ownHostPath returns the path (with its fragment) of dest when dest is
// an absolute http(s) address of the old site's host, served at the
// host's root (no base path), as the link check reads it.
func (s *site) ownHostPath(dest string) (string, bool) {
	old, err := url.Parse(s.oldURL)
	if err != nil || old.Host == "" || strings.Trim(old.Path, "/") != "" {
		return "", false
	}
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, old.Host) {
		return "", false
	}
	p := "/" + strings.TrimPrefix(u.EscapedPath(), "/")
	if u.Fragment != "" {
		p += "#" + u.Fragment
	}
	return p, true
}

// rewriteLinks points internal links at the imported pages' addresses,
// bundle-relative files at their new place, and links to pages that were
// not imported at the old site.
func (s *site) rewriteLinks(d *doc, byURL map[string]*doc, copiedPaths map[string]bool) string {
	line := 0 // the body line being rewritten, for the notes
	fix := func(dest string) string {
		if p, ok := s.underOldPath(dest); ok && byURL[normURL(dest)] == nil {
			// The old site's path written in (its host's too, or not):
			// medkb adds the path to a site-rooted address itself.
			if key := d.src + "\x00" + dest; !s.noted[key] {
				s.noted[key] = true
				s.note(d.src, d.srcLine(line), Changed, "link to %s, an address of the old site with the path it was served under, written %s: medkb serves the site under %s/ and adds the path itself", dest, p, s.oldPath())
			}
			dest = p
		}
		if u, ok := s.ownHostPath(dest); ok {
			// A link to the old site's own address written whole
			// (https://clinic.example.org/glitr/), which medkb check
			// reads as a link inside the site: kept as written, but a
			// path no imported page has goes to links.external_paths
			// like a /glitr/ link, else check reports a page another
			// system serves (a GitHub project site beside the user's)
			// as broken.
			p, frag := cutFragment(u)
			if to, ok := s.listingLink(d, line, dest, p, frag); ok {
				return to
			}
			if p == "/" || byURL[normURL(p)] != nil || s.lists[normURL(p)] || copiedPaths[p] || s.deadRefs[p] {
				return dest
			}
			if u, err := url.PathUnescape(p); err == nil && byURL[normURL(u)] != nil {
				return dest
			}
			if top, ok := s.nestedLists[normURL(p)]; ok {
				// The list page of a nested section, written whole
				// (https://digital.gov/topics/plain-language/): it
				// goes to its section, as a site-rooted link to it does.
				if key := d.src + "\x00" + dest; !s.noted[key] {
					s.noted[key] = true
					s.note(d.src, d.srcLine(line), Changed, "link to %s, the list page of a nested section, now goes to %s, the section that lists its pages", dest, top)
				}
				return top + frag
			}
			if seg := firstSegment(p); seg == "/tags/" || seg == "/categories/" || s.imported[seg] || s.langSubdir {
				return dest // check reports it when it is broken
			}
			if prefix := firstSegment(p); !slices.Contains(s.external, prefix) {
				s.external = append(s.external, prefix)
				s.note(d.src, d.srcLine(line), Human, "link to %s: no imported page has this address; %s is listed under links.external_paths in medkb.yaml (served by another system) — remove it there once those pages move in", dest, prefix)
			}
			return dest
		}
		if check.EmailLike(dest) {
			// [Help Desk](help@clinic.example.org): a page of the site
			// to a browser, on the old site too (a broken link there),
			// where the writer meant an e-mail address.
			if key := d.src + "\x00" + dest; !s.noted[key] {
				s.noted[key] = true
				s.note(d.src, d.srcLine(line), Changed, "link to %s, an e-mail address without mailto: (the old site and medkb both read it as a page of the site, which does not exist): written mailto:%s", dest, dest)
			}
			return "mailto:" + dest
		}
		if dest == "" || strings.HasPrefix(dest, "#") || strings.Contains(dest, ":") || strings.HasPrefix(dest, "//") {
			return dest
		}
		p, frag := cutFragment(dest)
		rebased := false // a relative link resolved from relBase
		if check.HostLike(dest) {
			// A web address without its https:// (github.com/name): a
			// path of the site to a browser, on the old site too. Kept
			// as written, so medkb check reports it with the fix, and
			// not taken for a page served by another system.
			if key := d.src + "\x00" + dest; !s.noted[key] {
				s.noted[key] = true
				s.note(d.src, d.srcLine(line), Human, "link %s looks like a web address without its https://, which the old site and medkb both read as a page of the site: write https://%s", dest, dest)
			}
			return dest
		}
		if to, ok := s.mdFileLink(d, line, dest); ok {
			return to
		}
		if !strings.HasPrefix(p, "/") {
			if d.bundle != "" && !isMarkdown(p) {
				if _, err := os.Stat(filepath.Join(d.bundle, filepath.FromSlash(p))); err == nil {
					return path.Join(d.url, p) + frag
				}
			}
			base := d.url
			if d.relBase != "" && d.relBase != d.url {
				base, rebased = d.relBase, true
			}
			p = path.Join(base, p)
			if rebased {
				// Kept as a link from the root: from the page's medkb
				// address the relative one would lead elsewhere.
				dest = p + frag
			}
		}
		langDir := "" // the /en of a link to /en/… when Hugo served the default language there
		if s.langSubdir {
			// Hugo served the default language under /en/ too; its
			// pages are known here by their addresses without it.
			if rest, ok := strings.CutPrefix(p, "/"+s.defaultLang+"/"); ok {
				p, langDir = "/"+rest, "/"+s.defaultLang
			} else if p == "/"+s.defaultLang {
				p, langDir = "/", "/"+s.defaultLang
			}
		}
		// Tag and category pages: medkb makes a page for each tag, and
		// Hugo's categories are tags here; the link check knows which.
		if seg := firstSegment(p); seg == "/tags/" || seg == "/categories/" {
			tag := strings.TrimPrefix(strings.TrimPrefix(p, seg), "/")
			if s.lowerPaths {
				tag = strings.ToLower(tag) // Hugo's term pages are lower case
			}
			return langDir + "/tags/" + tag + frag
		}
		if nf := s.notFoundAt(p); nf != "" && byURL[normURL(p)] == nil {
			// medkb's not-found page, at LANG/404.html: the old site's
			// (a Hugo content/404.md at /404/) is not imported.
			if p != nf {
				if key := d.src + "\x00" + p; !s.noted[key] {
					s.noted[key] = true
					s.note(d.src, d.srcLine(line), Changed, "link to %s, the old site's not-found page, now goes to medkb's, %s", langDir+p, langDir+nf)
				}
			}
			return langDir + nf + frag
		}
		t := byURL[normURL(p)]
		if t == nil {
			// Jekyll wrote a category with a space (data viz) as %20
			// in the address links use; url: holds it unescaped.
			if u, err := url.PathUnescape(p); err == nil {
				t = byURL[normURL(u)]
			}
		}
		if t != nil {
			// A space ends a Markdown link's address: written as %20
			// (a Jekyll category "data viz" is a folder of the address).
			tu := strings.ReplaceAll(t.url, " ", "%20")
			if s.langSubdir && t.lang == "" {
				return "/" + s.defaultLang + tu + frag
			}
			return tu + frag
		}
		if to, ok := s.listingLink(d, line, langDir+p, p, frag); ok {
			return langDir + to
		}
		if s.lists[normURL(p)] || copiedPaths[p] || s.deadRefs[p] {
			return dest
		}
		if top, ok := s.nestedLists[normURL(p)]; ok {
			if key := d.src + "\x00" + p; !s.noted[key] {
				s.noted[key] = true
				s.note(d.src, d.srcLine(line), Changed, "link to %s, the list page of a nested section, now goes to %s, the section that lists its pages", p, top)
			}
			return langDir + top + frag
		}
		// A page that was not imported is still served by the old site
		// during a partial migration: its first path segment goes to
		// links.external_paths, so the link check leaves it alone. Not
		// a segment of imported pages: the link check would then miss
		// every broken link among them (imported: Hugo's sections).
		prefix := firstSegment(p)
		if s.imported[prefix] {
			if key := d.src + "\x00" + p; !s.noted[key] {
				s.noted[key] = true
				s.note(d.src, d.srcLine(line), Human, "link to %s: no imported page has this address, and %s holds imported pages: fix the link (medkb check reports it as broken)", langDir+p, langDir+prefix)
			}
			return dest
		}
		if langDir != "" {
			prefix = langDir + prefix // /en/legacy/, never the whole language
		}
		if !slices.Contains(s.external, prefix) {
			s.external = append(s.external, prefix)
			s.note(d.src, d.srcLine(line), Human, "link to %s: no imported page has this address; %s is listed under links.external_paths in medkb.yaml (served by another system) — remove it there once those pages move in", langDir+p, prefix)
		}
		return dest
	}
	lines := strings.Split(d.body, "\n")
	var f fence
	for i, l := range lines {
		if f.code(l) {
			continue // code: links there are examples
		}
		line = i
		if m := refDefRe.FindStringSubmatch(l); m != nil {
			lines[i] = m[1] + m[2] + fix(m[3]) + m[4] + m[5]
			continue
		}
		lines[i] = outsideCode(l, func(t string) string {
			t = mdLinkRe.ReplaceAllStringFunc(t, func(m string) string {
				g := mdLinkRe.FindStringSubmatch(m)
				return g[1] + g[2] + fix(g[3]) + g[4] + g[5]
			})
			return htmlLinkRe.ReplaceAllStringFunc(t, func(m string) string {
				g := htmlLinkRe.FindStringSubmatch(m)
				return g[1] + fix(g[2]) + g[3]
			})
		})
	}
	return strings.Join(lines, "\n")
}

// outsideCode returns line with fn applied to its text outside code spans
// (a run of backticks up to the next run exactly as long).
func outsideCode(line string, fn func(string) string) string {
	var out strings.Builder
	for {
		i := strings.IndexByte(line, '`')
		if i < 0 {
			out.WriteString(fn(line))
			return out.String()
		}
		if i > 0 && line[i-1] == '\\' { // an escaped backtick is text
			out.WriteString(fn(line[:i+1]))
			line = line[i+1:]
			continue
		}
		n := i
		for n < len(line) && line[n] == '`' {
			n++
		}
		end := closingRun(line[n:], n-i)
		if end < 0 { // never closed: the backticks are text
			out.WriteString(fn(line[:n]))
			line = line[n:]
			continue
		}
		out.WriteString(fn(line[:i]))
		out.WriteString(line[i : n+end])
		line = line[n+end:]
	}
}

// closingRun returns where in s the first run of exactly k backticks
// ends, -1 when there is none.
func closingRun(s string, k int) int {
	for j := 0; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		e := j
		for e < len(s) && s[e] == '`' {
			e++
		}
		if e-j == k {
			return e
		}
		j = e
	}
	return -1
}

// listingLink returns where a link to p (with its fragment frag, "#…"
// or "") goes when p is the old address of a page that listed the posts
// and was not imported (jekyllListings): the list medkb makes in its
// place (listedAt), as {% link %} to it does, with a note naming both
// (dest, the link as written). The old page's places (#2022) are not
// on medkb's list: the fragment goes, and the note says so; one on the
// page of every category (#rbbs, a category's heading) leads to that
// category's topic page, /tags/rbbs/, when an imported post has it.
// Before, such a link written with the old site's address went to
// links.external_paths (/learn/), and the old page's address was taken
// for a page another system serves.
func (s *site) listingLink(d *doc, line int, dest, p, frag string) (string, bool) {
	var listing *doc
	for _, l := range s.listings {
		if _, ok := s.listedAt[l]; !ok || l.lang != d.lang {
			continue
		}
		if normURL(p) == normURL(l.url) || (l.oldHTML != "" && normURL(p) == normURL(l.oldHTML)) {
			listing = l
			break
		}
	}
	if listing == nil {
		return "", false
	}
	to := s.listedAt[listing]
	why := ""
	if name := strings.TrimPrefix(frag, "#"); name != "" {
		why = "; its anchor " + frag + " is left out: medkb's list has no such place"
		if listing.listCategory == "*" && strings.HasSuffix(to, "/tags/") {
			if slug := slugify(name); slug != "" && s.hasTag(d.lang, slug) {
				to += slug + "/"
				why = " (the category " + name + " of " + frag + ")"
			} else {
				why = "; its anchor " + frag + " is left out: no imported post is in that category"
			}
		}
	}
	if key := d.src + "\x00" + dest; !s.noted[key] && (dest != to || why != "") {
		// (A link to a section's address, where the section's page
		// lists the posts now, stays as written: nothing to say.)
		s.noted[key] = true
		listed := "the posts"
		if listing.tagPage {
			listed = "the pages and posts tagged " + listing.listCategory
		}
		s.note(d.src, d.srcLine(line), Changed, "link to %s, the old site's page %s that listed %s (not imported), now goes to %s, where medkb lists them%s", dest, listing.src, listed, to, why)
	}
	return to, true
}

// hasTag reports whether an imported page of language lang has a tag
// whose slug is slug.
func (s *site) hasTag(lang, slug string) bool {
	for _, o := range s.docs {
		if o.lang != lang {
			continue
		}
		if v, ok := o.get("tags"); ok {
			if tags, ok := v.([]string); ok && slices.ContainsFunc(tags, func(t string) bool { return slugify(t) == slug }) {
				return true
			}
		}
	}
	return false
}

// firstSegment returns the first segment of an address as "/a/" ("/"
// for the home page).
func firstSegment(p string) string {
	seg := strings.SplitN(strings.Trim(p, "/"), "/", 2)[0]
	if seg == "" {
		return "/"
	}
	return "/" + seg + "/"
}

// notFoundAt returns the address of medkb's not-found page
// (/404.html, /es/404.html) when u is that address or the old site's
// not-found page's (/404/, the url of a Hugo content/404.md), "" when
// it is neither.
func (s *site) notFoundAt(u string) string {
	n := normURL(u)
	if n == "/404/" {
		return "/404.html"
	}
	for _, l := range s.langs {
		if n == "/"+l+"/404/" {
			return "/" + l + "/404.html"
		}
	}
	return ""
}

// normURL makes an address comparable: leading and trailing slash, no
// index.html, no .html.
func normURL(u string) string {
	u = strings.TrimSuffix(u, "index.html")
	u = strings.TrimSuffix(u, ".html")
	u = "/" + strings.Trim(path.Clean("/"+u), "/") + "/"
	if u == "//" {
		return "/"
	}
	return u
}

func isAsset(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".pdf", ".doc", ".docx", ".xls", ".xlsx",
		".ppt", ".pptx", ".csv", ".txt", ".mp3", ".mp4", ".webm", ".ogg", ".zip", ".epub", ".odt", ".ods":
		return true
	}
	return false
}

// listPages returns the pages that list others, whose own text is not
// among s.docs: the home page, the other languages' home pages and the
// sections' pages, in a fixed order.
func (s *site) listPages() []*doc {
	var lists []*doc
	if s.home != nil {
		lists = append(lists, s.home)
	}
	for _, l := range slices.Sorted(maps.Keys(s.langHomes)) {
		lists = append(lists, s.langHomes[l])
	}
	for _, k := range slices.SortedFunc(maps.Keys(s.sectionMeta), func(a, b sectionLang) int {
		return strings.Compare(a.section+"\x00"+a.lang, b.section+"\x00"+b.lang)
	}) {
		lists = append(lists, s.sectionMeta[k])
	}
	return lists
}

// copyBundle publishes a leaf bundle's files under the page's address.
func (s *site) copyBundle(d *doc) {
	_ = filepath.WalkDir(d.bundle, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || isMarkdown(p) || strings.HasPrefix(e.Name(), ".") {
			return nil
		}
		r := rel(d.bundle, p)
		s.files = append(s.files, copied{from: p, to: path.Join("static", strings.Trim(d.url, "/"), r)})
		return nil
	})
}

// slugify turns a name into an address part as medkb writes them.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// write writes the medkb site.
func (s *site) write(dest string) error {
	if err := os.MkdirAll(dest, 0o755); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	put := func(relPath string, data []byte) error {
		p := filepath.Join(dest, filepath.FromSlash(relPath))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		return nil
	}
	if err := put("medkb.yaml", s.config()); err != nil {
		return err
	}
	sections := map[string]bool{}
	for _, d := range s.docs {
		sections[d.section] = true
		if err := put(d.file(), d.render()); err != nil {
			return err
		}
		s.report.Pages++
	}
	if err := put("content/_index.md", s.home.render()); err != nil {
		return err
	}
	for _, l := range slices.Sorted(maps.Keys(s.langHomes)) {
		if err := put("content/_index."+l+".md", s.langHomes[l].render()); err != nil {
			return err
		}
	}
	// A section's page comes in with its text also when none of its pages
	// does (a glossary whose terms Hugo does not render).
	for k := range s.sectionMeta {
		sections[k.section] = true
	}
	for sec := range sections {
		idx := s.sectionMeta[sectionLang{sec, ""}]
		if idx == nil {
			idx = &doc{fields: []field{{"title", titleCase(sec)}}}
		}
		if err := put(path.Join("content", sec, "_index.md"), idx.render()); err != nil {
			return err
		}
	}
	for k, idx := range s.sectionMeta {
		if k.lang == "" {
			continue
		}
		if err := put(path.Join("content", k.section, "_index."+k.lang+".md"), idx.render()); err != nil {
			return err
		}
	}
	if err := put("data/authors.yaml", s.authorsYAML()); err != nil {
		return err
	}
	if len(s.glossary) > 0 {
		sort.SliceStable(s.glossary, func(i, j int) bool { return strings.ToLower(s.glossary[i].Term) < strings.ToLower(s.glossary[j].Term) })
		b, err := yaml.Marshal(s.glossary)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if err := put("data/glossary.yaml", b); err != nil {
			return err
		}
	}
	for lang, strs := range s.uiStrings {
		b, err := yaml.Marshal(strs)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if err := put("i18n/"+lang+".yaml", b); err != nil {
			return err
		}
	}
	for _, f := range s.files {
		if err := copyFile(f.from, filepath.Join(dest, filepath.FromSlash(f.to))); err != nil {
			return err
		}
		s.report.Files++
	}
	return nil
}

func titleCase(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// render writes the page as a medkb content file.
func (d *doc) render() []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v any) {
		var vn yaml.Node
		_ = vn.Encode(v)
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &vn)
	}
	for _, f := range d.fields {
		add(f.key, f.value)
	}
	if len(d.params) > 0 {
		pm := map[string]any{}
		for _, p := range d.params {
			pm[p.key] = p.value
		}
		add("params", pm)
	}
	out, _ := yaml.Marshal(m)
	body := strings.TrimLeft(d.body, "\n")
	return []byte("---\n" + string(out) + "---\n" + body)
}

func (s *site) config() []byte {
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k string, v any) {
		var vn yaml.Node
		_ = vn.Encode(v)
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, &vn)
	}
	add("title", s.title)
	if s.description != "" {
		add("description", s.description)
	}
	if s.baseURL != "" {
		add("base_url", s.baseURL)
	}
	if len(s.langs) > 0 {
		lang := func(code string) map[string]any {
			m := map[string]any{"code": code}
			for k, v := range s.langMeta[code] {
				m[k] = v
			}
			return m
		}
		langs := []map[string]any{lang(s.defaultLang)}
		langs[0]["default"] = true
		for _, l := range s.langs {
			langs = append(langs, lang(l))
		}
		add("languages", langs)
	} else if s.defaultLang != "en" {
		add("language", s.defaultLang)
	}
	if s.langSubdir {
		add("default_language_in_subdir", true)
	}
	add("publisher", map[string]string{"name": s.title})
	if len(s.menuItems) > 0 {
		add("menu", s.menuItems)
	}
	if s.rawHTML > 0 {
		add("markup", map[string]bool{"unsafe": true})
	}
	if len(s.public) > 0 {
		add("identifiers", map[string][]string{"allow": s.public})
	}
	if len(s.external) > 0 {
		sort.Strings(s.external)
		add("links", map[string][]string{"external_paths": s.external})
	}
	out, _ := yaml.Marshal(m)
	return append([]byte("# Written by medkb import; every key is described in medkb's writer's guide.\n"), out...)
}

func (s *site) authorsYAML() []byte {
	ids := make([]string, 0, len(s.authors))
	for id := range s.authors {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, id := range ids {
		entry := map[string]string{"name": s.authors[id]}
		for k, v := range s.authorInfo[id] {
			entry[k] = v
		}
		if id == "publisher" {
			entry["type"] = "organization"
		}
		var vn yaml.Node
		_ = vn.Encode(entry)
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: id}, &vn)
	}
	out, _ := yaml.Marshal(m)
	return out
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	in, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("import: copying %s: %w", from, err)
	}
	return out.Close()
}

// generatedHome is the home page the import writes when the source has
// none: the site's title and description, from its configuration file
// (src, where the notes on it point).
func (s *site) generatedHome() *doc {
	home := &doc{src: s.configFile, url: "/", fields: []field{{"title", s.title}}}
	if s.description != "" { // an empty summary is a schema error
		home.fields = append(home.fields, field{"summary", s.description})
	}
	return home
}

// publicDetails lists the phone numbers and email addresses a page of the
// old, public site shows (helplines, office addresses) for
// identifiers.allow, each with a note asking a person to confirm it is the
// organisation's own and not a patient's. It finds them with phi.Scan,
// the detection medkb check runs, so the list holds only what the check
// would report: a file name such as "icon@2x.png" or a run of numbers in
// a command is kept off it as it is kept out of the check's report.
func (s *site) publicDetails(d *doc) {
	s.listPublic(d.src, phi.Scan([]byte(d.body)), func(f phi.Finding) int { return d.srcLine(f.Line - 1) })
}

// publicFrontMatter lists, as publicDetails does for the body, the
// contact details in the front matter d is written with (a title,
// summary or key kept under params:; the generated home page's, from
// the site's description): medkb check scans the whole file. Each note
// is at the first line of the source file that holds the detail as
// written, 0 when none does.
func (s *site) publicFrontMatter(d *doc) {
	body := d.body
	d.body = ""
	fm := d.render()
	d.body = body
	src, _ := os.ReadFile(filepath.Join(s.opts.Source, filepath.FromSlash(d.src)))
	s.listPublic(d.src, phi.Scan(fm), func(f phi.Finding) int {
		if i := bytes.Index(src, []byte(f.Match)); i >= 0 {
			return 1 + bytes.Count(src[:i], []byte("\n"))
		}
		return 0
	})
}

// listPublic adds the phone numbers and e-mail addresses of findings in
// file to identifiers.allow, each noted at line(finding).
func (s *site) listPublic(file string, findings []phi.Finding, line func(phi.Finding) int) {
	for _, f := range findings {
		if f.Kind != phi.Phone && f.Kind != phi.Email {
			continue
		}
		if slices.ContainsFunc(s.public, func(x string) bool { return strings.EqualFold(x, f.Match) }) {
			continue
		}
		s.public = append(s.public, f.Match)
		s.note(file, line(f), Human, "%s %s listed under identifiers.allow in medkb.yaml as the organisation's public contact; confirm it is not a patient's", f.Kind, f.Masked)
	}
}
