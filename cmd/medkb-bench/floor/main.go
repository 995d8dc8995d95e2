// Command floor is the benchmark's floor: the least a static site
// generator must do with the bench corpus. It reads every Markdown file
// under SRC/content, drops its front matter, renders it with goldmark
// (GFM) on all cores and writes each to its own index.html in a
// pretty-URL tree under DST (content/a/b.md → DST/a/b/index.html,
// content/a/_index.md → DST/a/index.html). No templates, feeds, search,
// checks or caches: medkb-bench times it like the other tools, so its
// tables show medkb's distance to this floor. It asks for huge pages for
// its heap when and as a full medkb build of the bench's sizes does: only
// with MEDKB_HUGEPAGES=on (package hugepages), twice the default memory
// budget, the collector off meanwhile; so that the distance is not that.
//
//	go run ./cmd/medkb-bench/floor SRC DST
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/hugepages"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// reserveBytes is what a full medkb build of the bench's sizes reserves
// when MEDKB_HUGEPAGES=on (and so the floor then): twice the default
// memory budget (internal/cli's reserveHeap), 448 MiB
// (config.DefaultMemoryMB, which TestReserveAsAFullMedkbBuild checks).
// A constant, not an import of internal/config, which would bring some 45
// packages' initialisation into the floor's start.
const reserveBytes = 2 * 448 << 20

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor SRC DST")
		os.Exit(2)
	}
	if err := reserveIfAsked(os.Getenv(hugepages.Env), hugepages.Reserve); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	n, err := build(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Printf("%d pages\n", n)
}

// reserveIfAsked reserves reserveBytes of huge pages with reserve, the
// collector off meanwhile, when setting (MEDKB_HUGEPAGES's value) is on,
// as a full medkb build does; an error when it is neither on nor off: a
// benchmark run with a mistyped setting is better stopped than measured.
func reserveIfAsked(setting string, reserve func(int64, func()) bool) error {
	on, err := hugepages.Setting(setting)
	if err != nil || !on {
		return err
	}
	was := debug.SetGCPercent(-1)
	reserve(reserveBytes, debug.FreeOSMemory)
	debug.SetGCPercent(was)
	return nil
}

// build renders every .md file under src/content into dst and returns how
// many it wrote.
func build(src, dst string) (int, error) {
	content := filepath.Join(src, "content")
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	work := make(chan string)
	errs := make(chan error, len(files))
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			var buf bytes.Buffer
			for p := range work {
				buf.Reset()
				if err := page(md, content, dst, p, &buf); err != nil {
					errs <- err
				}
			}
		})
	}
	for _, p := range files {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return 0, err
	}
	return len(files), nil
}

// page renders one file to its pretty URL's index.html.
func page(md goldmark.Markdown, content, dst, p string, buf *bytes.Buffer) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
		if _, body, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			data = body
		}
	}
	if err := md.Convert(data, buf); err != nil {
		return fmt.Errorf("%s: %w", p, err)
	}
	rel, _ := filepath.Rel(content, strings.TrimSuffix(p, ".md"))
	if filepath.Base(rel) == "_index" {
		rel = filepath.Dir(rel)
	}
	dir := filepath.Join(dst, rel)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), buf.Bytes(), 0o644)
}
