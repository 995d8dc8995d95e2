// Package source owns a site's layout and reads its files from disk. The
// layout is written here once (layout.go): the folders and files a build
// reads (InputDirs, InputFiles — the build, its fingerprint and the dev
// server's watcher all take them from here), the theme's layers
// (ThemeLayers) and static files (StaticFiles), and what kind of input a
// changed path is (Classify, refined for content by ClassifyContent), which
// decides how much of a build a change invalidates. The readers return
// content files with their language and section, data files, and static
// files from the site and its theme; they refuse symbolic links that lead
// outside the site and files they cannot read safely, naming the file and
// the fix.
//
// Source does no parsing beyond file names and the plain scan that finds a
// front matter block's end; it only reads. Its values are read-only once
// returned and safe to share between goroutines, with one exception:
// File.Release, which a build calls once, after its last reader of the
// file's bytes, to stop holding them.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/diag"
)

// MaxFileSize bounds a single content file. A long clinical guideline is
// well under 1 MB; the limit keeps one pasted dump from turning a build of
// seconds into minutes (every later phase — Markdown, search, feeds, checks
// — is linear in it).
const MaxFileSize = 8 << 20

// File is a content file.
type File struct {
	Path    string // relative to the site root, slash-separated: "content/conditions/asthma.es.md"
	Rel     string // relative to content/: "conditions/asthma.es.md"
	Section string // "conditions"; "" at the top of content/
	Base    string // name without language and extension: "asthma"; "_index" for section files
	Lang    string // language code, or "" when the name carries none
	Data    []byte // nil after Release
	Hash    Sum    // sha256 of Data; zero until read (Deferred)

	released bool
	metaKey  Sum // FrontMatterKey of Data, kept by Release
}

// Release drops f's bytes, keeping the key of its front matter (MetaKey).
// A build calls it once the bodies are rendered: the sources are among the
// largest things it holds, and later readers use MetaKey or Reader.
func (f *File) Release() {
	if !f.released {
		f.metaKey, f.Data, f.released = FrontMatterKey(f.Data), nil, true
	}
}

// MetaKey returns FrontMatterKey of f's bytes, also after Release.
func (f *File) MetaKey() Sum {
	if f.released {
		return f.metaKey
	}
	return FrontMatterKey(f.Data)
}

// Reader returns what reads f's bytes for a late reader (the checks that
// scan a page's source): f.Data while f holds it; after Release, the file
// read again from the site at root, and only while it is still the version
// f was read as (same sha256), else nil, which the reader must report.
// A nil f (no source file) has no reader: nil.
func (f *File) Reader(root string) func() []byte {
	if f == nil {
		return nil
	}
	if !f.released {
		data := f.Data
		return func() []byte { return data }
	}
	return f.readAgain(root)
}

// readAgain returns what reads f from the site at root again, while its
// sha256 is f's, else nil.
func (f *File) readAgain(root string) func() []byte {
	path, hash := filepath.Join(root, filepath.FromSlash(f.Path)), f.Hash
	return func() []byte { return readVersion(path, hash) }
}

// readVersion reads the file at path, when its sha256 is hash; else nil.
func readVersion(path string, hash Sum) []byte {
	data, err := ReadRegular(path)
	if err != nil {
		return nil
	}
	if SumOf(data) != hash {
		return nil
	}
	return data
}

// Assume records what a caller knows of f without reading it: the sha256
// of its bytes from a stat cache it has just checked, and the key of
// its front matter (FrontMatterKey). f is then as if read and released:
// Load does nothing, and Reader and TailFrom read the file again, only
// while it is still that version. A build whose parsed front matter and
// rendered body are cached by that hash never reads the file at all.
func (f *File) Assume(hash, metaKey Sum) {
	f.Data, f.Hash, f.metaKey, f.released = nil, hash, metaKey, true
}

// BodyAt returns where in f's bytes body, their end, starts; ok is false
// when body is not the end of f's bytes as held.
func (f *File) BodyAt(body []byte) (skip int, ok bool) {
	n := len(body)
	if f.released || n > len(f.Data) || n > 0 && &body[n-1] != &f.Data[len(f.Data)-1] {
		return 0, false
	}
	return len(f.Data) - n, true
}

// Tail returns the end of f's bytes that body is (a page's Markdown
// after its front matter), read again from the site at root, as TailFrom;
// ok is false when body is not the end of f's bytes as held.
func (f *File) Tail(root string, body []byte) (t *Tail, ok bool) {
	from, ok := f.BodyAt(body)
	if !ok {
		return nil, false
	}
	return f.TailFrom(root, from), true
}

