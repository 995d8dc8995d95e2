package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/medkb/medkb/internal/importer"
)

const importUsage = `Usage: medkb import hugo|jekyll [flags] SOURCE [DEST]

Converts a Hugo or Jekyll site into a new medkb site folder (DEST, default
SOURCE-medkb): configuration, content with its front matter in medkb's
keys, images and files, and the template syntax it can translate. The
source is never changed. Every change and everything that needs a human is
listed with its file and line; nothing is dropped without a line saying so.
Then run 'medkb check' in DEST.

Examples:
  medkb import jekyll ../healthcare.gov
  medkb import hugo --undated-date 2020-01-01 ../old-site new-site
  medkb import jekyll --map meta-description=description --map bite=summary ../site

Flags:
`

// keyMap collects repeated --map old=new flags.
type keyMap map[string]string

func (m keyMap) String() string { return fmt.Sprint(map[string]string(m)) }
func (m keyMap) Set(v string) error {
	from, to, ok := strings.Cut(v, "=")
	if !ok || from == "" || to == "" {
		return fmt.Errorf("--map takes OLD=NEW, such as meta-description=description")
	}
	m[from] = to
	return nil
}

func runImport(_ context.Context, env Env, args []string) int {
	opts := importer.Options{KeyMap: keyMap{}}
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.StringVar(&opts.UndatedDate, "undated-date", "", "date (YYYY-MM-DD) for articles without one; default: import them as drafts")
	fs.StringVar(&opts.Audience, "audience", "patient", "audience of the imported articles: patient or professional")
	fs.Var(keyMap(opts.KeyMap), "map", "rename a front matter key before mapping, OLD=NEW (repeatable)")
	verbose := fs.Bool("verbose", false, "list every change, not only what needs a human")
	if code, ok := parseFlags(env, fs, importUsage, reorder(args, "undated-date", "audience", "map")); !ok {
		return code
	}
	rest := fs.Args()
	if len(rest) < 2 || len(rest) > 3 {
		switch {
		case len(rest) == 0:
			fmt.Fprint(env.Stderr, "medkb: import needs the tool the old site was made with (hugo or jekyll) and its folder\n\n")
		case len(rest) == 1:
			fmt.Fprintf(env.Stderr, "medkb: import needs the old site's folder after %q\n\n", rest[0])
		default:
			fmt.Fprintf(env.Stderr, "medkb: import takes the tool, the old site's folder and at most a new folder, got %d: %s\n\n", len(rest), strings.Join(rest, ", "))
		}
		fmt.Fprint(env.Stderr, importUsage)
		return ExitUsage
	}
	opts.From, opts.Source = rest[0], rest[1]
	opts.Dest = strings.TrimSuffix(opts.Source, string(filepath.Separator)) + "-medkb"
	if len(rest) == 3 {
		opts.Dest = rest[2]
	}
	if !filepath.IsAbs(opts.Source) {
		opts.Source = filepath.Join(env.Dir, opts.Source)
	}
	if !filepath.IsAbs(opts.Dest) {
		opts.Dest = filepath.Join(env.Dir, opts.Dest)
	}
	if opts.Audience != "patient" && opts.Audience != "professional" {
		fmt.Fprintf(env.Stderr, "medkb: --audience is patient or professional, not %q\n", opts.Audience)
		return ExitUsage
	}
	rep, err := importer.Run(opts)
	if err != nil {
		fmt.Fprintf(env.Stderr, "medkb: %v\n", err)
		return ExitError
	}
	for _, n := range rep.Notes {
		if *verbose || n.Severity != importer.Changed {
			fmt.Fprintln(env.Stdout, n.String())
		}
	}
	fmt.Fprintf(env.Stdout, "Imported %d pages (%d drafts) and %d files into %s: %d changes made, %d need a human%s.\n",
		rep.Pages, rep.Drafts, rep.Files, opts.Dest, rep.Count(importer.Changed), rep.Count(importer.Human),
		map[bool]string{true: "", false: " (--verbose lists the changes)"}[*verbose])
	if s := mostlyDrafts(rep); s != "" {
		fmt.Fprintln(env.Stdout, s)
	}
	fmt.Fprintf(env.Stdout, "Next: cd %s && medkb check\n", opts.Dest)
	// A page that could not be read does not stop the import of the
	// others (one broken page must not cost the other thousand), but the
	// import did not bring in the whole site: it says so last, and exits 1.
	if n := rep.Count(importer.Failed); n > 0 {
		them := "them"
		if n == 1 {
			them = "it"
		}
		fmt.Fprintf(env.Stderr, "medkb: %s not imported: %s front matter does not parse (each listed above as failed, copied as it was to %s): fix %s and import again into a new folder\n",
			count(n, "page"), map[bool]string{true: "its", false: "their"}[n == 1], filepath.Join(opts.Dest, importer.FailedDir), them)
		return ExitError
	}
	return ExitOK
}

// mostlyDrafts says plainly, when at least half of the imported pages
// are drafts, that the built site will lack them, and how to see and
// publish them: check and build leave drafts out with a warning each,
// and a writer who imported a site of drafts (Jekyll's _drafts/, Hugo's
// draft: true, pages without a date) found an almost empty site. ""
// otherwise.
func mostlyDrafts(rep *importer.Report) string {
	if rep.Drafts == 0 || rep.Drafts*2 < rep.Pages {
		return ""
	}
	shows := "none of them"
	if n := rep.Pages - rep.Drafts; n > 0 {
		shows = fmt.Sprintf("only %d of them", n)
	}
	s := fmt.Sprintf("Most of the site is drafts: %d of the %d pages imported are drafts, which medkb check and build leave out, so the built site shows %s. To preview every page, run medkb serve --drafts; to publish a page, remove draft: true from its front matter (the lines above name each draft).",
		rep.Drafts, rep.Pages, shows)
	if rep.Undated > 0 {
		s += fmt.Sprintf(" %s no date: to publish %s, import again with --undated-date YYYY-MM-DD, or add date: to each.",
			map[bool]string{true: "1 of them has", false: fmt.Sprint(rep.Undated) + " of them have"}[rep.Undated == 1], map[bool]string{true: "it", false: "them"}[rep.Undated == 1])
	}
	return s
}
