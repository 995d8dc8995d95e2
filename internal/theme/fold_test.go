package theme

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	tparse "text/template/parse"
)

// foldedPage is a layout that puts UI strings in every context
// html/template escapes differently, and one T call it must leave alone.
const foldedPage = `{{ define "main" }}<p title="{{ T "quote" }}">{{ T "quote" }}</p>
<a href="/search/?q={{ T "query" }}" data-x={{ T "spaced" }}>{{ T "missing.key" }}</a>
<a href="{{ T "url" }}">x</a><textarea>{{ T "quote" }}</textarea>
<script>var s = {{ T "quote" }}; var t = "{{ T "query" }}";</script>
{{ if .Show }}<b>{{ T "quote" }}</b>{{ range .Items }}<i title="{{ T "spaced" }}">{{ . }}</i>{{ end }}{{ end }}
<p>{{ T "count" .N }}</p>{{ end }}`

func foldSite() fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/baseof.html": {Data: []byte(`<!DOCTYPE html><html lang="en"><title>{{ T "quote" }}</title>{{ block "main" . }}{{ end }}</html>`)},
		"i18n/en.yaml": {Data: []byte(`quote: "Tom's <b>\"bold\"</b> & + done"
query: "a b&c/é"
spaced: "two words"
url: "javascript:alert(1)"
count: "%d items"
`)},
	}
	for _, k := range Kinds {
		fsys["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(foldedPage)}
	}
	return fsys
}

// TestFoldedStringsRenderAsHTMLTemplateWould renders a layout whose UI
// strings sit in text, attributes, URLs, RCDATA and scripts, and compares
// the page with what html/template writes from the same files unfolded:
// byte for byte, escaping included.
func TestFoldedStringsRenderAsHTMLTemplateWould(t *testing.T) {
	t.Parallel()
	fsys := foldSite()
	s, err := Load([]Layer{{Name: "t", FS: fsys}}, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Show": true, "Items": []string{"<1>", "2"}, "N": 3}
	got, err := s.Render("en", "page", data, 0)
	if err != nil {
		t.Fatal(err)
	}

	table := s.langs["en"].strings
	ref := template.Must(template.New("baseof").Funcs(template.FuncMap{"T": func(key string, args ...any) string {
		v, ok := table[key]
		if !ok {
			return key
		}
		if len(args) > 0 {
			return strings.Replace(v, "%d", "3", 1)
		}
		return v
	}}).Parse(string(fsys["layouts/baseof.html"].Data)))
	template.Must(ref.New("page.html").Parse(foldedPage))
	var want strings.Builder
	if err := ref.ExecuteTemplate(&want, "baseof", data); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Errorf("folded page differs from html/template's\n got: %s\nwant: %s", got, want.String())
	}
	for _, frag := range []string{`title="Tom&#39;s &lt;b&gt;&#34;bold&#34;&lt;/b&gt; &amp; &#43; done"`, `#ZgotmplZ`, `missing.key`, `3 items`} {
		if !strings.Contains(string(got), frag) {
			t.Errorf("page lacks %s:\n%s", frag, got)
		}
	}
}

// TestConstantStringsLeaveNoCallBehind: after Load, the only T actions
// left in the templates a page executes are those with arguments.
func TestConstantStringsLeaveNoCallBehind(t *testing.T) {
	t.Parallel()
	s, err := Load([]Layer{{Name: "t", FS: foldSite()}}, []string{"en"}, "en", nil)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	var walk func(l *tparse.ListNode)
	walk = func(l *tparse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			switch n := n.(type) {
			case *tparse.ActionNode:
				if strings.Contains(n.String(), "T ") {
					left = append(left, n.String())
				}
			case *tparse.IfNode:
				walk(n.List)
				walk(n.ElseList)
			case *tparse.RangeNode:
				walk(n.List)
				walk(n.ElseList)
			}
		}
	}
	k := s.langs["en"].kinds["page"]
	for _, name := range []string{"baseof", "main"} {
		walk(k.Lookup(name).Tree.Root)
	}
	if len(left) != 1 || !strings.Contains(left[0], `T "count" .N`) {
		t.Errorf("T actions left: %q, want only the one with an argument", left)
	}
}
