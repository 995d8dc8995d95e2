package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/medkb/medkb/internal/frontmatter"
	"github.com/medkb/medkb/internal/site"
)

const fixUsage = `Usage:
  medkb fix ids [--source DIR] [--dry-run]

'fix ids' pins every article's current feed id into its front matter as
id: "tag:…", so that nothing an editor later corrects — the date, the
title, the URL, the aliases, the site's host — changes the id and makes
feed readers and autoposters post the article again. It edits one line per
file (comments, key order and the rest of the file are kept) and leaves
files whose id is already pinned untouched. The feeds do not change: the
pinned id is the id they already carry. Run it once before setting
feeds.id_base in medkb.yaml, and again after a move if the build warns.

Examples:
  medkb fix ids
  medkb fix ids --dry-run

Flags:
`

func runFix(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || args[0] != "ids" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(env.Stdout, fixUsage)
			return ExitOK
		}
		if len(args) == 0 {
			fmt.Fprint(env.Stderr, "medkb: fix needs what to fix: ids\n\n")
		} else {
			fmt.Fprintf(env.Stderr, "medkb: fix knows ids, not %q\n\n", args[0])
		}
		fmt.Fprint(env.Stderr, fixUsage)
		return ExitUsage
	}
	fs := flag.NewFlagSet("fix ids", flag.ContinueOnError)
	source := fs.String("source", env.Dir, "site folder (holds medkb.yaml)")
	dry := fs.Bool("dry-run", false, "print what would change, change nothing")
	if code, ok := parseFlags(env, fs, fixUsage, args[1:]); !ok {
		return code
	}
	src, err := filepath.Abs(*source)
	if err != nil {
		return fail(env, err)
	}
	ids, err := site.New(site.Options{Source: src, Drafts: true}).FeedIDs(ctx)
	if err != nil {
		return fail(env, err)
	}
	changed := 0
	for _, id := range ids {
		if id.Pinned {
			continue
		}
		path := filepath.Join(src, filepath.FromSlash(id.File))
		data, err := os.ReadFile(path)
		if err != nil {
			return fail(env, err)
		}
		out, err := frontmatter.SetID(id.File, data, id.ID)
		if err != nil {
			return fail(env, err)
		}
		changed++
		fmt.Fprintf(env.Stdout, "%s: id: %q\n", id.File, id.ID)
		if *dry {
			continue
		}
		if err := writeFileKeepMode(path, out); err != nil {
			return fail(env, err)
		}
	}
	verb := "pinned"
	if *dry {
		verb = "would pin"
	}
	fmt.Fprintf(env.Stdout, "%s %d of %d feed ids\n", verb, changed, len(ids))
	return ExitOK
}

// writeFileKeepMode replaces path's content through a temporary file in
// the same folder, keeping its permissions, so an interrupted run never
// leaves a half-written article.
func writeFileKeepMode(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".medkb-fix-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
