package feed

import (
	"time"

	"github.com/gorilla/feeds"
)

// jsonFeedVersion identifies JSON Feed 1.1.
const jsonFeedVersion = "https://jsonfeed.org/version/1.1"

// jsonFeed shadows feeds.JSONFeed's Items, which the library omits when
// empty although the spec requires the array.
type jsonFeed struct {
	feeds.JSONFeed
	Items []jsonItem `json:"items"`
}

// jsonItem adds the correctly spelled "banner_image" (the library's field
// is keyed "banner_" and left empty) and shadows the attachments, whose
// size the library keys "size" instead of "size_in_bytes".
type jsonItem struct {
	feeds.JSONItem
	BannerImage string           `json:"banner_image,omitempty"`
	Attachments []jsonAttachment `json:"attachments,omitempty"`
	Medkb       *jsonTrust       `json:"_medkb,omitempty"`
}

// jsonTrust is the "_medkb" extension object of a JSON Feed item,
// documented for consumers in content/about/writing-guide.md.
type jsonTrust struct {
	Kind          string         `json:"kind"`
	Authors       []jsonCredited `json:"authors,omitempty"`
	Reviewers     []jsonCredited `json:"reviewers,omitempty"`
	LastReviewed  string         `json:"last_reviewed,omitempty"`
	NextReview    string         `json:"next_review,omitempty"`
	ReviewOverdue bool           `json:"review_overdue"`
}

type jsonCredited struct {
	Name        string `json:"name"`
	Credentials string `json:"credentials,omitempty"`
	URL         string `json:"url,omitempty"`
}

func newJSONTrust(t *Trust) *jsonTrust {
	if t == nil {
		return nil
	}
	j := &jsonTrust{Kind: t.Kind, ReviewOverdue: t.Overdue}
	for _, p := range t.Authors {
		j.Authors = append(j.Authors, jsonCredited(p))
	}
	for _, p := range t.Reviewers {
		j.Reviewers = append(j.Reviewers, jsonCredited(p))
	}
	if !t.LastReviewed.IsZero() {
		j.LastReviewed = t.LastReviewed.UTC().Format(time.DateOnly)
	}
	if !t.NextReview.IsZero() {
		j.NextReview = t.NextReview.UTC().Format(time.DateOnly)
	}
	return j
}

type jsonAttachment struct {
	URL         string `json:"url"`
	MIMEType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int64  `json:"size_in_bytes,omitempty"`
}

// newJSONFeed maps a prepared feed onto the JSON Feed 1.1 structures,
// with an empty items array for its encoded items (encodeJSON).
func newJSONFeed(f Feed) *jsonFeed {
	j := &jsonFeed{JSONFeed: feeds.JSONFeed{
		Version:     jsonFeedVersion,
		Title:       f.Title,
		Language:    f.Lang,
		HomePageUrl: f.Link,
		FeedUrl:     f.SelfURL,
		Description: f.Description,
		Icon:        firstNonEmpty(f.Logo, f.Icon),
		Favicon:     f.Icon,
		Authors:     jsonAuthors(f.Authors),
	}}
	if f.Hub != "" {
		j.Hubs = []*feeds.JSONHub{{Type: "WebSub", Url: f.Hub}}
	}
	j.Items = []jsonItem{}
	return j
}

func newJSONItem(it Item) jsonItem {
	published, modified := it.Published, it.Updated
	item := jsonItem{JSONItem: feeds.JSONItem{
		Id:          it.ID,
		Url:         it.Link,
		Title:       it.Title,
		ContentHTML: it.ContentHTML,
		Summary:     it.Summary,
		// Prepared times are UTC whole seconds, so the library's
		// RFC 3339 (nano) encoding prints plain RFC 3339.
		PublishedDate: &published,
		ModifiedDate:  &modified,
		Authors:       jsonAuthors(it.Authors),
		Tags:          it.Tags,
	}}
	item.Medkb = newJSONTrust(it.Trust)
	if it.ContentHTML == "" {
		// The spec requires content_html or content_text.
		item.ContentText = firstNonEmpty(it.Summary, it.Title)
	}
	if img := it.Image; img != nil {
		item.Image = img.URL
		item.BannerImage = img.URL
		item.Attachments = []jsonAttachment{{URL: img.URL, MIMEType: img.Type, Title: img.Alt, SizeInBytes: img.Length}}
	}
	return item
}

// jsonAuthors maps people to JSON Feed authors; JSON Feed has no e-mail
// field, so an author without a URL gets a mailto: URL.
func jsonAuthors(people []Person) []*feeds.JSONAuthor {
	var out []*feeds.JSONAuthor
	for _, p := range people {
		u := p.URL
		if u == "" && p.Email != "" {
			u = "mailto:" + p.Email
		}
		out = append(out, &feeds.JSONAuthor{Name: p.Name, Url: u})
	}
	return out
}
