// Package theme loads a site's templates and UI strings in layers — the
// site's own layouts/ and i18n/ over the theme's — and executes them.
//
// Layout lookup: each page kind has one file in layouts/ (home.html,
// section.html, page.html, taxonomy.html, term.html, search.html,
// glossary.html, feeds.html, 404.html, alias.html); a page's `layout` front
// matter names another file. Every kind file defines the "main" block of
// layouts/baseof.html. Files in layouts/_partials/NAME.html are available as
// {{ template "NAME" . }}. A site file overrides the theme's file of the same
// name, file by file.
//
// Templates are html/template, parsed once per language so that the T
// function (UI strings from i18n/LANG.yaml, falling back to the default
// language, then English) is bound without per-call state. A Set is safe for
// concurrent use after Load. A T call without arguments is folded into its
// template at Load as the escaped text html/template would have written
// (fold.go), so it costs nothing per page. LoadTyped, for a caller
// whose page data has one type, also drops the escapers html/template
// appends to actions whose type says they write markup as it is (a
// template.HTML field or method; elide.go), and calls a method with no
// argument and one result as a function where the types say which method
// it is (methods.go). partialCached NAME DATA
// VARIANT… writes a partial once per build, language and variants when
// DATA carries a PartialCache (cached.go); Set.Partial executes a partial
// from Go, and PartialCache.Do keeps what the caller makes once per build
// (package render's cards). Parse errors are reported with the template's
// file and line.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"path"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	texttemplate "text/template"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/yamlsyntax"
)

// Layer is one source of theme files; Name is how diagnostics name its root
// ("layouts" for the site, "themes/default" for a theme folder).
type Layer struct {
	Name string
	FS   fs.FS // holds layouts/ and i18n/
}

// Set is the parsed templates for every language.
type Set struct {
	langs   map[string]*langSet
	layouts map[string]string // layout file name → diagnostic path
	files   map[string]source
	// strFiles are the layers' i18n files, in layer order (StrayStrings).
	strFiles []stringsFile
	calls    *calls // what the templates call, as written (unused.go)
	// dot is the type of every page's data when the layouts' escapers
	// that cannot change a value were dropped for it (LoadTyped).
	dot reflect.Type
}

type langSet struct {
	base    *template.Template
	kinds   map[string]*template.Template
	strings map[string]string
	date    *dateFormat // the language's "date.layout" and "date.months", read once
	// partials is a copy of the partials that partialCached executes on
	// their own (cached.go).
	partials *template.Template
}

// Kinds are the layout files every theme provides.
var Kinds = []string{"home", "section", "page", "taxonomy", "term", "search", "glossary", "feeds", "404", "alias"}

type source struct {
	name, text, diagPath string
	layer                int // the index of the layer it comes from
}

// Load parses layers (later layers override earlier ones) for the given
// languages; defaultLang is the fallback for missing strings. funcs are
// extra template functions; T is added per language.
func Load(layers []Layer, langs []string, defaultLang string, funcs template.FuncMap) (*Set, error) {
	return LoadTyped(layers, langs, defaultLang, funcs, nil)
}

// LoadTyped is Load for a caller whose page data (Render's, RenderTo's
// and Execute's data) is always of type dot: the layouts' escapers that
// return their value unchanged, where its type says so, are dropped
// (elide.go). Rendering data of another type is an error.
func LoadTyped(layers []Layer, langs []string, defaultLang string, funcs template.FuncMap, dot reflect.Type) (*Set, error) {
	files := map[string]source{}
	strs := map[string]map[string]string{}
	var strFiles []stringsFile
	for i, l := range layers {
		if err := readLayouts(l, i, files); err != nil {
			return nil, err
		}
		fs, err := readStrings(l, i, strs)
		if err != nil {
			return nil, err
		}
		strFiles = append(strFiles, fs...)
	}
	if _, ok := files["baseof.html"]; !ok {
		return nil, &diag.Diagnostic{File: "layouts/baseof.html", Severity: diag.Error,
			Message: "missing layout baseof.html", Hint: "add layouts/baseof.html or use the default theme"}
	}
	s := &Set{langs: map[string]*langSet{}, layouts: map[string]string{}, files: files, strFiles: strFiles, calls: newCalls(), dot: dot}
	for name, src := range files {
		s.layouts[name] = src.diagPath
	}
	for i, lang := range langs {
		table := mergeStrings(strs, lang, defaultLang)
		var calls *calls // every language parses the same files: the first notes their calls
		if i == 0 {
			calls = s.calls
		}
		ls, err := parse(files, table, funcs, calls, dot)
		if err != nil {
			return nil, err
		}
		s.langs[lang] = ls
	}
	return s, nil
}

