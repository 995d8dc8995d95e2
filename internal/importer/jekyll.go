package importer

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// postNameRe is the date a post's file name starts with and the rest of
// the name: Jekyll's Document::DATE_FILENAME_MATCHER takes a year of two
// to four digits (21-06-11-title.md), which jekyllFileDate reads.
var postNameRe = lazyRE(`^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)$`)

// jekyllFileDate is the day of a post's file name (postNameRe's match
// m) as YYYY-MM-DD, read as Jekyll does (Utils.parse_date, Ruby's
// Time.parse): a year of two digits is 1969–2068 (21 is 2021, 98 is
// 1998), one of three is that year itself. short is the year of two
// digits as written, "" for a longer one.
func jekyllFileDate(m []string) (date, short string) {
	y, _ := strconv.Atoi(m[1])
	if len(m[1]) == 2 {
		short = m[1]
		if y >= 69 {
			y += 1900
		} else {
			y += 2000
		}
	}
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d), short
}

// leadingDateRe is the day a front matter date begins with, as written
// (2022-01-28 of "2022-01-28 10:00:00 -0500").
var leadingDateRe = lazyRE(`^\d{4}-\d{1,2}-\d{1,2}`)

// jekyllConfig is what the importer reads of _config.yml.
type jekyllConfig struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	URL         string   `yaml:"url"`
	SiteURL     string   `yaml:"siteurl"`
	BaseURL     string   `yaml:"baseurl"`
	Lang        string   `yaml:"lang"`
	Permalink   string   `yaml:"permalink"`
	Exclude     []string `yaml:"exclude"`
	// Collections are the site's collections: a list of labels, or a
	// map of each label to its settings (output:, permalink:).
	Collections    any      `yaml:"collections"`
	CollectionsDir string   `yaml:"collections_dir"`
	Author         any      `yaml:"author"`
	Plugins        []string `yaml:"plugins"`
	Gems           []string `yaml:"gems"` // Jekyll 2's name for plugins
	Encoding       string   `yaml:"encoding"`
	Markdown       string   `yaml:"markdown"` // the Markdown engine: kramdown when unset
	Kramdown       struct {
		ParseBlockHTML bool `yaml:"parse_block_html"`
	} `yaml:"kramdown"`
	Feed struct {
		Path string `yaml:"path"` // jekyll-feed's address (default feed.xml)
	} `yaml:"feed"`
}

// configKeyLine is the line of the top-level key in the YAML data, 0 for
// none.
func configKeyLine(data []byte, key string) int {
	loc := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `\s*:`).FindIndex(data)
	if loc == nil {
		return 0
	}
	return 1 + bytes.Count(data[:loc[0]], []byte("\n"))
}

// oldFeed is a feed the Jekyll site served.
type oldFeed struct {
	file string // what made it: the feed's template or _config.yml
	path string // its address inside the site, "/feed.xml"
	atom bool   // Atom, else RSS
}

func readJekyll(opts Options) (*site, error) {
	s := newSite(opts)
	var cfg jekyllConfig
	data, cfgErr := os.ReadFile(filepath.Join(opts.Source, "_config.yml"))
	if cfgErr == nil {
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			return nil, configYAMLError("_config.yml", data, err)
		}
	} else {
		s.note("_config.yml", 0, Human, "no _config.yml: the site title and address must be set in medkb.yaml")
	}
	s.title = cfg.Title
	if s.title == "" {
		s.title = filepath.Base(opts.Source)
	}
	s.description = cfg.Description
	// Without _config.yml the tree may be no Jekyll site (a Metalsmith
	// one, read by a CommonMark engine): its HTML is left as written.
	s.kramdown = cfgErr == nil && (cfg.Markdown == "" || strings.EqualFold(cfg.Markdown, "kramdown"))
	s.parseBlockHTML = cfg.Kramdown.ParseBlockHTML
	s.configFile = "_config.yml"
	host, base := strings.TrimSuffix(firstNonEmpty(cfg.URL, cfg.SiteURL), "/"), strings.TrimSuffix(cfg.BaseURL, "/")
	if u, err := url.Parse(host); err == nil && u.Host != "" && base != "" && strings.Trim(u.Path, "/") == strings.Trim(base, "/") {
		// url: https://owner.github.io/repo with baseurl: /repo: the
		// pages were served under /repo/ (relative_url adds baseurl
		// alone), and only Jekyll's absolute addresses (absolute_url:
		// feeds, canonical links) doubled the path.
		key := "url"
		if cfg.URL == "" {
			key = "siteurl"
		}
		s.note("_config.yml", configKeyLine(data, key), Changed,
			"%s: %s already ends with baseurl: %s: Jekyll served the pages under %s/ (its relative links add baseurl alone), and wrote %s%s/… in its absolute links (absolute_url: the feed, canonical links); base_url in medkb.yaml is %s/, where the pages were: remove the path from %s: in the old site if it is still built", key, host, cfg.BaseURL, base, host, base, host, key)
		host = strings.TrimSuffix(host, strings.TrimSuffix(u.Path, "/"))
	}
	s.oldURL = host + base
	if s.oldURL != "" {
		s.baseURL = s.oldURL + "/"
	}
	if firstNonEmpty(cfg.URL, cfg.SiteURL) == "" && strings.Trim(cfg.BaseURL, "/") != "" {
		// baseurl: /repo without url: a path with no host, which
		// base_url cannot be (medkb check refuses it).
		s.baseURL = ""
		s.note("_config.yml", 0, Human, "the old site was served under the path %s/ (baseurl:), but _config.yml names no host (url:): medkb.yaml has no base_url, so medkb builds the site for the root of a host; set base_url: https://YOUR-HOST%s/ in medkb.yaml (for a GitHub project page, https://OWNER.github.io%s/), and medkb serves it under %s/ as the old one was", s.oldPath(), s.oldPath(), s.oldPath(), s.oldPath())
	}
	s.noteConfig("_config.yml", cfg.Title == "" && cfgErr == nil) // no _config.yml is noted above
	if cfgErr == nil {
		s.jekyllDefaults = s.readJekyllDefaults(data)
	}
	if cfg.Lang != "" {
		s.defaultLang = cfg.Lang
	}
	if cfg.Encoding != "" {
		line := 0
		if data, err := os.ReadFile(filepath.Join(opts.Source, "_config.yml")); err == nil {
			if loc := regexp.MustCompile(`(?m)^encoding\s*:`).FindIndex(data); loc != nil {
				line = 1 + bytes.Count(data[:loc[0]], []byte("\n"))
			}
		}
		enc, name, ok := siteEncoding(cfg.Encoding)
		if !ok {
			s.note("_config.yml", line, Human, "encoding: %s is no encoding medkb knows: content files that are not UTF-8 are read as Windows-1252 where every byte is a character there (each with a note); check them, or save them as UTF-8", cfg.Encoding)
		}
		s.encoding, s.encodingName = enc, name
		defer func() {
			if enc != nil {
				as := name
				if !strings.EqualFold(name, strings.TrimPrefix(strings.TrimSpace(cfg.Encoding), "bom|")) {
					as = name + " (as browsers read " + cfg.Encoding + ")"
				}
				s.note("_config.yml", line, Changed, "encoding: %s: %d content files that are not UTF-8 were read as %s, as Jekyll read them, and written in UTF-8, medkb's encoding; files that are UTF-8 were read as UTF-8", cfg.Encoding, s.encoded, as)
			}
		}()
	}
	permalink := jekyllPermalink(cfg.Permalink)
	fixed := map[string]bool{"README.md": true, "readme.md": true, "CHANGELOG.md": true, "LICENSE.md": true}
	var left []string // pages and folders exclude: leaves out, for the note
	nLeft := 0        // the pages among them
	excluded := func(r string, page bool) bool {
		if fixed[r] {
			return true
		}
		if jekyllExcluded(cfg.Exclude, r) {
			if page {
				left = append(left, r)
				nLeft++
			}
			return true
		}
		return false
	}
	defer func() {
		if nLeft > 0 {
			s.note("_config.yml", 0, Changed, "%d %s not imported, as Jekyll did not publish them: exclude: lists them (an entry leaves out each file and folder whose path starts with it, or that it matches as a pattern): %s", nLeft, plural(nLeft, "page", "pages"), strings.Join(left, ", "))
		}
	}()

	s.jekyllColDir = strings.Trim(cfg.CollectionsDir, "/")
	cols := jekyllCollections(cfg, data)
	for _, c := range cols {
		c.dir = path.Join(strings.Trim(cfg.CollectionsDir, "/"), "_"+c.label)
		if c.output && !excluded(c.dir, false) {
			s.jekyllCols = append(s.jekyllCols, c)
		}
	}

	var feeds []oldFeed
	var nested []*nestedHugoSite // Hugo sites in folders of the Jekyll site
	dataDir := ""                // _data, unless exclude: lists it
	err := filepath.WalkDir(opts.Source, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r := rel(opts.Source, p)
		name := e.Name()
		if r == "." {
			return nil
		}
		if e.IsDir() {
			if r == "_data" && !excluded(r, false) {
				dataDir = r // read once the pages are, for the authors they credit
				return filepath.SkipDir
			}
			if strings.HasPrefix(name, ".") || name == "node_modules" {
				return filepath.SkipDir
			}
			if excluded(r, false) {
				nLeft += excludedPages(opts.Source, p, &left)
				return filepath.SkipDir
			}
			if s.collectionOf(r+"/") != nil {
				return nil // a collection Jekyll published: its documents are pages
			}
			if s.jekyllOutsidePosts(p, r, name) {
				return filepath.SkipDir
			}
			if strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" ||
				(strings.HasPrefix(name, "_") && name != "_posts" && name != "_drafts" && !strings.HasPrefix(r, "_posts/")) {
				return filepath.SkipDir
			}
			if n, ok := nestedHugo(p, r); ok {
				nested = append(nested, n)
			}
			for _, n := range nested {
				if r == n.dir+"/layouts" {
					return filepath.SkipDir // its templates: noted with the site
				}
			}
			return nil
		}
		if m, _ := path.Match("_config*.*", r); m && r != "_config.yml" && !e.IsDir() {
			other, _ := os.ReadFile(p)
			switch path.Ext(r) {
			case ".yml", ".yaml", ".toml":
				if cfgErr == nil && bytes.Equal(other, data) {
					break // a copy of _config.yml, read as that
				}
				s.note(r, 0, Human, "not read: the importer reads _config.yml, the configuration jekyll build reads without --config; if the published site was built with this file (jekyll build --config %s, or a copy of it over _config.yml), its exclude:, collections: and permalink: decided what was published and where: import a copy of the old site whose _config.yml is the configuration the published site was built with", r)
			}
		}
		// Jekyll leaves out files starting with ., _, # or ending with ~.
		if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
			excluded(r, isMarkdown(name) || isHTMLName(name)) {
			return nil
		}
		// Jekyll reads the posts of every _posts folder (news/_posts/
		// too), each in the categories of the folders above it.
		inPosts := strings.HasPrefix(r, "_posts/") || strings.Contains(r, "/_posts/")
		inDrafts := strings.HasPrefix(r, "_drafts/") || strings.Contains(r, "/_drafts/")
		col := s.collectionOf(r)
		if col != nil {
			inPosts, inDrafts = false, false
		}
		if !inPosts && !inDrafts && col == nil && s.generatedStatic(r, p, r) {
			return nil
		}
		switch {
		case isMarkdown(name):
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if n := inNestedContent(nested, r); n != nil && !jekyllHasFrontMatter(data) {
				n.pages = append(n.pages, strings.TrimPrefix(r, n.dir+"/content/"))
				return nil
			}
			return s.jekyllDoc(data, r, inPosts, inDrafts, permalink, false, col)
		case isAsset(name) && col != nil:
			s.files = append(s.files, copied{from: p, to: "static" + col.staticURL(r)})
		case isAsset(name) && !inPosts && !inDrafts:
			s.files = append(s.files, copied{from: p, to: "static/" + r})
		default:
			return s.jekyllOther(p, r, inPosts, inDrafts, permalink, &feeds, col)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	for _, n := range nested {
		s.noteNestedHugo(n)
	}
	if dataDir != "" {
		s.readData(opts.Source, dataDir, "")
	}
	var labels []string
	for _, c := range cols {
		labels = append(labels, c.label)
	}
	s.noteJekyllDefaults(labels)
	for _, c := range cols {
		dir := c.dir
		n := countPages(filepath.Join(opts.Source, filepath.FromSlash(dir)))
		switch {
		case n == 0:
		case excluded(dir, false):
			left = append(left, fmt.Sprintf("%s/ (%d, the collection %s)", dir, n, c.label))
			nLeft += n
		case c.output:
			s.note("_config.yml", c.line, Changed, "the collection %s (%s/, %d %s), which Jekyll published (output: true): imported as the section %s (content/%s/), each document at the address Jekyll gave it (permalink: %s), a .html address redirecting (aliases:)", c.label, dir, n, plural(n, "document", "documents"), slugify(c.label), slugify(c.label), firstNonEmpty(c.permalink, jekyllCollectionPermalink))
		default:
			s.note("_config.yml", c.line, Human, "the collection %s (%s/, %d %s) is not imported: Jekyll did not publish its documents as pages (output: false), but the old site's templates and pages showed their text (through site.%s), as they read _data/, and medkb's theme does not: put what readers still need in pages (to publish each document as a page, set output: true under collections: %s: in _config.yml and import again)", c.label, dir, n, plural(n, "document", "documents"), c.label, c.label)
		}
	}
	if slices.Contains(cfg.Plugins, "jekyll-feed") || slices.Contains(cfg.Gems, "jekyll-feed") {
		p := "/" + strings.TrimPrefix(firstNonEmpty(cfg.Feed.Path, "feed.xml"), "/")
		if !slices.ContainsFunc(feeds, func(f oldFeed) bool { return f.path == p }) {
			feeds = append(feeds, oldFeed{file: "_config.yml", path: p, atom: true}) // jekyll-feed writes Atom
		}
	}
	s.jekyllImages()
	s.jekyllFeeds(feeds)
	s.jekyllListings()
	s.resolveRefs()
	s.jekyllSectionPages()
	return s, nil
}

// jekyllExcludes are the files Jekyll leaves out by default (its
// configuration's exclude: defaults, besides folders the walk skips).
var jekyllExcludes = map[string]bool{"Gemfile": true, "Gemfile.lock": true, "gemfiles": true}

// jekyllHasFrontMatter reports whether Jekyll reads front matter from
// data: splitFile's Jekyll rule (jekyllOpens), after a byte order mark.
func jekyllHasFrontMatter(data []byte) bool {
	first, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), []byte("\n"))
	return jekyllOpens(string(first))
}

