package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// PartialCache holds the output of partialCached calls (see Load's
// template functions) for one build and language. The zero value is
// ready; it is safe for concurrent use.
type PartialCache struct{ m sync.Map }

// PartialCacher is template data that carries a PartialCache: the dot
// passed to partialCached must implement it for the output to be cached.
type PartialCacher interface {
	PartialCache() *PartialCache
}

// partialCached is the partialCached template function of one language:
//
//	{{ partialCached "NAME" . VARIANT… }}
//
// writes the partial NAME with data as {{ template "NAME" . }} would, and
// caches the output by NAME and the variants, as Hugo's function of the
// same name does: the partial must write the same markup for every page
// that gives the same variants (site-wide chrome: none; the menu: the
// entry the page is under). The partial is escaped as markup on its own,
// so call it where HTML text goes, not inside a tag or an attribute. Data
// that is not a PartialCacher, or a nil cache, renders it every time.
func (ls *langSet) partialCached(name string, data any, variants ...any) (template.HTML, error) {
	var cache *PartialCache
	if c, ok := data.(PartialCacher); ok {
		cache = c.PartialCache()
	}
	var key string
	if cache != nil {
		key = cacheKey(name, variants)
		if out, ok := cache.m.Load(key); ok {
			return out.(template.HTML), nil
		}
	}
	var buf bytes.Buffer
	if err := ls.partials.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	out := template.HTML(buf.String())
	if cache != nil {
		cache.m.Store(key, out)
	}
	return out, nil
}

// cacheKey is where partialCached keeps NAME's output for variants: the
// name, then each variant as %v writes it, each after a NUL. Made on
// every call (three a page in the default theme): a partial without
// variants is keyed by its name as it is, and a string variant (the
// menu's) is written without fmt.
func cacheKey(name string, variants []any) string {
	if len(variants) == 0 {
		return name
	}
	var k strings.Builder
	k.WriteString(name)
	for _, v := range variants {
		k.WriteByte(0)
		if s, ok := v.(string); ok {
			k.WriteString(s)
		} else {
			fmt.Fprintf(&k, "%v", v)
		}
	}
	return k.String()
}

// Do returns the output cached under key, or makes it with render and
// caches it when render succeeds: markup the caller writes once per build
// and language and reuses (a card shown by several listings). Concurrent
// callers of a new key may each render it; they store the same output.
func (c *PartialCache) Do(key any, render func() (template.HTML, error)) (template.HTML, error) {
	if out, ok := c.m.Load(key); ok {
		return out.(template.HTML), nil
	}
	out, err := render()
	if err != nil {
		return "", err
	}
	c.m.Store(key, out)
	return out, nil
}

// Partial executes the partial NAME (layouts/_partials/NAME.html, the
// site's over the theme's) of lang with data, as {{ template "NAME" . }}
// writes it where HTML text goes.
func (s *Set) Partial(lang, name string, data any) (template.HTML, error) {
	ls := s.langs[lang]
	if ls == nil {
		return "", fmt.Errorf("theme: no templates for language %q", lang)
	}
	var buf bytes.Buffer
	if err := ls.partials.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}
