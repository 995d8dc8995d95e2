package watch

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		rel  string
		want bool
	}{
		{"content/a.md", false},
		{"content/public/a.md", false}, // only the top-level output directory is ignored
		{"content/a.tmpl", false},
		{"content/4913.md", false},
		{"static/css/site.css", false},
		{"medkb.yaml", false},
		{"public/index.html", true},
		{"public", true},
		{"content/.git/HEAD", true},
		{"content/.git", true},
		{"themes/x/node_modules/y/z.js", true},
		{"data/.medkb/cache", true},
		{"content/a.md~", true},
		{"content/.#a.md", true},
		{"content/.a.md.swp", true},
		{"content/.a.md.swx", true},
		{"content/4913", true},
		{"static/.DS_Store", true},
		{"content/a.md.tmp", true},
		{"content/a.md___jb_tmp___", true},
		{"content/a.md___jb_old___", true},
	}
	for _, tt := range tests {
		if got := ignored(tt.rel); got != tt.want {
			t.Errorf("ignored(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}