// jekyllOther reads a file of a Jekyll site that is neither Markdown nor
// an image or document: an HTML page, a feed, or a file Jekyll generates
// from a template. Jekyll runs Liquid on any file with front matter and
// copies the others as they are.
func (s *site) jekyllOther(abs, r string, inPosts, inDrafts bool, permalink string, feeds *[]oldFeed, col *jekyllCollection) error {
	data, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	ext := strings.ToLower(path.Ext(r))
	isHTML := ext == ".html" || ext == ".htm"
	switch {
	case !jekyllHasFrontMatter(data):
		switch {
		case inPosts || inDrafts:
			s.note(r, 0, Human, "not imported: a file without front matter in %s is not a post, and Jekyll does not publish it; give it front matter to make it a post, or move it out", strings.SplitN(r, "/", 2)[0])
		case jekyllExcludes[r]:
			// Jekyll's own default exclude list: never published.
		case col != nil:
			// A file of a collection without front matter: Jekyll
			// copied it as it was, to the address the collection's
			// permalink: gives it (StaticFile#url).
			s.files = append(s.files, copied{from: abs, to: "static" + col.staticURL(r)})
		default:
			// Jekyll publishes a file without front matter as it is
			// (CNAME, favicon.ico, a script): so does medkb, from
			// static/. Before, only HTML files were copied and the rest
			// were left behind without a line.
			s.files = append(s.files, copied{from: abs, to: "static/" + r})
		}
		return nil
	case isHTML:
		return s.jekyllDoc(data, r, inPosts, inDrafts, permalink, true, col)
	}
	_, body, _, _, err := splitFile(r, data, Jekyll)
	if err != nil {
		return s.failedPage(r, err)
	}
	name := strings.ToLower(path.Base(r))
	switch {
	case strings.Contains(body, "<feed"), name == "atom.xml":
		*feeds = append(*feeds, oldFeed{file: r, path: "/" + r, atom: true})
	case strings.Contains(body, "<rss"), name == "feed.xml", name == "rss.xml":
		*feeds = append(*feeds, oldFeed{file: r, path: "/" + r})
	case inPosts || inDrafts:
		// HealthCare.gov's _posts/site-translations/*.yml: a post
		// that is all front matter, its footer links and UI strings
		// read by the layouts (site.tags.translations), as _data/ is.
		s.note(r, 0, Human, "not imported: a post that is not Markdown or HTML (%s), whose front matter the old site's templates read as data (through site.posts, site.tags or site.categories), as they read _data/; medkb's theme does not: put what readers still need in medkb's menu (menu: in medkb.yaml, each entry a name and a url), the theme's words (i18n/LANG.yaml) or a page", path.Ext(r))
	default:
		s.note(r, 0, Human, "not imported: Jekyll made this file from a template (it has front matter), and medkb writes its own styles, scripts, sitemap and feeds; if the new site needs it, make it again in the theme or under static/")
	}
	return nil
}

