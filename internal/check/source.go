package check

// source returns the page's raw file, or nil.
func (p *Page) source() []byte {
	if p.Source == nil {
		return nil
	}
	return p.Source()
}

// PlainText returns the page's visible body text: Plain, or what Text
// reads back.
func (p *Page) PlainText() (string, error) {
	if p.Text != nil {
		return p.Text()
	}
	return p.Plain, nil
}
