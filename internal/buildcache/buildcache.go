// Package buildcache keeps what one build can reuse from the builds before
// it, in a site's cache folder (.medkb/cache): rendered Markdown and parsed
// front matter by the hash of their inputs (markdown.bin with its body
// files, Markdowns; frontmatter.bin),
// the hash of every input file by its size, time and inode (inputs.bin), and
// the gob files a build saves for the next (Save, Load).
//
// The contract: an entry is a pure function of its key — a hit is exactly
// what redoing the work would give — so the cache only ever saves time.
// Failing to load or save costs speed, never correctness: a damaged,
// missing or older file (another Version) is ignored and rewritten. Files
// are replaced by renaming a complete new file over the old one (or
// appended to, see Log), so a build killed midway leaves a readable cache.
// It knows nothing of pages beyond the values it stores; what a key covers
// is the caller's business (package site hashes a body with everything its
// rendering depends on).
//
// A Log is safe for concurrent Get and Put; Load and Save are called once
// per build, around them. HashInputs may run beside other builds' reads but
// not beside another HashInputs on the same cache folder.
package buildcache

import (
	"bufio"
	"encoding/gob"
	"io"
	"os"
	"path/filepath"

	"github.com/medkb/medkb/internal/check/phi"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
)

// Version changes whenever rendering or the cache formats change,
// invalidating every older cache; it is part of the build's key too.
const Version = "md-55" // md-55: a kramdown attribute list ({: .class}) in the text reported (RuleShortcode); md-54: an empty bold around a space (** **) reported (RuleEmphasis), and the hint of a bold whose closing mark follows a space names that space; md-53: a raw <img alt=" "> (only white space) not decorative, its alt kept as written (Image.Alt) for the alt-text check; md-52: a tag in a paragraph's text cut by a blank line reported at its "<"; md-51: warnings about a raw tag and its attributes (an attribute or element removed, an image from another host, an end tag closing nothing, an element never closed) at the tag's line and column, not its HTML block's first; md-50: a raw HTML tag cut by a blank line reported at its "<"; md-49: a raw <img alt=""> recorded as decorative (Image.Decorative), which needs no alt text; md-48: entries keyed by the 32 bytes of a SHA-256 (Key), not its hex; md-47: a raw HTML id that a heading (or a callout, citation or glossary term) of the page has reported; md-46: a raw HTML id (or <a name>) that an element before it on the page has reported, at its tag; md-45: a raw HTML end tag whose element was opened in a list item or quote that ended before it reported, and the body balanced; md-44: a raw <img> or <a> recorded at its own line, not its HTML block's first; md-43: text directly in a raw HTML <ul>/<ol> reported, and a </p> a block already ended (new warnings; such a body is balanced); a raw <input> other than a checkbox removed and reported; md-42: a draft's own errors (front matter the schema refuses or YAML that does not parse, an unknown author id, an invalid url: or slug:, a bad reference, a second block, a "?" in its name) warnings while drafts are left out, a published translation of a draft original a warning; md-41: the warnings of what a build with drafts would stop on (drafts claimed and grouped in the one assembly; a draft's feed id and static file clashes), which a patch keeps from the saved state; md-40: no autolink inside a raw <a>; md-39: a page's url: with a dot (/releases/4.9.0) published as a folder, not a file; md-38: raw HTML lists checked (an element other than <li> directly in <ul>/<ol>, an <li> outside a list); md-37: the control-char rule (C0 and C1 controls, DEL); md-36: a raw HTML <table> in the scrolling region Markdown tables get; md-35: a raw HTML <img>'s srcset images recorded as links; md-34: an unknown reference key's hint names the key it is a typo of; md-33: code blocks in the tab order (tabindex on <pre>, raw HTML too); md-32: HTML indented after a blank line; md-31: the capitals rule; md-30: Link.Written, a Markdown file link as written; md-29: raw HTML links to Markdown files lead to their pages; md-28: a PMID written "PMID: 123"; md-27: the link-text rule and empty headings; md-26: links to Markdown files lead to their pages (Linked, LinkKey); md-25: the placeholder rule; md-24: lists running on as text; md-23: the list-numbers rule; md-22: the code-fence rule; md-21: the emphasis and indented-code rules; md-20: text read as a tag named (notHTML); md-19: h1s in the text and setext headings by accident; md-18: the heading-syntax rule; md-17: the table rule; md-16: the link-syntax rule; md-15: an unclosed HTML comment block reported and taken out of the document; md-14: bodies in files of their own (Markdowns), the automatic summary with the rest; md-13: footnote and shortcode rules (RuleFootnote, RuleShortcode); md-12: a body's key hashed in one call (Context.AppendKey); md-11: block content lifted out of unclosed phrasing elements in raw HTML; md-10: image sizes, variants and figures; md-9: emergency callouts lifted out of the body, glossary toggletips, tel: links to the emergency number; md-6: rule ids, tel: links, mailto: autolinks

