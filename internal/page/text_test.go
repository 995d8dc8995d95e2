package page

import (
	"errors"
	"html/template"
	"strings"
	"sync/atomic"
	"testing"
)

// A page whose text has a loader holds none of it: each read loads it,
// except while a Hold keeps it for one output; a template reads Content
// and Emergency as before, and a loader's error reaches the template's
// caller.
func TestTextLoaderHoldsTextOnlyWhileHeld(t *testing.T) {
	var loads atomic.Int32
	want := Text{Content: "<p>Breathe.</p>", Emergency: "<aside>Call 999</aside>", Plain: "Breathe."}
	p := &Page{}
	p.SetTextLoader(func() (Text, error) { loads.Add(1); return want, nil }, nil)
	if p.TextInMemory() {
		t.Fatal("text in memory before anything read it")
	}
	if got, _ := p.Plain(); got != want.Plain || loads.Load() != 1 {
		t.Fatalf("Plain = %q after %d loads", got, loads.Load())
	}
	release, err := p.Hold()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := p.Hold() // a second holder (another output, alongside)
	tpl := template.Must(template.New("").Parse(`{{ .Emergency }}{{ .Content }}`))
	var b strings.Builder
	if err := tpl.Execute(&b, p); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want.Emergency)+string(want.Content) || loads.Load() != 2 {
		t.Fatalf("template wrote %q after %d loads; want the text, loaded once more", got, loads.Load())
	}
	release()
	release() // idempotent
	if !p.TextInMemory() {
		t.Fatal("text dropped while another Hold keeps it")
	}
	again()
	if p.TextInMemory() {
		t.Fatal("text still in memory after every Hold was released")
	}

	p.SetTextLoader(func() (Text, error) { return Text{}, errors.New("spill file gone") }, nil)
	if err := tpl.Execute(&b, p); err == nil || !strings.Contains(err.Error(), "spill file gone") {
		t.Fatalf("template over a failing loader: %v; want its error", err)
	}
	if _, err := p.Hold(); err == nil {
		t.Fatal("Hold over a failing loader succeeded")
	}

	q := &Page{}
	q.SetText(want)
	if !q.TextInMemory() {
		t.Fatal("SetText: text not in memory")
	}
	if n, _ := q.Words(); n != 1 {
		t.Fatalf("Words = %d", n)
	}
}

// A page whose loader can read the plain text alone reads it so for Plain
// (the search index and the checks) rather than loading the whole body;
// while a Hold keeps the body, Plain takes it from there.
func TestPlainReadsThePlainTextAlone(t *testing.T) {
	var loads, plains atomic.Int32
	want := Text{Content: "<p>Rest.</p>", Plain: "Rest."}
	p := &Page{}
	p.SetTextLoader(func() (Text, error) { loads.Add(1); return want, nil },
		func() (string, error) { plains.Add(1); return want.Plain, nil })
	if got, err := p.Plain(); got != want.Plain || err != nil || loads.Load() != 0 || plains.Load() != 1 {
		t.Fatalf("Plain = %q, %v after %d loads and %d plain reads; want one plain read", got, err, loads.Load(), plains.Load())
	}
	release, err := p.Hold()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Plain(); got != want.Plain || loads.Load() != 1 || plains.Load() != 1 {
		t.Fatalf("held: Plain = %q after %d loads and %d plain reads; want the held text", got, loads.Load(), plains.Load())
	}
	release()
	p.SetTextLoader(func() (Text, error) { return want, nil }, func() (string, error) { return "", errors.New("spill file gone") })
	if _, err := p.Plain(); err == nil || !strings.Contains(err.Error(), "spill file gone") {
		t.Fatalf("Plain over a failing plain reader: %v; want its error", err)
	}
}
