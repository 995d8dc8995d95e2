package page

import (
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"sync"
)

// Text is a page's rendered body: the three largest things a page has,
// about 15 KiB for a 1,000-word article.
type Text struct {
	Content template.HTML
	// Emergency holds the EMERGENCY callouts of the body, lifted out of
	// Content for the layout to show first.
	Emergency template.HTML
	Plain     string // the visible text, in newline-separated blocks
}

// text is where a page's Text is: held in memory, or read back each time
// it is asked for from where the renderer put it (a build that must not
// hold every page's body at once: see SetTextSource).
type text struct {
	held *Text
	src  TextSource

	mu      sync.Mutex
	holding *Text // loaded for the holders of Hold
	holds   int
}

// SetText keeps t in memory as p's rendered body.
func (p *Page) SetText(t Text) { p.text = &text{held: &t} }

// A TextSource is where a page that does not hold its rendered body reads
// it (SetTextSource). Its methods must be safe for concurrent use.
type TextSource interface {
	// Text reads the whole rendered body.
	Text() (Text, error)
	// Plain reads the plain text alone, for Plain (the search index and
	// the readability check read nothing else, three or four times a
	// page): what Text would give, in a string of its own.
	Plain() (string, error)
}

// SetTextSource makes src the only way to p's rendered body: nothing of
// it stays in p. src is read each time the text is asked for, except
// while Hold keeps it. A build sets one for every page and keeps it to
// its end, so the source is one object (with the text's own record, two
// a page), not a closure for each method.
func (p *Page) SetTextSource(src TextSource) {
	p.text = &text{src: src}
}

// SetTextLoader is SetTextSource for loaders given as functions: load
// reads the whole body, plain, when not nil, the plain text alone.
func (p *Page) SetTextLoader(load func() (Text, error), plain func() (string, error)) {
	p.SetTextSource(funcSource{load, plain})
}

// funcSource is a TextSource of functions (SetTextLoader).
type funcSource struct {
	load  func() (Text, error)
	plain func() (string, error)
}

func (f funcSource) Text() (Text, error) { return f.load() }

func (f funcSource) Plain() (string, error) {
	if f.plain == nil {
		t, err := f.load()
		return t.Plain, err
	}
	return f.plain()
}

// Text returns p's rendered body (empty before rendering). Safe for
// concurrent use.
func (p *Page) Text() (Text, error) {
	t := p.text
	switch {
	case t == nil:
		return Text{}, nil
	case t.held != nil:
		return *t.held, nil
	}
	t.mu.Lock()
	h := t.holding
	t.mu.Unlock()
	if h != nil {
		return *h, nil
	}
	return t.src.Text()
}

// Hold keeps p's rendered body in memory until release is called, so that
// the readers of one output (a page's template asks for Content and
// Emergency) load it once. Safe for concurrent use.
func (p *Page) Hold() (release func(), err error) {
	t := p.text
	if t == nil || t.held != nil {
		return func() {}, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.holds == 0 {
		x, err := t.src.Text()
		if err != nil {
			return nil, err
		}
		t.holding = &x
	}
	t.holds++
	var once sync.Once
	return func() {
		once.Do(func() {
			t.mu.Lock()
			if t.holds--; t.holds == 0 {
				t.holding = nil
			}
			t.mu.Unlock()
		})
	}, nil
}

// TextInMemory reports whether p's rendered body is held in memory now,
// by SetText or by a Hold not yet released.
func (p *Page) TextInMemory() bool {
	t := p.text
	if t == nil || t.held != nil {
		return t != nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.holding != nil
}

// Content returns the rendered body as HTML, without the EMERGENCY
// callouts (Emergency).
func (p *Page) Content() (template.HTML, error) {
	t, err := p.Text()
	return t.Content, err
}

// Emergency returns the EMERGENCY callouts of the body.
func (p *Page) Emergency() (template.HTML, error) {
	t, err := p.Text()
	return t.Emergency, err
}

// Plain returns the visible text of the body.
func (p *Page) Plain() (string, error) {
	if t := p.text; t != nil && t.held == nil {
		t.mu.Lock()
		h := t.holding
		t.mu.Unlock()
		if h != nil {
			return h.Plain, nil
		}
		return t.src.Plain()
	}
	t, err := p.Text()
	return t.Plain, err
}

// A MarkdownSource is where a page that does not hold its Markdown body
// reads it (source.Tail): Markdown reads the bytes, which must be safe
// for concurrent use, and MarkdownID names them — the same id, the same
// bytes — or is "" when nothing names them.
type MarkdownSource interface {
	MarkdownID() string
	Markdown() ([]byte, error)
}

// SetMarkdownSource makes src the way to p's Markdown body, which p then
// no longer holds (Body nil): a build reads each body again when it
// renders it rather than holding every source file from reading to
// rendering.
func (p *Page) SetMarkdownSource(src MarkdownSource) {
	p.Body, p.markdown = nil, src
}

// MarkdownID returns a name of p's Markdown body that changes whenever its
// bytes do, for a cache of what is made of them: the source's id when p
// does not hold its body, else the body's SHA-256. A body set on p after
// the source (Body not nil) is hashed, so no stale id outlives it.
func (p *Page) MarkdownID() (string, error) {
	if p.Body == nil && p.markdown != nil {
		if id := p.markdown.MarkdownID(); id != "" {
			return id, nil
		}
	}
	src, err := p.Markdown()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(src)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// Markdown returns p's Markdown body: Body, or what the loader reads.
func (p *Page) Markdown() ([]byte, error) {
	if p.Body != nil || p.markdown == nil {
		return p.Body, nil
	}
	return p.markdown.Markdown()
}