// frontMatterVersion changes with the front matter format and parsing.
const frontMatterVersion = "fm-17" // fm-17: a content file that is not UTF-8 reported at the byte's line and column with its likely Windows-1252 character (yamlsyntax.TextEncoding), a NUL at its column; fm-16: entries keyed by the 32 bytes of a SHA-256 (Key), MetaKey too, not their hex; fm-15: control characters in values found (page.Meta.Controls; a raw one YAML refuses read as written), so a cached entry of such a file is never hit; fm-14: draft: read as yaml.v3 decodes it everywhere (True, TRUE; yes, on refused and still a draft), the schema explaining YAML 1.1 words and quoted true; fm-13: every key written twice reported, tags and anchors that drop text (yamlsyntax.Check); fm-12: an invalid YAML second block reported by its first key; fm-11: the second block read by the YAML and TOML parsers; fm-10: a TOML second block, SecondBlock.Delim; fm-9: Meta.SecondBlock; fm-8: Meta.TagsText; fm-7: the identifier scan; fm-6: the front matter key; fm-5: check levels; fm-4: emergency; fm-3: front matter is validated against its schema

// Versions names every format and rule this package's caches are keyed
// with: the Markdown cache's Version, the front matter cache's version and
// the identifier scanner's (phi.Version), which it keeps with the front
// matter. A build's key (buildstate.Key) holds it, so that a medkb whose
// parsing or rendering changed never takes the last build's output, or its
// diagnostics, as "nothing changed", even when its version string is the
// same (a development build without version control information, or a
// changed working tree of the same revision).
func Versions() string {
	return Version + " " + frontMatterKey()
}

// Key is what the caches key their entries by: a SHA-256 (source.Sum), 32
// bytes held inline in the maps and values that hold it, written as such
// in the cache files; hex only where a person reads it (Key.String).
type Key = source.Sum

// Markdown is a cached Markdown rendering.
type Markdown struct {
	HTML        string // a string, so pages share it without a copy
	Emergency   string // the EMERGENCY callouts lifted out of HTML
	TOC         []page.Heading
	Links       []page.Link
	Images      []page.Image
	Cited       []string
	Plain       string
	Glossary    []string // the glossary terms the HTML links
	Diagnostics []diag.Diagnostic
	// Sized lists the image destinations the rendering looked up (sizes
	// and variants), and ImageKey hashes what it was told: an entry is
	// reused only while the same look-ups give the same key.
	Sized    []string
	ImageKey string
	// Linked lists the Markdown files the rendering's links named
	// (markdown.Context.Pages: "asthma.md"), and LinkKey hashes the page
	// addresses it was told: an entry is reused only while the same
	// look-ups give the same key, so a link never keeps the address of a
	// page that moved.
	Linked  []string
	LinkKey string
	// Summary is the automatic summary of the plain text (a page without
	// one of its own shows it), kept with what every build reads so that
	// no build reads a body for it.
	Summary string

	body bodyAt // where the body lies (Markdowns)
}

