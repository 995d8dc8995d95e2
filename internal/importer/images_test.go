package importer_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/importer"
)

// images: lists pictures (Hugo's own templates put each in the page's
// link-preview tags); medkb gives a page one, image:. The first became
// image: and the others were dropped without a word. Now a note for a
// person names them, and the list is kept under params:, in both
// importers. A list whose first picture is found nowhere is kept there
// as written, once, with the note that says so.
func TestImportImagesListNamesThePicturesNotShown(t *testing.T) {
	t.Parallel()
	dest, rep := importHugo(t, map[string]string{
		"hugo.toml":                  "baseURL = 'https://clinic.example.org/'\ntitle = 'Clinic'\n",
		"content/conditions/copd.md": "---\ntitle: COPD\ndate: 2024-01-01\nimages:\n  - /img/lungs.png\n  - /img/inhaler.png\n  - /img/spacer.png\n---\nText.\n",
		"content/conditions/flu.md":  "---\ntitle: Flu\ndate: 2024-01-01\nimages: [/img/lungs.png]\n---\nText.\n",
		"content/conditions/gout.md": "---\ntitle: Gout\ndate: 2024-01-01\nimages: [toe.png, foot.png]\n---\nText.\n",
		"static/img/lungs.png":       png1x1,
		"static/img/inhaler.png":     png1x1,
		"static/img/spacer.png":      png1x1,
	})
	wantNote(t, rep, "content/conditions/copd.md", 4, importer.Human, "images: lists 3 pictures, and medkb gives a page one, image: (shown on the page and in link previews): the first, /img/lungs.png, is image:; the others (/img/inhaler.png, /img/spacer.png) are shown nowhere")
	if n := notesContaining(rep, "content/conditions/flu.md", "pictures"); len(n) != 0 {
		t.Errorf("a list of one picture is noted: %+v", n)
	}
	fm, _ := readImportedMeta(t, dest, "conditions/copd.md")
	params, _ := fm["params"].(map[string]any)
	if fm["image"] != "/img/lungs.png" || fmt.Sprint(params["images"]) != "[/img/lungs.png /img/inhaler.png /img/spacer.png]" {
		t.Errorf("conditions/copd.md: image = %v, params = %v; want the first as image: and the list under params:", fm["image"], fm["params"])
	}
	wantNoteWith(t, rep, "content/conditions/gout.md", importer.Human, "images: toe.png is the page's picture, but no file of that name", "kept under params:")
	if got := readImported(t, dest, "conditions/gout.md"); strings.Count(got, "images:") != 1 {
		t.Errorf("conditions/gout.md: want images: once, under params:\n%s", got)
	}
	build(t, dest)

	_, rep = importJekyll(t, map[string]string{
		"_config.yml":              "title: Clinic\nurl: https://clinic.example.org\n",
		"_posts/2024-01-02-flu.md": "---\ntitle: Flu\nimages: [/assets/flu.png, /assets/jab.png]\n---\nText.\n",
		"assets/flu.png":           png1x1,
		"assets/jab.png":           png1x1,
	})
	wantNoteWith(t, rep, "_posts/2024-01-02-flu.md", importer.Human, "the others (/assets/jab.png) are shown nowhere (the old site's templates may have shown them)")
}
