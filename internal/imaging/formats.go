package imaging

import (
	"path"
	"strings"
)

// unshown are the image formats, by file extension, that most readers'
// browsers do not show in a page: Chrome, Edge and Firefox show none of
// them (Safari shows HEIC, TIFF and JPEG XL), nor do link previews and
// feed readers. They are what a clinician's tools save: an iPhone's photo
// (HEIC), a scanner's page (TIFF), a camera's raw file, a design or
// document file.
var unshown = map[string]string{
	".heic": "HEIC", ".heif": "HEIF", ".tif": "TIFF", ".tiff": "TIFF", ".jxl": "JPEG XL",
	".psd": "Photoshop (PSD)", ".xcf": "GIMP (XCF)", ".ai": "Adobe Illustrator", ".eps": "EPS",
	".emf": "Windows metafile (EMF)", ".wmf": "Windows metafile (WMF)", ".pdf": "PDF",
	".dng": "camera raw (DNG)", ".cr2": "camera raw (CR2)", ".cr3": "camera raw (CR3)", ".nef": "camera raw (NEF)",
	".arw": "camera raw (ARW)", ".orf": "camera raw (ORF)", ".rw2": "camera raw (RW2)", ".raf": "camera raw (RAF)",
}

// Unshown returns the name of the format of an image at name (a path or
// URL path) when most readers' browsers would not show it, judged by its
// extension; ok is false for the formats every current browser shows
// (JPEG, PNG, GIF, WebP, AVIF, SVG, BMP, ICO) and for names it does not
// know.
func Unshown(name string) (format string, ok bool) {
	format, ok = unshown[strings.ToLower(path.Ext(name))]
	return format, ok
}

// UnshownHint is the fix for an image in format (from Unshown).
func UnshownHint(format string) string {
	if format == "PDF" {
		return "link to the PDF as a document, [Download the leaflet (PDF)](/files/leaflet.pdf), or save its page as a PNG image and show that"
	}
	hint := "save it as JPEG (a photo) or PNG (a chart or screenshot) and show that file"
	if format == "HEIC" || format == "HEIF" {
		hint += "; an iPhone saves photos as JPEG with Settings > Camera > Formats > Most Compatible"
	}
	return hint
}