// FrontMatter is one parsed content file; its body is the file's bytes from
// Skip on (only files whose body is such a suffix are cached).
type FrontMatter struct {
	Meta     page.Meta
	BodyLine int
	Skip     int // the body's offset in the file
	MetaKey  Key // source.FrontMatterKey of the file
	// Identifiers are phi.Scan's findings in the file's bytes, made when
	// Parse read them: the identifier check takes them from here, so a
	// build need not read every file a third time (after parsing, and
	// rendering its body) only to scan it, and a build that finds the
	// file cached scans nothing. The scan depends on the bytes alone;
	// what the site allows (identifiers: allow:) applies after.
	Identifiers []phi.Finding
}

// Cacheable reports whether front matter m can be cached whole: params (any
// YAML value) are not kept, nor warnings about its YAML or control
// characters in its values (rare: such a page is parsed again each build).
func Cacheable(m *page.Meta) bool {
	return m.Params == nil && m.YAMLWarnings == nil && m.Controls == nil
}

// Parse returns the front matter (with its body line, the body's offset
// and the identifier scan: see FrontMatter) and the body of a content
// file whose whole bytes (data) hash to key: from l when it holds key (a
// hit is exactly what parsing and scanning give), else from parse and
// phi.Scan, whose result goes into l when it can be — the meta Cacheable
// and the body data's tail (not a normalised copy). A nil l only parses.
func Parse(l *Log[*FrontMatter], key Key, data []byte, parse func() (page.Meta, []byte, int, error)) (FrontMatter, []byte, error) {
	if l != nil {
		if e, ok := l.Get(key); ok && e.Skip <= len(data) {
			return *e, data[e.Skip:], nil
		}
	}
	meta, body, line, err := parse()
	if err != nil {
		return FrontMatter{Meta: meta, BodyLine: line}, body, err
	}
	fm := FrontMatter{Meta: meta, BodyLine: line, Skip: len(data) - len(body), Identifiers: phi.Scan(data)}
	if skip := fm.Skip; l != nil && Cacheable(&meta) && skip >= 0 && (len(body) == 0 || &data[skip] == &body[0]) {
		fm.MetaKey = source.FrontMatterKey(data)
		l.Put(key, &fm)
	}
	return fm, body, nil
}

// NewMarkdown returns the Markdown cache of the cache folder dir; "" keeps
// it in memory only.
func NewMarkdown(dir string) *Markdowns {
	return &Markdowns{heads: newLog(pathIn(dir, "markdown.bin"), Version, encodeMD, decodeMD), dir: dir,
		files: map[int]*os.File{}, sizes: map[int]int64{}, where: map[Key]placed{}, held: map[Key]heldEntry{}}
}

// NewFrontMatter returns the front matter cache of the cache folder dir; ""
// keeps it in memory only.
func NewFrontMatter(dir string) *Log[*FrontMatter] {
	return newLog(pathIn(dir, "frontmatter.bin"), frontMatterKey(), encodeParsed, decodeParsed)
}

// frontMatterKey is the version the front matter cache is written with.
func frontMatterKey() string { return frontMatterVersion + " " + phi.Version() }

func pathIn(dir, name string) string {
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, name)
}

// Save writes the values to dir/name atomically, as one gob stream.
func Save(dir, name string, values ...any) error {
	return atomically(dir, name, func(w io.Writer) error {
		enc := gob.NewEncoder(w)
		for _, v := range values {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeAtomic writes data to dir/name through a temporary file renamed
// over it.
func writeAtomic(dir, name string, data []byte) error {
	return atomically(dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// atomically writes dir/name with write, through a temporary file in dir
// renamed over it once complete: a reader sees the old file or the new,
// never part of one.
func atomically(dir, name string, write func(io.Writer) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, name+".*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 1<<20)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Load decodes the first gob value of the file at path into v, reporting
// whether it could.
func Load(path string, v any) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return gob.NewDecoder(bufio.NewReader(f)).Decode(v) == nil
}
