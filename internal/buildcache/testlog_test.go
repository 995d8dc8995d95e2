package buildcache

// newTestLog returns a Log of whole Markdown values, bodies and all, in
// dir under the Markdown cache's name: the Log's own tests want values of
// some size, and Markdowns keeps its bodies out of its Log.
func newTestLog(dir string) *Log[*Markdown] {
	return newLog(pathIn(dir, "markdown.bin"), "test-1", encodeWhole, decodeWhole)
}

func encodeWhole(e *encoder, m *Markdown) {
	encodeBody(e, "", m)
	encodeMD(e, m)
}

func decodeWhole(d *decoder) *Markdown {
	d.str() // the body's key, written empty
	html, emergency, plain := d.str(), d.str(), d.str()
	m := decodeMD(d)
	m.HTML, m.Emergency, m.Plain = html, emergency, plain
	return m
}