// jekyllFeeds keeps the old site's feeds answering where it can, and
// says how otherwise. medkb writes the site's RSS feed at /index.xml and
// its Atom feed at /atom.xml; its redirects (aliases:) lead to pages only,
// so an old feed address elsewhere needs a redirect on the web server.
func (s *site) jekyllFeeds(feeds []oldFeed) {
	prefix := s.oldPath() // url's path and baseurl, which the host serves
	for _, f := range feeds {
		kind, to := "RSS", "/index.xml"
		if f.atom {
			kind, to = "Atom", "/atom.xml"
		}
		if f.path == to {
			s.note(f.file, 0, Changed, "the old site's %s feed %s: medkb writes the site's %s feed at the same address, so subscribers keep it", kind, prefix+f.path, kind)
			continue
		}
		from, to := prefix+f.path, prefix+to
		s.note(f.file, 0, Human, "the old site's %s feed %s is not imported: medkb writes the site's %s feed at %s, and its redirects (aliases:) lead to pages only, so subscribers lose the feed unless the web server redirects it: add a permanent redirect from %s to %s (nginx: location = %s { return 301 %s; })", kind, from, kind, to, from, to, from, to)
	}
}

// jekyllOutsidePosts reports whether the folder r (name, at abs) is a
// _posts or _drafts folder that Jekyll does not read, and notes it: with
// collections_dir: set, Jekyll reads posts and drafts only from folders
// inside it (Reader#outside_configured_directory?), so a _posts folder
// elsewhere, the top-level one too, was never published.
func (s *site) jekyllOutsidePosts(abs, r, name string) bool {
	if s.jekyllColDir == "" || name != "_posts" && name != "_drafts" || strings.HasPrefix(r, s.jekyllColDir+"/") {
		return false
	}
	n := countPages(abs)
	if n == 0 {
		return true
	}
	what := plural(n, "post", "posts")
	if name == "_drafts" {
		what = plural(n, "draft", "drafts")
	}
	s.note(r, 0, Human, "not imported: %d %s that Jekyll did not read: collections_dir: %s is set in _config.yml, and Jekyll then reads posts and drafts only from the _posts and _drafts folders inside it; if the published site had them, move this folder to %s/%s and import again", n, what, s.jekyllColDir, s.jekyllColDir, r)
	return true
}

// postFolders splits the folder of a post or draft (news/_posts/2024)
// into the folders above _posts or _drafts, which Jekyll makes the
// post's first categories, and the path below it.
func postFolders(dir string) (above []string, below string) {
	parts := strings.Split(dir, "/")
	for i, p := range parts {
		if p == "_posts" || p == "_drafts" {
			return parts[:i], strings.Join(parts[i+1:], "/")
		}
	}
	return nil, ""
}

// postListRe is a Liquid loop over the site's posts: the page is a list
// of posts, which medkb makes itself.
var postListRe = lazyRE(`\{%-?\s*for\s+\w+\s+in\s+(site\.posts|paginator\.posts)\b`)

// categoryListRe is a Liquid loop over the posts of one category
// (site.categories.news, site.categories['news']: name 1 or 2) or over
// the categories (site.categories, site.categories[category[0]]), or
// the same of tags (site.tags): both are medkb's topics.
var categoryListRe = lazyRE(`\{%-?\s*for\s+\w+\s+in\s+site\.(?:categories|tags)(?:\.([\w-]+)|\[\s*['"]([^'"]+)['"]\s*\])?`)

// categoryList is where body's first loop over the posts of a category,
// or over the categories, starts and ends, and that category ("*" for
// every one), nil for none.
func categoryList(body string) (loc []int, category string) {
	m := categoryListRe.FindStringSubmatchIndex(body)
	if m == nil {
		return nil, ""
	}
	switch {
	case m[2] >= 0:
		category = body[m[2]:m[3]]
	case m[4] >= 0:
		category = body[m[4]:m[5]]
	default:
		category = "*"
	}
	return m[:2], category
}

// tagLogicRe is the Jekyll documentation theme's include that lists the
// pages and posts with the tag of the page's tagName: (taglogic.html,
// the whole body of each of its tag_NAME.md pages).
var tagLogicRe = lazyRE(`\{%-?\s*include\s+taglogic\.html\s*-?%\}`)

// jekyllTagPage is where body, of the page file name with front matter
// entries, includes taglogic.html (tagLogicRe), and the tag it lists: the
// page's tagName:, else its file name after tag_; nil for none.
func jekyllTagPage(entries []entry, name, body string) (loc []int, tag string) {
	loc = tagLogicRe.FindStringIndex(body)
	if loc == nil {
		return nil, ""
	}
	for _, e := range entries {
		if e.key == "tagName" {
			tag = strings.TrimSpace(str(e.value))
		}
	}
	if tag == "" {
		tag, _ = strings.CutPrefix(strings.TrimSuffix(name, path.Ext(name)), "tag_")
		if tag == strings.TrimSuffix(name, path.Ext(name)) {
			return nil, "" // no tag_ in front: which tag is not known
		}
	}
	if slugify(tag) == "" {
		return nil, ""
	}
	return loc, tag
}

// postsVarRe is a Liquid variable assigned the site's posts, in an order
// or a selection of them (sort, reverse, where), not a number or groups
// of them (size, group_by, map…).
var postsVarRe = lazyRE(`\{%-?\s*assign\s+(\w+)\s*=\s*(?:site\.posts|paginator\.posts)\s*(\|[^%]*)?-?%\}`)

var postsVarFilterRe = lazyRE(`\|\s*(\w+)`)

// postListLoc is where body's first loop over the site's posts starts and
// ends (postListRe, or a loop over a variable postsVarRe assigned them:
// {% assign recent = site.posts | reverse %}{% for post in recent %}),
// nil for none.
func postListLoc(body string) []int {
	loc := postListRe.FindStringIndex(body)
	for _, m := range postsVarRe.FindAllStringSubmatchIndex(body, -1) {
		list := true
		for _, f := range postsVarFilterRe.FindAllStringSubmatch(body[m[0]:m[1]], -1) {
			switch f[1] {
			case "sort", "sort_natural", "reverse", "where", "where_exp", "limit", "uniq", "compact":
			default:
				list = false
			}
		}
		if !list {
			continue
		}
		loopRe := regexp.MustCompile(`\{%-?\s*for\s+\w+\s+in\s+` + regexp.QuoteMeta(body[m[2]:m[3]]) + `\b`)
		if l := loopRe.FindStringIndex(body[m[1]:]); l != nil && (loc == nil || m[1]+l[0] < loc[0]) {
			loc = []int{m[1] + l[0], m[1] + l[1]}
		}
	}
	return loc
}

// jekyllListings sends the old addresses of the pages that listed the
// posts (left out: medkb lists them itself) to the posts section's page.
func (s *site) jekyllListings() {
	hasPosts := slices.ContainsFunc(s.docs, func(d *doc) bool { return d.section == "posts" && d.lang == "" })
	for _, d := range s.listings {
		if d.tagPage {
			s.categoryListing(d) // never sent to /posts/: it listed pages too
			continue
		}
		if d.listCategory != "" && s.categoryListing(d) {
			continue
		}
		if !hasPosts {
			s.note(d.src, d.bodyLine+d.listLine, Human, "not imported: the page lists the site's posts with a Liquid loop (%s), and no post was imported; medkb lists a section's articles on the section's page itself", d.listTag)
			continue
		}
		if sec := strings.Trim(d.url, "/"); sec != "posts" && d.lang == "" && d.url == "/"+sec+"/" && slices.ContainsFunc(s.docs, func(o *doc) bool { return o.section == sec && o.lang == "" }) {
			// The page's address is also the page medkb makes for the
			// section of the pages imported from its folder
			// (reference/index.html at /reference/, beside
			// reference/r_setup/…): a redirect to /posts/ there would
			// stop the build (the alias is a page's address), and the
			// section's page is what readers find there now.
			s.sectionPageFrom(d, sec)
			if s.listedAt == nil {
				s.listedAt = map[*doc]string{}
			}
			s.listedAt[d] = d.url
			s.note(d.src, d.bodyLine+d.listLine, Human, "not imported as a page: it lists the site's posts with a Liquid loop (%s), and its address %s is the page medkb makes for the section %s/, which lists that section's pages instead; its title is kept in content/%s/_index.md, its text is not: write there what readers should still find, and link to /posts/ for the posts", d.listTag, d.url, sec, sec)
			continue
		}
		idx := s.sectionMeta[sectionLang{"posts", ""}]
		if idx == nil {
			title, _ := d.get("title")
			idx = &doc{src: d.src, url: "/posts/", fields: []field{{"title", title}}}
			s.sectionMeta[sectionLang{"posts", ""}] = idx
		}
		s.addAlias(idx, d.url)
		if d.oldHTML != "" {
			s.addAlias(idx, d.oldHTML)
		}
		if s.listedAt == nil {
			s.listedAt = map[*doc]string{}
		}
		s.listedAt[d] = "/posts/" // where {% link %} to it goes
		if text := liquidPageText(d.body); text != "" {
			// The page's own words go with it: a person decides where
			// they belong.
			s.note(d.src, d.bodyLine+d.listLine, Human, "the page lists the site's posts with a Liquid loop (%s), as medkb's page /posts/ does itself: not imported as a page, and its own text (%s) is not imported either: write what readers should still find in content/posts/_index.md; its address %s redirects to /posts/ (aliases: in content/posts/_index.md)", d.listTag, text, d.url)
			continue
		}
		s.note(d.src, d.bodyLine+d.listLine, Changed, "the page lists the site's posts with a Liquid loop (%s), as medkb's page /posts/ does itself: not imported as a page; its address %s redirects to /posts/ (aliases: in content/posts/_index.md)", d.listTag, d.url)
	}
}

