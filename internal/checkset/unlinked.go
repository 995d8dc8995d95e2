package checkset

import (
	"strconv"
	"strings"

	"github.com/medkb/medkb/internal/check"
	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/page"
)

// unlinked runs the unlinked-file check (check.RunUnlinked) over the
// whole site, whatever Only is: whether a file is linked depends on every
// page's links, which the site's pages hold (an incremental run's edited
// pages with their new ones), so every run makes its findings anew and
// Keep drops the last run's.
func unlinked(in Input) []check.Diagnostic {
	cfg := in.Config
	if len(in.ContentFiles) == 0 && len(cfg.PublishUnlinked) == 0 {
		return nil
	}
	u := check.Unlinked{Files: in.ContentFiles, Mentioned: in.Mentioned, BaseURL: cfg.BaseURL, ConfigFile: config.FileName,
		Levels: Levels(cfg.Check)}
	for i, p := range cfg.PublishUnlinked {
		u.Keep = append(u.Keep, check.KeepRule{Pattern: p, Line: cfg.Lines["publish_unlinked."+strconv.Itoa(i)]})
	}
	u.Links = func(yield func(pageURL, dest string)) {
		for _, m := range cfg.Menu {
			yield("/", m.URL)
		}
		for _, img := range []string{cfg.DefaultImage, cfg.Publisher.Logo} {
			if img != "" && !strings.Contains(img, ":") {
				yield("/", "/"+strings.TrimPrefix(img, "/"))
			}
		}
		for _, ls := range in.Site.Langs {
			for _, pages := range [][]*page.Page{ls.Pages, ls.Drafts} {
				for _, p := range pages {
					pageLinks(p, yield)
				}
			}
		}
	}
	return check.RunUnlinked(u)
}

// pageLinks calls yield with each published link of p: its body's links
// and images and its front matter image (a path from the site's root, as
// the feeds and preview tags read it). A withdrawn page publishes only a
// tombstone, whose body links nothing.
func pageLinks(p *page.Page, yield func(pageURL, dest string)) {
	if p.File == "" || p.Meta.IsWithdrawn() {
		return
	}
	for _, l := range p.Links {
		yield(p.RelPermalink, l.Dest)
	}
	for _, im := range p.Images {
		yield(p.RelPermalink, im.Src)
	}
	if img := p.Meta.Image; img != "" && !strings.Contains(img, ":") {
		yield(p.RelPermalink, "/"+strings.TrimPrefix(img, "/"))
	}
}
