package render

import (
	"html/template"
	"testing"
	"testing/fstest"

	"github.com/medkb/medkb/internal/assemble"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/theme"
	"github.com/medkb/medkb/themes"
)

// Site configurations for the tests that render the default theme.
const (
	oneLanguage  = "title: T\nbase_url: https://health.example.org/\n"
	twoLanguages = oneLanguage + "languages:\n  - {code: en, name: English, default: true}\n  - {code: es, name: Español}\n"
)

// themed is the default theme with a site's own files over it (layouts/
// and i18n/), for the site configuration it was made with, and a
// Renderer of one build using it.
type themed struct {
	cfg *config.Config
	th  *theme.Set
	r   *Renderer
}

// newThemed loads the default theme under site's files with funcs (nil:
// Funcs()) for a site configured by cfgYAML.
func newThemed(tb testing.TB, cfgYAML string, site fstest.MapFS, funcs template.FuncMap) themed {
	tb.Helper()
	cfg, err := config.Parse([]byte(cfgYAML))
	if err != nil {
		tb.Fatal(err)
	}
	if funcs == nil {
		funcs = Funcs()
	}
	th, err := theme.Load([]theme.Layer{{Name: "(embedded default theme)", FS: themes.Default()}, {Name: "layouts", FS: site}}, cfg.Codes(), "en", funcs)
	if err != nil {
		tb.Fatal(err)
	}
	return themed{cfg: cfg, th: th, r: &Renderer{Site: &assemble.Site{Config: cfg}, Theme: th}}
}

// data is the template data of p on a page in lang.
func (x themed) data(lang config.Language, p *page.Page) *Data {
	ls := &assemble.Lang{Language: lang, Home: &page.Page{}, Search: &page.Page{}, Glossary: &page.Page{}, Feeds: &page.Page{}}
	return &Data{Site: x.r.site(ls), Lang: lang, Page: p}
}

// partial is what the partial name writes for d, failing tb on an error.
func (x themed) partial(tb testing.TB, name string, d *Data) template.HTML {
	tb.Helper()
	out, err := x.th.Partial(d.Lang.Code, name, d)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}
