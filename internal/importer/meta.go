package importer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/yamlsyntax"
)

// charRefRe is an HTML character reference (&shy;, &#173;, &#xAD;).
var charRefRe = lazyRE(`&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);`)

// entry is one front matter key as written, with its line.
type entry struct {
	key   string
	value any
	line  int
	// def is the value of _config.yml's defaults: the page took this
	// key from (line 0 then), nil for one its own front matter holds.
	def *jekyllDefaultValue
}

// splitFile separates front matter from the body as gen (Hugo or Jekyll)
// does and decodes it in key order. bodyLine is the file line of the
// body's first line; entry lines are file lines. yp is what the YAML
// reads, but not as its writer likely meant (yamlsyntax.Check: a key
// written twice, a tag or an anchor that drops a word), at file lines,
// for the caller to note (noteYAML).
//
// Hugo's page lexer (parser/pageparser/pagelexer_intro.go) skips
// whitespace, blank lines and byte order marks before the front matter:
// YAML from a line starting --- to the next line starting ---, TOML
// between +++ lines, or a JSON object. Text after the opening delimiter
// on its line belongs to the block (spaces, a YAML comment), text after
// the closing one to the body.
//
// Jekyll (Document::YAML_FRONT_MATTER_REGEXP) reads YAML only when the
// file's first line is --- (trailing whitespace allowed; its reader drops
// a byte order mark), up to a line of --- or ..., trailing whitespace
// allowed. A --- below a blank line is not front matter to Jekyll, and is
// not here: the caller says so (blankBeforeDelimiter).
func splitFile(file string, data []byte, gen string) (entries []entry, body string, bodyLine int, yp []yamlsyntax.Problem, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	s := string(data)
	at, line := 0, 1
	if gen == Hugo {
		at, line = skipIntro(s)
	}
	rest := s[at:]
	switch {
	case gen == Jekyll && jekyllOpens(firstLine(rest)):
		block, body, blockLine, bodyLine, ok := jekyllBlock(rest)
		if !ok {
			return nil, "", 0, nil, &frontMatterError{file, 1, "the front matter's --- is never closed", "end it with a line of --- where the front matter ends"}
		}
		entries, yp, err = yamlEntries(file, block, blockLine)
		return entries, body, bodyLine, yp, err
	case strings.HasPrefix(rest, "---") && (gen == Hugo || strings.HasPrefix(rest, "---\n")):
		block, body, blockLine, bodyLine, ok := hugoBlock(rest, "---", line)
		if !ok {
			return nil, "", 0, nil, &frontMatterError{file, line, "the front matter's --- is never closed", "end it with a line of --- where the front matter ends"}
		}
		entries, yp, err = yamlEntries(file, block, blockLine)
		return entries, body, bodyLine, yp, err
	case strings.HasPrefix(rest, "+++") && (gen == Hugo || strings.HasPrefix(rest, "+++\n")):
		block, body, blockLine, bodyLine, ok := hugoBlock(rest, "+++", line)
		if !ok {
			return nil, "", 0, nil, &frontMatterError{file, line, "the front matter's +++ is never closed", "end it with a line of +++ where the front matter ends"}
		}
		entries, err = tomlEntries(file, block, blockLine)
		return entries, body, bodyLine, nil, err
	case strings.HasPrefix(rest, "{"):
		dec := json.NewDecoder(strings.NewReader(rest))
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			return nil, "", 0, nil, &frontMatterError{file, line, "JSON front matter: " + err.Error(), "write it as one JSON object, its keys and values in double quotes"}
		}
		off := int(dec.InputOffset())
		for k, v := range m {
			entries = append(entries, entry{key: k, value: v})
		}
		sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
		return entries, rest[off:], line + strings.Count(rest[:off], "\n"), nil, nil
	}
	return nil, s, 1, nil, nil
}

// frontMatterError is front matter that does not parse: the page it
// opens is not imported (the rest of the site is), and a note says where
// and how to fix it (notFailed).
type frontMatterError struct {
	file string
	line int    // 0 when not known
	msg  string // what is wrong
	fix  string // how to fix it, "" when only the message can say
}

func (e *frontMatterError) Error() string {
	pos := e.file
	if e.line > 0 {
		pos += ":" + strconv.Itoa(e.line)
	}
	if e.fix != "" {
		return pos + ": " + e.msg + "; " + e.fix
	}
	return pos + ": " + e.msg
}

// FailedDir is the folder of the new site that pages whose front matter
// does not parse are copied to as they were: no build reads it.
const FailedDir = "import-failed"

// failedPage handles err, which reading the page r of the old site
// returned: front matter that does not parse (frontMatterError) leaves
// the page out of the import, not the site: the page is copied as it
// was under FailedDir, so nothing is lost, and a Failed note says where
// and how to fix it (nil is returned). Any other error is returned.
func (s *site) failedPage(r string, err error) error {
	var fe *frontMatterError
	if !errors.As(err, &fe) {
		return err
	}
	fix := ""
	if fe.fix != "" {
		fix = "; " + fe.fix
	}
	to := FailedDir + "/" + r
	s.files = append(s.files, copied{from: filepath.Join(s.opts.Source, filepath.FromSlash(r)), to: to})
	s.note(r, fe.line, Failed, "%s%s; the page is not imported (the rest of the site is), and is copied as it was to %s, which medkb does not build: fix it in the old site and import again into a new folder, or fix it there and move it into content/ (medkb check then names each key to change)", fe.msg, fix, to)
	return nil
}

