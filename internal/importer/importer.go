// Package importer converts a Hugo or Jekyll site into a medkb site folder:
// configuration, content with its front matter in medkb's keys, images and
// files beside content, and the pieces of template syntax it can translate.
// It writes a new folder and never changes the source.
//
// Nothing is dropped quietly. Every change the importer makes and every
// piece it cannot translate is a Note with the source file and line; the
// command prints them as a summary of what changed and what needs a human.
// A page whose front matter does not parse does not stop the import: it
// is left out, copied as it was to import-failed/ (which no build reads),
// and named in a Failed note with the line and the fix; the command
// imports the rest and exits non-zero.
// Front matter keys medkb has no use for are kept under params: (so no
// information is lost and templates can still read them) and listed. A
// home or section page keeps the keys medkb gives such a page (title,
// summary, weight, url, aliases, lastmod, image, draft), and each other
// key mapMeta maps (dates, tags, authors, slug) is noted at its line; an
// author no imported article credits is left out of data/authors.yaml,
// noted where a page names them. A
// Hugo section whose page is a draft keeps it a draft and publishes its
// pages, as Hugo 0.123 and later do; its note names them, the list page
// medkb makes at the section's address, which Hugo did not, and what
// Hugo 0.65 to 0.122 did (the pages unpublished too).
// draft: and published: are read as the old generator read them, not as
// yaml.v3 decodes them (sourceBool): YAML 1.1's yes, on, no, off and a
// "true" or "1" in quotes are booleans to Hugo and Jekyll, words to
// medkb, and each is noted at its line; a value that is no boolean at
// all makes the page a draft, noted for a human.
// A Hugo page that Hugo made into a file that is no web page through
// its output formats (url: /index.json, a search index for a script;
// outputs: without HTML) is left out, its note saying what medkb writes
// instead (its search index, feeds and sitemap; static/).
//
// A Hugo site is read as Hugo reads it: the configuration from hugo.toml
// (or config.toml…) or the folder config/_default/; the content from the
// module mounts whose target is content, else each language's
// contentDir, else contentDir; pages Hugo does not render (headless,
// build.render: never, also by a section's cascade) are left out and
// named in one note. The static files from the mounts whose target is
// static, else static/ (or staticDir), and the data files from the
// mounts whose target is data, else data/ (or dataDir); a default folder
// the mounts replace, which Hugo did not read, is named in a note. The
// site's theme (theme:, a folder of themesDir) and each module import
// on disk (a folder of themesDir, or vendored in _vendor/ by hugo mod
// vendor) add their content/, data/ and static/, the site's own files
// winning at the same path, as in Hugo, with one note per module
// counting what came from it (its templates are not imported; its own
// configuration's module mounts and imports, not read, in a note); a theme
// or module Hugo fetched from its path is named with what to do, as the
// importer reads nothing from the network. A home page without a title
// (_index.md of front matter only) takes the site's, or its language's,
// as Hugo's home page did (.Site.Title), with a note.
//
// A Jekyll page takes the values of _config.yml's defaults: as Jekyll
// gave them (each item whose scope, a path prefix or pattern and a type,
// matches it; the more specific item winning; the page's own front
// matter over all), and each value is noted once at its line in
// _config.yml with what it came to (medkb's key, params:, dropped, or
// no page). A permalink: with placeholders (permalink: /news/:title/,
// the page's or a default's) is the page's pattern, as the site's is.
// With collections_dir: set, posts and drafts are read only from the
// _posts and _drafts folders inside it, as Jekyll reads them (their
// categories the folders between collections_dir and _posts); a _posts
// or _drafts folder elsewhere, which Jekyll never published, is left
// out with a note naming it and where to move it.
//
// What it translates:
//   - a Jekyll or Hugo content file that is not UTF-8 into UTF-8, read
//     as Windows-1252 when every byte is a character there (else kept as
//     it is for a person), with a note; such a Jekyll post is a draft,
//     as Jekyll left out a post that is not valid UTF-8; a Jekyll site
//     with encoding: in _config.yml has its files read in that encoding
//     (by the name browsers know it by: ISO-8859-1 is Windows-1252),
//     its posts published, with one note, and a file that is no text
//     there kept as it is with a note at the line;
//   - front matter in YAML, TOML or JSON, found where each generator finds
//     it: Hugo's after blank lines or a byte order mark too, Jekyll's only
//     when --- is the first line (a --- below a blank line stays body text,
//     as Jekyll shows it, with a note); Hugo's publishDate, expiryDate,
//     lastmod, author and categories and Jekyll's published, permalink,
//     lang, description, excerpt and categories (and category, one
//     whole) into medkb's keys (a categories:, category: or tags: that
//     is a string holding a list, "[\"glossary\"]", read as that list,
//     with a note: Jekyll read one category, brackets and all; a Hugo
//     tags: or categories: string holding a list or commas read as the
//     list, with a note, as Hugo read any string as one term, which
//     another string stays); a
//     Jekyll theme's picture (thumbnail, feature_image, header.teaser,
//     header.image) into image:, a bare file name in the folder the
//     site's templates showed it from where the file is (else kept under
//     params: with a note for a person); an images: list's first picture
//     into image:, the others named in a note for a person and kept under
//     params:; an image: (or images:) without
//     a leading / where the old site found it: a Hugo page bundle's
//     file at the bundle's new folder, else static/; a Jekyll layout's
//     folder in front of {{ page.image }}; else the site's root, and a
//     file none of them holds kept under params: with a note for a
//     person; dates in
//     every form Hugo and Jekyll accept, with Jekyll's file-name dates
//     (a year of two digits read as Jekyll reads it, 21 as 2021, with a
//     note; a file of _posts whose name has none, which Jekyll did not read,
//     comes in as a draft without an old address, with a note; a
//     collection's document is dated by its file name too, as Jekyll
//     dates it, and one with no date at all, which Jekyll dated by the
//     time of each build (site.time), is a draft with a note naming
//     the file and the fixes: date:, --map KEY=date, --undated-date);
//     placeholder years (0001) are treated as no date; a Hugo page's
//     date as Hugo took it, by the site's frontmatter.date (by default
//     date, publishDate, pubdate, published, lastmod, modified; also
//     :filename, with its slug, :fileModTime and :git), with a note
//     when it is not date:; its publish date, lastmod and expiry date
//     by frontmatter.publishDate, lastmod and expiryDate alike (the
//     first key of the order that has a date wins, not the one written
//     last; a note when a key of the site's own or another key's date
//     is left out); an expiry date becomes expires:, with a note
//     saying that medkb keeps an expired page at its address where Hugo
//     stopped publishing it (a person's to act on once it is past);
//     with Hugo's enableGitInfo, lastmod from the
//     file's last commit (in the order of frontmatter.lastmod) and a
//     date frontmatter.date does not give from its first, read with
//     one git log for the whole repository;
//   - page addresses: each page keeps its old URL (url:; a Hugo page's
//     slug: in place of its file name; a Jekyll post's as Jekyll made
//     it: its front matter's date, :title as written, categories in
//     lower case), an old address ending in .html redirecting to it
//     (aliases:; a Hugo alias without a leading / at the address Hugo
//     read it at, from the page's folder, with a note; one with a
//     leading / on a page of another language than the root's read
//     from that language's root, as Hugo 0.155 and later read it, or
//     left out when the site names an older Hugo (netlify.toml, a GitHub
//     workflow, .tool-versions), which served it from the server's root,
//     with a note; with no version named, a note names both), and
//     internal links are rewritten to the pages' medkb
//     addresses; a page of another language that the old site served
//     outside that language's folder moves under it (links follow), and
//     the web-server redirects from the old addresses, which medkb's
//     aliases (read under the language's folder) cannot make, are one
//     note for the language listing them all, or one note for a page
//     alone (none for a page Jekyll never published, published: false
//     or in _drafts/, whose note says so); links to pages that were not imported (also written
//     with the old site's address) point at the old site when its
//     address is known (a partial migration), and are listed, but not
//     under a Hugo section or a segment of a Jekyll post's address,
//     which are the site's own: there they are broken links;
//   - Hugo leaf bundles (name/index.md with its images) become a page and a
//     folder of files under static/ with the page's links rewritten;
//     nested sections are flattened into their top section with their
//     addresses kept; a nested section's list page with text of its own
//     becomes an article of the top section at its address, one without
//     (only a list of its pages) is left out with a note, and links to
//     it go to the top section;
//   - Jekyll's .html pages with front matter: a page whose body is its
//     HTML, kept as written but for what goldmark would read as Markdown
//     (indentation after a blank line; blank lines in <pre>), with
//     markup.unsafe on; a page that loops over the posts (also through a
//     variable assigned them, sorted or filtered) becomes an alias
//     of medkb's /posts/, where {% link %} to it goes (at the address of
//     an imported section's page, that page, with its title, its text
//     left for a person); one that loops over the posts of a category
//     (site.categories.news) or over the categories (or the tags,
//     site.tags) goes to medkb's
//     topic page (/tags/news/, /tags/), its old address with the web
//     server's redirect in a note (at its section's address, news/ of
//     news/_posts/, the section's page, where links to it stay when the
//     section holds every post of the category, with no redirect); so
//     does a tag page of the documentation theme (tag_fhir.md, only
//     {% include taglogic.html %}: /tags/fhir/); a folder's index page (news/index.md, at
//     /news/) is the section's page, content/news/_index.md, its text
//     and front matter kept as a section's page keeps them (alone in its
//     folder, an article of pages at its address; unpublished, a draft
//     beside the section), with a note; the not-found page (404.md or
//     404.html at /404.html) is not a page: its words and title become
//     medkb's not-found page's (notfound.text and kind.404 in
//     i18n/LANG.yaml), its other links named in a note (a Hugo site's
//     content/404.md too), and links to it (also {% link 404.md %}, a
//     Hugo ref, /404/) go to medkb's, /404.html; feed templates (and jekyll-feed)
//     are named with
//     the redirect a web server needs to keep their subscribers, medkb's
//     aliases leading to pages only; other templates are named; a
//     Hugo site kept in a folder of a Jekyll site (its layouts/ of Go
//     templates beside content/) has its templates and the pages Jekyll
//     read no front matter in left out, with one note for the folder;
//   - Hugo shortcodes figure, ref and relref (found as Hugo finds them:
//     sections, home, relative paths, names, languages; an anchor
//     inside the ref and another after it: the one after kept, with a
//     note; one that names no page keeps an address the link check
//     reports, with a note);
//     Jekyll's {% link %} (to the home page, index.md, as /) and
//     {% post_url %} (an anchor after the tag
//     or in its argument kept once; one that names no page keeps an
//     address the link check reports), {{ site.baseurl }}, {{ site.url }}
//     and a quoted address through relative_url or absolute_url (and,
//     for a site served under a path, a link with the path written in,
//     whole or from the host's root: a site-rooted link, with a note;
//     base_url keeps the path, and the redirects the notes suggest name
//     the addresses the host serves, path and all),
//     {% highlight LANG %} as a fenced code block (its
//     options named), {% raw %} text kept as written, the text of a
//     {% capture NAME %} written where {{ NAME }} shows it (with
//     markdownify or strip too; a capture nothing shows kept where it
//     is, with a note), a {% comment %} as an HTML comment (kept for
//     editors, shown to no reader, as Jekyll showed it); kramdown
//     attribute lists are removed; an HTML element whose content kramdown
//     read as Markdown blocks (<div markdown="1">) written so goldmark
//     does too (blank lines around its content, the attribute dropped),
//     one whose content it read as a paragraph's text (<p markdown="1">)
//     kept with a note; PHP Markdown Extra abbreviations
//     (*[COPD]: ...) become glossary entries. Other template tags are
//     replaced by an HTML comment and reported at their line; inside an
//     HTML attribute's value or a link's address, where a comment is
//     text, they are removed and reported.
//
// The package reads the source, writes the destination and runs git
// (one git log, for enableGitInfo); it never changes the source. Of
// medkb's packages it imports assemble (FileType: a url: naming a file,
// which medkb refuses for a page), frontmatter (its date forms), config (the
// menu entries it writes to medkb.yaml), check (HostLike and
// EmailLike, for links that start with a host name or are an e-mail
// address), check/phi (the phone numbers and
// e-mail addresses it lists under identifiers.allow) and yamlsyntax (an
// old page's YAML mistakes in a writer's words, and what its YAML reads
// but not as meant), and no other.
// It is not safe to run twice on the same destination at once.
package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Tools the importer reads.
const (
	Hugo   = "hugo"
	Jekyll = "jekyll"
)

