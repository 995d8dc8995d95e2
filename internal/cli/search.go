package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/site"
)

const searchUsage = `Usage: medkb search [flags] QUERY

Searches the site from the terminal with the index and the ranking the
browser uses: the site's search index is built in memory (nothing is
written) and queried as search.js queries it, so an editor sees what a
patient will see. With --index, a published index directory is read
instead (public/search/, public/es/search/).

A page whose front matter has an error is left out and the others are
searched: the site's errors come first, on stderr, each with its file,
line and fix (as medkb build gives them), then how many pages were left
out. The exit status is then 1 even when pages were found, as ripgrep's
is 2 on an error beside its matches, so that a script notices that the
site would not build and that pages may be missing from the results;
otherwise it is 0, with results or without.

Examples:
  medkb search "heart attack"
  medkb search --limit 5 --json diabetis
  medkb search --lang es "presión arterial"
  medkb search --index public/search water pill

Flags:
`

func runSearch(ctx context.Context, env Env, args []string) int {
	var f buildFlags
	var limit int
	var asJSON bool
	var lang, indexDir string
	var filter search.Filter
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	f.register(fs, env)
	fs.IntVar(&limit, "limit", 10, "number of results")
	fs.BoolVar(&asJSON, "json", false, "print results as JSON (the objects search.js returns)")
	fs.StringVar(&lang, "lang", "", "language to search (default: the site's default language)")
	fs.StringVar(&indexDir, "index", "", "read this published index directory instead of building one")
	fs.StringVar(&filter.Section, "section", "", "only pages of this section")
	fs.StringVar(&filter.Audience, "audience", "", "only pages for this audience")
	if code, ok := parseFlags(env, fs, searchUsage, reorder(args, "limit", "lang", "index", "section", "audience", "source", "s", "base-url")); !ok {
		return code
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		fmt.Fprint(env.Stderr, "medkb: search needs words to search for, such as medkb search heart attack\n\n")
		fmt.Fprint(env.Stderr, searchUsage)
		return ExitUsage
	}
	var left leftOut // pages left out, when searching the sources
	open := searchFiles(ctx, env, f, indexDir, &left)
	e, code := open(lang, "")
	if e == nil {
		return code
	}
	// Pages left out for their errors: the search goes on without them
	// (one broken page must not stop an editor searching the other
	// hundreds), but it says so first, and exits 1 once it has answered.
	done := ExitOK
	if len(left.errs) > 0 {
		for _, d := range left.errs {
			fmt.Fprintf(env.Stderr, "medkb: %s\n", d.String())
		}
		switch n := left.pages; n {
		case 0:
			fmt.Fprint(env.Stderr, "medkb: searched in spite of the errors above; medkb build will not publish the site until they are fixed\n")
		case 1:
			fmt.Fprint(env.Stderr, "medkb: 1 page was left out of this search for the errors above: fix them to search it too (medkb build will not publish the site until then)\n")
		default:
			fmt.Fprintf(env.Stderr, "medkb: %d pages were left out of this search for the errors above: fix them to search those pages too (medkb build will not publish the site until then)\n", n)
		}
		done = ExitError
	}
	// As in the browser: another language's index falls back to the
	// default language's when it finds few pages.
	if dir, fbLang := e.Fallback(); dir != "" {
		fb, code := open(fbLang, dir)
		if fb == nil {
			return code
		}
		e.SetFallback(fb)
	}
	hits, err := e.Search(query, limit, filter)
	if err != nil {
		return fail(env, err)
	}
	// As in the browser: a suggestion whenever a query word is not in the
	// index's vocabulary, whatever typo-tolerant matching found.
	suggestions, err := e.Suggest(query)
	if err != nil {
		return fail(env, err)
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		enc.Encode(hits)
		return done
	}
	if len(suggestions) > 0 {
		fmt.Fprintf(env.Stdout, "Did you mean %q?\n", suggestions[0])
	}
	if len(hits) == 0 {
		fmt.Fprintf(env.Stdout, "No results for %q.\n", query)
		if left.drafts > 0 && !f.drafts {
			// An imported site's pages are drafts until reviewed: an
			// editor searching it would otherwise see nothing, unexplained.
			were := "pages were"
			if left.drafts == 1 {
				were = "page was"
			}
			fmt.Fprintf(env.Stdout, "%d draft %s not searched: add --drafts to search them too.\n", left.drafts, were)
		}
		return done
	}
	for i, h := range hits {
		label := ""
		if h.Audience != "" && h.Audience != "patient" {
			label = "  [" + h.Audience + "]"
		}
		if h.Language != "" {
			label += "  [" + h.Language + "]"
		}
		fmt.Fprintf(env.Stdout, "%2d. %s  %s  (%.2f)%s\n", i+1, h.Title, h.URL, h.Score, label)
	}
	return done
}

// leftOut is what a search of the sources left out: the draft pages
// (without --drafts) and the pages with errors, counted, and errs, every
// error the build recorded and went past.
type leftOut struct {
	drafts, pages int
	errs          diag.List
}

// searchFiles returns a function opening the index of a language: read
// from the published directory dir (a fallback index from the directory
// its manifest names, rel, relative to dir), or built in memory from the
// site's sources (lang "": the default language). On failure it reports
// and returns nil and the exit code. What the site's sources left out is
// recorded in left.
func searchFiles(ctx context.Context, env Env, f buildFlags, dir string, left *leftOut) func(lang, rel string) (*search.Engine, int) {
	var idx *site.SearchInput
	return func(lang, rel string) (*search.Engine, int) {
		var read func(string) ([]byte, error)
		if dir != "" {
			at := filepath.Join(dir, filepath.FromSlash(rel))
			if _, err := os.Stat(filepath.Join(at, "manifest.json")); err != nil {
				hint := "give the folder of a published index, the one holding manifest.json (public/search/ after medkb build), or leave --index out to search the site's sources"
				if _, err := os.Stat(filepath.Join(at, "search", "manifest.json")); err == nil {
					hint = "give " + filepath.Join(at, "search") + ", the index folder in it"
				}
				fmt.Fprintf(env.Stderr, "medkb: error: %s holds no search index: %v\n\thint: %s\n", at, err, hint)
				return nil, ExitUsage
			}
			read = search.FSReader(os.DirFS(at))
		} else {
			if idx == nil {
				src, err := filepath.Abs(f.source)
				if err != nil {
					return nil, fail(env, err)
				}
				in, errs, err := site.New(site.Options{Source: src, Drafts: f.drafts}).SearchInput(ctx)
				if err != nil {
					return nil, fail(env, err)
				}
				idx = in
				*left = leftOut{drafts: in.Drafts, pages: in.LeftOut, errs: errs}
			}
			if lang == "" {
				lang = idx.DefaultLang
			}
			in, ok := idx.Langs[lang]
			if !ok {
				fmt.Fprintf(env.Stderr, "medkb: the site has no language %q\n", lang)
				return nil, ExitUsage
			}
			files, _, err := search.Build(in.Docs, in.Options)
			if err != nil {
				return nil, fail(env, err)
			}
			read = search.FilesReader(files)
		}
		e, err := search.OpenEngine(read)
		if err != nil {
			return nil, fail(env, err)
		}
		return e, ExitOK
	}
}
