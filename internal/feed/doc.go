// Package feed writes syndication feeds — RSS 2.0, Atom 1.0 (RFC 4287) and
// JSON Feed 1.1 — for the articles of a medkb site.
//
// Feed readers and autoposters (Facebook, LinkedIn, Mastodon, Bluesky bridges)
// identify an item by its ID and date. If either changes between builds they
// post the article again; if the XML is broken they stop. The contract below
// exists to prevent both.
//
// # What Prepare and Prepared.Write guarantee
//
//   - Deterministic bytes: the same Feed gives the same output, byte for byte.
//     Nothing depends on the clock, on map iteration order or on randomness;
//     nothing here calls time.Now or invents an ID.
//   - Stable identity: an item's ID is exactly Item.ID (build it with ItemID,
//     a tag URI that survives title, slug and URL changes). It is the RSS
//     guid (isPermaLink="false"), the Atom entry id and the JSON Feed item id.
//   - Valid output: every text value passes through SanitizeXMLText (the
//     characters XML 1.0 forbids and invalid UTF-8 are dropped, in every
//     format, so the three formats carry the same text) and is then escaped
//     by encoding/xml or encoding/json. HTML content is wrapped in CDATA in
//     XML, with "]]>" split safely.
//   - Dates in UTC, truncated to the second: RFC 1123 with numeric zone and
//     4-digit year in RSS, RFC 3339 in Atom and JSON Feed.
//   - Item order: items are written newest Published first. Prepare sorts a
//     copy stably, so a caller that already passes newest-first items keeps
//     its exact order, and items published at the same instant keep the
//     caller's relative order. The caller is expected to limit the count.
//   - All-or-nothing: Prepare refuses an invalid Feed before anything is
//     written, and Prepared.Write builds its output in memory and writes it
//     with one w.Write call, so a failure leaves w untouched.
//
// # Text, HTML and URLs
//
// Title, Summary, tags and person names are plain text. ContentHTML is HTML
// and must already be absolute (see ReaderHTML), because readers show it
// outside the site. RSS 2.0 defines <description> as HTML, so the plain-text
// summary is HTML-escaped before it is XML-escaped there; in Atom it is a
// type="text" summary and in JSON Feed a plain "summary". Every URL a Feed
// carries (Link, SelfURL, Hub, Icon, Logo, Alternates, person and image URLs,
// item links) must be absolute; Prepare rejects a relative one with an error
// wrapping ErrInvalid rather than emit a link that resolves against the
// reader's own address. Each is written in URI form (see URI): an accented
// path is percent-encoded and an internationalised host written in
// Punycode, because RSS and JSON Feed ("format": "uri") require URIs, not
// IRIs. CheckURIs ports the W3C Feed Validator's URI rules for tests.
//
// # Trust and reader-clean content
//
// Item.Trust carries the medical provenance: reviewers become Atom
// <contributor> elements and the whole value a JSON Feed "_medkb" object
// (kind, authors and reviewers with credentials, last_reviewed,
// next_review, review_overdue). ReaderHTML prepares page HTML, in one
// pass, for readers that show it without the site's CSS and outside the
// site: glossary tooltips become <abbr title>, heading "#" permalinks and
// hidden text go, and every URL is made absolute.
//
// A feed is prepared (sanitised, validated, normalised) once with Prepare;
// Prepared.Write then encodes it in each format at that format's own self
// URL. A site's feeds list the same items again and again (an article is
// in the site feed, its section's and each of its tags'), so an item can
// be prepared once as an Entry (NewEntry) and listed in Feed.Entries by
// every feed: it is then sanitised, validated and encoded in each format
// once, whichever feeds write it. To that end every item is encoded apart
// from its document, indented for its depth there, and its bytes are put
// in place of the document's empty item list (encode.go); the output is
// byte for byte what encoding the whole document at once wrote, which
// TestEntriesWriteWhatItemsWrite holds on hostile items. On the
// 1,000-article bench corpus this took the feeds from 163 to 131 ms of
// CPU (BenchmarkFeedsBenchCorpus in package site).
//
// # Mapping of the optional fields
//
//   - Feed.Icon is a small square image (Atom <icon>, JSON "favicon");
//     Feed.Logo a larger one (Atom <logo>, JSON "icon", falling back to
//     Icon). RSS <image> uses Logo, else Icon.
//   - Feed.Updated should be the newest item Updated; Prepare raises it to
//     that when it is older or zero. A feed with no items and no Updated is
//     an error.
//   - Item.Updated defaults to Item.Published and is never earlier than it.
//   - Item.Image becomes the RSS <enclosure> (length is always written, "0"
//     when unknown), an Atom rel="enclosure" link, and JSON Feed "image",
//     "banner_image" and an attachment titled with Image.Alt. When
//     Image.Type is empty it is inferred from the URL's extension among
//     common image types. Width and Height have no place in these formats
//     and are not written.
//   - An item without ContentHTML gets no content:encoded or Atom content;
//     in JSON Feed, which requires a content, its summary (or title) becomes
//     "content_text".
//   - RSS <author> and <managingEditor> require an e-mail address, so they
//     are written only for the first person that has one; every item author
//     is a <dc:creator>. JSON Feed has no e-mail field, so a person without
//     a URL gets "mailto:" + Email.
//   - Atom requires an author for each entry; when the feed has no Authors
//     and some entry has none, the feed title is written as feed author.
//   - Alternates are written as rel="alternate" links in Atom and as
//     atom:link rel="alternate" in RSS; JSON Feed has no place for them. The
//     format being written is skipped.
//
// # Implementation and what it never does
//
// The decision on github.com/gorilla/feeds: its format-specific types
// (RssFeed, RssItem, AtomFeed, AtomEntry, AtomPerson, JSONFeed, JSONItem,
// ...) are what it does correctly, and this package uses them for the XML
// and JSON structures, embedded in local types whose own fields shadow the
// library's gaps (one category per item, no Atom category term, no feed
// language or self link, AtomAuthor's XMLName that turns a contributor into
// an author). Its generic API — feeds.Feed with ToRss, ToAtom and ToJSON —
// is never called, because of these upstream bugs, each reproduced by a
// test in gorilla_test.go that fails once upstream fixes it:
//
//   - ToAtom never writes <published> (TestGorillaAtomLosesThePublishedDate);
//   - an item without Id gets an id built from its updated date, or a random
//     urn:uuid each build, so an edit or a rebuild re-posts it
//     (TestGorillaAtomDerivesIDsFromTheUpdatedDateOrAtRandom);
//   - JSON Feed keys "banner_" and "size" instead of "banner_image" and
//     "size_in_bytes", and no "items" array in an empty feed
//     (TestGorillaJSONFeedMisnamesKeysAndDropsRequiredItems);
//   - RSS <author> is written as a bare name, where RSS 2.0 requires an
//     e-mail address (TestGorillaRSSAuthorIsANameNotAnEmail).
//
// The mapping from Feed to those types (rss.go, atom.go, jsonfeed.go) is
// therefore this package's own, as is everything the library has no notion
// of: sanitising, validation, URI encoding, stable ids, trust, the XSLT.
//
// The package never reads or writes files, never touches the network, and
// imports no other medkb package. It has no package-level mutable state; all
// functions are safe for concurrent use, and Prepare does not modify the Feed
// it is given.
package feed