// skipIntro returns the offset and line of the first character Hugo's page
// lexer does not skip before the front matter (ASCII whitespace and byte
// order marks).
func skipIntro(s string) (at, line int) {
	line = 1
	for at < len(s) {
		switch {
		case strings.HasPrefix(s[at:], "\ufeff"):
			at += len("\ufeff")
		case strings.IndexByte(" \t\v\f\r", s[at]) >= 0:
			at++
		case s[at] == '\n':
			at++
			line++
		default:
			return at, line
		}
	}
	return at, line
}

// jekyllOpens reports whether line opens Jekyll front matter: ---,
// trailing white space allowed.
func jekyllOpens(line string) bool {
	return strings.TrimRight(line, " \t\r\v\f") == "---"
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// hugoBlock splits s, which starts with delim on file line open, as
// Hugo's lexer does: the block runs to the first later line that starts
// with delim. blockLine is the file line of the block's first line.
func hugoBlock(s, delim string, open int) (block, body string, blockLine, bodyLine int, ok bool) {
	head, after, _ := strings.Cut(s[len(delim):], "\n")
	start := len(delim)
	blockLine = open
	if strings.TrimSpace(head) == "" {
		start, blockLine = len(delim)+len(head)+1, open+1 // the block starts below the delimiter
	}
	at, line := len(s)-len(after), open+1
	for at < len(s) {
		l := firstLine(s[at:])
		if strings.HasPrefix(l, delim) {
			// Without the newline that ends its last line, as before: a
			// folded value (key: >) is imported without a trailing one.
			block = strings.TrimSuffix(s[min(start, at):at], "\n")
			tail := l[len(delim):]
			next := min(len(s), at+len(l)+1)
			if strings.TrimSpace(tail) == "" {
				return block, s[next:], blockLine, line + 1, true
			}
			return block, s[at+len(delim):], blockLine, line, true
		}
		at += len(l) + 1
		line++
	}
	return "", "", 0, 0, false
}

// jekyllBlock splits s, whose first line is ---, as Jekyll does: the block
// runs to a line of --- or ... (trailing whitespace allowed).
func jekyllBlock(s string) (block, body string, blockLine, bodyLine int, ok bool) {
	start := len(firstLine(s)) + 1
	at, line := start, 2
	for at < len(s) {
		l := firstLine(s[at:])
		if t := strings.TrimRight(l, " \t\r\v\f"); t == "---" || t == "..." {
			return strings.TrimSuffix(s[min(start, at):at], "\n"), s[min(len(s), at+len(l)+1):], 2, line + 1, true
		}
		at += len(l) + 1
		line++
	}
	return "", "", 0, 0, false
}

// blankBeforeDelimiter returns the line of data's first non-blank line
// when it is a --- that blank lines come before (front matter to Hugo,
// body text to Jekyll), else 0.
func blankBeforeDelimiter(data []byte) int {
	s := strings.TrimPrefix(string(data), "\ufeff")
	top := strings.TrimLeft(s, " \t\r\n")
	lead := s[:len(s)-len(top)]
	if !strings.Contains(lead, "\n") || strings.TrimRight(firstLine(top), " \t\r") != "---" {
		return 0
	}
	return 1 + strings.Count(lead, "\n")
}

var yamlLineRe = lazyRE(`line (\d+)`)

// yamlEntries decodes block; first is the file line of its first line. A
// mistake yamlsyntax knows is explained in its words, at the line to edit.
func yamlEntries(file, block string, first int) ([]entry, []yamlsyntax.Problem, error) {
	var root yaml.Node
	// A control character pasted into a value (U+0092 for ’), which
	// yaml.v3 refuses, is read as written: the page is imported, and
	// medkb check warns of it at its value (control-char), as of one in
	// a medkb page's front matter.
	readable, hidden := yamlsyntax.HideControls([]byte(block))
	if err := yaml.Unmarshal(readable, &root); err != nil {
		if p, ok := yamlsyntax.Explain([]byte(block), first-1, err); ok {
			return nil, nil, &frontMatterError{file, p.Line, "front matter: " + p.Message, p.Hint}
		}
		// The decoder counts from the block's first line.
		line := 0
		msg := yamlLineRe.ReplaceAllStringFunc(err.Error(), func(m string) string {
			n, _ := strconv.Atoi(m[len("line "):])
			if line == 0 {
				line = first - 1 + n
			}
			return "line " + strconv.Itoa(first-1+n)
		})
		return nil, nil, &frontMatterError{file, line, "front matter: " + msg, ""}
	}
	if hidden {
		yamlsyntax.ShowControls(&root)
	}
	yp := yamlsyntax.Check(&root, []byte(block), first-1)
	if len(root.Content) == 0 {
		return nil, nil, nil
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, nil, &frontMatterError{file, first, "front matter is not a list of keys and values", "write each as key: value on a line of its own"}
	}
	var out []entry
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var val any
		if v.Kind == yaml.ScalarNode && (v.Tag == "!!timestamp") {
			val = v.Value // keep the date as written; ParseDate reads it
		} else if err := v.Decode(&val); err != nil {
			return nil, nil, &frontMatterError{file, first - 1 + v.Line, k.Value + ": " + err.Error(), ""}
		}
		out = append(out, entry{key: k.Value, value: val, line: first - 1 + k.Line})
	}
	return out, yp, nil
}

// configYAMLError reports err, which yaml.v3 returned for the old site's
// configuration file name (its bytes data): in a writer's words at the
// line to edit when yamlsyntax knows the mistake, else in yaml.v3's.
func configYAMLError(name string, data []byte, err error) error {
	if p, ok := yamlsyntax.Explain(data, 0, err); ok {
		return fmt.Errorf("import: %s:%d: %s; %s", name, p.Line, p.Message, p.Hint)
	}
	return fmt.Errorf("import: %s: %v", name, err)
}