// HeldTail is Tail for a caller that may hold the body until it is
// rendered: the Tail's Markdown hands out body itself the first time it
// is called, and reads the file again on every later call, so a build
// that renders each body once (the Markdown phase) reads each file once.
// The body is freed once that first reader drops it, or by the Tail's
// Drop, which lets go of a body nobody read (a rendering the cache had)
// and may be called at any time.
func (f *File) HeldTail(root string, body []byte) (t *Tail, ok bool) {
	if t, ok = f.Tail(root, body); ok {
		t.held = body
	}
	return t, ok
}

// TailFrom returns f's bytes from offset from on (a page's Markdown after
// its front matter), read again from the site at root, only while the
// file is the version f was read as, or assumed to be (same sha256), so
// that f need not be held until the body is rendered.
func (f *File) TailFrom(root string, from int) *Tail {
	return &Tail{root: root, path: f.Path, hash: f.Hash, from: from}
}

// A Tail is the end of a file's bytes from an offset on (a page's
// Markdown after its front matter), read again from the site when asked
// for (Markdown), and the id of those bytes (MarkdownID). A build keeps
// one for every page, from parsing to its end, so it is a single object
// holding strings the file has already (the site's root, the file's
// path) and the file's hash inline: made of closures, the reader and its
// id were seven or eight objects a page, which every collection of the
// build had to find and mark (see package site's memory notes). Safe for
// concurrent use.
type Tail struct {
	root, path string
	hash       Sum
	from       int

	mu   sync.Mutex
	held []byte // HeldTail's body, until it is first read or dropped
}

// MarkdownID names the bytes Markdown reads — the same id, the same bytes
// — so that a cache of what is made of them can take it as its key
// without reading them.
func (t *Tail) MarkdownID() string {
	return "sha256:" + t.hash.String() + "+" + strconv.Itoa(t.from)
}

// Markdown returns the bytes: a held body the first time (HeldTail), else
// the file read again, or an error naming the file when it is no longer
// the version it was read as.
func (t *Tail) Markdown() ([]byte, error) {
	if b := t.take(); b != nil {
		return b, nil
	}
	data := readVersion(filepath.Join(t.root, filepath.FromSlash(t.path)), t.hash)
	if data == nil || len(data) < t.from {
		return nil, &diag.Diagnostic{File: t.path, Severity: diag.Error, Message: "the file changed while medkb was building it, so its body was not rendered",
			Hint: "build again"}
	}
	return data[t.from:], nil
}

// Drop lets go of a held body nobody read (HeldTail); the next Markdown
// reads the file again.
func (t *Tail) Drop() { t.take() }

// take returns the held body, if any, and lets go of it.
func (t *Tail) take() []byte {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.held
	t.held = nil
	return b
}

// BodyEdit reads f's file again from the site at root and returns its new
// version when only the body changed since f was read (ClassifyContent is
// ClassBody): a copy of f holding the new bytes and their hash. ok is
// false when the file cannot be read as a regular file (it never blocks on
// a named pipe) or its front matter changed.
func (f *File) BodyEdit(root string) (edited *File, ok bool) {
	data, err := ReadRegular(filepath.Join(root, filepath.FromSlash(f.Path)))
	if err != nil || ClassifyContent(f.MetaKey(), data) != ClassBody {
		return nil, false
	}
	g := *f
	g.Data, g.Hash, g.released, g.metaKey = data, SumOf(data), false, Sum{}
	return &g, true
}

// IsIndex reports whether the file is a section or home file: _index.md,
// or index.md at the top of content/ or of a section folder.
func (f *File) IsIndex() bool {
	return f.Base == "_index" || (f.Base == "index" && !strings.Contains(f.Dir(), "/"))
}

// IsBundle reports whether the file is a leaf bundle's page: index.md in a
// folder below a section (content/conditions/asthma/index.md), published
// at the folder's address with the folder's other files beside it.
func (f *File) IsBundle() bool { return f.Base == "index" && strings.Contains(f.Dir(), "/") }

// Dir returns the folder of the file relative to content/ ("" at the top).
func (f *File) Dir() string {
	d := path.Dir(f.Rel)
	if d == "." {
		return ""
	}
	return d
}

// Static is a file copied as is into the output.
type Static struct {
	Rel  string // output path: "images/logo.png"
	Abs  string // where to read it from ("" when embedded)
	FS   fs.FS  // set for embedded theme files
	Path string // path within FS
	Size int64
}

