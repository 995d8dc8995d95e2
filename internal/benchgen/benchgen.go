package benchgen

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// Options size and seed a corpus.
type Options struct {
	Articles int   // number of articles; must be at least 1
	Seed     int64 // same Seed and Options, byte-identical corpus
	Sections int   // number of sections, 1–12; 0 means 8
}

// Stats describes what was written.
type Stats struct {
	Files    int
	Bytes    int64
	Articles int
}

//go:embed all:hugolayouts
var hugoLayouts embed.FS

// WriteMedkb writes a complete medkb site into dir, which must be empty or
// not exist: medkb.yaml, content/_index.md, content/<section>/_index.md,
// content/<section>/<slug>.md, data/authors.yaml, data/glossary.yaml and
// static/images/card-default.png.
func WriteMedkb(dir string, o Options) (Stats, error) {
	return write(dir, o, func(p *plan) []file {
		return []file{{"medkb.yaml", medkbYAML()}}
	})
}

// WriteHugo writes the same corpus as WriteMedkb (identical content and data
// files) as a Hugo site: hugo.toml and layouts/ instead of medkb.yaml.
func WriteHugo(dir string, o Options) (Stats, error) {
	return write(dir, o, func(p *plan) []file {
		files := []file{{"hugo.toml", hugoTOML()}}
		err := fs.WalkDir(hugoLayouts, "hugolayouts", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := hugoLayouts.ReadFile(name)
			files = append(files, file{path.Join("layouts", name[len("hugolayouts/"):]), data})
			return err
		})
		if err != nil {
			panic(err) // the embedded tree is fixed at compile time
		}
		return files
	})
}

// file is one output file; Path is slash-separated and relative to the site.
type file struct {
	Path string
	Data []byte
}

func (o Options) normalized() (Options, error) {
	if o.Sections == 0 {
		o.Sections = 8
	}
	switch {
	case o.Articles < 1:
		return o, fmt.Errorf("benchgen: Articles = %d, want at least 1", o.Articles)
	case o.Sections < 1 || o.Sections > maxSections:
		return o, fmt.Errorf("benchgen: Sections = %d, want 1–%d", o.Sections, maxSections)
	}
	return o, nil
}

func write(dir string, o Options, siteFiles func(*plan) []file) (Stats, error) {
	o, err := o.normalized()
	if err != nil {
		return Stats{}, err
	}
	if err := ensureEmpty(dir); err != nil {
		return Stats{}, err
	}
	p := newPlan(o)
	files := append(siteFiles(p), p.sharedFiles()...)
	var st Stats
	for _, f := range files {
		if err := writeFile(dir, f.Path, f.Data); err != nil {
			return st, err
		}
		st.Files++
		st.Bytes += int64(len(f.Data))
	}
	n, err := p.writeArticles(dir)
	st.Files += len(p.articles)
	st.Bytes += n
	st.Articles = len(p.articles)
	return st, err
}

// sharedFiles are the non-article files both site flavours share.
func (p *plan) sharedFiles() []file {
	files := []file{
		{"content/_index.md", homeIndex()},
		{"data/authors.yaml", p.authorsYAML()},
		{"data/glossary.yaml", glossaryYAML()},
		{"static/images/card-default.png", cardPNG()},
	}
	for i, s := range p.sections {
		files = append(files, file{"content/" + s.Name + "/_index.md", s.index(10 * (i + 1))})
	}
	return files
}

// writeArticles renders and writes every article with a bounded pool of
// workers; each article has its own random stream, so order does not matter.
func (p *plan) writeArticles(dir string) (int64, error) {
	v := newVocabulary()
	jobs := make(chan int)
	var (
		wg      sync.WaitGroup
		written atomic.Int64
		mu      sync.Mutex
		errs    []error
		stop    atomic.Bool
	)
	for range max(2, 2*runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range jobs {
				if stop.Load() {
					continue
				}
				buf.Reset()
				p.renderArticle(&buf, v, i)
				a := &p.articles[i]
				rel := "content/" + p.sections[a.Section].Name + "/" + a.Slug + ".md"
				if err := writeFile(dir, rel, buf.Bytes()); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					stop.Store(true)
					continue
				}
				written.Add(int64(buf.Len()))
			}
		})
	}
	for i := range p.articles {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return written.Load(), errors.Join(errs...)
}

func writeFile(dir, rel string, data []byte) error {
	name := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("benchgen: %w", err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("benchgen: %w", err)
	}
	return nil
}

// ensureEmpty refuses to write into a directory that already has files, so a
// corpus never mixes with leftovers of a bigger one.
func ensureEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("benchgen: %w", err)
	case len(entries) > 0:
		return fmt.Errorf("benchgen: %s is not empty", dir)
	}
	return nil
}