// noteYAML notes, on file, what its front matter's YAML reads but not as
// its writer likely meant (splitFile's yp): the page is imported as YAML
// reads it, which the old site's generator may not have done alike.
func (s *site) noteYAML(file string, yp []yamlsyntax.Problem) {
	for _, p := range yp {
		if p.Warning {
			s.note(file, p.Line, Human, "front matter: %s; imported as YAML reads it: check the imported page (%s)", p.Message, p.Hint)
			continue
		}
		s.note(file, p.Line, Human, "front matter: %s: check the imported page, which holds what the importer made of them", p.Message)
	}
}

// tomlEntries decodes block; first is the file line of its first line.
func tomlEntries(file, block string, first int) ([]entry, error) {
	var m map[string]any
	if err := toml.Unmarshal([]byte(block), &m); err != nil {
		fe := &frontMatterError{file: file, msg: "TOML front matter: " + err.Error()}
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, _ := de.Position()
			fe.line = first - 1 + row
		}
		return nil, fe
	}
	lines := map[string]int{}
	for i, l := range strings.Split(block, "\n") {
		if k, _, ok := strings.Cut(l, "="); ok {
			k = strings.Trim(strings.TrimSpace(k), `"'`)
			if _, seen := lines[k]; !seen {
				lines[k] = first + i
			}
		}
	}
	var out []entry
	for k, v := range m {
		switch t := v.(type) {
		case time.Time:
			v = t.Format(time.RFC3339)
		case toml.LocalDate:
			v = t.String()
		case toml.LocalDateTime:
			v = t.String()
		}
		out = append(out, entry{key: k, value: v, line: lines[k]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].line != out[j].line {
			return out[i].line < out[j].line
		}
		return out[i].key < out[j].key
	})
	return out, nil
}