var langNameRe = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$`)

// Options says which languages exist, so file names can be read.
type Options struct {
	Languages []string
	// Ignore are name or path patterns skipped on top of DefaultIgnore
	// (medkb.yaml's ignore list).
	Ignore []string
	// Deferred lists the files without reading them: each File's Data and
	// Hash are filled in by its Load, with the same checks, so that a
	// caller reading, parsing and dropping one file at a time never holds
	// the whole content folder.
	Deferred bool
}

// ReadContent walks root/content and returns its Markdown files sorted by
// path. Symbolic links are followed only when they stay inside root.
func ReadContent(root string, opts Options) ([]*File, error) {
	dir := filepath.Join(root, "content")
	known := map[string]bool{}
	for _, l := range opts.Languages {
		known[l] = true
	}
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	var files []*File
	var todo []string // content files to read, by path relative to root
	var errs diag.List
	walkErr := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if _, skip := Ignored(strings.TrimPrefix(rel, "content/"), opts.Ignore); p != dir && skip {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if err := insideRoot(rootReal, p, rel); err != nil {
				errs = append(errs, *err)
				return nil
			}
			st, err := os.Stat(p)
			if err != nil {
				return err
			}
			if st.IsDir() {
				errs = append(errs, diag.Errorf(rel, 0, "copy the folder into content/ instead of linking to it",
					"symbolic links to folders are not followed"))
				return nil
			}
			if special(st.Mode()) {
				return nil // Skipped warns about it
			}
		} else if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if !isMarkdownName(name) {
			return nil
		}
		todo = append(todo, rel)
		return nil
	})
	if walkErr != nil {
		return nil, walkErr
	}
	// Read the files found on several goroutines: reading 10,000 articles
	// one after another left a core idle for most of a second.
	read := make([]*File, len(todo))
	failed := make([]*diag.Diagnostic, len(todo))
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(len(todo), 2*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range work {
				read[i], failed[i] = readFile(root, todo[i], known, opts.Deferred)
			}
		})
	}
	for i := range todo {
		work <- i
	}
	close(work)
	wg.Wait()
	for i := range todo {
		if failed[i] != nil {
			errs = append(errs, *failed[i])
		} else {
			files = append(files, read[i])
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// readLimited reads a file with one open (os.Stat and then os.ReadFile
// made two lookups of every path), unless its size is over limit.
func readLimited(path string, limit int64) ([]byte, int64, error) {
	f, size, err := openRegularFile(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	if size > limit {
		return nil, size, nil
	}
	b, err := readSized(f, size)
	if err != nil {
		return nil, 0, err
	}
	return b, int64(len(b)), nil
}

func insideRoot(rootReal, p, rel string) *diag.Diagnostic {
	target, err := filepath.EvalSymlinks(p)
	if err != nil {
		d := diag.Errorf(rel, 0, "remove the link or point it at a file inside the site", "broken symbolic link: %v", err)
		return &d
	}
	if r, err := filepath.Rel(rootReal, target); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		d := diag.Errorf(rel, 0, "copy the file into the site instead of linking to it",
			"symbolic link points outside the site (to %s)", target)
		return &d
	}
	return nil
}

func readFile(root, rel string, known map[string]bool, deferred bool) (*File, *diag.Diagnostic) {
	var data []byte
	if !deferred {
		var d *diag.Diagnostic
		if data, d = readContent(root, rel); d != nil {
			return nil, d
		}
	}
	crel := strings.TrimPrefix(rel, "content/")
	name := path.Base(crel)
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".md"), ".markdown")
	f := &File{Path: rel, Rel: crel, Base: name, Data: data}
	if m := langNameRe.FindStringSubmatch(name); m != nil {
		if !known[m[2]] {
			if len(m[2]) == 2 {
				d := diag.Errorf(rel, 0, fmt.Sprintf("declare %q under languages in medkb.yaml, or rename the file", m[2]),
					"unknown language code %q in the file name", m[2])
				return nil, &d
			}
		} else {
			f.Base, f.Lang = m[1], m[2]
		}
	}
	if i := strings.IndexByte(crel, '/'); i > 0 {
		f.Section = crel[:i]
	}
	if !deferred {
		f.setData(data)
	}
	return f, nil
}

// readContent reads the content file rel under root, within the size
// limit.
func readContent(root, rel string) ([]byte, *diag.Diagnostic) {
	data, size, err := readLimited(filepath.Join(root, filepath.FromSlash(rel)), MaxFileSize)
	if err != nil {
		d := diag.Errorf(rel, 0, "", "cannot read: %v", err)
		return nil, &d
	}
	if size > MaxFileSize {
		d := diag.Errorf(rel, 0, "split the article into smaller pages",
			"file is %.1f MB, larger than the %d MB size limit for a content file", float64(size)/(1<<20), MaxFileSize>>20)
		return nil, &d
	}
	return data, nil
}

func (f *File) setData(data []byte) {
	f.Data, f.Hash = data, SumOf(data)
}

// Load reads a file that ReadContent listed with Options.Deferred from
// the site at root, filling in Data and Hash; it does nothing to a file
// already read (or released).
func (f *File) Load(root string) error {
	if !f.Hash.IsZero() || f.released {
		return nil
	}
	data, d := readContent(root, f.Path)
	if d != nil {
		return d
	}
	f.setData(data)
	return nil
}

// ReadStatic lists the files under root/static; later layers override earlier
// ones by output path. Links leading outside the site are refused.
//
// Files and folders matching the ignore rules (DefaultIgnore, then
// ignore) are not published, and nor is anything that is not a regular
// file; Skipped reports both.
func ReadStatic(root string, ignore ...string) ([]Static, error) {
	return readFiles(root, "static", nil, ignore)
}

// ReadContentFiles lists the files under root/content that are not
// Markdown (a leaf bundle's images, a leaflet beside its page): each is
// published at its path inside content/, like a file of static/, with the
// same ignore rules and link checks as ReadStatic.
func ReadContentFiles(root string, ignore ...string) ([]Static, error) {
	return readFiles(root, "content", func(name string) bool {
		_, copied := MarkdownCopy(name)
		return isMarkdownName(name) || copied
	}, ignore)
}

// readFiles lists the files under root/top but those skip names.
func readFiles(root, top string, skipName func(string) bool, ignore []string) ([]Static, error) {
	dir := filepath.Join(root, top)
	rootReal, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, err
	}
	var out []Static
	var errs diag.List
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if _, skip := Ignored(strings.TrimPrefix(rel, top+"/"), ignore); p != dir && skip {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || (skipName != nil && skipName(d.Name())) {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if e := insideRoot(rootReal, p, rel); e != nil {
				errs = append(errs, *e)
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		st, err := os.Stat(p)
		if err != nil {
			return err
		}
		if !st.Mode().IsRegular() {
			return nil // a link to a folder or a special file
		}
		out = append(out, Static{Rel: strings.TrimPrefix(rel, top+"/"), Abs: p, Size: st.Size()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if e := errs.Err(); e != nil {
		return nil, e
	}
	return out, nil
}

// StaticFS lists the files of an fs.FS (an embedded theme's static folder).
func StaticFS(fsys fs.FS, dir string) ([]Static, error) {
	var out []Static
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		out = append(out, Static{Rel: strings.TrimPrefix(p, dir+"/"), FS: fsys, Path: p, Size: info.Size()})
		return nil
	})
	return out, err
}

// ReadData reads root/data/NAME.yaml (or NAME.yml), returning nil data when
// it is absent. Like content, a data file that is a link leading outside
// the site is refused.
func ReadData(root, name string) ([]byte, string, error) {
	rel := "data/" + name + ".yaml"
	p := filepath.Join(root, "data", name+".yaml")
	if _, err := os.Lstat(p); os.IsNotExist(err) {
		rel, p = "data/"+name+".yml", filepath.Join(root, "data", name+".yml")
	}
	st, err := os.Lstat(p)
	if os.IsNotExist(err) {
		return nil, rel, nil
	}
	if err != nil {
		return nil, rel, err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		rootReal, err := filepath.EvalSymlinks(root)
		if err != nil {
			return nil, rel, err
		}
		if d := insideRoot(rootReal, p, rel); d != nil {
			return nil, rel, d
		}
	}
	b, err := ReadRegular(p)
	var nr *NotRegularError
	if errors.As(err, &nr) {
		return nil, rel, nil // Skipped warns about it
	}
	return b, rel, err
}

// DataFiles reads root/data once and returns names, the *.yaml (and
// *.yml) files in it without extension, sorted, and others, what it holds
// that no build reads: files of other kinds (a Hugo site's
// data/clinics.json or .toml) as "data/clinics.json", and folders (Hugo
// reads data/clinics/*.yaml as .Site.Data.clinics) as "data/clinics/", in
// name order. Dot files and editors' backups (a name ending in ~) are
// left out of others.
func DataFiles(root string) (names, others []string, err error) {
	ents, err := os.ReadDir(filepath.Join(root, "data"))
	if os.IsNotExist(err) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	for _, e := range ents {
		name := e.Name()
		file := e.Type().IsRegular() || e.Type()&fs.ModeSymlink != 0
		isYAML := strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
		switch {
		case file && isYAML:
			names = append(names, strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml"))
		case strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~"):
		case e.IsDir():
			others = append(others, "data/"+name+"/")
		case file:
			others = append(others, "data/"+name)
		}
	}
	sort.Strings(names)
	return names, others, nil
}
