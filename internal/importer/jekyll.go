package importer

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

var postNameRe = regexp.MustCompile(`^(\d{4}-\d{1,2}-\d{1,2})-(.+)$`)

// jekyllConfig is what the importer reads of _config.yml.
type jekyllConfig struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	URL         string   `yaml:"url"`
	SiteURL     string   `yaml:"siteurl"`
	BaseURL     string   `yaml:"baseurl"`
	Lang        string   `yaml:"lang"`
	Permalink   string   `yaml:"permalink"`
	Exclude     []string `yaml:"exclude"`
	Author      any      `yaml:"author"`
}

func readJekyll(opts Options) (*site, error) {
	s := newSite(opts)
	var cfg jekyllConfig
	if data, err := os.ReadFile(filepath.Join(opts.Source, "_config.yml")); err == nil {
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			return nil, fmt.Errorf("import: _config.yml: %v", err)
		}
	} else {
		s.note("_config.yml", 0, Human, "no _config.yml: the site title and address must be set in medkb.yaml")
	}
	s.title = cfg.Title
	if s.title == "" {
		s.title = filepath.Base(opts.Source)
	}
	s.description = cfg.Description
	s.oldURL = strings.TrimSuffix(firstNonEmpty(cfg.URL, cfg.SiteURL), "/") + strings.TrimSuffix(cfg.BaseURL, "/")
	if s.oldURL != "" {
		s.baseURL = s.oldURL + "/"
	}
	if cfg.Lang != "" {
		s.defaultLang = cfg.Lang
	}
	permalink := jekyllPermalink(cfg.Permalink)
	excluded := map[string]bool{"README.md": true, "readme.md": true, "CHANGELOG.md": true, "LICENSE.md": true}
	for _, e := range cfg.Exclude {
		excluded[strings.Trim(e, "/")] = true
	}

	err := filepath.WalkDir(opts.Source, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		r := rel(opts.Source, p)
		name := e.Name()
		if r == "." {
			return nil
		}
		if e.IsDir() {
			if excluded[r] || strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor" ||
				(strings.HasPrefix(name, "_") && name != "_posts" && name != "_drafts" && !strings.HasPrefix(r, "_posts/")) {
				return filepath.SkipDir
			}
			return nil
		}
		// Jekyll leaves out files starting with ., _, # or ending with ~.
		if excluded[r] || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") {
			return nil
		}
		inPosts := strings.HasPrefix(r, "_posts/")
		inDrafts := strings.HasPrefix(r, "_drafts/")
		switch {
		case isMarkdown(name):
			return s.jekyllDoc(p, r, inPosts, inDrafts, permalink)
		case isAsset(name) && !inPosts && !inDrafts:
			s.files = append(s.files, copied{from: p, to: "static/" + r})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	s.resolveRefs()
	return s, nil
}

// jekyllDoc reads one Markdown file of a Jekyll site.
func (s *site) jekyllDoc(abs, r string, inPosts, inDrafts bool, permalink string) error {
	data, err := os.ReadFile(abs)
	if err != nil {
		return err
	}
	entries, body, bodyLine, err := splitFile(r, data)
	if err != nil {
		return err
	}
	base := strings.TrimSuffix(path.Base(r), path.Ext(r))
	d := &doc{src: r, body: body, bodyLine: bodyLine}
	dir := path.Dir(r)
	var fileDate string
	if inPosts || inDrafts {
		if m := postNameRe.FindStringSubmatch(base); m != nil {
			fileDate, base = m[1], m[2]
		}
		sub := strings.TrimPrefix(strings.TrimPrefix(dir, "_posts"), "_drafts")
		sub = strings.Trim(sub, "/")
		d.section = "posts"
		if sub != "" {
			parts := strings.Split(sub, "/")
			d.section = slugify(parts[0])
		}
		d.draft = inDrafts
	} else {
		if base == "index" && dir == "." {
			d.section = ""
		} else if dir == "." {
			d.section = "pages"
		} else {
			d.section = slugify(strings.Split(dir, "/")[0])
		}
	}
	d.slug = slugify(base)
	s.mapMeta(d, entries)
	if !d.dated && fileDate != "" {
		s.date(d, "date", entry{key: "date (from the file name)", value: fileDate})
		if _, ok := d.get("date"); ok {
			d.dated = true
		}
	}
	if _, ok := d.get("title"); !ok {
		// Jekyll titles an untitled post after its file name.
		d.fields = append([]field{{"title", titleCase(base)}}, d.fields...)
		s.note(r, 1, Changed, "no title: titled %q after the file name, as Jekyll does", titleCase(base))
	}
	if d.url == "" {
		d.url = s.jekyllURL(d, r, entries, permalink, fileDate, inPosts || inDrafts)
		d.set("url", d.url)
	}
	if d.lang == "" {
		// Jekyll sites often keep a language in a folder (_posts/articles/es/).
		for _, part := range strings.Split(dir, "/") {
			if len(part) == 2 && part != "." && part != s.defaultLang && isLangCode(part) {
				d.lang = part
				s.addLang(part)
			}
		}
	}
	s.convertBody(d, Jekyll)
	if d.section == "" {
		s.home = d
		return nil
	}
	s.docs = append(s.docs, d)
	return nil
}

func isLangCode(s string) bool {
	switch s {
	case "es", "fr", "de", "it", "pt", "zh", "ar", "ru", "ja", "ko", "vi", "tl", "hi", "ur", "pl", "nl", "ht", "so", "fa", "bn", "pa", "gu", "ta", "tr", "uk", "el", "he", "cy", "ga":
		return true
	}
	return false
}

// jekyllPermalink expands Jekyll's built-in permalink styles.
func jekyllPermalink(p string) string {
	switch p {
	case "", "date":
		return "/:categories/:year/:month/:day/:title:output_ext"
	case "pretty":
		return "/:categories/:year/:month/:day/:title/"
	case "ordinal":
		return "/:categories/:year/:y_day/:title:output_ext"
	case "none":
		return "/:categories/:title:output_ext"
	}
	return p
}

// jekyllURL is the address Jekyll gave the page.
func (s *site) jekyllURL(d *doc, r string, entries []entry, permalink, fileDate string, post bool) string {
	if !post {
		u := strings.TrimSuffix(r, path.Ext(r))
		return normURL("/" + u)
	}
	var cats []string
	for _, e := range entries {
		if e.key == "categories" || e.key == "category" {
			cats = append(cats, stringsOf(e.value)...)
		}
	}
	y, m, day := "", "", ""
	if parts := strings.Split(fileDate, "-"); len(parts) == 3 {
		y, m, day = parts[0], fmt.Sprintf("%02s", parts[1]), fmt.Sprintf("%02s", parts[2])
	}
	rep := strings.NewReplacer(":categories", strings.Join(cats, "/"), ":year", y, ":month", m, ":day", day,
		":i_month", strings.TrimLeft(m, "0"), ":i_day", strings.TrimLeft(day, "0"), ":title", d.slug, ":slug", d.slug,
		":output_ext", "", ":y_day", "")
	return normURL(rep.Replace(permalink))
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