// mapMeta fills d's medkb front matter from the other tool's keys.
func (s *site) mapMeta(d *doc, entries []entry) {
	var tags []string
	addTags := func(v any) {
		for _, t := range stringsOf(v) {
			if t = strings.TrimSpace(t); t != "" && !s.isLang(t) && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	summary, description := "", ""
	summaryLine := 0 // of the key summary comes from
	for _, e := range entries {
		key := e.key
		if to, ok := s.opts.KeyMap[key]; ok {
			key = to
		}
		if lk := strings.ToLower(key); s.opts.From == Hugo && (lk == "menu" || lk == "menus") {
			s.pageMenus(d, e)
			continue
		}
		switch strings.ToLower(key) {
		case "title":
			title := str(e.value)
			if s.opts.From == Jekyll && charRefRe.MatchString(title) {
				// Jekyll's templates wrote {{ page.title }} into the page
				// as HTML (Liquid does not escape), so readers saw the
				// character; medkb writes a title as text.
				if t := html.UnescapeString(title); t != title {
					refs := charRefRe.FindAllString(title, -1)
					slices.Sort(refs)
					refs = slices.Compact(refs)
					s.note(d.src, e.line, Changed, "title: %s: the old site's templates wrote the title into the page as HTML, so readers saw the %s stood for; medkb writes a title as text, where %s would show as typed: now the %s", strings.Join(refs, " "), plural(len(refs), "character the reference", "characters the references"), plural(len(refs), "it", "they"), plural(len(refs), "character itself", "characters themselves"))
					title = t
				}
			}
			d.set("title", title)
		case "summary":
			summary, summaryLine = str(e.value), e.line
		case "description":
			description = str(e.value)
			if summary == "" {
				summaryLine = e.line
			}
		case "excerpt":
			if summary == "" {
				summary, summaryLine = str(e.value), e.line
			}
		case "date":
			s.date(d, "date", e)
			if _, ok := d.get("date"); ok {
				d.dated = true
			}
		case "lastmod", "last_modified_at", "modified", "updated":
			s.date(d, "lastmod", e)
		case "publishdate", "pubdate", "publish_date":
			s.date(d, "publish_date", e)
		case "expirydate", "unpublishdate", "expires":
			s.date(d, "expires", e)
		case "draft":
			b, ok, spelled := sourceBool(e.value)
			switch {
			case ok && spelled == "":
				d.draft = b
			case ok && b:
				d.draft = true
				s.note(d.src, e.line, Changed, "draft: %s is read as true, as Hugo reads it (medkb, reading YAML 1.2, would take it for text): written as draft: true", spelled)
			case ok:
				s.note(d.src, e.line, Changed, "draft: %s is read as false, as Hugo reads it (medkb, reading YAML 1.2, would take it for text): the page is published, with no draft: key", spelled)
			default:
				d.draft = true
				s.note(d.src, e.line, Human, "draft: %s is neither true nor false: imported as a draft, so that it is not published before someone decides; remove draft: true to publish it", spelled)
			}
		case "published":
			if b, ok, spelled := sourceBool(e.value); ok && !b {
				d.draft = true
				d.unserved = "it has published: false"
				s.note(d.src, e.line, Changed, "published: %s is draft: true in medkb", cmp.Or(spelled, "false"))
			} else if !ok && s.opts.From == Hugo {
				// Hugo reads published as publishDate.
				s.date(d, "publish_date", e)
			}
		case "tags", "categories":
			if v, ok := e.value.(string); ok && s.opts.From == Hugo {
				addTags(s.hugoTermString(d, e, v))
				continue
			}
			addTags(e.value)
		case "category":
			if s.opts.From != Jekyll {
				s.toParams(d, e) // not one of Hugo's default taxonomies
				continue
			}
			// Jekyll's singular category: is one category, spaces and
			// all (Utils.pluralized_array_from_hash), beside those of
			// categories:; they are medkb's tags, as categories: are.
			if one, ok := e.value.(string); ok {
				addTags([]string{one})
			} else {
				addTags(e.value)
			}
		case "slug":
			d.slug = slugify(str(e.value))
		case "url", "permalink":
			u := str(e.value)
			if u != "" {
				d.url = normURL(u)
			}
		case "aliases", "redirect_from":
			// Those at a page medkb makes itself are left out once the
			// page's language is known (generatedAliases).
			if aliases := stringsOf(e.value); len(aliases) > 0 {
				d.set("aliases", aliases)
				d.aliasLine = e.line
			}
		case "weight":
			d.set("weight", e.value)
		case "author", "authors":
			names := stringsOf(e.value)
			if one, ok := e.value.(string); ok {
				names = []string{one} // a name, not a list of words
				if people := fullNames(one); len(people) > 1 {
					// "Craig Robert Shenton, Mattia Ficarelli": two
					// people, not one named with a comma.
					names = people
					s.note(d.src, e.line, Changed, "%s: %s is one string, which the old site's templates showed as written, but it names %d people, each by a full name: credited to each, %s, as one author each in data/authors.yaml: write them as a list (%s: [%s]); if it is one person's name, make it one author there", e.key, one, len(people), strings.Join(people, " and "), e.key, strings.Join(people, ", "))
				}
			}
			for _, name := range names {
				id := slugify(name)
				if id == "" {
					continue
				}
				s.authors[id] = name
				if _, ok := s.authorAt[id]; !ok {
					s.authorAt[id] = fileLine{d.src, e.line}
				}
				d.authors = append(d.authors, id)
			}
		case "image":
			d.set("image", str(e.value))
			d.bareImage = bareImage(e, str(e.value))
		case "images":
			if l := stringsOf(e.value); len(l) > 0 {
				d.set("image", l[0])
				d.bareImage = bareImage(e, l[0])
				if len(l) > 1 {
					// medkb shows one picture a page: the others are
					// kept, and said to be shown nowhere.
					d.params = append(d.params, field{e.key, e.value})
					extra := "Hugo's own templates put each in the page's link-preview tags"
					if s.opts.From == Jekyll {
						extra = "the old site's templates may have shown them"
					}
					s.note(d.src, e.line, Human, "%s: lists %d pictures, and medkb gives a page one, image: (shown on the page and in link previews): the first, %s, is image:; the others (%s) are shown nowhere (%s): the list is kept under params:; put them in the text where readers should see them, or remove them", e.key, len(l), l[0], strings.Join(l[1:], ", "), extra)
				}
			}
		case "lang", "language":
			if l := str(e.value); l != "" && l != s.defaultLang {
				d.lang = l
				s.addLang(l)
			}
		case "layout", "type":
			if e.def != nil {
				e.def.mark("dropped") // noted once, at the value in _config.yml
				continue
			}
			s.note(d.src, e.line, Changed, "%s: %v dropped: medkb lays out pages with its own templates", e.key, e.value)
		case "thumbnail", "feature_image":
			if s.opts.From == Jekyll {
				// A Jekyll theme's card picture: medkb's image:, once
				// jekyllImages knows where the old templates put it.
				d.imageKeys = append(d.imageKeys, e)
				continue
			}
			s.toParams(d, e)
		default:
			s.toParams(d, e)
			if m, ok := e.value.(map[string]any); ok && s.opts.From == Jekyll && strings.ToLower(key) == "header" {
				// Minimal Mistakes' header.teaser (the card) and
				// header.image (the page's banner): kept under params
				// for the banner, and offered as image:.
				for _, k := range []string{"teaser", "image"} {
					if v, ok := m[k]; ok && str(v) != "" {
						d.imageKeys = append(d.imageKeys, entry{key: e.key + "." + k, value: v, line: e.line})
					}
				}
			}
		}
	}
	if summary == "" {
		summary = description
	}
	asWritten := summary
	if plain, ok := check.PlainSummary(summary); !ok {
		// The old site's templates rendered it as Markdown (Hugo's
		// markdownify, Jekyll's markdownify filter); medkb shows a summary
		// as text everywhere.
		s.note(d.src, summaryLine, Changed, "summary: its Markdown or HTML is written as plain text (%q), as lists, feeds and link previews show a summary", plain)
		summary = plain
	}
	if summary != "" {
		d.set("summary", summary)
	}
	if description != "" && description != asWritten {
		d.set("description", description)
	}
	if len(tags) > 0 {
		d.set("tags", tags)
	}
	if d.url != "" {
		d.set("url", d.url)
	}
	d.set("audience", s.opts.Audience)
}

// bareImage is e, with value v, when v is a picture's path without a
// leading / (chart.png, img/chart.png), which the old site's templates
// read from a folder of their own (a Hugo page bundle, a Jekyll layout's
// /assets/img/) and medkb would read from the site's root; else nil.
func bareImage(e entry, v string) *entry {
	v = strings.TrimSpace(v)
	if v == "" || strings.HasPrefix(v, "/") || strings.Contains(v, "://") || strings.HasPrefix(v, "data:") {
		return nil
	}
	return &e
}

// imageOf is the picture of an image: or images: entry (the first).
func imageOf(e entry) string {
	if l := stringsOf(e.value); strings.EqualFold(e.key, "images") && len(l) > 0 {
		return strings.TrimSpace(l[0])
	}
	return strings.TrimSpace(str(e.value))
}

// toParams keeps e, a key medkb has no meaning for, under params:, and
// counts it for the note that lists such keys.
func (s *site) toParams(d *doc, e entry) {
	d.params = append(d.params, field{e.key, e.value})
	if e.def != nil {
		e.def.mark("params") // noted once, at the value in _config.yml
		return
	}
	if len(s.keyFiles[e.key]) == 0 {
		s.keysToParam = append(s.keysToParam, e.key)
	}
	s.keyFiles[e.key] = append(s.keyFiles[e.key], d.src)
}

// unParams undoes toParams for d, a page that is not imported: its keys
// are kept nowhere, and the note that lists the keys kept under params:
// does not count it.
func (s *site) unParams(d *doc) {
	for _, f := range d.params {
		files := slices.DeleteFunc(s.keyFiles[f.key], func(src string) bool { return src == d.src })
		s.keyFiles[f.key] = files
		if len(files) == 0 {
			s.keysToParam = slices.DeleteFunc(s.keysToParam, func(k string) bool { return k == f.key })
		}
	}
	d.params = nil
}

// date parses a date value into key, treating placeholder years as none.
func (s *site) date(d *doc, key string, e entry) {
	raw := strings.TrimSpace(str(e.value))
	if raw == "" {
		return
	}
	t, err := frontmatter.ParseDate(raw)
	if err != nil {
		s.note(d.src, e.line, Human, "%s %q is not a date medkb reads: left out; write it as YYYY-MM-DD", e.key, raw)
		return
	}
	if t.Year() < 1900 {
		s.note(d.src, e.line, Changed, "%s %s is a placeholder, not a date: left out", e.key, raw)
		return
	}
	d.set(key, formatDate(t))
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

func (s *site) isLang(t string) bool {
	if t == s.defaultLang {
		return true
	}
	for _, l := range s.langs {
		if l == t {
			return true
		}
	}
	return false
}

func str(v any) string {
	switch t := v.(type) {
	case nil:
		return ""
	case string:
		return t
	case []any:
		if len(t) > 0 {
			return str(t[0])
		}
		return ""
	}
	return fmt.Sprint(v)
}

func stringsOf(v any) []string {
	switch t := v.(type) {
	case nil:
		return nil
	case string:
		if strings.Contains(t, ",") {
			var out []string
			for _, p := range strings.Split(t, ",") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, p)
				}
			}
			return out
		}
		return strings.Fields(t)
	case []any:
		var out []string
		for _, x := range t {
			if s := str(x); s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return t
	}
	return []string{fmt.Sprint(v)}
}

// fullNames returns the names in s when it is two or more full names
// separated by commas ("Craig Robert Shenton, Mattia Ficarelli"), each of
// two words or more, and nil for anything else: a name written surname
// first ("Shenton, Craig") or with titles or degrees after a comma
// ("Craig Shenton, PhD", "Jane Doe, RN BSN": a first word in capitals)
// is one person's.
func fullNames(s string) []string {
	parts := strings.Split(s, ",")
	if len(parts) < 2 {
		return nil
	}
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		words := strings.Fields(parts[i])
		if len(words) < 2 || strings.ToUpper(words[0]) == words[0] {
			return nil // "Shenton, Craig", or "Jane Doe, RN BSN"
		}
	}
	return parts
}

