package buildcache

// newTestLog returns a Log of whole Markdown values, bodies and all, in
// dir under the Markdown cache's name: the Log's own tests want values of
// some size, and Markdowns keeps its bodies out of its Log.
func newTestLog(dir string) *Log[*Markdown] {
	return newLog(pathIn(dir, "markdown.bin"), "test-1", encodeWhole, decodeWhole)
}

func encodeWhole(e *encoder, m *Markdown) {
	encodeBody(e, Key{}, m)
	encodeMD(e, m)
}

func decodeWhole(d *decoder) *Markdown {
	d.key() // the body's key, written zero
	html, emergency, plain := d.str(), d.str(), d.str()
	m := decodeMD(d)
	m.HTML, m.Emergency, m.Plain = html, emergency, plain
	return m
}

// tkey is the Key a test names s: its bytes, zero-padded (at most 32).
func tkey(s string) Key {
	var k Key
	copy(k[:], s)
	return k
}
