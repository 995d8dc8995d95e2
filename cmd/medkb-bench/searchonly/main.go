// Command searchonly is the bench's narrow path to the search index of a
// site too large to build in full on a loaded machine: it runs medkb's own
// build up to Markdown rendering (site.Builder.SearchInput: configuration,
// front matter, assembly, Markdown to plain text), builds each language's
// index with search.Build and the documents and options that build would
// use, and writes the index files and the browser modules (search.js,
// search-ui.js) where `medkb build` publishes them, under OUT. It writes no
// pages, feeds or sitemap, runs no checks and keeps no cache, so its time
// and memory are not a build's; the index it writes is the one a full build
// of SITE writes (TestSearchOnlyWritesTheBuildsIndex holds them identical).
//
//	searchonly SITE OUT
//
// OUT must not exist or be empty. Exit status 1 on any error, 2 on bad
// arguments.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/site"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: searchonly SITE OUT")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1], os.Args[2])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchonly:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, src, out string) error {
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", out)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	in, errs, err := site.New(site.Options{Source: abs}).SearchInput(ctx)
	if err != nil {
		return err
	}
	if err := errs.Err(); err != nil {
		return err // the benchmark's index is of the whole site
	}
	for _, a := range search.Assets() {
		if err := writeFile(out, "search/"+a.Path, a.Data); err != nil {
			return err
		}
	}
	for lang, l := range in.Langs {
		files, _, err := search.Build(l.Docs, l.Options)
		if err != nil {
			return fmt.Errorf("search index %s: %w", lang, err)
		}
		dir := strings.TrimPrefix(l.Options.BasePath, "/")
		for _, f := range files {
			if err := writeFile(out, dir+f.Path, f.Data); err != nil {
				return err
			}
			if m, ok := search.ModuleBeside(f); ok {
				if err := writeFile(out, dir+m.Path, m.Data); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func writeFile(out, rel string, data []byte) error {
	name := filepath.Join(out, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}
