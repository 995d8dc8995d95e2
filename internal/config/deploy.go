package config

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/medkb/medkb/internal/diag"
)

// CacheControl is the Cache-Control value for each class of output file
// (see hostconfig.Classify); the server configs and `medkb deploy` both
// apply it.
type CacheControl struct {
	// Hashed: files whose name carries a content hash (search shards).
	Hashed string `yaml:"hashed"`
	// Revalidate: pages, feeds, the search manifest, CSS and scripts —
	// files whose name stays while their bytes change.
	Revalidate string `yaml:"revalidate"`
	// Other: images, fonts and every other file.
	Other string `yaml:"other"`
}

// Deploy configures `medkb deploy`.
type Deploy struct {
	// Default names the target used without --target (default: the first).
	Default string `yaml:"default"`
	// MaxDeletes bounds the remote files one deploy may delete (default 256).
	MaxDeletes int      `yaml:"max_deletes"`
	Targets    []Target `yaml:"targets"`
}

// Target is one place the built site is deployed to.
type Target struct {
	Name string `yaml:"name"`
	// URL is a gocloud.dev bucket URL: s3://bucket/prefix?region=…,
	// gs://bucket/prefix, azblob://container/prefix or file:///srv/www.
	URL string `yaml:"url"`
	// Compress is "gzip" or "br" (brotli) to store compressible files
	// compressed with that Content-Encoding (for hosts that serve objects as
	// stored; br only behind HTTPS, where browsers accept it), or "" to
	// store them as built.
	Compress string `yaml:"compress"`
	// Exclude lists path.Match patterns of output files not to deploy.
	Exclude []string `yaml:"exclude"`
	// Invalidate is a command (program and arguments, no shell) run after a
	// deploy that changed something, with the changed paths on its stdin,
	// one per line: a CDN cache invalidation.
	Invalidate []string `yaml:"invalidate"`

	Line int `yaml:"-"` // the line of the target in medkb.yaml
}

// UnmarshalYAML decodes a target and remembers its line.
func (t *Target) UnmarshalYAML(n *yaml.Node) error {
	type plain Target
	if err := n.Decode((*plain)(t)); err != nil {
		return err
	}
	t.Line = n.Line
	return nil
}

// Target returns the target named name, or the default one when name is "".
func (d Deploy) Target(name string) (Target, bool) {
	if name == "" {
		name = d.Default
	}
	for _, t := range d.Targets {
		if name == "" || t.Name == name {
			return t, true
		}
	}
	return Target{}, false
}

func (c *Config) validateDeploy() error {
	for k, v := range c.Headers {
		if !headerNameRe.MatchString(k) || strings.ContainsAny(v, "\r\n\"") {
			return c.errorf("headers", "write each header as Name: value on one line, with a name of letters, digits and dashes and no quotes in the value", "invalid header %q: %q", k, v)
		}
	}
	cc := &c.CacheControl
	for _, v := range []*string{&cc.Hashed, &cc.Revalidate, &cc.Other} {
		if strings.ContainsAny(*v, "\r\n\"") {
			return c.errorf("cache_control", "write one Cache-Control value per class on one line, without quotes inside", "invalid cache_control value %q", *v)
		}
	}
	if cc.Hashed == "" {
		cc.Hashed = "public, max-age=31536000, immutable"
	}
	if cc.Revalidate == "" {
		cc.Revalidate = "public, max-age=0, must-revalidate"
	}
	if cc.Other == "" {
		cc.Other = "public, max-age=86400"
	}
	d := &c.Deploy
	if d.MaxDeletes == 0 {
		d.MaxDeletes = 256
	}
	if d.MaxDeletes < 0 {
		return c.errorf("deploy", "max_deletes is a positive number of files", "invalid deploy.max_deletes %d", d.MaxDeletes)
	}
	names := map[string]bool{}
	for _, t := range d.Targets {
		bad := func(hint, format string, args ...any) error {
			return &diag.Diagnostic{File: FileName, Line: t.Line, Severity: diag.Error, Message: fmt.Sprintf(format, args...), Hint: hint}
		}
		if t.Name == "" || strings.ContainsAny(t.Name, " \t/") {
			return bad("give every deploy target a name without spaces or slashes, such as production", "deploy target %q needs a name", t.Name)
		}
		if names[t.Name] {
			return bad("name each deploy target once", "deploy target %q is declared twice", t.Name)
		}
		names[t.Name] = true
		if err := CheckBucketURL(t.URL); err != nil {
			return bad("use a bucket URL such as s3://bucket/site?region=eu-west-2, gs://bucket, azblob://container or file:///srv/www", "deploy target %q: %v", t.Name, err)
		}
		switch t.Compress {
		case "", "gzip", "br":
		default:
			return bad("compress is gzip or br (brotli, for a CDN serving HTTPS), or leave it out to store files as built", "deploy target %q: unknown compress %q", t.Name, t.Compress)
		}
		for _, pat := range t.Exclude {
			if _, err := path.Match(pat, ""); err != nil {
				return bad("exclude patterns use path.Match syntax, such as *.map or drafts/*", "deploy target %q: bad exclude pattern %q", t.Name, pat)
			}
		}
	}
	if d.Default != "" && !names[d.Default] {
		return c.errorf("deploy", "set deploy.default to the name of one of deploy.targets", "deploy.default %q names no target", d.Default)
	}
	return nil
}

var headerNameRe = regexp.MustCompile(`^[A-Za-z0-9-]+$`)

// CheckBucketURL reports whether s is a bucket URL medkb deploy can open.
func CheckBucketURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("invalid URL %q", s)
	}
	switch u.Scheme {
	case "s3", "gs", "azblob":
		if u.Host == "" {
			return fmt.Errorf("URL %q names no bucket", s)
		}
	case "file":
		if u.Path == "" || u.Path == "/" {
			return fmt.Errorf("URL %q names no folder", s)
		}
	default:
		return fmt.Errorf("URL %q: the scheme is s3, gs, azblob or file", s)
	}
	if u.User != nil {
		return fmt.Errorf("URL %q carries credentials; medkb takes them only from the cloud SDK's standard environment and files", u.Redacted())
	}
	return nil
}
