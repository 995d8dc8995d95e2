package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/medkb/medkb/internal/diag"
	"github.com/medkb/medkb/internal/imaging"
	"github.com/medkb/medkb/internal/markdown"
	"github.com/medkb/medkb/internal/page"
)

// Body images. Every local image of a page body (static/ or beside the
// page) is read once per build: its displayed size becomes the <img>'s
// width and height; a JPEG or PNG wider than the narrowest variant step
// also gets resized copies (package imaging) written beside it as
// <name>.<hash>.<width>w.<ext>, where hash covers the source bytes and
// the encoding (a photo saved as PNG gets JPEG copies), listed in srcset with the theme's reading measure as
// sizes. The largest copy becomes the src, so the original is fetched
// only where the writer links it. Copies are kept in CacheDir/images/,
// so a build with unchanged images decodes none (Result.ImagesResized
// counts decodes, Result.ImagesReused copies read back). A file that is
// not an image the build can read is a warning at the Markdown line.

// imageSlot is the <img> sizes attribute: the body's width in the default
// theme (.content's --measure, 42rem, inside .wrap's 1rem padding).
const imageSlot = "(max-width: 44rem) calc(100vw - 2rem), 42rem"

// measured reports whether the build measures images of this file type;
// others (AVIF, say) keep their <img> as written.
func measured(ext string) bool {
	switch strings.ToLower(ext) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

// bodyImages holds one build's body images by root-relative path; body
// edits share it with the build before (static files do not change then).
type bodyImages struct {
	mu sync.Mutex
	m  map[string]*bodyImage
}

type bodyImage struct {
	once  sync.Once // measuring
	found bool
	size  imaging.Size
	err   error  // the file is not an image the build can read
	data  []byte // the file, until its variants are made
	// made is the variants' once: made and written when a page that is
	// built first shows the image (a draft left out of the build only
	// has it measured).
	made      sync.Once
	hash      string
	variants  []imaging.Variant // without Data once written
	resizeErr error             // decoding the whole file failed
}

// bodyImage returns the image at root-relative rel ("/images/x.png"),
// measured.
func (bd *build) bodyImage(rel string) *bodyImage {
	bi := bd.bodyImgs
	bi.mu.Lock()
	if bi.m == nil {
		bi.m = map[string]*bodyImage{}
	}
	e, ok := bi.m[rel]
	if !ok {
		e = &bodyImage{}
		bi.m[rel] = e
	}
	bi.mu.Unlock()
	e.once.Do(func() { bd.loadBodyImage(rel, e) })
	return e
}

func (bd *build) loadBodyImage(rel string, e *bodyImage) {
	s, found := bd.static[strings.TrimPrefix(rel, "/")]
	if !found {
		return // check reports a missing image
	}
	f, err := openStatic(s)
	if err != nil {
		return
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return
	}
	e.found = true
	if e.size, e.err = imaging.Measure(rel, data); e.err != nil {
		return
	}
	if len(imaging.Widths(e.size.Width)) > 0 && (e.size.Format == "jpeg" || e.size.Format == "png") {
		e.data = data
	}
}

// makeVariants makes (or reads back from the cache folder) and writes
// the resized copies of a measured image, once.
func (bd *build) makeVariants(rel string, e *bodyImage) {
	e.made.Do(func() {
		data := e.data
		e.data = nil
		if data == nil {
			return
		}
		name := strings.TrimPrefix(rel, "/")
		sum := sha256.Sum256(append([]byte(imaging.Version+"\x00"), data...))
		hash := hex.EncodeToString(sum[:5])
		vs, err := bd.variants(hash, e.size.Format, data, imaging.Widths(e.size.Width))
		if err != nil {
			e.resizeErr = err
			return
		}
		for i := range vs {
			if err := bd.write(variantName(name, hash, vs[i].Width, vs[i].Format), "(resized copy of static/"+name+")", vs[i].Data); err != nil {
				bd.addDiags(diag.Diagnostic{File: "static/" + name, Severity: diag.Error, Check: "image",
					Message: "writing a resized copy: " + err.Error(), Hint: "rename the image"})
				return
			}
			vs[i].Data = nil
		}
		e.hash, e.variants = hash, vs
	})
}

// variants returns the resized copies of an image, from the cache folder
// when it holds them all (CacheDir/images/<hash>.<w>w.<jpg|png>).
func (bd *build) variants(hash, format string, data []byte, widths []int) ([]imaging.Variant, error) {
	dir := bd.b.opts.CacheDir
	cached := func(w int, format string) string {
		return filepath.Join(dir, "images", hash+"."+strconv.Itoa(w)+"w"+formatExt(format))
	}
	if dir != "" {
		// A PNG's copies may be JPEG (imaging.Resize): the widest says.
		formats := []string{format}
		if format == "png" {
			formats = append(formats, "jpeg")
		}
		for _, f := range formats {
			vs := make([]imaging.Variant, 0, len(widths))
			for _, w := range widths {
				b, err := os.ReadFile(cached(w, f))
				if err != nil {
					break
				}
				vs = append(vs, imaging.Variant{Width: w, Format: f, Data: b})
			}
			if len(vs) == len(widths) {
				bd.mu.Lock()
				bd.res.ImagesReused++
				bd.mu.Unlock()
				return vs, nil
			}
		}
	}
	vs, err := imaging.Resize(data, widths)
	if err != nil {
		return nil, err
	}
	bd.mu.Lock()
	bd.res.ImagesResized++
	bd.mu.Unlock()
	if dir != "" && os.MkdirAll(filepath.Join(dir, "images"), 0o755) == nil {
		for _, v := range vs {
			writeCached(cached(v.Width, v.Format), v.Data)
		}
	}
	return vs, nil
}

// writeCached writes a cache file whole or not at all (a temporary file
// renamed over it), so a build killed midway never leaves a cut copy that
// later builds would publish. A failed write only costs a resize.
func writeCached(name string, data []byte) {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

func formatExt(format string) string {
	if format == "png" {
		return ".png"
	}
	return ".jpg"
}

// variantName is the file name of a copy: "images/x.jpg" →
// "images/x.<hash>.<w>w.jpg". A copy in its original's format keeps its
// extension (.jpeg stays .jpeg); a photo PNG's JPEG copies end in .jpg.
func variantName(name, hash string, w int, format string) string {
	ext := path.Ext(name)
	newExt := ext
	if format != "" && !strings.EqualFold(formatExt(format), ext) && !(format == "jpeg" && strings.EqualFold(ext, ".jpeg")) {
		newExt = formatExt(format)
	}
	return strings.TrimSuffix(name, ext) + "." + hash + "." + strconv.Itoa(w) + "w" + newExt
}

// imageTarget resolves an image destination of page p to a root-relative
// path, or "" when it is not a local file of a type the build measures.
func imageTarget(p *page.Page, dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return ""
	}
	target := u.Path
	if !strings.HasPrefix(target, "/") {
		target = path.Join(p.RelPermalink, target)
	}
	if !measured(path.Ext(target)) {
		return ""
	}
	return target
}

// imageLookup is Context.Images for page p.
func (bd *build) imageLookup(p *page.Page) func(string) (markdown.LocalImage, bool) {
	return func(dest string) (markdown.LocalImage, bool) {
		rel := imageTarget(p, dest)
		if rel == "" {
			return markdown.LocalImage{}, false
		}
		e := bd.bodyImage(rel)
		if !e.found || e.err != nil {
			return markdown.LocalImage{}, false
		}
		bd.makeVariants(rel, e)
		li := markdown.LocalImage{Width: e.size.Width, Height: e.size.Height}
		// The copies sit beside the original: the destination as written
		// with the file name changed, so relative and absolute paths (and a
		// base path the writer included) keep working.
		written := dest
		if i := strings.IndexAny(written, "?#"); i >= 0 {
			written = written[:i]
		}
		if len(e.variants) == 0 || strings.ContainsAny(written, ", \t") {
			return li, true
		}
		var set []string
		for _, v := range e.variants {
			u := variantName(written, e.hash, v.Width, v.Format)
			set = append(set, u+" "+strconv.Itoa(v.Width)+"w")
			li.Src = u
		}
		li.Srcset, li.Sizes = strings.Join(set, ", "), imageSlot
		return li, true
	}
}

// sizeImages returns a copy of imgs (the cache's own slice) with the pixel
// size of each local image file, resolved against the page's URL, and a
// warning at the Markdown line for a file that is not an image the build
// can read (for a page that is built, also one whose resizing failed).
// Sizes are read per build, never cached with the Markdown: the file may
// change without the page changing.
func (bd *build) sizeImages(p *page.Page, imgs []page.Image, built bool) []page.Image {
	if len(imgs) == 0 {
		return imgs
	}
	out := make([]page.Image, len(imgs))
	copy(out, imgs)
	for i := range out {
		rel := imageTarget(p, out[i].Src)
		if rel == "" {
			continue
		}
		e := bd.bodyImage(rel)
		if !e.found {
			continue // check reports it
		}
		err := e.err
		hint := "save it again as PNG, JPEG, GIF, WebP or an SVG with a width and height or a viewBox; the page shows it unsized"
		if err == nil && built {
			bd.makeVariants(rel, e)
			switch {
			case errors.Is(e.resizeErr, imaging.ErrTooLarge):
				err = fmt.Errorf("it is %d×%d pixels, more than the %d megapixels medkb resizes", e.size.Width, e.size.Height, imaging.MaxPixels>>20)
				hint = "export it at most 4000 pixels wide; until then phones download the original"
			case e.resizeErr != nil:
				err = fmt.Errorf("its size is readable but its pixels are not (%w)", e.resizeErr)
			}
		}
		if err != nil {
			bd.addDiags(diag.Diagnostic{File: p.File, Line: out[i].Line, Severity: diag.Warning, Check: "image",
				Message: "image " + strconv.Quote(out[i].Src) + " cannot be read: " + err.Error(), Hint: hint})
		}
		if e.err == nil {
			out[i].Width, out[i].Height = e.size.Width, e.size.Height
		}
	}
	return out
}