// listPageKeys are the medkb keys a section's page (content/SEC/_index.md)
// keeps of those mapMeta writes: its text's title and summary, its place
// among the sections, its old addresses (url, aliases), its last change
// and its picture for link previews. homeKeys are the home page's: it is
// at / and in no list.
var (
	listPageKeys = []string{"title", "summary", "description", "weight", "url", "aliases", "lastmod", "image"}
	homeKeys     = []string{"title", "summary", "description", "aliases", "lastmod", "image"}
)

// listPageFields keeps of the front matter of d, a home page (home) or a
// section's page read from entries, the keys medkb gives such a page,
// and notes each key it leaves out at its line, with what it did in the
// other tool: the dates Hugo published and unpublished the page by (medkb
// publishes a section's page with its section), tags (medkb's topic pages
// list articles), authors (credited on articles), slug (the page is at
// its folder's address) and, on the home page, url and weight. A draft
// is kept as draft: true, with a note: links to the page are then errors
// of medkb build. Keys medkb has no meaning for at all are kept under
// params: by mapMeta, and listed there.
func (s *site) listPageFields(d *doc, entries []entry, home bool) {
	keep, what := listPageKeys, "a section's page"
	if home {
		keep, what = homeKeys, "the home page"
	}
	d.fields = filterFields(d.fields, keep...)
	if !hasKey(entries, "url") && !hasKey(entries, "permalink") {
		d.unset("url") // the folder's address, which medkb gives it itself
	}
	// What the dates did in the other tool: Hugo published a page from
	// its date to its expiry date; Jekyll publishes a page (not a post)
	// whatever its dates.
	dated, expired := "", ""
	if s.opts.From == Hugo {
		dated, expired = " (Hugo left the page out until this date)", " (Hugo stopped publishing the page on this date)"
	}
	for _, e := range entries {
		key := e.key
		if to, ok := s.opts.KeyMap[key]; ok {
			key = to
		}
		why := ""
		switch strings.ToLower(key) {
		case "date", "publishdate", "pubdate", "publish_date":
			why = "medkb dates articles only, and publishes " + what + " as long as the site has it" + dated
		case "published":
			if _, ok := e.value.(bool); !ok && s.opts.From == Hugo {
				why = "medkb dates articles only, and publishes " + what + " as long as the site has it" + dated
			}
		case "expirydate", "unpublishdate", "expires":
			why = "medkb takes expired articles out of lists, and publishes " + what + " as long as the site has it" + expired + "; set draft: true to unpublish it"
		case "tags", "categories":
			why = "medkb's topic pages (/tags/) list articles, not " + what
		case "category":
			if s.opts.From == Jekyll { // Hugo's is kept under params:
				why = "medkb's topic pages (/tags/) list articles, not " + what
			}
		case "author", "authors":
			why = "medkb credits authors on articles; " + what + " names none"
		case "slug":
			if !home {
				why = "a section's page is at its folder's address, or at url:"
			}
		case "url", "permalink":
			if u := normURL(str(e.value)); home && u != "/" && (d.lang == "" || u != "/"+d.lang+"/") {
				why = "the home page is at /; add the old address to aliases: to keep it working"
			}
		case "weight":
			if home {
				why = "the home page is in no list"
			}
		}
		if why != "" {
			s.note(d.src, e.line, Changed, "%s: %v left out of %s: %s", e.key, e.value, what, why)
		}
	}
	if d.draft {
		d.set("draft", true)
		addr := d.url
		if home || addr == "" {
			addr = "/"
		}
		if !home && s.opts.From == Hugo {
			line := draftLine(entries)
			s.noteNamed(func() { s.draftSection(d, addr, line) })
			return
		}
		s.note(d.src, draftLine(entries), Human, "the old site did not publish %s: kept as draft: true, so medkb does not publish it either, and medkb build reports each link to %s as a link to a draft page, an error; remove those links (and menu entries), or remove draft: true to publish it", what, addr)
	}
}