// categoryListing sends d, a page that listed the posts of a category
// (or every category's), to the topic page medkb makes for it: Jekyll's
// categories are medkb's tags (mapMeta), so /tags/NAME/ lists the posts
// of category NAME, and /tags/ every topic. {% link %} to it goes
// there. Its old address cannot redirect there by aliases: (they lead
// to pages, and a topic page is made by medkb), so the note gives the
// web server's redirect. A category no imported article has as a tag is
// not handled here (false): the page is sent to /posts/ as any list of
// the posts. A tag page of the documentation theme (d.tagPage), which
// listed the pages and posts of its tag, is always handled: it goes to
// the tag's topic page, or to /tags/ when no imported page has the tag.
func (s *site) categoryListing(d *doc) bool {
	word := "category"
	if strings.Contains(d.listTag, "site.tags") {
		word = "tag"
	}
	to, what, page := "/tags/", "the posts by "+word, "medkb's page of topics"
	how, why := "a Liquid loop", " (the posts' categories are their tags: topics)"
	if d.tagPage {
		how, why = "the documentation theme's Liquid include", ""
	}
	if d.listCategory != "*" {
		slug := slugify(d.listCategory)
		found := slug != "" && s.hasTag(d.lang, slug)
		switch {
		case d.tagPage && !found:
			what = "the pages and posts tagged " + d.listCategory
			why = fmt.Sprintf(" (no imported page is tagged %s, so medkb makes no page /tags/%s/)", d.listCategory, slug)
		case !found:
			return false
		case d.tagPage:
			to, what, page = "/tags/"+slug+"/", "the pages and posts tagged "+d.listCategory, "medkb's topic page"
		default:
			to, what, page = "/tags/"+slug+"/", "the posts of "+word+" "+d.listCategory, "medkb's topic page"
		}
	}
	if d.lang != "" {
		to = "/" + d.lang + to
	}
	if s.listedAt == nil {
		s.listedAt = map[*doc]string{}
	}
	s.listedAt[d] = to // where {% link %} to it goes
	if sec := strings.Trim(d.url, "/"); d.listCategory != "*" && d.lang == "" && d.url == "/"+sec+"/" && slices.ContainsFunc(s.docs, func(o *doc) bool { return o.section == sec && o.lang == "" }) {
		s.sectionListing(d, sec, to)
		return true
	}
	old := d.url
	if d.oldHTML != "" {
		old = d.oldHTML
	}
	msg := fmt.Sprintf("the page lists %s with %s (%s), as %s %s does itself%s: not imported as a page, and links to it go there", what, how, d.listTag, page, to, why)
	from, at := s.served(old), s.served(to) // as the host serves them, under the site's path
	redirect := fmt.Sprintf("its address %s does not redirect there (medkb's redirects lead to pages only): add a permanent redirect from %s to %s on the web server (nginx: location = %s { return 301 %s; })", from, from, at, from, at)
	severity := Human
	if from == at {
		// The old page's address is medkb's page's: nothing to redirect.
		redirect, severity = fmt.Sprintf("its address %s is that page's", from), Changed
	}
	if text := liquidPageText(d.body); text != "" {
		s.note(d.src, d.bodyLine+d.listLine, Human, "%s; its own text (%s) is not imported: write what readers should still find in an article; %s", msg, text, redirect)
		return true
	}
	s.note(d.src, d.bodyLine+d.listLine, severity, "%s; %s", msg, redirect)
	return true
}

// sectionListing handles d, a page that listed the posts of a category
// at the address of a section medkb makes (news/index.html at /news/,
// listing site.categories.news beside news/_posts/): medkb's page of the
// section is there, and lists the section's pages; d's title is that
// page's. Links to d stay there when every post of the category is in
// the section, else go to the topic page to, which lists them all. No
// redirect is needed: the address still answers.
func (s *site) sectionListing(d *doc, sec, to string) {
	s.sectionPageFrom(d, sec)
	slug := slugify(d.listCategory)
	elsewhere := slices.ContainsFunc(s.docs, func(o *doc) bool {
		v, _ := o.get("tags")
		tags, _ := v.([]string)
		return o.lang == "" && o.section != sec && slices.ContainsFunc(tags, func(t string) bool { return slugify(t) == slug })
	})
	links := "links to it stay there"
	if elsewhere {
		s.listedAt[d] = to
		links = fmt.Sprintf("posts of category %s outside %s/ are listed only on medkb's topic page %s, where links to it go now", d.listCategory, sec, to)
	} else {
		s.listedAt[d] = d.url
	}
	msg := fmt.Sprintf("not imported as a page: it lists the posts of category %s with a Liquid loop (%s), and its address %s is the page medkb makes for the section %s/, which lists the section's pages (its posts too; the topic page %s lists every post of the category): %s; its title is kept in content/%s/_index.md", d.listCategory, d.listTag, d.url, sec, to, links, sec)
	if text := liquidPageText(d.body); text != "" {
		s.note(d.src, d.bodyLine+d.listLine, Human, "%s, its own text (%s) is not: write there what readers should still find", msg, text)
		return
	}
	s.note(d.src, d.bodyLine+d.listLine, Changed, "%s", msg)
}

// jekyllSectionPages gives each page the old site served at the
// address of a section's list page (news/index.md at /news/, beside the
// folder's other pages) that list page's place: it becomes the section's
// content/news/_index.md, its text shown above the list of the section's
// pages and its front matter kept as a Hugo section's is (listPageFields:
// the keys such a page has, each other one noted), where before medkb
// was handed two pages for news/index.html and stopped the build. A
// folder's index page alone in its folder (about/index.md) becomes an
// article of pages at its address instead, as a section's page would
// list nothing.
// Each is noted. It runs after resolveRefs: {% link news/index.md %}
// has become the page's address, /news/, which the section keeps.
func (s *site) jekyllSectionPages() {
	pages := map[sectionLang]int{} // each language's pages by section
	for _, d := range s.docs {
		pages[sectionLang{d.section, d.lang}]++
	}
	var kept []*doc
	for _, d := range s.docs {
		// A page in es is at /es/…, where medkb puts the section's page
		// in es (es/news/index.html at /es/news/).
		prefix := s.langPrefix(d)
		rest, inLang := strings.CutPrefix(d.url, prefix)
		sec := strings.Trim(rest, "/")
		key := sectionLang{sec, d.lang}
		if !inLang || sec == "" || strings.Contains(sec, "/") || rest != "/"+sec+"/" ||
			(pages[key] == 0 && s.sectionMeta[key] == nil) {
			kept = append(kept, d)
			continue
		}
		others := pages[key]
		if d.section == sec {
			others--
		}
		if others == 0 && s.sectionMeta[key] == nil && sec != "pages" {
			d.section, d.slug = "pages", sec
			s.noteNamed(func() {
				s.note(d.src, 0, Changed, "the only page of the folder %s/, served at %s: imported as the article %s at the same address (as a section's page it would list no pages)", path.Dir(d.src), d.url, d.file())
			})
			kept = append(kept, d)
			continue
		}
		if d.draft {
			// Jekyll did not publish it, and a draft section page would
			// take the section's published pages out of the build.
			d.slug, d.url = sec, prefix+"/"+d.section+"/"+sec+"/"
			d.unset("url")
			s.noteNamed(func() {
				s.note(d.src, 0, Changed, "not published by Jekyll, and %s is the address of the page medkb makes for the section %s: imported as the draft %s (at %s); to publish its text at %s, move it into %s", prefix+"/"+sec+"/", sec, d.file(), d.url, prefix+"/"+sec+"/", sectionFile(sec, d.lang))
			})
			kept = append(kept, d)
			continue
		}
		// The keys a section's page has, the others noted as on a Hugo
		// section's _index.md; url: (permalink:) is the section's own
		// address, which medkb gives it itself.
		s.listPageFields(d, d.entries, false)
		d.unset("url")
		if old := s.sectionMeta[key]; old != nil {
			// jekyllListings' page for posts, with the addresses of the
			// pages that listed them.
			if v, ok := old.get("aliases"); ok {
				var aliases []string
				if a, ok := d.get("aliases"); ok {
					aliases, _ = a.([]string)
				}
				listed, _ := v.([]string)
				d.set("aliases", append(aliases, listed...))
			}
		}
		s.sectionMeta[key] = d
		s.note(d.src, 0, Changed, "served at %s, the address of the page medkb makes for the section %s: imported as that page, %s, its text and the front matter a section's page has kept (each other key noted), its text shown above the list of the section's pages", d.url, sec, sectionFile(sec, d.lang))
	}
	s.docs = kept
}

