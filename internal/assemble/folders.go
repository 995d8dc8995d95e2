package assemble

import (
	"fmt"
	"path"
	"strings"

	"github.com/medkb/medkb/internal/pathclaim"
)

// claimant is what claimed an output path: a page or an alias (alias) of
// a content file at a line, or a generated page (file in parentheses,
// line 0).
type claimant struct {
	out, file string
	line      int
	alias     bool
}

// claimant returns what claimed output path out.
func (a *assembler) claimant(out string) claimant {
	return claimant{out: out, file: a.owner(out), line: a.lines[out], alias: a.aliased[out]}
}

// folderClash reports, and is true, when output path out (claimed by file
// at line; alias when it is a redirect) cannot be written beside what
// was claimed before it: out is inside a folder whose name another page
// or alias writes as a file, or out is a file named as a folder that
// another output is in. An address ending in .html, .htm or .xhtml is a
// file's (any other with a dot in its last part, /apps/guides/hosting/4.x
// as Hugo sites write aliases, is a folder's: aliasFolder), and an output
// under it (/a/page.html/intro.pdf) needs a folder of that name: no disk
// or host holds both, and the build stopped while writing, with the
// system's bare "mkdir …: file exists". The
// error names both and is at the line of the one written as a file,
// whose address is what to change (at the other's when medkb generates
// the file).
func (a *assembler) folderClash(out, file string, line int, alias bool) bool {
	cur := claimant{out: out, file: file, line: line, alias: alias}
	switch by, kind, _ := a.outputs.Blocker(out); kind {
	case pathclaim.Folder:
		a.reportFolderClash(a.claimant(by), cur)
		return true
	case pathclaim.Inside:
		a.reportFolderClash(cur, a.claimant(by))
		return true
	}
	return false
}

// reportFolderClash is the error for asFile, written as a file, and
// inside, written in a folder of that name.
func (a *assembler) reportFolderClash(asFile, inside claimant) {
	at, other := asFile, inside
	if asFile.generated() {
		at, other = inside, asFile
	}
	msg := fmt.Sprintf("%s is written as the file %s, but %s is written inside a folder of that name, at %s: one path cannot be both a file and a folder",
		asFile.describe(at), asFile.out, inside.describe(at), inside.out)
	addr := "/" + asFile.out
	var hint string
	switch {
	case asFile.generated():
		hint = "give " + other.describe(inside) + " another address: medkb writes " + asFile.out + " itself"
	case inside.out == asFile.out+"/index.html" && asFile.alias:
		hint = fmt.Sprintf("remove the alias: %s/ is the address of %s, which hosts serve for the address without the slash too", addr, inside.describe(at))
	case inside.out == asFile.out+"/index.html":
		hint = fmt.Sprintf("give the page another url: %s/ is the address of %s, which hosts serve for the address without the slash too", addr, inside.describe(at))
	case asFile.alias:
		hint = fmt.Sprintf("end the alias with a slash, %s/: a last part with a dot (%s) reads as a file name, and with the slash the redirect is written as %s/index.html, which hosts also serve for the address without the slash; or give the other one another address",
			addr, path.Base(addr), asFile.out)
	default:
		hint = fmt.Sprintf("end url: with a slash, %s/ (the page is then written as %s/index.html), or give the other one another address", addr, asFile.out)
	}
	a.errorf(at.file, lineOr(at.line, 1), hint, "%s", msg)
}

// generated reports whether medkb claimed the path for a page it makes.
func (c claimant) generated() bool { return strings.HasPrefix(c.file, generatedPrefix) }

// describe names c in a message at the position of at: its address, and
// its file and line when that is another file's.
func (c claimant) describe(at claimant) string {
	if c.generated() {
		return "medkb's " + strings.TrimSuffix(strings.TrimPrefix(c.file, generatedPrefix), ")")
	}
	what := "the page at " + c.address()
	if c.alias {
		what = "alias " + c.address()
	}
	if c.file == at.file && c.line == at.line {
		return what
	}
	if c.file == at.file {
		return fmt.Sprintf("%s (line %d)", what, lineOr(c.line, 1))
	}
	return fmt.Sprintf("%s of %s (line %d)", what, c.file, lineOr(c.line, 1))
}

// address is the address that c's output path answers.
func (c claimant) address() string {
	if c.out == "index.html" || strings.HasSuffix(c.out, "/index.html") {
		return "/" + strings.TrimSuffix(c.out, "index.html")
	}
	return "/" + c.out
}
