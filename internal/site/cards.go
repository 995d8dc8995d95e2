package site

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
	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/page"
)

// Social cards (social_cards: true in medkb.yaml): every article without
// its own image gets a generated card at /cards/<key>.png, where key is a
// hash of everything the card shows, so an unchanged card keeps its URL
// and link previews stay cached. A card is drawn once per build and, with
// a cache folder, once ever (CacheDir/cards/<key>.png). A title in a
// script the card font cannot draw (or right-to-left) keeps the site's
// default image. The card colours are the default theme's (--bg, --fg,
// --accent in site.css).

var (
	cardBackground = color.RGBA{0xff, 0xff, 0xff, 0xff}
	cardText       = color.RGBA{0x1d, 0x23, 0x2b, 0xff}
	cardAccent     = color.RGBA{0x00, 0x5a, 0x70, 0xff}
)

// cardSet is one build's cards, made lazily by the page and feed renderers.
type cardSet struct {
	once     sync.Once
	renderer *card.Renderer
	err      error
	mu       sync.Mutex
	byKey    map[string]*cardEntry
	byURL    map[string]int64 // drawn cards: URL → PNG length

	logoOnce sync.Once
	logo     []byte // publisher.logo's bytes, nil when it cannot be drawn
}

type cardEntry struct {
	once   sync.Once
	url    string // root-relative, "" when the default image is used
	length int64
}

// CardOf returns what p's card shows.
func (bd *build) cardOf(p *page.Page) card.Card {
	c := card.Card{Title: p.Meta.Title, Site: bd.cfg.In(p.Lang).Title, Background: cardBackground, Text: cardText, Accent: cardAccent, Logo: bd.cardLogo()}
	if p.Parent != nil && p.Parent.Kind == page.KindSection {
		c.Section = p.Parent.Meta.Title
	}
	if len(p.Reviewers) > 0 && !p.Meta.LastReviewed.IsZero() {
		var names []string
		for _, r := range p.Reviewers {
			names = append(names, r.Name)
		}
		c.Trust = fmt.Sprintf(bd.theme.String(p.Lang, "card.reviewed_by"), strings.Join(names, ", "), bd.theme.FormatDate(p.Lang, p.Meta.LastReviewed.Time))
	}
	return c
}

// cardLogo returns publisher.logo's bytes when it is a static file of the
// site or theme the card can draw; a logo it cannot draw (an SVG, say) is
// one warning at its line in medkb.yaml, and the cards go without it.
func (bd *build) cardLogo() []byte {
	cs := bd.cards
	cs.logoOnce.Do(func() {
		rel := bd.cfg.Publisher.Logo
		s, ok := bd.static[strings.TrimPrefix(rel, "/")]
		if rel == "" || !strings.HasPrefix(rel, "/") || !ok {
			return // another host's logo, or none: checked with the links
		}
		f, err := openStatic(s)
		if err != nil {
			return
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, 8<<20))
		if err == nil {
			err = card.CheckLogo(b)
		}
		if err != nil {
			bd.addDiags(diag.Diagnostic{File: "medkb.yaml", Line: bd.cfg.Lines["publisher"], Severity: diag.Warning, Check: "cards",
				Message: "social cards are drawn without the logo " + rel + ": " + err.Error(),
				Hint:    "give publisher.logo a PNG or JPEG version of the logo (at least 112 px)"})
			return
		}
		cs.logo = b
	})
	return cs.logo
}

// card returns the URL of p's generated card, or "" for the default
// image. It is safe for concurrent use.
func (bd *build) card(p *page.Page) string {
	if !bd.cfg.SocialCards || p.Meta.Image != "" || !p.IsArticle() {
		return ""
	}
	e := bd.cardEntry(bd.cardOf(p))
	return e.url
}

func (bd *build) cardEntry(c card.Card) *cardEntry {
	cs := bd.cards
	key := card.Key(c)
	cs.mu.Lock()
	if cs.byKey == nil {
		cs.byKey = map[string]*cardEntry{}
	}
	e, ok := cs.byKey[key]
	if !ok {
		e = &cardEntry{}
		cs.byKey[key] = e
	}
	cs.mu.Unlock()
	e.once.Do(func() {
		data, err := bd.cardPNG(key, c)
		if err != nil {
			if !errors.Is(err, card.ErrUnsupported) {
				bd.addDiags(diag.Diagnostic{File: "medkb.yaml", Line: bd.cfg.Lines["social_cards"], Severity: diag.Warning, Check: "cards",
					Message: "social card for " + c.Title + ": " + err.Error(), Hint: "the page uses the default image"})
			}
			return
		}
		rel := "cards/" + key + ".png"
		if err := bd.write(rel, "(social card)", data); err != nil {
			return
		}
		e.url, e.length = bd.cfg.BasePath()+rel, int64(len(data))
		cs.mu.Lock()
		if cs.byURL == nil {
			cs.byURL = map[string]int64{}
		}
		cs.byURL[e.url] = e.length
		cs.mu.Unlock()
	})
	return e
}

// cardPNG draws a card, or reads it from the cache folder.
func (bd *build) cardPNG(key string, c card.Card) ([]byte, error) {
	var cached string
	if dir := bd.b.opts.CacheDir; dir != "" {
		cached = filepath.Join(dir, "cards", key+".png")
		if b, err := os.ReadFile(cached); err == nil {
			return b, nil
		}
	}
	cs := bd.cards
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

// cardSize reports a generated card's size for preview tags and feeds.
func (bd *build) cardSize(rel string) (w, h int, length int64, ok bool) {
	cs := bd.cards
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if n, ok := cs.byURL[rel]; ok {
		return card.Width, card.Height, n, true
	}
	return 0, 0, 0, false
}
