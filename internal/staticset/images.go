package staticset

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
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

// imageSlot is the <img> sizes attribute: the body's width in the default
// theme (.content's --measure, 42rem, inside .wrap's 1rem padding).
const imageSlot = "(max-width: 44rem) calc(100vw - 2rem), 42rem"

// measured reports whether a page body's image of this file type is
// measured; others (AVIF, say) keep their <img> as written.
func measured(ext string) bool {
	switch strings.ToLower(ext) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg":
		return true
	}
	return false
}

// image is one static image, measured once.
type image struct {
	once   sync.Once // measuring
	found  bool
	length int64
	size   imaging.Size
	err    error // the file is not an image the build can read
	// made is the copies' once: made and written when a page that is
	// built first shows the image (a draft left out of the build only
	// has it measured).
	made      sync.Once
	hash      string
	variants  []imaging.Variant // without their Data, once written
	resizeErr error             // decoding the whole file failed
}

// image returns the image at rel ("/images/x.png" or "images/x.png"),
// measured.
func (f *Files) image(rel string) *image {
	rel = strings.TrimPrefix(rel, "/")
	f.mu.Lock()
	e, ok := f.images[rel]
	if !ok {
		e = &image{}
		f.images[rel] = e
	}
	f.mu.Unlock()
	e.once.Do(func() {
		s, found := f.files[rel]
		if !found {
			return // check reports a missing image
		}
		data, err := read(s)
		if err != nil {
			return
		}
		e.found, e.length = true, s.Size
		e.size, e.err = imaging.Measure(rel, data)
	})
	return e
}

// resizable reports whether the image gets resized copies.
func (e *image) resizable() bool {
	return e.err == nil && len(imaging.Widths(e.size.Width)) > 0 && (e.size.Format == "jpeg" || e.size.Format == "png")
}

// makeVariants makes (or reads back from the cache folder) and writes the
// resized copies of a measured image, once; the file is read again here,
// so that no image's bytes are held between measuring and resizing.
func (f *Files) makeVariants(rel string, e *image, out Out) {
	e.made.Do(func() {
		if !e.resizable() {
			return
		}
		name := strings.TrimPrefix(rel, "/")
		data, err := read(f.files[name])
		if err != nil {
			e.resizeErr = err
			return
		}
		sum := sha256.Sum256(append([]byte(imaging.Version+"\x00"), data...))
		hash := hex.EncodeToString(sum[:5])
		vs, err := f.variants(hash, e.size.Format, data, imaging.Widths(e.size.Width), out)
		if err != nil {
			e.resizeErr = err
			return
		}
		for i := range vs {
			if err := out.Write(variantName(name, hash, vs[i].Width, vs[i].Format), "(resized copy of static/"+name+")", vs[i].Data); err != nil {
				out.Warn(diag.Diagnostic{File: "static/" + name, Severity: diag.Error, Check: "image",
					Message: "writing a resized copy: " + err.Error(), Hint: "rename the image"})
				return
			}
			vs[i].Data = nil
		}
		e.hash, e.variants = hash, vs
	})
}

// variants returns the resized copies of an image, from the cache folder
// when it holds them all (<cache>/images/<hash>.<w>w.<jpg|png>).
func (f *Files) variants(hash, format string, data []byte, widths []int, out Out) ([]imaging.Variant, error) {
	dir := f.cacheDir
	cached := func(w int, format string) string {
		return filepath.Join(dir, "images", hash+"."+strconv.Itoa(w)+"w"+formatExt(format))
	}
	if dir != "" {
		// A PNG's copies may be JPEG (imaging.Resize): the widest says.
		formats := []string{format}
		if format == "png" {
			formats = append(formats, "jpeg")
		}
		for _, format := range formats {
			vs := make([]imaging.Variant, 0, len(widths))
			for _, w := range widths {
				b, err := os.ReadFile(cached(w, format))
				if err != nil {
					break
				}
				vs = append(vs, imaging.Variant{Width: w, Format: format, Data: b})
			}
			if len(vs) == len(widths) {
				out.Counted(0, 1)
				return vs, nil
			}
		}
	}
	vs, err := imaging.Resize(data, widths)
	if err != nil {
		return nil, err
	}
	out.Counted(1, 0)
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

// Lookup is the Markdown renderer's image lookup for the body of built
// page p (markdown.Context.Images): the size of a local image, and its
// resized copies, made and written through out on first use.
func (f *Files) Lookup(p *page.Page, out Out) func(string) (markdown.LocalImage, bool) {
	return func(dest string) (markdown.LocalImage, bool) {
		rel := imageTarget(p, dest)
		if rel == "" {
			return markdown.LocalImage{}, false
		}
		e := f.image(rel)
		if !e.found || e.err != nil {
			return markdown.LocalImage{}, false
		}
		f.makeVariants(rel, e, out)
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

// SizeImages returns a copy of imgs (the Markdown cache's own slice) with
// the pixel size of each local image file, resolved against the page's
// URL, and warns at the Markdown line of a file that is not an image the
// build can read (for a page that is built, also of one whose resizing
// failed). Sizes are read per build, never cached with the Markdown: the
// file may change without the page changing.
func (f *Files) SizeImages(p *page.Page, imgs []page.Image, built bool, out Out) []page.Image {
	if len(imgs) == 0 {
		return imgs
	}
	res := make([]page.Image, len(imgs))
	copy(res, imgs)
	for i := range res {
		rel := imageTarget(p, res[i].Src)
		if rel == "" {
			continue
		}
		e := f.image(rel)
		if !e.found {
			continue // check reports it
		}
		err := e.err
		hint := "save it again as PNG, JPEG, GIF, WebP or an SVG with a width and height or a viewBox; the page shows it unsized"
		if err == nil && built {
			f.makeVariants(rel, e, out)
			switch {
			case errors.Is(e.resizeErr, imaging.ErrTooLarge):
				err = fmt.Errorf("it is %d×%d pixels, more than the %d megapixels medkb resizes", e.size.Width, e.size.Height, imaging.MaxPixels>>20)
				hint = "export it at most 4000 pixels wide; until then phones download the original"
			case e.resizeErr != nil:
				err = fmt.Errorf("its size is readable but its pixels are not (%w)", e.resizeErr)
			}
		}
		if err != nil {
			out.Warn(diag.Diagnostic{File: p.File, Line: res[i].Line, Severity: diag.Warning, Check: "image",
				Message: "image " + strconv.Quote(res[i].Src) + " cannot be read: " + err.Error(), Hint: hint})
		}
		if e.err == nil {
			res[i].Width, res[i].Height = e.size.Width, e.size.Height
		}
	}
	return res
}
