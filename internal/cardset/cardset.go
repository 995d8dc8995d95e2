// Package cardset decides which pages get a generated social card
// (social_cards: true in medkb.yaml), what each card shows, and draws each
// one once: every article without its own image gets a card at
// /cards/<key>.png, where key is a hash of everything the card shows, so
// an unchanged card keeps its URL and link previews stay cached. A card is
// drawn once per Set and, with a cache folder, once ever
// (CacheDir/cards/<key>.png). A title in a script the card font cannot
// draw (or right-to-left) keeps the site's default image. The card colours
// are the default theme's (--bg, --fg, --accent in site.css). Package card
// draws; this package never lays out a card itself.
//
// A Set is one build's cards, shared read-mostly by the dev server's
// rebuilds of that build; it is safe for concurrent use.
package cardset

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/card"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
	"github.com/medkb/medkb/internal/theme"
)

var (
	background = color.RGBA{0xff, 0xff, 0xff, 0xff}
	text       = color.RGBA{0x1d, 0x23, 0x2b, 0xff}
	accent     = color.RGBA{0x00, 0x5a, 0x70, 0xff}
)

// Site is what cards are made for and where they go.
type Site struct {
	Config   *config.Config
	Theme    *theme.Set
	CacheDir string // "" draws every card
	// Write writes a drawn card into the site; by names what wrote it.
	Write func(path, by string, data []byte) error
	// Warn reports a card that could not be drawn.
	Warn func(diag.Diagnostic)
	// Open opens a static file of the site or theme; rel has no leading
	// slash.
	Open func(rel string) (io.ReadCloser, error)
}

// Set is the cards drawn so far, made lazily as pages and feeds ask.
type Set struct {
	once     sync.Once
	renderer *card.Renderer
	err      error
	mu       sync.Mutex
	byKey    map[string]*entry
	byURL    map[string]int64 // drawn cards: URL → PNG length

	logoOnce sync.Once
	logo     []byte // publisher.logo's bytes, nil when it cannot be drawn
}

type entry struct {
	once   sync.Once
	url    string // root-relative, "" when the default image is used
	length int64
}

// of returns what p's card shows.
func (cs *Set) of(s Site, p *page.Page) card.Card {
	c := card.Card{Title: p.Meta.Title, Site: s.Config.In(p.Lang).Title, Background: background, Text: text, Accent: accent, Logo: cs.logoOf(s)}
	if p.Parent != nil && p.Parent.Kind == page.KindSection {
		c.Section = p.Parent.Meta.Title
	}
	if len(p.Reviewers) > 0 && !p.Meta.LastReviewed.IsZero() {
		var names []string
		for _, r := range p.Reviewers {
			names = append(names, r.Name)
		}
		c.Trust = fmt.Sprintf(s.Theme.String(p.Lang, "card.reviewed_by"), strings.Join(names, ", "), s.Theme.FormatDate(p.Lang, p.Meta.LastReviewed.Time))
	}
	return c
}

// logoOf returns publisher.logo's bytes when it is a static file of the
// site or theme the card can draw; a logo it cannot draw (an SVG, say) is
// one warning at its line in medkb.yaml, and the cards go without it.
func (cs *Set) logoOf(s Site) []byte {
	cs.logoOnce.Do(func() {
		rel := s.Config.Publisher.Logo
		if rel == "" || !strings.HasPrefix(rel, "/") {
			return // another host's logo, or none: checked with the links
		}
		f, err := s.Open(strings.TrimPrefix(rel, "/"))
		if err != nil {
			return // not a static file: checked with the links
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, 8<<20))
		if err == nil {
			err = card.CheckLogo(b)
		}
		if err != nil {
			s.Warn(diag.Diagnostic{File: "medkb.yaml", Line: s.Config.Lines["publisher"], Severity: diag.Warning, Check: "cards",
				Message: "social cards are drawn without the logo " + rel + ": " + err.Error(),
				Hint:    "give publisher.logo a PNG or JPEG version of the logo (at least 112 px)"})
			return
		}
		cs.logo = b
	})
	return cs.logo
}

// URL returns the URL of p's generated card, drawing and writing it the
// first time it is asked for, or "" for the default image.
func (cs *Set) URL(s Site, p *page.Page) string {
	if !s.Config.SocialCards || p.Meta.Image != "" || !p.IsArticle() {
		return ""
	}
	c := cs.of(s, p)
	key := card.Key(c)
	cs.mu.Lock()
	if cs.byKey == nil {
		cs.byKey = map[string]*entry{}
	}
	e, ok := cs.byKey[key]
	if !ok {
		e = &entry{}
		cs.byKey[key] = e
	}
	cs.mu.Unlock()
	e.once.Do(func() {
		data, err := cs.png(s.CacheDir, key, c)
		if err != nil {
			if !errors.Is(err, card.ErrUnsupported) {
				s.Warn(diag.Diagnostic{File: "medkb.yaml", Line: s.Config.Lines["social_cards"], Severity: diag.Warning, Check: "cards",
					Message: "social card for " + c.Title + ": " + err.Error(), Hint: "the page uses the default image"})
			}
			return
		}
		rel := "cards/" + key + ".png"
		if err := s.Write(rel, "(social card)", data); err != nil {
			return
		}
		e.url, e.length = "/"+rel, int64(len(data)) // site-rooted, as every page URL (package basepath)
		cs.mu.Lock()
		if cs.byURL == nil {
			cs.byURL = map[string]int64{}
		}
		cs.byURL[e.url] = e.length
		cs.mu.Unlock()
	})
	return e.url
}

// png draws a card, or reads it from the cache folder.
func (cs *Set) png(dir, key string, c card.Card) ([]byte, error) {
	var cached string
	if dir != "" {
		cached = filepath.Join(dir, "cards", key+".png")
		if b, err := os.ReadFile(cached); err == nil {
			return b, nil
		}
	}
	cs.once.Do(func() { cs.renderer, cs.err = card.NewRenderer() })
	if cs.err != nil {
		return nil, cs.err
	}
	b, err := cs.renderer.Render(c)
	if err != nil {
		return nil, err
	}
	if cached != "" && os.MkdirAll(filepath.Dir(cached), 0o755) == nil {
		os.WriteFile(cached, b, 0o644) // a cache: a failed write only costs a redraw
	}
	return b, nil
}

// Size reports a drawn card's size for preview tags and feeds; rel is the
// URL URL returned.
func (cs *Set) Size(rel string) (w, h int, length int64, ok bool) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if n, ok := cs.byURL[rel]; ok {
		return card.Width, card.Height, n, true
	}
	return 0, 0, 0, false
}