// Options configure Run.
type Options struct {
	From   string // Hugo or Jekyll
	Source string // the other tool's site folder
	Dest   string // the new medkb site folder; must not exist or be empty
	// UndatedDate is given to articles with no date (or a placeholder
	// date such as 0001-01-01), as YYYY-MM-DD. Empty: such articles are
	// imported as drafts and listed, since a date cannot be guessed.
	UndatedDate string
	// Audience is written to every article ("patient" by default).
	Audience string
	// KeyMap renames the other tool's own front matter keys to medkb's
	// before mapping (e.g. "meta-description" → "description").
	KeyMap map[string]string
}

// Severity of a Note.
const (
	Changed = "changed" // translated automatically; worth a look
	Human   = "human"   // could not be translated; needs a person
	// Failed: a page that could not be read (its front matter does
	// not parse), left out of the import while the rest of the site
	// comes in; the command exits non-zero when there is one.
	Failed = "failed"
)

// Note is one thing the importer did or could not do, with its place in
// the source site.
type Note struct {
	File     string // slash-separated, relative to the source folder
	Line     int    // 0 when it concerns the whole file
	Severity string
	Message  string
}

func (n Note) String() string {
	pos := n.File
	if n.Line > 0 {
		pos += fmt.Sprintf(":%d", n.Line)
	}
	return pos + ": " + n.Severity + ": " + n.Message
}

