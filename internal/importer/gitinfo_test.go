package importer_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// gitRun runs git in dir with a fixed author and committer date (when,
// RFC 3339) and no user or system configuration, failing t on an error.
func gitRun(t *testing.T, dir, when string, args ...string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is needed for this test (the importer reads a Hugo site's git history with it): %v", err)
	}
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=Writer", "-c", "user.email=writer@example.org", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_DATE="+when, "GIT_COMMITTER_DATE="+when)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// gitCommit writes files under dir (a repository) and commits them at when.
func gitCommit(t *testing.T, dir, when string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitRun(t, dir, when, "add", "-A")
	gitRun(t, dir, when, "commit", "-q", "-m", "edit "+when)
}

// gitSite makes a git repository whose folder site/ is a Hugo site with
// enableGitInfo (config, its configuration file's name and text), with
// three commits, and a page never committed; it returns the site's
// folder.
func gitSite(t *testing.T, config, configText string) string {
	t.Helper()
	repo := t.TempDir()
	gitRun(t, repo, "2021-03-04T10:00:00+01:00", "init", "-q")
	gitCommit(t, repo, "2021-03-04T10:00:00+01:00", map[string]string{
		"README.md":                          "Not the site.\n",
		"site/" + config:                     configText,
		"site/content/conditions/asthma.md":  "---\ntitle: Asthma\n---\nFirst version.\n",
		"site/content/conditions/copd.md":    "---\ntitle: COPD\ndate: 2020-01-01\nlastmod: 2020-02-02\n---\nText.\n",
		"site/content/conditions/gout.md":    "---\ntitle: Gout\ndate: 2021-06-01\n---\nDated after its only commit.\n",
		"site/content/conditions/measles.md": "---\ntitle: Measles\ndate: 2019-05-05\n---\nNever changed.\n",
	})
	// The author's own day: 23:30 at -04:00 is the 6th, not the 7th (UTC).
	gitCommit(t, repo, "2022-05-06T23:30:00-04:00", map[string]string{
		"site/content/conditions/asthma.md": "---\ntitle: Asthma\n---\nSecond version.\n",
	})
	gitCommit(t, repo, "2023-07-08T09:00:00Z", map[string]string{
		"site/content/conditions/copd.md": "---\ntitle: COPD\ndate: 2020-01-01\nlastmod: 2020-02-02\n---\nText, corrected.\n",
		"README.md":                       "Not the site, changed later.\n",
	})
	site := filepath.Join(repo, "site")
	if err := os.WriteFile(filepath.Join(site, "content", "conditions", "fever.md"), []byte("---\ntitle: Fever\n---\nNot committed yet.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// wantDates checks the date, lastmod and draft keys of an imported page
// ("" and false: not written).
func wantDates(t *testing.T, dest, name, date, lastmod string, draft bool) {
	t.Helper()
	fm, _ := readImportedMeta(t, dest, name)
	str := func(k string) string {
		if v, ok := fm[k]; ok {
			return v.(string)
		}
		return ""
	}
	d, _ := fm["draft"].(bool)
	if str("date") != date || str("lastmod") != lastmod || d != draft {
		t.Errorf("%s: date %q, lastmod %q, draft %v; want %q, %q, %v", name, str("date"), str("lastmod"), d, date, lastmod, draft)
	}
}

// A Hugo site with enableGitInfo took each page's .Lastmod from git (the
// author date of the last commit of its file, before a lastmod written
// in front matter, by Hugo's default frontmatter.lastmod); the import
// ignored it, and an undated page came in as a draft. Now lastmod is the
// last commit's day, and an undated page is dated by its first commit,
// with a note; a page never committed is as before.
func TestImportHugoEnableGitInfoDates(t *testing.T) {
	t.Parallel()
	src := gitSite(t, "hugo.toml", "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\nenableGitInfo = true\n")
	dest := filepath.Join(t.TempDir(), "new")
	rep, err := importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	wantDates(t, dest, "conditions/asthma.md", "2021-03-04", "2022-05-06", false)
	wantDates(t, dest, "conditions/copd.md", "2020-01-01", "2023-07-08", false)
	wantDates(t, dest, "conditions/gout.md", "2021-06-01", "", false)
	wantDates(t, dest, "conditions/measles.md", "2019-05-05", "2021-03-04", false)
	wantDates(t, dest, "conditions/fever.md", "", "", true)
	wantNoteWith(t, rep, "content/conditions/asthma.md", importer.Changed, "date taken from git history: first commit, 2021-03-04")
	wantNoteWith(t, rep, "content/conditions/copd.md", importer.Changed, "lastmod 2020-02-02 written in front matter replaced by 2023-07-08", "hugo.toml")
	wantNoteWith(t, rep, "content/conditions/gout.md", importer.Changed, "is before the page's date 2021-06-01: lastmod not set")
	wantNoteWith(t, rep, "content/conditions/fever.md", importer.Human, "no publication date")
	if n := notesContaining(rep, "hugo.toml", "enableGitInfo"); len(n) > 0 {
		t.Errorf("notes on enableGitInfo, read: %v", n)
	}
	if rep.Drafts != 1 {
		t.Errorf("%d drafts, want 1 (the page never committed)", rep.Drafts)
	}

	// frontmatter.lastmod with lastmod before :git (as many sites set
	// it, from config/_default/): a lastmod written in the file wins.
	src = gitSite(t, "config/_default/hugo.toml", "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\nenableGitInfo = true\n[frontmatter]\nlastmod = ['lastmod', ':git', ':default']\n")
	dest = filepath.Join(t.TempDir(), "new")
	if rep, err = importer.Run(importer.Options{From: importer.Hugo, Source: src, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	wantDates(t, dest, "conditions/copd.md", "2020-01-01", "2020-02-02", false)
	wantDates(t, dest, "conditions/asthma.md", "2021-03-04", "2022-05-06", false)
	if n := notesContaining(rep, "", "frontmatter settings"); len(n) > 0 {
		t.Errorf("frontmatter.lastmod, read, is listed as not applied: %v", n)
	}
}

// enableGitInfo in a folder that is not in a git repository (a copy of
// the files): one note on the configuration file saying so and what
// happens instead; the dates are as before (an undated page is a draft).
func TestImportHugoEnableGitInfoWithoutRepository(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\nenableGitInfo = true\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\n---\nText.\n",
	})
	wantNoteWith(t, rep, "hugo.toml", importer.Human, "enableGitInfo is set, but the folder is not in a git repository", "a page without a date frontmatter.date reads is imported as a draft", "import from a clone with the full history")
	if n := notesContaining(rep, "", "enableGitInfo"); len(n) != 1 {
		t.Errorf("want one note on enableGitInfo, got %v", n)
	}
	wantDates(t, dest, "conditions/asthma.md", "", "", true)
}

// enableGitInfo where git is not installed: the note says to install it.
// Not parallel: it empties PATH.
func TestImportHugoEnableGitInfoWithoutGit(t *testing.T) {
	t.Setenv("PATH", "")
	_, rep := importHugo(t, map[string]string{
		"hugo.toml":                    "title = 'Clinic'\nenableGitInfo = true\n",
		"content/conditions/asthma.md": "---\ntitle: Asthma\n---\nText.\n",
	})
	wantNoteWith(t, rep, "hugo.toml", importer.Human, "enableGitInfo is set, but git is not installed", "install git and import again")
}