// draftSection notes what becomes of a Hugo section whose _index.md is a
// draft (d, at addr), once every page is read. Hugo 0.123 and later
// (hugolib's content map; the version the importer follows) do not
// publish the section's page, but publish each of its pages that is
// not a draft itself, in the site's lists, feeds and sitemap, with no
// page at addr; Hugo 0.65 to 0.122 left the section's pages out too.
// The import keeps draft: true, so medkb does not publish the text
// either, and publishes the pages, as Hugo now does, but medkb makes
// the section a page at addr that lists them, which the old site did
// not have; a link to addr is a draft-link error of medkb build. The
// note says so and names the pages, so that a site built with an older
// Hugo can make them drafts.
func (s *site) draftSection(d *doc, addr string, line int) {
	var pages []string
	for _, p := range s.docs {
		if p.section == d.section && p.lang == d.lang && !p.draft && (p.dated || s.opts.UndatedDate != "") {
			pages = append(pages, p.file())
		}
	}
	const links = "medkb build reports each link to %s as a link to a draft page, an error: remove those links (and menu entries), or remove draft: true to publish this text there"
	if len(pages) == 0 {
		s.note(d.src, line, Human, "the old site did not publish a section's page: kept as draft: true, so medkb does not publish it either, and "+links, addr)
		return
	}
	list := strings.Join(pages, ", ")
	if len(pages) > 5 {
		list = strings.Join(pages[:5], ", ") + fmt.Sprintf(" and %d more", len(pages)-5)
	}
	s.note(d.src, line, Human, "draft: true on a section's page: Hugo 0.123 and later published no page at %s but published the section's pages that are not drafts (%d: %s); kept as draft: true, so medkb does not publish this text either, and publishes those pages too, but lists them on a page of its own at %s, which the old site did not have; "+links+". Hugo 0.65 to 0.122 did not publish the section's pages either: if the old site was built with such a Hugo, add draft: true to each of them",
		addr, len(pages), list, addr, addr)
}

// sourceBool reads a draft: or published: value as the old site's
// generator did, which is not always as yaml.v3 decodes it into a Go
// value (any): a YAML or TOML boolean; YAML 1.1's y, yes, on, n, no and
// off (in three cases each), which Hugo's YAML reader and Jekyll's (YAML
// 1.1) read as booleans written plain (Hugo 0.111 lists draft: yes,
// On and y among its drafts) and yaml.v3 as words, quoted or not (a
// quoted 'yes', which Hugo read as text and so as no draft, is read as
// true here: a draft too many, said in a note, rather than a page
// published that its writer kept back); a string strconv.ParseBool reads
// ("true", "1"), as Hugo's cast.ToBool does (Hugo 0.111 lists draft:
// "true" and draft: "1" among its drafts); the numbers 1 and 0. spelled
// is the value as written when it was not a boolean; ok is false for a
// value that is none of these.
func sourceBool(v any) (value, ok bool, spelled string) {
	switch t := v.(type) {
	case bool:
		return t, true, ""
	case int:
		return t != 0, t == 0 || t == 1, strconv.Itoa(t)
	case int64:
		return t != 0, t == 0 || t == 1, strconv.FormatInt(t, 10)
	case string:
		switch t {
		case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON":
			return true, true, t
		case "n", "N", "no", "No", "NO", "off", "Off", "OFF":
			return false, true, t
		}
		b, err := strconv.ParseBool(t)
		return b, err == nil, strconv.Quote(t)
	}
	return false, false, fmt.Sprint(v)
}

// draftLine returns the line of the key that made a page a draft (draft,
// or published: false), 0 when none is written.
func draftLine(entries []entry) int {
	for _, e := range entries {
		if lk := strings.ToLower(e.key); lk == "draft" || lk == "published" {
			return e.line
		}
	}
	return 0
}

