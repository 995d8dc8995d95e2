package check

// SourceBytes returns a Page.Source that returns src.
func SourceBytes(src []byte) func() []byte { return func() []byte { return src } }

// source returns the page's raw file, or nil.
func (p *Page) source() []byte {
	if p.Source == nil {
		return nil
	}
	return p.Source()
}