// jekyllDoc reads one Markdown or HTML (isHTML) file of a Jekyll site,
// r, whose bytes are data; col is the published collection it is a
// document of, nil for none.
func (s *site) jekyllDoc(data []byte, r string, inPosts, inDrafts bool, permalink string, isHTML bool, col *jekyllCollection) error {
	data, enc := toUTF8As(data, s.encoding, s.encodingName)
	if !inPosts {
		s.noteNotUTF8(r, enc)
	}
	entries, body, bodyLine, yp, err := splitFile(r, data, Jekyll)
	if err != nil {
		return s.failedPage(r, err)
	}
	s.noteYAML(r, yp)
	if n := blankBeforeDelimiter(data); n > 0 && entries == nil {
		s.note(r, n, Human, "the --- on line %d comes after a blank line: Jekyll reads front matter only when --- is the first line, so the old site showed this YAML as text (or, outside _posts, served the file unrendered); it is imported as body text, as Jekyll read it: if it is front matter, remove the blank lines before --- and import again", n)
	}
	if jekyllHasFrontMatter(data) {
		typ := "pages"
		if inPosts || inDrafts {
			typ = "posts" // a draft is a post too, to Jekyll's defaults
		} else if col != nil {
			typ = col.label // a collection's documents are of its type
		}
		entries = s.applyJekyllDefaults(r, typ, inDrafts, entries)
	}
	entries, asWritten := listStrings(entries)
	// A permalink: with placeholders (permalink: /blog/:title/, often
	// given by defaults:) is the page's pattern, as the site's is.
	var pattern *entry
	if i := slices.IndexFunc(entries, func(e entry) bool { return e.key == "permalink" && permalinkPlaceholderRe.MatchString(str(e.value)) }); i >= 0 {
		pattern = &entries[i]
		permalink = str(pattern.value)
		entries = slices.Delete(slices.Clone(entries), i, i+1)
	}
	base := strings.TrimSuffix(path.Base(r), path.Ext(r))
	d := &doc{src: r, body: body, bodyLine: bodyLine}
	dir := path.Dir(r)
	var fileDate, shortYear string
	undatedName := false // a post Jekyll never read: no date in its file name
	if inPosts || inDrafts {
		if m := postNameRe.FindStringSubmatch(base); m != nil {
			fileDate, shortYear = jekyllFileDate(m)
			base = m[4]
		} else if inPosts {
			undatedName = true
		}
		// Jekyll names a post's categories by its path inside
		// collections_dir (Document#relative_path): my_collections/
		// news/_posts/ is in news, not in my_collections.
		above, sub := postFolders(strings.TrimPrefix(dir, s.jekyllColDir+"/"))
		d.section = "posts"
		if f := s.sectionFolder(above); f != "" {
			d.section = slugify(f)
		} else if f := s.sectionFolder(strings.Split(sub, "/")); f != "" {
			d.section = slugify(f)
		}
		d.folderCategories = above
		d.draft = inDrafts
		if inDrafts {
			d.unserved = "it is in _drafts/"
		}
	} else if col != nil {
		// Each collection Jekyll published is a section of its name.
		d.section = slugify(col.label)
		d.jekyllCol = col.label
		// Jekyll dates any document by its file name, as it does a
		// post (Document#populate_title, DATE_FILENAME_MATCHER): a
		// collection's 2024-02-03-spacer.md is of that day.
		if m := postNameRe.FindStringSubmatch(base); m != nil {
			fileDate, shortYear = jekyllFileDate(m)
		}
	} else {
		if base == "index" && dir == "." {
			d.section = ""
		} else if f := s.sectionFolder(strings.Split(dir, "/")); f == "" {
			d.section = "pages"
		} else if idx := s.staticIndex(dir, f); idx != "" {
			// The old site served the folder's address from a file
			// copied as it was (no front matter), which medkb copies
			// too: a section there would be a second page at that
			// address (CoronaCheck.nl's sorry/index.html, with
			// sorry/readme.md beside it). The page keeps its address.
			d.section = "pages"
			s.note(r, 0, Changed, "in pages, not in a section %s: the old site served /%s/ from %s, a file without front matter that medkb publishes as it was (from static/), and a section's page would take that address too", slugify(f), path.Dir(idx), idx)
		} else {
			d.section = slugify(f)
		}
	}
	d.slug = slugify(base)
	d.entries = entries
	keyNotes := len(s.report.Notes) // the notes on its keys begin here
	s.mapMeta(d, entries)
	if len(d.folderCategories) > 0 {
		// Jekyll's categories of a post in news/_posts/ begin with
		// news: medkb's tags, so /tags/news/ lists it as
		// site.categories.news did.
		var tags []string
		if v, ok := d.get("tags"); ok {
			tags, _ = v.([]string)
		}
		var added []string
		for _, c := range d.folderCategories {
			if !slices.ContainsFunc(tags, func(t string) bool { return strings.EqualFold(t, c) }) {
				tags = append(tags, c)
				added = append(added, c)
			}
		}
		if len(added) > 0 {
			d.set("tags", tags)
			s.note(r, 0, Changed, "a post of %s/, which Jekyll put in the category of each folder above _posts (%s): tagged %s, medkb's topics (/tags/%s/ lists it)", dir, strings.Join(added, ", "), strings.Join(added, ", "), slugify(added[0]))
		}
	}
	if !d.dated && fileDate != "" {
		s.date(d, "date", entry{key: "date (from the file name)", value: fileDate})
		if _, ok := d.get("date"); ok {
			d.dated = true
			if shortYear != "" {
				s.note(r, 0, Changed, "the year %s of the file name is %s, as Jekyll reads a year of two digits (69–99 are 1969–1999, 00–68 are 2000–2068): dated %s", shortYear, fileDate[:4], fileDate)
			}
		}
	}
	if _, ok := d.get("title"); !ok {
		if t, ok := s.jekyllShownTitle(d, entries); ok {
			// The old site's heading was another key's (page_title:):
			// the page's title, not its file name.
			d.fields = append([]field{{"title", t.value}}, d.fields...)
			s.note(r, t.line, Changed, "no title:, and the old site showed %s: as the page's heading (%s): titled %q from %s:%s", t.key, t.where, t.value, t.key, t.dropped)
		} else {
			// Jekyll titles an untitled post after its file name.
			d.fields = append([]field{{"title", titleCase(base)}}, d.fields...)
			s.note(r, 1, Changed, "no title: titled %q after the file name, as Jekyll does", titleCase(base))
		}
	}
	// Jekyll reads a file of _posts only when its name is
	// YYYY-MM-DD-title.EXT (PostReader#read_posts,
	// Document::DATE_FILENAME_MATCHER), and leaves out one that is not
	// valid UTF-8 (PostReader#read_publishable, String#valid_encoding?):
	// it never published such a post, at any address.
	var why, how []string
	if undatedName {
		why = append(why, "its file name does not start with the post's date: Jekyll reads a file of _posts/ only when it is named YEAR-MONTH-DAY-title."+strings.TrimPrefix(path.Ext(r), ".")+" (a year of two to four digits)")
		how = append(how, "rename it YYYY-MM-DD-"+path.Base(r)+" in the old site and import again, or remove draft: true here (and give it date: if it has none)")
	}
	if enc != nil && inPosts && enc.decoded && enc.site {
		// Jekyll read the post in the site's encoding, where it is valid.
		s.encoded++
	} else if enc != nil && inPosts {
		if enc.decoded {
			why = append(why, fmt.Sprintf("the file is not UTF-8 (from line %d), and Jekyll leaves out a post that is not valid UTF-8; its text is read as Windows-1252, the encoding Windows editors save text in, and written in UTF-8", enc.line))
			how = append(how, "check its quotation marks, dashes and accented letters and remove draft: true")
		} else {
			why = append(why, fmt.Sprintf("%s (line %d), and Jekyll leaves out a post that is not valid UTF-8; it is imported as it is, and medkb check leaves it out until it is UTF-8", enc.problem(), enc.line))
			how = append(how, "open it in an editor, choose the encoding it was written in, save it as UTF-8 and remove draft: true")
		}
	}
	if len(why) > 0 {
		s.jekyllUnreadPost(d, r, strings.Join(why, "; and "), "to publish it, "+strings.Join(how, "; and "))
		return nil
	}
	raw := ""
	for _, e := range entries {
		if e.key == "url" || e.key == "permalink" {
			raw = str(e.value)
		}
	}
	old := "" // the address Jekyll gave the page, when a list in a string (listStrings) moves it
	if d.url == "" && col != nil {
		// A document without its own address is where its permalink:
		// pattern, or else its collection's, put it.
		tmpl := firstNonEmpty(col.permalink, jekyllCollectionPermalink)
		if pattern != nil {
			tmpl = permalink
		}
		var undated bool
		raw, undated = col.docURL(tmpl, r, entries)
		d.url = normURL(raw)
		d.set("url", d.url)
		if undated {
			s.note(r, 0, Human, "permalink: %s has a date, and the document has no date:, so Jekyll filled it with the time of each build (its address changed with every build): it is at %s; give it date: and an address of your choosing (url:) if readers knew another", tmpl, d.url)
		}
	}
	if d.url == "" && pattern != nil && !inPosts && !inDrafts {
		raw = jekyllPagePermalink(permalink, r)
		d.url = normURL(raw)
		d.set("url", d.url)
	}
	if pattern != nil && pattern.def == nil {
		s.note(r, pattern.line, Changed, "permalink: %s is a pattern: the page is at %s, where Jekyll made it", str(pattern.value), normURL(firstNonEmpty(raw, s.jekyllURL(d, r, entries, permalink, fileDate, inPosts || inDrafts))))
	}
	if d.url == "" {
		raw = s.jekyllURL(d, r, entries, permalink, fileDate, inPosts || inDrafts)
		d.jekyllPost = inPosts || inDrafts
		d.url = normURL(raw)
		d.set("url", d.url)
		if asWritten != nil && !d.draft {
			if o := s.jekyllURL(d, r, asWritten, permalink, fileDate, inPosts || inDrafts); normURL(o) != d.url {
				old = s.served(jekyllEscapePath(path.Clean("/" + o)))
			}
		}
	}
	if asWritten != nil {
		s.noteListStrings(d, asWritten, entries, old)
	}
	d.relBase = linkBase(raw)
	if u := path.Clean("/" + raw); path.Ext(u) == ".html" && path.Base(u) != "index.html" && !strings.Contains(u, ":") {
		d.oldHTML = u
	}
	if d.lang == "" {
		// Jekyll sites often keep a language in a folder (_posts/articles/es/).
		for _, part := range strings.Split(dir, "/") {
			if len(part) == 2 && part != "." && part != s.defaultLang && isLangCode(part) {
				d.lang = part
				s.addLang(part)
			}
		}
	}
	if d.lang != "" && !strings.HasPrefix(d.url, "/"+d.lang+"/") {
		// medkb publishes a page in es under /es/ (and reads its url:
		// from there): one Jekyll served elsewhere moves in.
		d.outsideLang = path.Clean("/" + raw)
		d.url = normURL("/" + d.lang + d.url)
		d.set("url", d.url)
	}
	if !inPosts && !inDrafts && s.notFoundPage(d, entries, body) {
		// Its keys (layout:, a title from its file name) are not
		// imported: its note says so once.
		s.report.Notes = slices.Delete(s.report.Notes, keyNotes, len(s.report.Notes)-1) // all but its own, the last
		return nil
	}
	if loc, tag := jekyllTagPage(entries, path.Base(r), body); loc != nil && d.section != "" && !inPosts && !inDrafts {
		d.listLine = strings.Count(body[:loc[0]], "\n")
		d.listTag = body[loc[0]:loc[1]]
		d.listCategory = tag
		d.tagPage = true
		s.unParams(d) // tagName:, sidebar:…: its note says the page is not imported
		s.listings = append(s.listings, d)
		return nil
	}
	if loc, category := categoryList(body); loc != nil && d.section != "" {
		if postListLoc(body) == nil { // one that lists every post too stays a list of the posts (/posts/)
			d.listLine = strings.Count(body[:loc[0]], "\n")
			d.listTag = body[loc[0]:loc[1]] + " %}"
			d.listCategory = category
			s.listings = append(s.listings, d)
			return nil
		}
	}
	if loc := postListLoc(body); loc != nil {
		d.listLine = strings.Count(body[:loc[0]], "\n")
		d.listTag = body[loc[0]:loc[1]] + " %}"
		if d.section != "" {
			s.listings = append(s.listings, d)
			return nil
		}
		// The home page: medkb's lists the newest articles itself.
		if text := liquidPageText(body); text != "" {
			s.note(r, bodyLine+d.listLine, Human, "the home page lists the site's posts with a Liquid loop (%s), as medkb's home page does itself: its title is imported, its body is not, and that drops its own text (%s): write what readers should still find in content/_index.md", d.listTag, text)
		} else {
			s.note(r, bodyLine+d.listLine, Changed, "the home page lists the site's posts with a Liquid loop (%s), as medkb's home page does itself: its title is imported, its body (the list and its markup, no text of its own) is not", d.listTag)
		}
		d.body = ""
		s.listPageFields(d, entries, true)
		s.home = d
		return nil
	}
	if d.oldHTML != "" && d.outsideLang == "" {
		// medkb publishes the page at d.url (/…/setup/); the address the
		// old site served, and the web and its own links know, redirects.
		// One at a page medkb makes itself (search.md's /search.html) is left
		// out with generatedAliases' note instead.
		s.addAlias(d, d.oldHTML)
		if generatedPage(d.oldHTML) == "" {
			s.note(r, 0, Changed, "the old address %s is now %s: %s redirects there (aliases:)", d.oldHTML, d.url, d.oldHTML)
		}
	}
	d.html = isHTML
	s.convertBody(d, Jekyll)
	if isHTML {
		d.body = htmlBody(d.body)
		d.hasRaw = true
	}
	if d.section != "" && !d.draft && d.url == s.langPrefix(d)+"/" && s.homeOf(d.lang) == nil {
		// A post or page whose permalink: is / (HealthCare.gov's
		// _posts/0001-01-01-home.md, layout: home) was the old site's
		// home page; as an article it would be a second page at /.
		s.note(r, 0, Changed, "served at %s, the address of the home page: imported as the home page, content/%s, its text and the front matter a home page has kept (each other key noted)", d.url, homeFile(d.lang))
		s.listPageFields(d, entries, true)
		s.setHome(d)
		return nil
	}
	if d.section == "" {
		s.listPageFields(d, entries, true)
		s.home = d
		return nil
	}
	s.docs = append(s.docs, d)
	return nil
}

