package markdown

import (
	"strings"
	"testing"
)

// Pages that pass the same glossary share one compiled index; a glossary
// that changed between renders (a dev-server edit of data/glossary.yaml)
// is compiled anew, never served stale.
func TestGlossaryCompiledOncePerGlossary(t *testing.T) {
	t.Parallel()
	r := New(Options{})
	terms := []GlossaryTerm{{Term: "asthma", Definition: "A lung condition."}, {Term: "inhaler", Definition: "A device."}}
	ctx := Context{File: "a.md", Glossary: terms, LinkGlossary: true}
	first, err := r.Render([]byte("Asthma and an inhaler."), ctx)
	if err != nil {
		t.Fatal(err)
	}
	index := r.glossary.index
	if _, err := r.Render([]byte("An inhaler for asthma."), Context{File: "b.md", Glossary: terms, LinkGlossary: true}); err != nil {
		t.Fatal(err)
	}
	if r.glossary.index != index {
		t.Error("the same glossary was compiled again for the second page")
	}
	for _, want := range []string{`href="/glossary/#asthma"`, `href="/glossary/#inhaler"`} {
		if !strings.Contains(first.HTML, want) {
			t.Errorf("page lacks %s:\n%s", want, first.HTML)
		}
	}

	edited := append([]GlossaryTerm(nil), terms...)
	edited[1] = GlossaryTerm{Term: "spacer", Definition: "A tube for an inhaler."}
	res, err := r.Render([]byte("An inhaler with a spacer."), Context{File: "c.md", Glossary: edited, LinkGlossary: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.glossary.index == index {
		t.Error("an edited glossary reused the old index")
	}
	if html := res.HTML; !strings.Contains(html, `href="/glossary/#spacer"`) || strings.Contains(html, `#inhaler"`) {
		t.Errorf("edited glossary not applied:\n%s", html)
	}
}