// hugoAliases writes each alias of Hugo page d as the address Hugo
// served it at, which medkb reads from the page's language root (/es/ for
// a page in es). Hugo read an alias without a leading slash from the
// page's folder (path.Join(page, "..", alias): "old" on
// /es/conditions/asthma/ is /es/conditions/old): it is written as that
// address, with a note; one that leaves the language's root (../old on a
// page in es), where no alias of a medkb page in es can be, is left out
// with a note for a person. An alias with a leading slash on a page
// with a language root is read by Hugo 0.155 and later from that root,
// as medkb reads it, and by earlier Hugo from the server's root: it
// follows the Hugo the site names (readHugoBuilt: kept from 0.155 on, left
// out before, with the redirect to add), else the note names both
// addresses. An alias whose last part has a dot (/apps/guides/hosting/4.x)
// is kept as written: Hugo published every alias not ending in .html as
// a folder, and medkb publishes it as one too (assemble's aliasFolder).
func (s *site) hugoAliases(d *doc) {
	v, ok := d.get("aliases")
	if !ok || s.opts.From != Hugo {
		return
	}
	aliases, _ := v.([]string)
	prefix := s.langPrefix(d)
	page := normURL(d.url) // a page in es has its /es/ already
	if prefix != "" && !strings.HasPrefix(page, prefix+"/") {
		page = normURL(prefix + page)
	}
	var kept []string
	for _, a := range aliases {
		switch {
		case strings.Contains(a, "://") || strings.HasPrefix(a, "//") || a == "":
			kept = append(kept, a)
		case !strings.HasPrefix(a, "/"):
			at := path.Join(path.Dir(strings.TrimSuffix(page, "/")), a)
			if strings.HasSuffix(a, "/") && at != "/" {
				at += "/"
			}
			if prefix != "" && !strings.HasPrefix(at, prefix+"/") {
				s.note(d.src, d.aliasLine, Human, "alias %s left out: Hugo read it from the page's folder, %s, outside the address of language %s (%s/), where medkb publishes the page's aliases: add a redirect from %s to %s on the web server if visitors still use it", a, at, strings.TrimPrefix(prefix, "/"), prefix, s.served(at), s.served(page))
				continue
			}
			s.note(d.src, d.aliasLine, Changed, "alias %s is written %s: Hugo read an alias without a leading / from the page's folder, and medkb reads every alias from the site's root", a, at)
			kept = append(kept, at)
		case prefix != "" && !strings.HasPrefix(normURL(a), prefix+"/"):
			lang := strings.TrimPrefix(prefix, "/")
			if fromLangRoot, known := s.hugoBuilt.readsAliasesFromLangRoot(); known && fromLangRoot {
				s.note(d.src, d.aliasLine, Changed, "alias %s redirects from %s, where %s served it: an alias of a page in %s is read from %s/ (Hugo 0.155 and later), as medkb reads it", a, normURL(prefix+a), s.hugoBuilt, lang, prefix)
				kept = append(kept, a)
				continue
			} else if known {
				// medkb reads it from /es/ too, an address the old
				// site never served: only the web server can answer
				// the old one.
				s.note(d.src, d.aliasLine, Human, "alias %s left out: %s served it at %s, from the server's root (Hugo before 0.155), and medkb reads an alias of a page in %s from %s/, where the old site had no page: add a redirect from %s to %s on the web server", a, s.hugoBuilt, s.served(a), lang, prefix, s.served(a), s.served(page))
				continue
			}
			s.note(d.src, d.aliasLine, Human, "alias %s redirects from %s, where Hugo 0.155 and later served it (an alias of a page in %s is read from %s/); Hugo before 0.155 served it at %s, from the server's root: if an older Hugo built the site, add a redirect from %s to %s on the web server", a, normURL(prefix+a), strings.TrimPrefix(prefix, "/"), prefix, a, s.served(a), s.served(page))
			kept = append(kept, a)
		default:
			kept = append(kept, a)
		}
	}
	if len(kept) == 0 {
		d.unset("aliases")
	} else {
		d.set("aliases", kept)
	}
}

// fragmentAliases leaves out each alias of d with a #fragment
// (/technical-overview/data/db-schema/#tasks, as the Community Health
// Toolkit's docs had three), with a note at its line: the old site's
// redirect page for it was never reached, as a browser never sends the
// part after # (Hugo wrote it to a folder named "#tasks"), and medkb
// check stops on such an alias (a Jekyll redirect_from: too),
// which no redirect can answer. The note says whether the address
// before the # is the page's own (nothing to add) or one to add as an
// alias if visitors come by it.
func (s *site) fragmentAliases(d *doc) {
	v, ok := d.get("aliases")
	if !ok {
		return
	}
	aliases, _ := v.([]string)
	var kept []string
	for _, a := range aliases {
		before, frag, has := strings.Cut(a, "#")
		if !has || strings.Contains(a, "://") || strings.HasPrefix(a, "//") {
			kept = append(kept, a)
			continue
		}
		sev, what := Changed, fmt.Sprintf("%s is the page's own address, so nothing is lost", before)
		switch {
		case before == "":
			what = "it names no address"
		case slices.ContainsFunc(aliases, func(x string) bool { return !strings.Contains(x, "#") && normURL(x) == normURL(before) }):
			what = fmt.Sprintf("%s is an alias of the page already", before)
		case normURL(before) != normURL(d.url):
			sev, what = Human, fmt.Sprintf("add %s to aliases: if visitors come to the page by that address", before)
		}
		s.note(d.src, d.aliasLine, sev, "alias %s left out: a browser never sends the part after # (#%s), so the old site's redirect for it was never reached, and no redirect can answer it; %s", a, frag, what)
	}
	if len(kept) == len(aliases) {
		return
	}
	if len(kept) == 0 {
		d.unset("aliases")
	} else {
		d.set("aliases", kept)
	}
}

