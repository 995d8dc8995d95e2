package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// gitDates are the author dates of a file's first and last commits.
type gitDates struct{ first, last time.Time }

// Why a site's git history cannot be read.
var (
	errNoGit     = errors.New("git is not installed")
	errNotRepo   = errors.New("the folder is not in a git repository")
	errShallow   = errors.New("the repository is a shallow clone, whose oldest commit is not the one that added its files")
	errGitFailed = errors.New("git log failed")
)

// readGitDates reads the history of the git repository that holds root
// as Hugo's gitmap does, with one git log for the whole repository
// rather than one per file: for each file (slash-separated, relative to
// root) the author dates of the last commit that touched it and of the
// first (the one that added it at that path). Merges are left out, as
// Hugo leaves them out.
func readGitDates(root string) (map[string]gitDates, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, errNoGit
	}
	out, err := exec.Command("git", "-C", root, "rev-parse", "--is-shallow-repository").Output()
	if err != nil {
		return nil, errNotRepo
	}
	if strings.TrimSpace(string(out)) == "true" {
		return nil, errShallow
	}
	// --relative: paths from root (which may be a folder of the
	// repository), and only those under it. --no-renames: a renamed
	// file's new path starts at the rename either way, and rename
	// detection reads every changed file's content, which a partial
	// clone may not have (git log failed on medic/cht-docs).
	cmd := exec.Command("git", "-c", "core.quotepath=false", "-c", "log.showsignature=false", "-C", root,
		"log", "--name-only", "--no-merges", "--no-renames", "--relative", "--format=%x1e%aI")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err = cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%w: %v %s", errGitFailed, err, strings.TrimSpace(stderr.String()))
	}
	return parseGitLog(string(out))
}

// parseGitLog reads git log --name-only --format=%x1e%aI: newest commit
// first, each a record of its author date and the files it touched.
func parseGitLog(log string) (map[string]gitDates, error) {
	dates := map[string]gitDates{}
	for rec := range strings.SplitSeq(log, "\x1e") {
		lines := strings.Split(strings.TrimSpace(rec), "\n")
		if lines[0] == "" {
			continue
		}
		when, err := time.Parse(time.RFC3339, strings.TrimSpace(lines[0]))
		if err != nil {
			return nil, fmt.Errorf("%w: author date %q: %v", errGitFailed, lines[0], err)
		}
		for _, name := range slices.Compact(lines[1:]) {
			if name = strings.TrimSpace(name); name == "" {
				continue
			}
			if strings.HasPrefix(name, `"`) {
				// A name git quotes (a newline or quote in it).
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			d, seen := dates[name]
			if !seen {
				d.last = when
			}
			d.first = when // the oldest seen so far
			dates[name] = d
		}
	}
	return dates, nil
}

// gitWinsLastmod reports whether Hugo took a page's .Lastmod from git
// before a lastmod written in its front matter, by the site's
// frontmatter.lastmod (Hugo's default puts :git first).
func gitWinsLastmod(cfg hugoConfig) bool {
	order, _ := hugoDateOrder(cfg, "lastmod", hugoDefaultLastmod)
	for _, id := range order {
		switch id {
		case ":git":
			return true
		case "lastmod", "modified":
			return false
		}
	}
	return false
}

// hugoGitInfo reads the site's git history when its configuration has
// enableGitInfo, as Hugo did for .Lastmod; a history that cannot be read
// is one note, and the dates come from front matter alone.
func (s *site) hugoGitInfo(cfg hugoConfig, cfgName string) {
	if !cfg.EnableGitInfo {
		return
	}
	file := cfg.fileOf("enablegitinfo", cfgName)
	dates, err := readGitDates(s.opts.Source)
	if err != nil {
		fix := "import from a clone with the full history (git clone, not a copy or a download of the files)"
		switch {
		case errors.Is(err, errNoGit):
			fix = "install git and import again"
		case errors.Is(err, errShallow):
			fix = "run git fetch --unshallow in the old site, then import again"
		}
		s.note(file, 0, Human, "enableGitInfo is set, but %v: the pages' dates do not come from git history as Hugo's did. Dates are taken from front matter alone: a page without lastmod has its date as lastmod, and a page without a date frontmatter.date reads is imported as a draft (or takes --undated-date); %s", err, fix)
		return
	}
	s.gitDates, s.gitLastmodFirst, s.gitFile = dates, gitWinsLastmod(cfg), file
}

// applyGitDates gives d the dates of its file's git history (Hugo's
// enableGitInfo): lastmod, the last commit's author date, unless the
// front matter's lastmod comes first in the site's frontmatter.lastmod;
// and date, when the front matter has none, the first commit's, which
// Hugo did not use (it showed no date) but is the day the page came in.
func (s *site) applyGitDates(d *doc) {
	g, ok := s.gitDates[d.src]
	if !ok {
		return
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	if !d.dated {
		d.set("date", day(g.first))
		d.dated = true
		s.note(d.src, 0, Changed, "no date in front matter: date taken from git history: first commit, %s (the day the file was added); correct it if the page was published another day", day(g.first))
	}
	written, has := d.get("lastmod")
	if has && !s.gitLastmodFirst || has && str(written) == day(g.last) {
		return
	}
	if date, _ := d.get("date"); day(g.last) < firstN(str(date), 10) {
		// A date after the last commit (a page dated ahead): a lastmod
		// before it would say the page changed before it came out.
		if !has {
			s.note(d.src, 0, Changed, "the last commit in git history (%s) is before the page's date %v: lastmod not set, so it is the date", day(g.last), date)
		}
		return
	}
	d.set("lastmod", day(g.last))
	if has {
		s.note(d.src, 0, Changed, "lastmod %v written in front matter replaced by %s, the last commit's date in git history, which Hugo showed (enableGitInfo, and :git first in frontmatter.lastmod, Hugo's default, in %s); put lastmod before :git there and import again to keep the written dates", written, day(g.last), s.gitFile)
	}
}

// firstN returns the first n bytes of t, or t.
func firstN(t string, n int) string {
	if len(t) > n {
		return t[:n]
	}
	return t
}
