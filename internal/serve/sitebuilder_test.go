package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing/fstest"

	"github.com/yuin/goldmark"
)

// siteBuilder is the Builder test double: a miniature of the real site
// builder that reads a real source tree on every call.
//
//   - content/**/*.md is rendered with goldmark to pretty URLs
//     (content/index.md → index.html, content/a/b.md → a/b/index.html,
//     content/404.md → 404.html) and wrapped in layouts/page.html when it
//     exists ({{ .Title }} and {{ .Content }} are replaced);
//   - themes/*/static/** and then static/** (which wins) are copied as is;
//   - a Markdown line with "{{<" and no closing ">}}" is a build error,
//     reported as "content/x.md:line:col: unclosed shortcode: <line>", one
//     line per problem like the real builder;
//   - the result is a fresh fstest.MapFS, never modified afterwards.
//
// It records the changed paths of every call and the highest number of
// concurrent calls, and can be told to block through hold.
type siteBuilder struct {
	root string
	// hold, when set, runs first in every Build; an error it returns is
	// returned by Build.
	hold func(ctx context.Context, changed []string) error

	mu    sync.Mutex
	calls [][]string

	running    atomic.Int32
	maxRunning atomic.Int32

	// base, when set, is the path the built site says it is served
	// under (BasePather), as the real builder's does for a base_url
	// with a path.
	base string
}

// basedFS is a built site served under a path.
type basedFS struct {
	fstest.MapFS
	base string
}

func (b basedFS) BasePath() string { return b.base }

const defaultLayout = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body><main>{{ .Content }}</main></body></html>
`

func (b *siteBuilder) Build(ctx context.Context, changed []string) (fs.FS, error) {
	n := b.running.Add(1)
	defer b.running.Add(-1)
	for m := b.maxRunning.Load(); n > m && !b.maxRunning.CompareAndSwap(m, n); m = b.maxRunning.Load() {
	}
	b.mu.Lock()
	b.calls = append(b.calls, changed)
	b.mu.Unlock()
	if b.hold != nil {
		if err := b.hold(ctx, changed); err != nil {
			return nil, err
		}
	}

	out := fstest.MapFS{}
	layout, err := b.layout()
	if err != nil {
		return nil, err
	}
	problems, err := b.renderContent(ctx, out, layout)
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	themes, _ := filepath.Glob(filepath.Join(b.root, "themes", "*", "static"))
	for _, dir := range append(themes, filepath.Join(b.root, "static")) {
		if err := copyTree(ctx, out, dir); err != nil {
			return nil, err
		}
	}
	if b.base != "" {
		return basedFS{out, b.base}, nil
	}
	return out, nil
}

// callsSnapshot returns the changed argument of every Build call so far.
func (b *siteBuilder) callsSnapshot() [][]string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]string(nil), b.calls...)
}

func (b *siteBuilder) layout() (string, error) {
	data, err := os.ReadFile(filepath.Join(b.root, "layouts", "page.html"))
	if errors.Is(err, fs.ErrNotExist) {
		return defaultLayout, nil
	}
	return string(data), err
}

// renderContent renders every page into out and returns the problems found.
func (b *siteBuilder) renderContent(ctx context.Context, out fstest.MapFS, layout string) ([]string, error) {
	var problems []string
	dir := filepath.Join(b.root, "content")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() || filepath.Ext(p) != ".md" {
			return nil
		}
		rel, _ := filepath.Rel(b.root, p)
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed since the directory was read
		} else if err != nil {
			return err
		}
		if found := shortcodeProblems(rel, src); len(found) > 0 {
			problems = append(problems, found...)
			return nil
		}
		var body bytes.Buffer
		if err := goldmark.Convert(src, &body); err != nil {
			return fmt.Errorf("%s: %w", rel, err)
		}
		page := strings.NewReplacer("{{ .Title }}", html.EscapeString(rel), "{{ .Content }}", body.String()).Replace(layout)
		out[pageOutput(rel)] = &fstest.MapFile{Data: []byte(page), Mode: 0o644}
		return nil
	})
	return problems, err
}

func shortcodeProblems(rel string, src []byte) []string {
	var problems []string
	for i, line := range strings.Split(string(src), "\n") {
		col := strings.Index(line, "{{<")
		if col >= 0 && !strings.Contains(line[col:], ">}}") {
			problems = append(problems, fmt.Sprintf("%s:%d:%d: unclosed shortcode: %s", rel, i+1, col+1, line))
		}
	}
	return problems
}

// pageOutput maps content/a/b.md to a/b/index.html.
func pageOutput(rel string) string {
	p := strings.TrimSuffix(strings.TrimPrefix(rel, "content/"), ".md")
	switch {
	case p == "index":
		return "index.html"
	case p == "404":
		return "404.html"
	case path.Base(p) == "index":
		return path.Dir(p) + "/index.html"
	}
	return p + "/index.html"
}

// copyTree copies the files below dir into out at their dir-relative paths.
func copyTree(ctx context.Context, out fstest.MapFS, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed since the directory was read
		} else if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
}
