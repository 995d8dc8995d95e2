package check

// SourceBytes returns a Page.Source that returns src.
func SourceBytes(src []byte) func() []byte { return func() []byte { return src } }