func mergeStrings(strs map[string]map[string]string, lang, def string) map[string]string {
	out := map[string]string{}
	for _, l := range []string{"en", def, lang} {
		for k, v := range strs[l] {
			out[k] = v
		}
	}
	return out
}

func readLayouts(l Layer, layer int, files map[string]source) error {
	return fs.WalkDir(l.FS, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "layouts" {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") || !regular(l.FS, p, d) {
			return nil
		}
		b, err := fs.ReadFile(l.FS, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, "layouts/")
		files[rel] = source{name: rel, text: string(b), diagPath: path.Join(l.Name, p), layer: layer}
		return nil
	})
}

// regular reports whether the entry d at p is a regular file or a link to
// one: a named pipe would block the read forever, and sockets and devices
// are no templates (the build warns about them, see source.Skipped).
func regular(fsys fs.FS, p string, d fs.DirEntry) bool {
	if d.Type()&fs.ModeSymlink == 0 {
		return d.Type().IsRegular()
	}
	st, err := fs.Stat(fsys, p)
	return err == nil && st.Mode().IsRegular()
}

// stringsFile is one layer's i18n file and where each of its keys is.
type stringsFile struct {
	layer    int
	lang     string
	diagPath string
	lines    map[string]int
	warnings diag.List // what its YAML reads, but not as meant (StringWarnings)
}

// stringsError reports err, which yaml.v3 returned for the i18n file
// file (its bytes b): in a writer's words at the line to edit when
// yamlsyntax knows the mistake, else in yaml.v3's.
func stringsError(file string, b []byte, err error) error {
	const hint = "i18n files map keys to strings: key: \"text\""
	if p, ok := yamlsyntax.Explain(b, 0, err); ok {
		return &diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error, Message: p.Message, Hint: p.Hint}
	}
	d := &diag.Diagnostic{File: file, Severity: diag.Error, Message: strings.TrimPrefix(err.Error(), "yaml: "), Hint: hint}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		d.Message = strings.Join(te.Errors, "; ")
	}
	if m := yamlLineRe.FindStringSubmatch(d.Message); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		if strings.HasPrefix(d.Message, m[0]+": ") && !strings.Contains(d.Message, "; ") {
			d.Message = d.Message[len(m[0])+2:]
		}
	}
	return d
}

var yamlLineRe = regexp.MustCompile(`^line (\d+)`)

// StringWarnings returns what the i18n files' YAML reads, but not as its
// writer likely meant (yamlsyntax.Check: a tag YAML drops, an anchor that
// takes a word out of a string), each at its line.
func (s *Set) StringWarnings() diag.List {
	var out diag.List
	for _, f := range s.strFiles {
		out = append(out, f.warnings...)
	}
	return out
}

