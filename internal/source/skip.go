package source

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/diag"
)

// DefaultIgnore are the name patterns (path.Match syntax, matched against
// a file's or folder's name) that are never read from content/ nor
// published from static/: dotfiles and dot-folders (.env, .git, .svn,
// .hg, .DS_Store, .foo.swp), editor backups and lock files (foo~, #foo#,
// foo.swp, foo.swo) and files operating systems leave behind (Thumbs.db,
// desktop.ini). medkb.yaml's ignore list adds more.
var DefaultIgnore = []string{".*", "*~", "#*#", "*.swp", "*.swo", "Thumbs.db", "desktop.ini", "CVS", "_darcs"}

// Ignored reports whether the file or folder at rel (slash-separated,
// relative to the folder being read: "css/site.css") is skipped, and the
// rule that skips it. The default rules match the name alone; a rule from
// extra that contains a "/" matches the whole relative path instead.
func Ignored(rel string, extra []string) (rule string, ok bool) {
	name := path.Base(rel)
	for _, p := range DefaultIgnore {
		if match(p, name) {
			return p, true
		}
	}
	for _, p := range extra {
		target := name
		if strings.Contains(p, "/") {
			target = strings.TrimPrefix(rel, "/")
			p = strings.TrimPrefix(p, "/")
		}
		if match(p, target) {
			return p, true
		}
	}
	return "", false
}

// match is path.Match(pattern, name), false for a malformed pattern. A
// pattern with at most one "*" and no other special character (every
// default rule) is matched with prefix and suffix tests: the rules are
// tried on every file of three walks in each build, and path.Match was
// 40 ms of a one-article rebuild's CPU at 10,000 articles.
func match(pattern, name string) bool {
	if strings.ContainsAny(pattern, "?[\\") || strings.Count(pattern, "*") > 1 {
		m, _ := path.Match(pattern, name)
		return m
	}
	prefix, suffix, star := strings.Cut(pattern, "*")
	if !star {
		return name == pattern
	}
	return len(name) >= len(prefix)+len(suffix) && strings.HasPrefix(name, prefix) && strings.HasSuffix(name, suffix) &&
		!strings.Contains(name[len(prefix):len(name)-len(suffix)], "/") // "*" matches no "/"
}

// NotRegularError is returned for a path that is neither a regular file
// nor a folder: a named pipe, a socket or a device. Reading one would
// block forever (a pipe) or read something that is not a site file.
type NotRegularError struct {
	Path string
	Kind string // "named pipe", "socket", "device", …
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is a %s, not a regular file", e.Path, e.Kind)
}

// kindOf names a non-regular file type for messages.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "named pipe"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "device"
	case m&fs.ModeIrregular != 0:
		return "special file"
	}
	return "special file"
}

// special reports whether mode (of the file itself, links followed) is
// something other than a regular file or a folder.
func special(m fs.FileMode) bool { return !m.IsRegular() && !m.IsDir() }

// OpenRegular opens path for reading only if it is (or links to) a regular
// file. It never blocks on a named pipe: the open does not wait for a
// writer, and anything not regular is closed again and refused with a
// *NotRegularError.
func OpenRegular(path string) (*os.File, error) {
	f, _, err := openRegular(path)
	return f, err
}

// openRegular is OpenRegular, also returning what the file's fstat said.
func openRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, nil, &NotRegularError{Path: path, Kind: kindOf(st.Mode())}
	}
	return f, st, nil
}

// ReadRegular reads a whole regular file, refusing anything else as
// OpenRegular does, into a buffer of the file's size (io.ReadAll grew one
// from 512 bytes: twice the file's bytes allocated, for every Markdown
// file a build reads again).
func ReadRegular(path string) ([]byte, error) {
	f, size, err := openRegularFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readSized(f, size)
}

