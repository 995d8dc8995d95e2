package benchgen

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// Article is one article of a written corpus, as its Markdown file holds it.
type Article struct {
	Path   string // the file, under the site folder given to MedkbArticles
	Source []byte // the whole file, front matter included
	Body   []byte // the Markdown after the front matter
}

// MedkbArticles writes the corpus of o into dir as WriteMedkb does and
// reads its articles back (section index pages left out), in path order:
// the bench's own content for the Go benchmarks and tests that measure one
// step of a build. The site's other files (data/glossary.yaml) stay in dir.
func MedkbArticles(dir string, o Options) ([]Article, error) {
	if _, err := WriteMedkb(dir, o); err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	if err != nil {
		return nil, err
	}
	var out []Article
	for _, f := range files {
		if filepath.Base(f) == "_index.md" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		_, body, ok := bytes.Cut(bytes.TrimPrefix(src, []byte("---\n")), []byte("\n---\n"))
		if !ok {
			return nil, fmt.Errorf("%s: no front matter", f)
		}
		out = append(out, Article{Path: f, Source: src, Body: body})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no articles under content/", dir)
	}
	return out, nil
}
