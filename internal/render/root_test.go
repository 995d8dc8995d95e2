package render

import (
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/source"
	"github.com/medkb/medkb/internal/theme"
	"github.com/medkb/medkb/themes"
)

// rootRenderer is a Renderer of a two-language site (English by default)
// with the embedded default theme; inSubdir puts English under /en/.
func rootRenderer(t *testing.T, inSubdir bool) *Renderer {
	t.Helper()
	yaml := "title: T\nbase_url: https://health.example.org/\nlanguages:\n  - {code: en, name: English, default: true}\n  - {code: es, name: Español}\n"
	if inSubdir {
		yaml += "default_language_in_subdir: true\n"
	}
	cfg, err := config.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	s, err := assemble.Assemble(assemble.Input{Config: cfg, Files: []assemble.Parsed{
		{File: &source.File{Path: "content/_index.md", Rel: "_index.md", Base: "_index"}, Meta: page.Meta{Title: "Home"}},
		{File: &source.File{Path: "content/_index.es.md", Rel: "_index.es.md", Base: "_index", Lang: "es"}, Meta: page.Meta{Title: "Inicio"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	th, err := theme.Load([]theme.Layer{{Name: "(embedded default theme)", FS: themes.Default()}}, cfg.Codes(), "en", Funcs())
	if err != nil {
		t.Fatal(err)
	}
	return &Renderer{Site: s, Theme: th}
}

// TestRootRedirectsToTheDefaultLanguage: with the default language under
// /en/, the root index redirects there and the root 404 page is the
// English one; otherwise there are no root pages.
func TestRootRedirectsToTheDefaultLanguage(t *testing.T) {
	t.Parallel()
	index, notFound, err := rootRenderer(t, true).Root()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), `<meta http-equiv="refresh" content="0; url=/en/">`) {
		t.Errorf("root index does not redirect to /en/:\n%s", index)
	}
	if !strings.Contains(string(notFound), `<html lang="en"`) {
		t.Errorf("root 404 page is not the English one:\n%.300s", notFound)
	}
	index, notFound, err = rootRenderer(t, false).Root()
	if err != nil || index != nil || notFound != nil {
		t.Errorf("a site at the root: Root() = %d, %d bytes, %v; want none", len(index), len(notFound), err)
	}
}
