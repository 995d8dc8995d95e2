package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/uri"
	"github.com/medkb/medkb/internal/websub"
)

const pingUsage = `Usage:
  medkb ping [--source DIR] [--destination DIR] [--hub URL]

Tells the WebSub hub (feeds.websub_hub in medkb.yaml) about every feed in
the built site that changed since the last ping, so that subscribers get
new articles at once. Run it after the site is online (medkb deploy does).
It remembers what it sent in .medkb/websub.json; a feed the hub did not
accept is sent again next time. Failed requests are retried 3 times.

Examples:
  medkb build && medkb ping
  medkb ping --hub https://pubsubhubbub.appspot.com/

Flags:
`

func runPing(ctx context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("ping", flag.ContinueOnError)
	source := fs.String("source", env.Dir, "site folder (holds medkb.yaml)")
	dest := fs.String("destination", "", "built site (default SOURCE/public)")
	hub := fs.String("hub", "", "hub URL (default feeds.websub_hub from medkb.yaml)")
	if code, ok := parseFlags(env, fs, pingUsage, args); !ok {
		return code
	}
	src, err := filepath.Abs(*source)
	if err != nil {
		return fail(env, err)
	}
	cfg, err := config.Load(src)
	if err != nil {
		return fail(env, err)
	}
	if *hub == "" {
		*hub = cfg.Feeds.WebSubHub
	}
	if *hub == "" {
		fmt.Fprintln(env.Stderr, "medkb ping: no hub: set feeds.websub_hub in medkb.yaml or pass --hub")
		return ExitUsage
	}
	out := *dest
	if out == "" {
		out = filepath.Join(src, "public")
	} else if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	feeds, err := builtFeeds(cfg, out)
	if err != nil {
		return fail(env, err)
	}
	if len(feeds) == 0 {
		fmt.Fprintf(env.Stderr, "medkb ping: no feeds in %s; run medkb build first\n", rel(env.Dir, out))
		return ExitError
	}
	n := &websub.Notifier{Hub: *hub}
	changed, err := n.Ping(ctx, filepath.Join(src, ".medkb", "websub.json"), feeds)
	if err != nil {
		return fail(env, err)
	}
	fmt.Fprintf(env.Stdout, "notified %s of %d changed feeds (%d unchanged)\n", *hub, len(changed), len(feeds)-len(changed))
	return ExitOK
}

// builtFeeds reads every feed file of a built site, by its public URL.
func builtFeeds(cfg *config.Config, dir string) (map[string][]byte, error) {
	feeds := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch path.Base(filepath.ToSlash(p)) {
		case "index.xml", "atom.xml", "feed.json":
		default:
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		r, _ := filepath.Rel(dir, p)
		feeds[uri.URI(cfg.AbsURL(filepath.ToSlash(r)))] = b
		return nil
	})
	return feeds, err
}
