package importer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// A Jekyll page's card picture is a key of its theme's (thumbnail:,
// feature_image:, Minimal Mistakes' header.teaser and header.image),
// often a bare file name the theme's templates put a folder in front of:
// USAID-OHA-SI/usaid-oha-si.github.io's learn/index.html writes
// <img src="/assets/img/posts/{{ post.thumbnail }}">. medkb's key for it
// is image:, a path of the site.

// imageExprRe is an address in a template that ends with a page's
// picture key: the literal folder before it (after {{ site.baseurl }}
// or {{ site.url }}), the key.
var imageExprRe = lazyRE(`(?:src|href|content)\s*=\s*["']((?:\{\{-?\s*site\.(?:base)?url\s*-?\}\})?[^"'{}<>\s]*)\{\{-?\s*(?:post|page|item|doc|include\.\w+)\.((?:header\.)?(?:thumbnail|feature_image|teaser|image))\s*(?:\|[^}]*)?-?\}\}`)

// imagePlace is a folder a template put in front of a picture key.
type imagePlace struct {
	folder string // "/assets/img/posts/", "/" for none
	file   string // the template, relative to the source folder
	line   int
}

// jekyllImageTemplates finds, in the site's templates and pages, the
// folders each picture key was shown from.
func jekyllImageTemplates(root string) map[string][]imagePlace {
	places := map[string][]imagePlace{}
	_ = filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := e.Name()
		if e.IsDir() {
			if p != root && (name == "_site" || name == "node_modules" || name == "vendor" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		switch strings.ToLower(path.Ext(name)) {
		case ".html", ".htm", ".md", ".markdown", ".liquid", ".xml":
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		text := string(data)
		for _, m := range imageExprRe.FindAllStringSubmatchIndex(text, -1) {
			folder := text[m[2]:m[3]]
			if i := strings.Index(folder, "}}"); i >= 0 {
				folder = folder[i+2:]
			}
			if folder == "" {
				folder = "/"
			}
			if !strings.HasPrefix(folder, "/") || !strings.HasSuffix(folder, "/") {
				continue // not a folder of the site
			}
			key := text[m[4]:m[5]]
			if !slices.ContainsFunc(places[key], func(x imagePlace) bool { return x.folder == folder }) {
				places[key] = append(places[key], imagePlace{folder: folder, file: rel(root, p), line: 1 + strings.Count(text[:m[0]], "\n")})
			}
		}
		return nil
	})
	return places
}

// jekyllImages gives each page with a picture key and no image: the
// first such key as image:, a bare file name put in the folder the old
// templates showed it from, where that file is; with a note. A name no
// template folder holds stays under params:, with a note for a person.
func (s *site) jekyllImages() {
	var places map[string][]imagePlace
	pages := slices.Clone(s.docs)
	if s.home != nil {
		pages = append(pages, s.home)
	}
	for _, d := range pages {
		if len(d.imageKeys) == 0 && d.bareImage == nil {
			continue
		}
		if places == nil {
			places = jekyllImageTemplates(s.opts.Source)
		}
		if d.bareImage != nil {
			s.jekyllBareImage(d, places["image"])
		}
		if len(d.imageKeys) == 0 {
			continue
		}
		keys := d.imageKeys
		d.imageKeys = nil
		if _, ok := d.get("image"); ok {
			for _, e := range keys {
				if !strings.HasPrefix(e.key, "header.") {
					s.toParams(d, e)
				}
			}
			continue
		}
		// The card's picture first: thumbnail, feature_image, a teaser,
		// then a header's banner.
		slices.SortStableFunc(keys, func(a, b entry) int { return imageRank(a.key) - imageRank(b.key) })
		e := keys[0]
		for _, other := range keys[1:] {
			if !strings.HasPrefix(other.key, "header.") {
				s.toParams(d, other)
			}
		}
		v := strings.TrimSpace(str(e.value))
		if strings.HasPrefix(v, "/") || strings.Contains(v, "://") {
			d.set("image", v)
			s.note(d.src, e.line, Changed, "%s: %s is medkb's image: (the page's picture in lists and link previews)", e.key, v)
			continue
		}
		key := strings.TrimPrefix(e.key, "header.")
		tried := places[e.key]
		if key == "teaser" || key == "image" {
			tried = append(slices.Clone(tried), places[key]...)
		}
		found, folders := s.imageIn(tried, v)
		if len(found) == 1 {
			img := found[0].folder + v
			d.set("image", img)
			where := "the site's root, where no template put a folder in front of it"
			if found[0].file != "" {
				where = fmt.Sprintf("the folder the old site's template %s:%d put in front of it", found[0].file, found[0].line)
			}
			s.note(d.src, e.line, Changed, "%s: %s is medkb's image: %s (the page's picture in lists and link previews), from %s", e.key, v, img, where)
			continue
		}
		if !strings.HasPrefix(e.key, "header.") {
			s.toParams(d, e)
		}
		why := "no file of that name is in " + strings.Join(folders, ", ")
		if len(found) > 1 {
			why = "a file of that name is in each of " + strings.Join(folders, ", ") + ", which the old templates all showed it from"
		}
		s.note(d.src, e.line, Human, "%s: %s is the page's picture, medkb's image:, but %s: kept under params:; write image: with the picture's path in the site (/folder/%s)", e.key, v, why, v)
	}
}

// jekyllBareImage resolves d's image: written without a leading /
// (chart.png) as the old site's templates showed it: in the folder they
// put in front of {{ page.image }} where the file is (with a note when
// that is not the site's root), else from the site's root. A name no
// such folder holds is kept under params:, with a note for a person:
// medkb build would stop on an image that does not exist.
func (s *site) jekyllBareImage(d *doc, tried []imagePlace) {
	e := *d.bareImage
	d.bareImage = nil
	v := imageOf(e)
	found, folders := s.imageIn(tried, v)
	if len(found) == 1 {
		img := path.Clean(found[0].folder + v)
		d.set("image", img)
		if found[0].file != "" && found[0].folder != "/" {
			s.note(d.src, e.line, Changed, "%s: %s is image: %s, from the folder the old site's template %s:%d put in front of it", e.key, v, img, found[0].file, found[0].line)
		}
		return
	}
	d.unset("image")
	s.toParams(d, e)
	why := "no file of that name is in " + strings.Join(folders, ", ")
	if len(found) > 1 {
		why = "a file of that name is in each of " + strings.Join(folders, ", ") + ", which the old templates all showed it from"
	}
	s.note(d.src, e.line, Human, "%s: %s is the page's picture, but %s: kept under params:; write image: with the picture's path in the site (/folder/%s)", e.key, v, why, path.Base(v))
}

// imageRank orders the picture keys, the card's first.
func imageRank(key string) int {
	return slices.Index([]string{"thumbnail", "feature_image", "header.teaser", "header.image"}, key)
}

// imageIn returns the places of tried (the site's root when there are
// none) whose folder holds a file named v, and every folder tried.
func (s *site) imageIn(tried []imagePlace, v string) (found []imagePlace, folders []string) {
	if len(tried) == 0 {
		tried = []imagePlace{{folder: "/"}}
	}
	for _, pl := range tried {
		folders = append(folders, pl.folder)
		if fi, err := os.Stat(filepath.Join(s.opts.Source, filepath.FromSlash(pl.folder+v))); err == nil && !fi.IsDir() {
			found = append(found, pl)
		}
	}
	return found, folders
}