// homeOf is the home page of language lang ("": the default) read so
// far, nil for none.
func (s *site) homeOf(lang string) *doc {
	if lang == "" {
		return s.home
	}
	return s.langHomes[lang]
}

// homeFile is the file of language lang's home page in content/.
func homeFile(lang string) string {
	if lang == "" {
		return "_index.md"
	}
	return "_index." + lang + ".md"
}

// jekyllUnreadPost imports d, a file of _posts that Jekyll did not read
// as a post (why), as a draft at the address its file gives it in
// medkb, with a note saying why and how to publish it (how). The old
// site served no address for it: it keeps none (no url:, no alias),
// and its links are read from its new address.
func (s *site) jekyllUnreadPost(d *doc, r, why, how string) {
	d.draft = true
	d.unset("url")
	d.url = "/" + d.section + "/" + d.slug + "/"
	s.convertBody(d, Jekyll)
	s.docs = append(s.docs, d)
	s.noteNamed(func() {
		s.note(r, 0, Human, "not published by Jekyll: %s; imported as the draft %s (at %s), so medkb does not publish it either; %s", why, d.file(), d.url, how)
	})
}

var htmlTagRe = lazyRE(`<!--[\s\S]*?-->|<[^>]*>`)

// liquidPageText returns the first words of the text of a Jekyll page's body that
// are neither template syntax nor markup ("" for none), to quote in a
// note when the body is not imported: the words a reader saw besides
// what the template filled in.
func liquidPageText(body string) string {
	// A loop's own words ({{ post.title }}) are the posts', not the
	// page's: each tag and expression goes, and the words between them.
	t := liquidRe.ReplaceAllString(body, " ")
	t = htmlTagRe.ReplaceAllString(t, " ")
	t = strings.Join(strings.Fields(t), " ")
	if r := []rune(t); len(r) > 60 {
		t = string(r[:60]) + "…"
	}
	if t != "" {
		t = strconv.Quote(t)
	}
	return t
}

// notUTF8 says how toUTF8 read a file that is not UTF-8.
type notUTF8 struct {
	line    int  // the line of the first byte that is not UTF-8, or that does not decode
	decoded bool // read as Windows-1252 (or the site's encoding); else left as it is
	// site: read as the Jekyll site's encoding: (siteEncoding), not
	// guessed.
	site bool
	as   string // the encoding's name when site
}

func (e *notUTF8) problem() string {
	if e.site {
		return "the file is neither UTF-8 nor " + e.as + ", the site's encoding (_config.yml's encoding:): it has bytes that are no character there"
	}
	return "the file is neither UTF-8 nor Windows-1252 (it has bytes Windows-1252 does not define)"
}

// siteEncoding is a Jekyll site's encoding: (Ruby's name, "bom|" before
// it or not) as the encoding a browser reads by that name: ISO-8859-1 is
// Windows-1252, as browsers read it. nil, "" for UTF-8 or none; ok false
// for a name no browser knows.
func siteEncoding(name string) (enc encoding.Encoding, canonical string, ok bool) {
	name = strings.TrimSpace(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(name)), "bom|"))
	if name == "" {
		return nil, "", true
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, "", false
	}
	canonical, _ = htmlindex.Name(e)
	if canonical == "utf-8" {
		return nil, "", true
	}
	return e, canonical, true
}