// readStrings reads layer l's i18n files into strs and returns them with
// their keys' lines, for StrayStrings.
func readStrings(l Layer, layer int, strs map[string]map[string]string) ([]stringsFile, error) {
	var out []stringsFile
	ents, err := fs.ReadDir(l.FS, "i18n")
	if err != nil {
		return nil, nil
	}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") || !regular(l.FS, "i18n/"+e.Name(), e) {
			continue
		}
		lang := strings.TrimSuffix(e.Name(), ".yaml")
		b, err := fs.ReadFile(l.FS, "i18n/"+e.Name())
		if err != nil {
			return nil, err
		}
		// Decoded once, as nodes: the strings from them, and their keys'
		// lines for StrayStrings.
		m := map[string]string{}
		diagPath := path.Join(l.Name, "i18n", e.Name())
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			return nil, stringsError(diagPath, b, err)
		}
		// Every key written twice, each at its line, and what YAML reads
		// but not as meant (a tag, an anchor: warnings).
		f := stringsFile{layer: layer, lang: lang, diagPath: diagPath, lines: map[string]int{}}
		dups, warns := yamlsyntax.Diagnostics(diagPath, &doc, b, 0)
		f.warnings = warns
		if len(dups) > 0 {
			return nil, dups.Err()
		}
		if err := doc.Decode(&m); err != nil {
			return nil, stringsError(diagPath, b, err)
		}
		if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
			kv := doc.Content[0].Content
			for i := 0; i+1 < len(kv); i += 2 {
				f.lines[kv[i].Value] = kv[i].Line
			}
		}
		out = append(out, f)
		if strs[lang] == nil {
			strs[lang] = map[string]string{}
		}
		for k, v := range m {
			strs[lang][k] = v
		}
	}
	return out, nil
}

// parse makes a language's templates. When calls is not nil, it notes
// what the templates call as they are written (unused.go): each file's
// templates once, before html/template escapes them (the escaper renames
// a partial called inside an attribute) and UI strings are folded into
// them (a folded T call is text).
func parse(files map[string]source, table map[string]string, funcs template.FuncMap, calls *calls, dot reflect.Type) (*langSet, error) {
	fm := template.FuncMap{}
	for k, v := range funcs {
		fm[k] = v
	}
	fm["T"] = func(key string, args ...any) string {
		v, ok := table[key]
		if !ok {
			return key
		}
		if len(args) > 0 {
			return fmt.Sprintf(v, args...)
		}
		return v
	}
	df := newDateFormat(table)
	fm["date"] = df.format
	ls := &langSet{kinds: map[string]*template.Template{}, strings: table, date: df}
	fm["partialCached"] = ls.partialCached
	base := template.New("baseof.html").Funcs(fm)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !strings.HasPrefix(n, "_partials/") {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(n, "_partials/"), ".html")
		if _, err := base.New(name).Parse(files[n].text); err != nil {
			return nil, templateError(err, files, false)
		}
	}
	if _, err := base.New("baseof").Parse(files["baseof.html"].text); err != nil {
		return nil, templateError(err, files, false)
	}
	ls.base = base
	if calls != nil { // the partials and baseof, never executed: as written
		for _, x := range base.Templates() {
			calls.tree(x.Tree)
		}
	}
	partials, err := base.Clone()
	if err != nil {
		return nil, err
	}
	ls.partials = partials
	for _, n := range names {
		if strings.HasPrefix(n, "_partials/") || n == "baseof.html" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(n).Parse(files[n].text); err != nil {
			return nil, templateError(err, files, false)
		}
		if calls != nil { // the layout file's own templates; the rest are base's
			for _, x := range t.Templates() {
				if x.Tree != nil && x.Tree.ParseName == n {
					calls.tree(x.Tree)
				}
			}
		}
		if escaped := foldStrings(t, table); escaped && dot != nil {
			elide(t, dot, fm)
		}
		ls.kinds[strings.TrimSuffix(n, ".html")] = t
	}
	return ls, nil
}

var tmplErrRe = regexp.MustCompile(`(?:html/)?template:? ?([^:]+):(\d+):(?:(\d+):)? ?(.*)`)