// Report is what Run did.
type Report struct {
	Pages, Drafts, Files int // content pages written, of which drafts; other files copied
	// Undated are the drafts that are drafts for want of a date alone
	// (no date, or a placeholder, and no --undated-date): a date given
	// again at import publishes them.
	Undated int
	Notes   []Note
}

// Count returns the number of notes of a severity.
func (r *Report) Count(severity string) int {
	n := 0
	for _, x := range r.Notes {
		if x.Severity == severity {
			n++
		}
	}
	return n
}

// Run converts opts.Source into a medkb site at opts.Dest.
func Run(opts Options) (*Report, error) {
	if opts.Audience == "" {
		opts.Audience = "patient"
	}
	if err := checkDest(opts.Dest); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(opts.Source); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("import: %s is not a folder", opts.Source)
	}
	var s *site
	var err error
	switch opts.From {
	case Hugo:
		s, err = readHugo(opts)
	case Jekyll:
		s, err = readJekyll(opts)
	default:
		return nil, fmt.Errorf("import: unknown tool %q; medkb imports %s and %s sites", opts.From, Hugo, Jekyll)
	}
	if err != nil {
		return nil, err
	}
	s.resolve()
	if err := s.write(opts.Dest); err != nil {
		return nil, err
	}
	sort.SliceStable(s.report.Notes, func(i, j int) bool {
		a, b := s.report.Notes[i], s.report.Notes[j]
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return &s.report, nil
}

// checkDest refuses a destination that exists and is not empty: the
// importer never overwrites a site.
func checkDest(dest string) error {
	if dest == "" {
		return errors.New("import: no destination folder given")
	}
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("import: %s is not empty; choose a new folder (the importer never overwrites a site)", dest)
	}
	return nil
}

// rel returns path relative to root, slash-separated.
func rel(root, path string) string {
	r, err := filepath.Rel(root, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

// isMarkdown reports whether name is a Markdown file.
func isMarkdown(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}