// toUTF8 returns data as UTF-8, and nil when it was. A file that is not
// is most often text a Windows editor saved in Windows-1252 (curly
// quotation marks as single bytes 0x91–0x94): it is decoded as that when
// every byte is a character there; else data is returned as it is.
func toUTF8(data []byte) ([]byte, *notUTF8) {
	return toUTF8As(data, nil, "")
}

// toUTF8As is toUTF8 with the site's encoding enc (named name) in place
// of the Windows-1252 guess; nil enc: the guess. The line of a file
// that does not decode is that of the first byte that is no character
// of enc.
func toUTF8As(data []byte, enc encoding.Encoding, name string) ([]byte, *notUTF8) {
	if utf8.Valid(data) {
		return data, nil
	}
	if enc != nil {
		e := &notUTF8{line: 1, site: true, as: name}
		dec, err := enc.NewDecoder().Bytes(data)
		if i := bytes.IndexRune(dec, utf8.RuneError); err != nil || i >= 0 {
			if i > 0 {
				e.line = 1 + bytes.Count(dec[:i], []byte("\n"))
			}
			return data, e
		}
		e.decoded = true
		return dec, e
	}
	bad := 0
	for rest := data; len(rest) > 0; {
		c, n := utf8.DecodeRune(rest)
		if c == utf8.RuneError && n == 1 {
			break
		}
		bad += n
		rest = rest[n:]
	}
	e := &notUTF8{line: 1 + bytes.Count(data[:bad], []byte("\n"))}
	dec, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(dec, utf8.RuneError) {
		return data, e // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are no character in Windows-1252
	}
	e.decoded = true
	return dec, e
}

// noteNotUTF8 notes how toUTF8 read the content file r (a Jekyll page
// or any Hugo page; a Jekyll post's note is jekyllUnreadPost's), nothing
// when it was UTF-8 (enc nil).
func (s *site) noteNotUTF8(r string, enc *notUTF8) {
	switch {
	case enc == nil:
	case enc.decoded && enc.site:
		s.encoded++ // one note on _config.yml counts them
	case enc.decoded:
		s.note(r, enc.line, Changed, "the file is not UTF-8 (from this line): read as Windows-1252, the encoding Windows editors save text in, and written in UTF-8; check its quotation marks, dashes and accented letters")
	default:
		s.note(r, enc.line, Human, "%s: imported as it is, and medkb check leaves the page out until it is UTF-8: open it in an editor, choose the encoding it was written in and save it as UTF-8", enc.problem())
	}
}

// sectionFolder is the first of the folders parts that is not a
// language's (the es of _posts/es/ or es/blog/, where a site keeps its
// Spanish pages, which medkb puts under /es/ itself: a section es would
// be a second page at /es/, the Spanish home page's address), "" for
// none.
func (s *site) sectionFolder(parts []string) string {
	for _, p := range parts {
		if p != "" && p != "." && (len(p) != 2 || p == s.defaultLang || !isLangCode(p)) {
			return p
		}
	}
	return ""
}

func isLangCode(s string) bool {
	switch s {
	case "es", "fr", "de", "it", "pt", "zh", "ar", "ru", "ja", "ko", "vi", "tl", "hi", "ur", "pl", "nl", "ht", "so", "fa", "bn", "pa", "gu", "ta", "tr", "uk", "el", "he", "cy", "ga":
		return true
	}
	return false
}

// jekyllPermalink expands Jekyll's built-in permalink styles.
func jekyllPermalink(p string) string {
	switch p {
	case "", "date":
		return "/:categories/:year/:month/:day/:title:output_ext"
	case "pretty":
		return "/:categories/:year/:month/:day/:title/"
	case "ordinal":
		return "/:categories/:year/:y_day/:title:output_ext"
	case "none":
		return "/:categories/:title:output_ext"
	}
	return p
}

// jekyllURL is the address Jekyll gave the page, as Jekyll wrote it
// (/about.html, /2022/06/12/inhaler.html, /inhaler, /inhaler/): a page
// is /:path/ when the site's permalink style ends in a slash, else
// /:path.html (Jekyll's Page#template); a post follows the style.
func (s *site) jekyllURL(d *doc, r string, entries []entry, permalink, fileDate string, post bool) string {
	if !post {
		u := strings.TrimSuffix(r, path.Ext(r))
		if path.Base(u) == "index" { // dir/index.html is served at /dir/
			return normURL("/" + path.Dir(u))
		}
		if strings.HasSuffix(permalink, "/") {
			return "/" + u + "/"
		}
		return "/" + u + ".html"
	}
	// :categories are the post's categories in lower case (Jekyll's
	// UrlDrop#categories); :title is its slug: or the file name after
	// the date, in Jekyll's "pretty" slug, which keeps case, _ and .
	// (2021-01-12-tables_with_gt.md was /2021/01/12/tables_with_gt.html);
	// :slug is the same in Jekyll's default slug.
	var cats []string
	title := strings.TrimSuffix(path.Base(r), path.Ext(r))
	if m := postNameRe.FindStringSubmatch(title); m != nil {
		title = m[4]
	}
	for _, e := range entries {
		switch e.key {
		case "categories", "category":
			list := stringsOf(e.value)
			if one, ok := e.value.(string); ok && e.key == "category" {
				// The singular is one category, spaces and all
				// (Utils.pluralized_array_from_hash): category: Child
				// Health is the folder "child health", not two.
				list = []string{strings.TrimSpace(one)}
			} else if ok {
				// The plural is split at spaces (Document#merge_categories!):
				// "news, health" is "news," and "health".
				list = strings.Fields(one)
			}
			for _, c := range list {
				if c = strings.ToLower(c); c != "" && !slices.Contains(cats, c) {
					cats = append(cats, c)
				}
			}
		case "slug":
			if v := str(e.value); v != "" {
				title = v
			}
		}
	}
	// The folders above _posts are categories too, after those of the
	// front matter (Jekyll's Document#merge_categories!: front matter |
	// path).
	for _, c := range d.folderCategories {
		if c = strings.ToLower(c); !slices.Contains(cats, c) {
			cats = append(cats, c)
		}
	}
	slug := slugify(title) // :slug is Jekyll's default slug: lower case, only letters and digits
	title = jekyllPrettySlug(title)
	// Jekyll dates a post by its front matter's date when it has one,
	// else by its file name, and its address follows that date: a post
	// 2022-01-31-setup.md with date: 2022-01-28 was served at
	// /2022/01/28/setup.html.
	date := fileDate
	for _, e := range entries {
		if e.key == "date" {
			if m := leadingDateRe.FindString(strings.TrimSpace(str(e.value))); m != "" {
				date = m
			}
		}
	}
	y, m, day := "", "", ""
	if parts := strings.Split(date, "-"); len(parts) == 3 {
		y, m, day = parts[0], fmt.Sprintf("%02s", parts[1]), fmt.Sprintf("%02s", parts[2])
	}
	rep := strings.NewReplacer(":categories", strings.Join(cats, "/"), ":year", y, ":month", m, ":day", day,
		":i_month", strings.TrimLeft(m, "0"), ":i_day", strings.TrimLeft(day, "0"), ":title", title, ":slug", slug,
		":output_ext", ".html", ":y_day", "")
	return rep.Replace(permalink)
}

// addAlias adds the address a to d's aliases: once.
func (s *site) addAlias(d *doc, a string) {
	var aliases []string
	if v, ok := d.get("aliases"); ok {
		aliases, _ = v.([]string)
	}
	if !slices.Contains(aliases, a) {
		d.set("aliases", append(aliases, a))
	}
}

// jekyllPrettySlugRe is what Jekyll's "pretty" slug mode replaces with a
// hyphen (Utils::SLUGIFY_PRETTY_REGEXP).
var jekyllPrettySlugRe = lazyRE(`[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+`)

// jekyllPrettySlug is Jekyll's slugify(s, mode: "pretty", cased: true),
// which makes a post's :title.
func jekyllPrettySlug(s string) string {
	return strings.Trim(jekyllPrettySlugRe.ReplaceAllString(s, "-"), "-")
}