// HashRegular returns the SHA-256 of a regular file's bytes, refusing
// anything else as OpenRegular does.
func HashRegular(path string) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	f, _, err := openRegularFile(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	buf := hashBufs.Get().(*[]byte)
	defer hashBufs.Put(buf)
	h := sha256.New()
	for {
		// Read by hand: io.CopyBuffer would take the reader's WriteTo
		// where it has one (os.File's allocates 32 KiB a file).
		n, err := f.Read(*buf)
		h.Write((*buf)[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			return sum, err
		}
	}
	h.Sum(sum[:0])
	return sum, nil
}

var hashBufs = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// readSized reads r to its end into a buffer made for size bytes and one
// more, to see the end at once, as os.ReadFile does (a file that grew
// since is read to its end).
func readSized(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, int(size)+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // grown by append's rule
		}
	}
}

// MarkdownCopy reports whether a file name in content/ is Markdown that
// medkb does not build: another case of the extension (Asthma.MD, whose
// rename, Asthma.md, it returns) or a backup copy (asthma.md.bak,
// asthma.md.orig: no rename). Such a file is neither built nor published
// as it is, which would put its source (front matter, draft text,
// reviewers' notes) on the site; Skipped warns. A file that only has
// ".md." in its name (asthma-plan.md.pdf, Jane-Smith.MD.jpg) is a file
// like any other.
func MarkdownCopy(name string) (rename string, ok bool) {
	if isMarkdownName(name) {
		return "", false
	}
	lower := strings.ToLower(name)
	if isMarkdownName(lower) {
		ext := path.Ext(name)
		return strings.TrimSuffix(name, ext) + strings.ToLower(ext), true
	}
	ext := path.Ext(lower)
	return "", backupExts[ext] && isMarkdownName(strings.TrimSuffix(lower, ext))
}

// backupExts are the extensions editors, merge tools and people give a
// copy of a file.
var backupExts = map[string]bool{".bak": true, ".backup": true, ".orig": true, ".old": true, ".tmp": true, ".temp": true,
	".save": true, ".sav": true, ".rej": true, ".prev": true, ".copy": true, ".draft": true}

// Skipped walks the folders a site is read from (content, static, data,
// i18n, layouts and each theme's) and returns a warning for every file it
// will not read: named pipes, sockets and devices anywhere, and files under
// a static folder that the ignore rules (DefaultIgnore plus extra) keep
// from being published. Each warning names the file.
func Skipped(root string, extra []string) diag.List {
	var out diag.List
	dirs := []string{"content", "static", "data", "i18n", "layouts"}
	if ents, err := os.ReadDir(filepath.Join(root, "themes")); err == nil {
		for _, e := range ents {
			if e.IsDir() {
				for _, d := range []string{"static", "i18n", "layouts"} {
					dirs = append(dirs, "themes/"+e.Name()+"/"+d)
				}
			}
		}
	}
	for _, d := range dirs {
		top := filepath.Join(root, filepath.FromSlash(d))
		isStatic := path.Base(d) == "static"
		filepath.WalkDir(top, func(p string, e fs.DirEntry, err error) error {
			if err != nil || p == top {
				return nil
			}
			rel := filepath.ToSlash(strings.TrimPrefix(p, top+string(filepath.Separator)))
			file := d + "/" + rel
			if rule, ok := Ignored(rel, extra); ok {
				if isStatic {
					out = append(out, diag.Diagnostic{File: file, Severity: diag.Warning,
						Message: fmt.Sprintf("not published: matches the ignore rule %q", rule),
						Hint:    "rename it if it belongs on the site; dotfiles, editor backups and OS files never are"})
				}
				if e.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if rename, copied := MarkdownCopy(e.Name()); d == "content" && !e.IsDir() && copied {
				hint := "rename it to end in .md if it is a page; delete it if it is a copy"
				if rename != "" {
					hint = "rename it to " + rename + " to build it as a page"
				}
				out = append(out, diag.Diagnostic{File: file, Severity: diag.Warning,
					Message: "not built and not published: medkb builds only files ending in .md or .markdown, and never publishes Markdown source", Hint: hint})
				return nil
			}
			mode := e.Type()
			if mode&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil {
					return nil // broken links are reported where the file is read
				}
				mode = st.Mode()
			}
			if special(mode) {
				out = append(out, diag.Diagnostic{File: file, Severity: diag.Warning,
					Message: fmt.Sprintf("skipped: a %s, not a regular file", kindOf(mode)),
					Hint:    "medkb reads only regular files and folders; remove it or replace it with a file"})
			}
			return nil
		})
	}
	return out
}