// sharedAliases leaves out, with a note at its aliases: line, an alias
// of an imported page that medkb check would stop on because another
// page has it: one at another page's own address (or at a list page
// medkb makes for a section or a language), which a visitor there now
// sees; and one that two pages claim, which is kept on the first of
// them in the order of their source files' paths (the importer reads
// each tool's files in that order too) and left out of the others, each
// note naming the page that keeps it. Aliases are compared as medkb
// reads them (from the page's language root) and publishes them (with
// or without a trailing slash or index.html, one address). An alias a
// page lists twice is medkb check's warning, and left to it.
func (s *site) sharedAliases() {
	pages := slices.Concat(s.listPages(), s.docs)
	slices.SortStableFunc(pages, func(a, b *doc) int { return strings.Compare(a.src, b.src) })
	owner := map[string]string{} // an address → the page at it, named
	for l := range s.lists {
		owner[l] = "medkb's list page " + l
	}
	for _, d := range pages {
		if d.url != "" {
			owner[s.addressOf(d, d.url)] = s.pageName(d)
		}
	}
	claimed := map[string]*doc{} // an alias's address → the page keeping it
	for _, d := range pages {
		v, ok := d.get("aliases")
		if !ok {
			continue
		}
		aliases, _ := v.([]string)
		own := ""
		if d.url != "" {
			own = s.addressOf(d, d.url)
		}
		var kept []string
		for _, a := range aliases {
			if strings.Contains(a, "://") || strings.HasPrefix(a, "//") || a == "" {
				kept = append(kept, a)
				continue
			}
			at := s.addressOf(d, a)
			if o, taken := owner[at]; taken && at != own {
				s.note(d.src, d.aliasLine, Changed, "alias %s left out: it is the address of %s, which a visitor there now sees (a redirect there would replace that page, and stop medkb check)", a, o)
				continue
			}
			if first := claimed[at]; first != nil && first != d {
				s.note(d.src, d.aliasLine, Human, "alias %s left out: %s has it too, at line %d, and keeps it as the first of the two by source path; if visitors by that old address should reach this page instead, move the alias here from there (one address cannot redirect to two pages)", a, s.pageName(first), first.aliasLine)
				continue
			}
			claimed[at] = d
			kept = append(kept, a)
		}
		switch {
		case len(kept) == len(aliases):
		case len(kept) == 0:
			d.unset("aliases")
		default:
			d.set("aliases", kept)
		}
	}
}

// addressOf is the address medkb reads u at, an alias or the address of
// page d: from d's language root unless u starts with it already.
func (s *site) addressOf(d *doc, u string) string {
	at := normURL(u)
	if prefix := s.langPrefix(d); prefix != "" && !strings.HasPrefix(at, prefix+"/") {
		at = normURL(prefix + at)
	}
	return at
}

// pageName names page d in a note: its source file, and the file the
// import writes when that is another.
func (s *site) pageName(d *doc) string {
	for _, l := range s.listPages() {
		if l == d {
			return d.src
		}
	}
	if f := d.file(); f != d.src {
		return d.src + " (imported as " + f + ")"
	}
	return d.src
}

// langPrefix is the address of d's language root, "/es" for a page in
// es (or in the default language, with default_language_in_subdir),
// "" for the site's root.
func (s *site) langPrefix(d *doc) string {
	if d.lang != "" {
		return "/" + d.lang
	} else if s.langSubdir {
		return "/" + s.defaultLang
	}
	return ""
}

// generatedAliases leaves out each alias of d at the address of a page
// medkb makes itself, in any language of the site, with a note at its
// line: a redirect there would stop medkb build. It reads an alias as
// medkb does: on a page of language es (or of the default language,
// with default_language_in_subdir) from /es/, unless it starts with
// /es/ already, so /search on a Spanish page is medkb's /es/search/.
func (s *site) generatedAliases(d *doc) {
	v, ok := d.get("aliases")
	if !ok {
		return
	}
	aliases, _ := v.([]string)
	prefix := s.langPrefix(d)
	var kept []string
	for _, a := range aliases {
		at := normURL(a)
		if prefix != "" && !strings.HasPrefix(at, prefix+"/") {
			at = normURL(prefix + at)
		}
		rest, lang := at, ""
		for _, l := range append([]string{s.defaultLang}, s.langs...) {
			if r, ok := strings.CutPrefix(at, "/"+l+"/"); ok && (l != s.defaultLang || s.langSubdir) {
				rest, lang = "/"+r, l
				break
			}
		}
		what := generatedPage(rest)
		if what == "" {
			kept = append(kept, a)
			continue
		}
		if lang != "" {
			what += " of language " + lang
		}
		read := ""
		if at != normURL(a) {
			read = " (medkb reads an alias of a page in " + strings.TrimPrefix(prefix, "/") + " from " + prefix + "/: " + at + ")"
		}
		s.note(d.src, d.aliasLine, Changed, "alias %s left out: it is the address of medkb's %s%s, which the site makes itself (a redirect there would stop the build); a visitor there now sees that page", a, what, read)
	}
	if len(kept) == 0 {
		d.unset("aliases")
	} else {
		d.set("aliases", kept)
	}
}

// generatedPage names the page medkb makes itself at address u (its
// search, glossary, feeds, topics, people and not-found pages), "" for
// none: an alias there would be an error of medkb build.
func generatedPage(u string) string {
	n := normURL(u)
	switch {
	case n == "/search/":
		return "search page"
	case n == "/glossary/":
		return "glossary"
	case n == "/feeds/":
		return "list of feeds"
	case n == "/404/":
		return "page-not-found page"
	case strings.HasPrefix(n, "/tags/"):
		return "topic pages"
	case strings.HasPrefix(n, "/people/"):
		return "people pages"
	}
	return ""
}
