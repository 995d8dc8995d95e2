package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/medkb/medkb/internal/search"
	"github.com/medkb/medkb/internal/site"
)

const searchUsage = `Usage: medkb search [flags] QUERY

Searches the site from the terminal with a real bleve index kept in
.medkb/search-LANG/ and updated incrementally, using the same analysis and
synonyms as the browser search. Useful to editors, and the reference the
browser index is tested against.

Examples:
  medkb search "heart attack"
  medkb search --limit 5 --json diabetis
  medkb search --lang es "presión arterial"

Flags:
`

func runSearch(ctx context.Context, env Env, args []string) int {
	var f buildFlags
	var limit int
	var asJSON bool
	var lang string
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	f.register(fs, env)
	fs.IntVar(&limit, "limit", 10, "number of results")
	fs.BoolVar(&asJSON, "json", false, "print results as JSON")
	fs.StringVar(&lang, "lang", "", "language to search (default: the site's default language)")
	if code, ok := parseFlags(env, fs, searchUsage, reorder(args, "limit", "lang", "source", "s", "base-url")); !ok {
		return code
	}
	query := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(query) == "" {
		fmt.Fprint(env.Stderr, searchUsage)
		return ExitUsage
	}
	src, err := filepath.Abs(f.source)
	if err != nil {
		return fail(env, err)
	}
	b := site.New(site.Options{Source: src, Drafts: f.drafts})
	idx, err := b.SearchInput(ctx)
	if err != nil {
		return fail(env, err)
	}
	if lang == "" {
		lang = idx.DefaultLang
	}
	in, ok := idx.Langs[lang]
	if !ok {
		fmt.Fprintf(env.Stderr, "medkb: the site has no language %q\n", lang)
		return ExitUsage
	}
	ix, err := search.OpenIndex(filepath.Join(src, ".medkb", "search-"+lang), in.Options)
	if err != nil {
		return fail(env, err)
	}
	defer ix.Close()
	if _, _, _, err := ix.Update(in.Docs); err != nil {
		return fail(env, err)
	}
	hits, err := ix.Search(query, limit)
	if err != nil {
		return fail(env, err)
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if hits == nil {
			hits = []search.Hit{}
		}
		enc.Encode(hits)
		return ExitOK
	}
	if len(hits) == 0 {
		fmt.Fprintf(env.Stdout, "No results for %q.\n", query)
		return ExitOK
	}
	for i, h := range hits {
		fmt.Fprintf(env.Stdout, "%2d. %s  %s  (%.2f)\n", i+1, h.Title, h.URL, h.Score)
	}
	return ExitOK
}
