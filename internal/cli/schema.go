package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/schema"
)

const schemaUsage = `Usage:
  medkb schema [--out DIR] [--source DIR]

Writes the JSON Schema of every file a writer edits into DIR (default
schema/ in the site folder): medkb.schema.json, article.schema.json,
section.schema.json, home.schema.json, trust.schema.json,
authors.schema.json, glossary.schema.json and synonyms.schema.json. They are
the same schemas medkb checks with, so a YAML-aware editor flags what medkb
would flag and completes key names as you type. 'medkb new site' writes them
and a .vscode/settings.json that points VS Code's YAML extension at them;
run this again after upgrading medkb.

Examples:
  medkb schema
  medkb schema --out .schemas

Flags:
`

// schemaDocs is every declared schema, medkb.yaml's first.
func schemaDocs() []*schema.Doc {
	return append([]*schema.Doc{config.Schema()}, schema.Documents()...)
}

func runSchema(_ context.Context, env Env, args []string) int {
	fs := flag.NewFlagSet("schema", flag.ContinueOnError)
	out := fs.String("out", "schema", "folder to write the schema files into, relative to --source")
	source := fs.String("source", env.Dir, "site folder")
	if code, ok := parseFlags(env, fs, schemaUsage, args); !ok {
		return code
	}
	root := *source
	if !filepath.IsAbs(root) {
		root = filepath.Join(env.Dir, root)
	}
	dir := *out
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(root, dir)
	}
	files, err := writeSchemas(dir)
	if err != nil {
		return fail(env, err)
	}
	for _, f := range files {
		fmt.Fprintln(env.Stdout, rel(env.Dir, f))
	}
	return ExitOK
}

// writeSchemas writes every schema into dir and returns the paths written.
func writeSchemas(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var files []string
	for _, d := range schemaDocs() {
		b, err := d.JSON()
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, d.FileName())
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, err
		}
		files = append(files, p)
	}
	return files, nil
}
