package check

// source returns the page's raw file, or nil.
func (p *Page) source() []byte {
	if p.Source == nil {
		return nil
	}
	return p.Source()
}