// templateError turns a template's error into a diagnostic at its file
// and line, with a hint for what most often causes it. executing is set
// for an error of a template that parsed but failed as it ran on a page's
// data (a function's error, an index out of range, a nil value): its
// syntax is fine, and "fix the template syntax" sent writers looking in
// the wrong place.
func templateError(err error, files map[string]source, executing bool) error {
	msg := err.Error()
	m := tmplErrRe.FindStringSubmatch(msg)
	if m == nil {
		return &diag.Diagnostic{Severity: diag.Error, Message: msg}
	}
	name := m[1]
	file := name
	for n, src := range files {
		if n == name || strings.TrimSuffix(strings.TrimPrefix(n, "_partials/"), ".html") == name || (name == "baseof" && n == "baseof.html") {
			file = src.diagPath
		}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	hint := "fix the template syntax"
	if executing {
		hint = "the template parsed but failed on this page's data: the message names the call and why; " +
			"guard a value that may be missing with {{ with }} or {{ if }}, or fix the call's arguments"
	}
	switch {
	case strings.Contains(m[4], "not defined"):
		hint = "check the function or template name; available functions are listed in the writer's guide"
	case strings.Contains(m[4], "no such template"):
		// A copy of an older theme file calling a partial the theme no
		// longer has (person, before the bylines were written in Go).
		name := "NAME"
		if _, q, ok := strings.Cut(m[4], `no such template "`); ok {
			name, _, _ = strings.Cut(q, `"`)
		}
		hint = "add the partial as layouts/_partials/" + name + ".html or remove the call; if this file is a copy of an older medkb theme's, CHANGELOG.md says what took the partial's place"
	case strings.Contains(m[4], "can't evaluate field"):
		hint = "the data has no such field in this medkb version: the writer's guide lists what templates get, and CHANGELOG.md names the fields that were renamed or removed"
	}
	return &diag.Diagnostic{File: file, Line: line, Col: col, Severity: diag.Error, Message: "template: " + m[4], Hint: hint}
}

// Has reports whether a layout exists.
func (s *Set) Has(layout string) bool {
	_, ok := s.layouts[layout+".html"]
	return ok
}

// OwnLayouts returns the layout files (not baseof.html, not partials) the
// last of several layers has, the site's own over its theme: layout name
// → the file's path for messages.
func (s *Set) OwnLayouts() map[string]string {
	top := 0
	for _, src := range s.files {
		top = max(top, src.layer)
	}
	out := map[string]string{}
	if top == 0 {
		return out
	}
	for name, src := range s.files {
		if src.layer == top && !strings.HasPrefix(name, "_partials/") && name != "baseof.html" {
			out[strings.TrimSuffix(name, ".html")] = src.diagPath
		}
	}
	return out
}

// Mentions reports which of texts some layout file of the set (any
// layer's, partials and baseof.html included) holds, as written.
func (s *Set) Mentions(texts []string) map[string]bool {
	out := map[string]bool{}
	for _, src := range s.files {
		for _, t := range texts {
			if !out[t] && strings.Contains(src.text, t) {
				out[t] = true
			}
		}
	}
	return out
}

// Layouts returns the names of the layouts a page can name, sorted: the
// layout files of every layer but baseof.html and the partials.
func (s *Set) Layouts() []string {
	var out []string
	for name := range s.layouts {
		if !strings.HasPrefix(name, "_partials/") && name != "baseof.html" {
			out = append(out, strings.TrimSuffix(name, ".html"))
		}
	}
	sort.Strings(out)
	return out
}

// Execute renders the layout for lang with data into w.
func (s *Set) Execute(w io.Writer, lang, layout string, data any) error {
	out, err := s.Render(lang, layout, data, 0)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// Render executes a layout like Execute and returns the page. sizeHint, the
// expected size of the page, saves growing the buffer as it fills.
func (s *Set) Render(lang, layout string, data any, sizeHint int) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	if err := s.RenderTo(&buf, lang, layout, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderTo executes a layout like Render, appending the page to buf, for
// a caller that reuses its buffers. After an error buf holds part of a
// page.
func (s *Set) RenderTo(buf *bytes.Buffer, lang, layout string, data any) error {
	ls := s.langs[lang]
	if ls == nil {
		return fmt.Errorf("theme: no templates for language %q", lang)
	}
	if s.dot != nil && reflect.TypeOf(data) != s.dot {
		return fmt.Errorf("theme: page data of type %T, not the %s the templates were loaded for", data, s.dot)
	}
	t := ls.kinds[layout]
	if t == nil {
		return &diag.Diagnostic{File: "layouts/" + layout + ".html", Severity: diag.Error,
			Message: "missing layout " + layout + ".html", Hint: "add layouts/" + layout + ".html or remove the layout key from the front matter"}
	}
	if err := t.ExecuteTemplate(buf, "baseof", data); err != nil {
		// html/template reports what it finds as it escapes a template
		// on its first run (a call of a partial no layer has) as its own
		// error type, not an ExecError; both name the template's line.
		var ee texttemplate.ExecError
		var he *template.Error
		switch {
		case errors.As(err, &ee):
			return templateError(ee, s.files, true)
		case errors.As(err, &he):
			return templateError(he, s.files, false)
		}
		return err
	}
	return nil
}

// String returns the UI string for key in lang.
func (s *Set) String(lang, key string) string {
	if ls := s.langs[lang]; ls != nil {
		if v, ok := ls.strings[key]; ok {
			return v
		}
	}
	return key
}

// HTML returns the UI string key of lang as HTML text, for code that
// builds markup outside a template (feed items): the string is escaped and
// args, plain text, are escaped and put in place of its fmt verbs. It is
// the one escaping path for UI strings outside html/template, which
// escapes T's result by context; a translator's markup never becomes
// markup.
func (s *Set) HTML(lang, key string, args ...string) string {
	format := html.EscapeString(s.String(lang, key))
	if len(args) == 0 {
		return format
	}
	escaped := make([]any, len(args))
	for i, a := range args {
		escaped[i] = html.EscapeString(a)
	}
	return fmt.Sprintf(format, escaped...)
}

// Strings returns every UI string of lang with the given key prefix.
func (s *Set) Strings(lang, prefix string) map[string]string {
	out := map[string]string{}
	if ls := s.langs[lang]; ls != nil {
		for k, v := range ls.strings {
			if strings.HasPrefix(k, prefix) {
				out[k] = v
			}
		}
	}
	return out
}

// dateFormat writes dates with a language's month names and layout:
// "date.layout" uses {d}, {month} and {yyyy}; "date.months" lists the
// twelve month names separated by commas. Both are read once, when the
// language's templates are made, not on every date: a build formats a
// few dates on every page and every feed item.
type dateFormat struct {
	months []string // the twelve names, or nil for English's
	parts  []datePart
}

// datePart is a stretch of literal layout text followed by a field, or
// by none at the end (fieldNone).
type datePart struct {
	text  string
	field int
}

const (
	fieldNone = iota
	fieldDay
	fieldMonth
	fieldYear
)

// newDateFormat reads table's date keys. The layout is split as
// strings.NewReplacer("{d}", …, "{month}", …, "{yyyy}", …) would replace
// it: left to right, each placeholder where it starts, the text between
// them as it is.
func newDateFormat(table map[string]string) *dateFormat {
	df := &dateFormat{}
	if months := strings.Split(table["date.months"], ","); len(months) == 12 {
		for _, m := range months {
			df.months = append(df.months, strings.TrimSpace(m))
		}
	}
	layout := table["date.layout"]
	if layout == "" {
		layout = "{d} {month} {yyyy}"
	}
	fields := []struct {
		placeholder string
		field       int
	}{{"{d}", fieldDay}, {"{month}", fieldMonth}, {"{yyyy}", fieldYear}}
	start := 0
	for i := 0; i < len(layout); i++ {
		for _, f := range fields {
			if strings.HasPrefix(layout[i:], f.placeholder) {
				df.parts = append(df.parts, datePart{layout[start:i], f.field})
				i += len(f.placeholder) - 1
				start = i + 1
				break
			}
		}
	}
	df.parts = append(df.parts, datePart{layout[start:], fieldNone})
	return df
}

// format writes t, or "" for the zero time.
func (df *dateFormat) format(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	b := make([]byte, 0, 32)
	for _, p := range df.parts {
		b = append(b, p.text...)
		switch p.field {
		case fieldDay:
			b = strconv.AppendInt(b, int64(t.Day()), 10)
		case fieldMonth:
			if df.months != nil {
				b = append(b, df.months[t.Month()-1]...)
			} else {
				b = append(b, t.Month().String()...)
			}
		case fieldYear:
			b = strconv.AppendInt(b, int64(t.Year()), 10)
		}
	}
	return string(b)
}

// FormatDate formats a date the way the date template function does.
func (s *Set) FormatDate(lang string, t time.Time) string {
	if ls := s.langs[lang]; ls != nil {
		return ls.date.format(t)
	}
	return t.Format("2 January 2006")
}
