package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/feed"
	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/scaffold"
)

const newUsage = `Usage:
  medkb new site DIR [--title TITLE]
  medkb new article SECTION/NAME [--source DIR]

'new site' writes a working site skeleton: medkb.yaml, a home page, one
example article, the trust pages (about, editorial policy, advertising policy,
privacy, contact), data/authors.yaml, and the JSON Schemas of medkb schema
wired for editors in .vscode/settings.json. It builds at once.

'new article' writes content/SECTION/NAME.md with every front matter field a
clinician fills in, dated today and marked draft until it is reviewed.

Examples:
  medkb new site my-clinic --title "Riverside Clinic Health Library"
  medkb new article conditions/asthma

Flags:
`

func runNew(_ context.Context, env Env, args []string) int {
	if len(args) == 0 || (args[0] != "site" && args[0] != "article") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(env.Stdout, newUsage)
			return ExitOK
		}
		switch {
		case len(args) == 0:
			fmt.Fprint(env.Stderr, "medkb: new needs what to make: site DIR, or article SECTION/NAME\n\n")
		case strings.Contains(args[0], "/"):
			fmt.Fprintf(env.Stderr, "medkb: new makes a site or an article, not %q; did you mean medkb new article %s?\n\n", args[0], args[0])
		default:
			fmt.Fprintf(env.Stderr, "medkb: new makes a site or an article, not %q\n\n", args[0])
		}
		fmt.Fprint(env.Stderr, newUsage)
		return ExitUsage
	}
	kind := args[0]
	fs := flag.NewFlagSet("new "+kind, flag.ContinueOnError)
	title := fs.String("title", "Health library", "site title (new site)")
	source := fs.String("source", env.Dir, "site folder (new article)")
	if code, ok := parseFlags(env, fs, newUsage, reorder(args[1:], "title", "source")); !ok {
		return code
	}
	if fs.NArg() != 1 {
		what := "the site's folder, such as my-site"
		if kind == "article" {
			what = "SECTION/NAME, such as conditions/asthma"
		}
		if fs.NArg() == 0 {
			fmt.Fprintf(env.Stderr, "medkb: new %s needs %s\n\n", kind, what)
		} else {
			fmt.Fprintf(env.Stderr, "medkb: new %s takes one name, got %d (%s): a name with spaces is one name in quotes, or write it with hyphens (heart-attack)\n\n",
				kind, fs.NArg(), strings.Join(fs.Args(), ", "))
		}
		fmt.Fprint(env.Stderr, newUsage)
		return ExitUsage
	}
	today := time.Now()
	if kind == "site" {
		dir := fs.Arg(0)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(env.Dir, dir)
		}
		if err := scaffold.NewSite(dir, *title, today); err != nil {
			return fail(env, err)
		}
		// The editor's schemas (.vscode/settings.json and the modelines in
		// medkb.yaml and data/authors.yaml point at them).
		if _, err := writeSchemas(filepath.Join(dir, "schema")); err != nil {
			return fail(env, err)
		}
		fmt.Fprintf(env.Stdout, "Created a site in %s.\nNext: cd %s && medkb serve\n", rel(env.Dir, dir), rel(env.Dir, dir))
		return ExitOK
	}
	root := *source
	if !filepath.IsAbs(root) {
		root = filepath.Join(env.Dir, root)
	}
	relPath, err := scaffold.NewArticle(root, fs.Arg(0), today)
	if err != nil {
		return fail(env, err)
	}
	if err := pinNewID(root, relPath, today); err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "Created %s (draft). Fill in the front matter, then run medkb check.\n", relPath)
	return ExitOK
}

// reorder moves flags before positional arguments, so that
// "new site DIR --title X" and "search QUERY --limit 3" work; valued names
// the flags that take a value.
func reorder(args []string, valued ...string) []string {
	takesValue := map[string]bool{}
	for _, v := range valued {
		takesValue["-"+v], takesValue["--"+v] = true, true
	}
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			if takesValue[a] && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

// pinNewID replaces the short id a new article is written with by its full
// feed id (see internal/site feedrules.go), so the id is fixed from the
// first draft: under feeds.id_base when medkb.yaml sets it, else the tag URI
// of the site's host and today's date that the article would be given.
func pinNewID(root, relPath string, today time.Time) error {
	cfg, err := config.Load(root)
	if err != nil {
		return nil // no usable medkb.yaml yet: the short id stays, and `medkb fix ids` pins it later
	}
	path := filepath.Join(root, relPath)
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	r, err := frontmatter.Parse(relPath, data)
	if err != nil {
		return err
	}
	id := feed.ItemID(cfg.BaseURL, today, r.Meta.ID)
	if cfg.Feeds.IDBase != "" {
		base, err := feed.ParseIDBase(cfg.Feeds.IDBase)
		if err != nil {
			return fmt.Errorf("medkb.yaml: feeds.%w", err)
		}
		id = feed.BaseID(base, r.Meta.ID)
	}
	out, err := frontmatter.SetID(relPath, data, id)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}