// linkBase is the folder a browser resolves relative links from on a
// page served at u ("" for none): u itself when it ends in a slash, else
// its parent (/inhaler and /about.html: /).
func linkBase(u string) string {
	if u == "" || strings.Contains(u, ":") {
		return ""
	}
	folder := strings.HasSuffix(u, "/")
	u = path.Clean("/" + u) // an empty :categories leaves //2022/…
	if folder {
		return strings.TrimSuffix(u, "/") + "/"
	}
	return strings.TrimSuffix(path.Dir(u), "/") + "/"
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// sectionPageFrom makes d, a page at the address of section sec, that
// section's page: its title, unless the section has a page already, and
// its old .html address as an alias.
func (s *site) sectionPageFrom(d *doc, sec string) {
	meta := s.sectionMeta[sectionLang{sec, ""}]
	if meta == nil {
		title, _ := d.get("title")
		meta = &doc{src: d.src, url: d.url, fields: []field{{"title", title}}}
		s.sectionMeta[sectionLang{sec, ""}] = meta
	}
	if d.oldHTML != "" {
		s.addAlias(meta, d.oldHTML)
	}
}

// jekyllExcluded reports whether Jekyll leaves out the file or folder r
// (slash-separated, from the site's root) by the configuration's
// exclude: patterns, as Jekyll's EntryFilter#glob_include? does: an
// entry is left out when its path starts with the pattern ("en/guide"
// leaves out en/guide.md and en/guide-in-app.md, not only a file of
// that exact name) or matches it as File.fnmatch? does, where * matches
// any text, / included; a pattern ending in / leaves out that folder and
// what is in it.
func jekyllExcluded(patterns []string, r string) bool {
	for _, p := range patterns {
		p = strings.TrimPrefix(p, "/")
		if p == "" {
			continue
		}
		if dir, ok := strings.CutSuffix(p, "/"); ok {
			if r == dir || strings.HasPrefix(r, p) {
				return true
			}
			continue
		}
		if strings.HasPrefix(r, p) || fnmatch(p, r) {
			return true
		}
	}
	return false
}

// fnmatch is Ruby's File.fnmatch?(pattern, name) without flags: * is
// any text (/ included), ? one character, [...] a class, \\ escapes.
func fnmatch(pattern, name string) bool {
	if !strings.ContainsAny(pattern, "*?[\\\\") {
		return pattern == name
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		case '[':
			j := strings.IndexByte(pattern[i:], ']')
			if j < 0 {
				b.WriteString(`\[`)
				continue
			}
			class := pattern[i+1 : i+j]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			b.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += j
		case '\\':
			if i+1 < len(pattern) {
				i++
				b.WriteString(regexp.QuoteMeta(pattern[i : i+1]))
			}
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	return err == nil && re.MatchString(name)
}

// isHTMLName reports whether the file name is an HTML page's.
func isHTMLName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// excludedPages adds to left the folder dir (abs, under source) that
// exclude: leaves out, with how many pages (Markdown or HTML files) it
// holds, when it holds any and is no folder Jekyll skips anyway (one
// whose name starts with _ or .), and returns that number.
func excludedPages(source, abs string, left *[]string) int {
	if strings.HasPrefix(filepath.Base(abs), "_") {
		return 0
	}
	n := countPages(abs)
	if n > 0 {
		*left = append(*left, fmt.Sprintf("%s/ (%d)", rel(source, abs), n))
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// jekyllCollection is a collection of the site's _config.yml.
type jekyllCollection struct {
	label     string
	output    bool   // Jekyll published its documents as pages
	permalink string // their addresses, "" for Jekyll's default
	dir       string // its folder in the site: collections_dir/_label
	line      int    // the line of its label in _config.yml, 0 for none
}

// datePlaceholderRe is a placeholder of a permalink: filled from the
// document's date.
var datePlaceholderRe = lazyRE(`:(?:year|short_year|month|i_month|day|i_day|y_day)\b`)

// jekyllCollectionPermalink is the address Jekyll gives a collection's
// documents when it has no permalink: (Collection#url_template).
const jekyllCollectionPermalink = "/:collection/:path:output_ext"

// collectionOf is the collection Jekyll published whose folder holds
// the file r (or, for r ending in /, is or holds the folder), nil for
// none.
func (s *site) collectionOf(r string) *jekyllCollection {
	for _, c := range s.jekyllCols {
		if strings.HasPrefix(r, c.dir+"/") {
			return c
		}
	}
	return nil
}

// placeholders fills the collection's address pattern tmpl for its file
// r as Jekyll's UrlDrop does: :collection its label, :path the file's
// path in the collection's folder without the extension (/sub/name),
// :name its file name in Jekyll's default slug, :title and :slug the
// front matter's slug: or else the file name, :categories the front
// matter's categories in lower case, the date's parts from date:, and
// :output_ext ext. undated reports a date placeholder left empty (Jekyll
// filled it with the build's time).
func (c *jekyllCollection) placeholders(tmpl, r string, entries []entry, ext string) (u string, undated bool) {
	cleaned := strings.TrimRight(strings.TrimSuffix(strings.TrimPrefix(r, c.dir), path.Ext(r)), ".")
	base := strings.TrimSuffix(path.Base(r), path.Ext(r))
	slug := base
	var cats []string
	date := ""
	for _, e := range entries {
		switch e.key {
		case "slug":
			if v := str(e.value); v != "" {
				slug = v
			}
		case "categories", "category":
			for _, cat := range stringsOf(e.value) {
				if cat = strings.ToLower(cat); cat != "" && !slices.Contains(cats, cat) {
					cats = append(cats, cat)
				}
			}
		case "date":
			date = leadingDateRe.FindString(strings.TrimSpace(str(e.value)))
		}
	}
	y, m, day := "", "", ""
	if parts := strings.Split(date, "-"); len(parts) == 3 {
		y, m, day = parts[0], fmt.Sprintf("%02s", parts[1]), fmt.Sprintf("%02s", parts[2])
	} else {
		undated = datePlaceholderRe.MatchString(tmpl)
	}
	short := ""
	if len(y) == 4 {
		short = y[2:]
	}
	rep := strings.NewReplacer(":collection", c.label, ":path", cleaned, ":name", slugify(base),
		":title", jekyllPrettySlug(slug), ":slug", slugify(slug), ":categories", strings.Join(cats, "/"),
		":short_year", short, ":year", y, ":month", m, ":day", day, ":i_month", strings.TrimLeft(m, "0"),
		":i_day", strings.TrimLeft(day, "0"), ":y_day", "", ":output_ext", ext)
	return rep.Replace(tmpl), undated
}

// docURL is the address Jekyll gave the collection's document r with
// front matter entries, from the pattern tmpl: raw, as Jekyll made it
// (/team/ada.html, /about/).
func (c *jekyllCollection) docURL(tmpl, r string, entries []entry) (raw string, undated bool) {
	u, undated := c.placeholders(tmpl, r, entries, ".html")
	raw = path.Clean("/" + u)
	if strings.HasSuffix(u, "/") && raw != "/" {
		raw += "/"
	}
	return raw, undated
}

// staticURL is the address Jekyll copied the collection's file r to, a
// file without front matter (StaticFile#url: the pattern with an empty
// :output_ext, less its last /, and the file's extension).
func (c *jekyllCollection) staticURL(r string) string {
	u, _ := c.placeholders(firstNonEmpty(c.permalink, jekyllCollectionPermalink), r, nil, "")
	return path.Clean("/"+strings.TrimSuffix(u, "/")) + path.Ext(r)
}

// jekyllCollections reads collections: (a list of labels, or a map of
// each label to its settings), in the order written for a list and by
// label for a map. posts is Jekyll's own collection, read as posts.
func jekyllCollections(cfg jekyllConfig, data []byte) []*jekyllCollection {
	var out []*jekyllCollection
	switch c := cfg.Collections.(type) {
	case []any:
		for _, l := range c {
			if label, ok := l.(string); ok && label != "posts" {
				out = append(out, &jekyllCollection{label: label})
			}
		}
	case map[string]any:
		for _, label := range slices.Sorted(maps.Keys(c)) {
			if label == "posts" {
				continue
			}
			col := &jekyllCollection{label: label}
			if m, ok := c[label].(map[string]any); ok {
				col.output, _ = m["output"].(bool)
				col.permalink, _ = m["permalink"].(string)
			}
			out = append(out, col)
		}
	}
	// Each label's line, for the notes.
	var root yaml.Node
	if yaml.Unmarshal(data, &root) == nil && len(root.Content) == 1 && root.Content[0].Kind == yaml.MappingNode {
		top := root.Content[0].Content
		for i := 0; i+1 < len(top); i += 2 {
			if top[i].Value != "collections" {
				continue
			}
			items := top[i+1].Content
			for j, n := range items {
				if top[i+1].Kind == yaml.MappingNode && j%2 == 1 {
					continue // a value
				}
				for _, c := range out {
					if c.label == n.Value && c.line == 0 {
						c.line = n.Line
					}
				}
			}
		}
	}
	return out
}

// countPages is how many Markdown or HTML files the folder abs holds,
// in it or below.
func countPages(abs string) int {
	n := 0
	_ = filepath.WalkDir(abs, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && (isMarkdown(e.Name()) || isHTMLName(e.Name())) {
			n++
		}
		return nil
	})
	return n
}

// staticIndex is the index.html (or index.htm) of the folder of dir that
// is the section folder f, when the old site served it as it was (it has
// no front matter), "" for none.
func (s *site) staticIndex(dir, f string) string {
	parts := strings.Split(dir, "/")
	i := slices.Index(parts, f)
	if i < 0 {
		return ""
	}
	for _, name := range []string{"index.html", "index.htm"} {
		r := path.Join(path.Join(parts[:i+1]...), name)
		data, err := os.ReadFile(filepath.Join(s.opts.Source, filepath.FromSlash(r)))
		if err == nil && !jekyllHasFrontMatter(data) {
			return r
		}
	}
	return ""
}
