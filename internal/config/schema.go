package config

import (
	"reflect"

	"github.com/medkb/medkb/internal/schema"
)

// anns describes every key of medkb.yaml; a key added to Config without a
// line here fails the package tests (schema.Derive).
var anns = map[string]schema.Ann{
	"title":                          {Desc: "The site's name, shown in every page's header, title and feeds."},
	"description":                    {Desc: "One sentence about the site, for search engines and feeds."},
	"base_url":                       {Desc: "The site's address, such as https://health.example.org/. Feed ids, links in feeds and link previews are made from it.", Format: "uri"},
	"language":                       {Desc: "The site's language code (BCP 47), such as en; ignored when languages is set."},
	"languages":                      {Desc: "The site's languages; a page in another language sits beside its original as NAME.CODE.md."},
	"languages.code":                 {Desc: "A BCP 47 language code, such as en, es or ar.", Required: true},
	"languages.name":                 {Desc: "The language's own name, such as Español, shown in the language switcher."},
	"languages.direction":            {Desc: "ltr or rtl; defaults from the code.", Enum: []string{"ltr", "rtl"}},
	"languages.default":              {Desc: "true for the site's main language (exactly one)."},
	"languages.emergency":            {Desc: "The emergency telephone number of the language's readers, linked with tel: in Emergency boxes."},
	"languages.emergency.number":     {Desc: "The number in digits, such as 999, 112 or +44 20 7946 0000."},
	"languages.emergency.label":      {Desc: "The text of the link, such as Call 999 now; defaults to the number."},
	"default_language_in_subdir":     {Desc: "true puts the default language under /CODE/ too."},
	"theme":                          {Desc: "The theme folder under themes/; defaults to the built-in theme."},
	"publisher":                      {Desc: "Who publishes the site."},
	"publisher.name":                 {Desc: "The publisher's name; defaults to the site title."},
	"publisher.url":                  {Desc: "The publisher's web page.", Format: "uri-reference"},
	"publisher.logo":                 {Desc: "The site path of the publisher's logo, such as /images/logo.png."},
	"disclaimer":                     {Desc: "The disclaimer shown on every page."},
	"report_problem":                 {Desc: "Where readers report a problem with a page: a mailto: or https: address."},
	"review_interval":                {Desc: "How long a medical review stays valid: a number and a unit, like 3y, 18m, 6w or 90d.", Type: schema.String, Pattern: intervalPattern},
	"readability_target":             {Desc: "The highest Flesch–Kincaid grade for patient pages; default 8."},
	"source_max_age":                 {Desc: "How old a reference may be before medkb warns: like 5y.", Type: schema.String, Pattern: intervalPattern},
	"trust_pages":                    {Desc: "The site paths of the trust pages; each is checked to exist and be linked from every page."},
	"trust_pages.about":              {Desc: "Who publishes the site and why, such as /about/."},
	"trust_pages.editorial_policy":   {Desc: "How content is written and reviewed, such as /about/editorial-policy/."},
	"trust_pages.advertising_policy": {Desc: "Whether and how the site takes advertising or sponsorship."},
	"trust_pages.privacy":            {Desc: "The privacy notice."},
	"trust_pages.contact":            {Desc: "How to contact the publisher."},
	"feeds":                          {Desc: "Syndication: RSS, Atom and JSON Feed."},
	"feeds.formats":                  {Desc: "The formats of the site feed, and of section and tag feeds unless set below: rss, atom, json (default all three)."},
	"feeds.section_formats":          {Desc: "The formats of each section's feeds; default feeds.formats."},
	"feeds.tag_formats":              {Desc: "The formats of each tag's feeds; default the atom and json of feeds.formats."},
	"feeds.limit":                    {Desc: "How many items each feed lists; default 20."},
	"feeds.content":                  {Desc: "full or summary, for the site and section feeds.", Enum: []string{"full", "summary"}},
	"feeds.tag_content":              {Desc: "full or summary, for the per-tag feeds (default summary).", Enum: []string{"full", "summary"}},
	"feeds.websub_hub":               {Desc: "A WebSub hub to announce feed updates to."},
	"feeds.sections":                 {Desc: "false writes no per-section feeds."},
	"feeds.tags":                     {Desc: "false writes no per-tag feeds."},
	"feeds.id_base":                  {Desc: "The fixed tag:HOST,DATE: prefix of derived feed item ids, so ids survive a change of host or date; empty keeps the older per-article ids."},
	"feeds.max_age":                  {Desc: "Feeds list articles published within this long of the newest one (3y, 18m, 90d); default 1y.", Type: schema.String, Pattern: intervalPattern},
	"default_image":                  {Desc: "The site path of the link-preview image of pages without image."},
	"default_image_alt":              {Desc: "What default_image shows."},
	"markup":                         {Desc: "Markdown rendering."},
	"markup.unsafe":                  {Desc: "true keeps raw HTML in Markdown (sanitized); by default it is dropped."},
	"markup.allow_data_urls":         {Desc: "true keeps data:image/ URLs in images."},
	"markup.highlight_light":         {Desc: "The chroma style of code blocks in light mode; default github."},
	"markup.highlight_dark":          {Desc: "The chroma style of code blocks in dark mode; default github-dark."},
	"search":                         {Desc: "The site search."},
	"search.disabled":                {Desc: "true builds no search index or search page."},
	"search.memory_mb":               {Desc: "MiB of search postings held in memory while pages are analysed; past it they wait on disk in .medkb/cache/tmp/. At least 16; default a quarter of build.memory_mb (112)."},
	"build":                          {Desc: "The build itself."},
	"build.memory_mb":                {Desc: "MiB of memory a build may use: Go's soft memory limit, and a quarter of it for search postings unless search.memory_mb is set. At least 128; default 448, or 14 KiB per content file for a site of more than 32,768 (at most 80 % of the machine's memory). A build whose live heap is past 40 % of it as its outputs start writes the search index, then the pages, one after the other; one whose live data passes three quarters of it lifts the limit and says so."},
	"menu":                           {Desc: "The main navigation, in order."},
	"menu.name":                      {Desc: "The link text.", Required: true},
	"menu.url":                       {Desc: "The site path or address.", Required: true},
	"params":                         {Desc: "Your own values for your own templates; medkb does not read them."},
	"headers":                        {Desc: "Extra HTTP headers for the server configurations medkb writes, by name."},
	"cache_control":                  {Desc: "The Cache-Control of each class of file, in the server configurations and on deployed objects."},
	"cache_control.hashed":           {Desc: "For files with a content hash in their name (search shards); default public, max-age=31536000, immutable."},
	"cache_control.revalidate":       {Desc: "For pages, feeds, the search manifest, CSS and scripts; default public, max-age=0, must-revalidate."},
	"cache_control.other":            {Desc: "For pictures and every other file; default public, max-age=86400."},
	"deploy":                         {Desc: "Where medkb deploy uploads the built site."},
	"deploy.default":                 {Desc: "The target used without --target; default the first."},
	"deploy.max_deletes":             {Desc: "The most files one deploy may delete; default 256."},
	"deploy.targets":                 {Desc: "The deploy targets."},
	"deploy.targets.name":            {Desc: "The target's name, for --target.", Required: true},
	"deploy.targets.url":             {Desc: "A bucket URL: s3://bucket/prefix?region=…, gs://…, azblob://… or file:///folder.", Required: true},
	"deploy.targets.compress":        {Desc: "gzip or br stores text files compressed, served with that Content-Encoding (br only where visitors use HTTPS)."},
	"deploy.targets.exclude":         {Desc: "path.Match patterns of files neither uploaded nor deleted."},
	"deploy.targets.invalidate":      {Desc: "A CDN invalidation command (program and arguments) run after a deploy that changed files, given their paths on standard input."},
	"ignore":                         {Desc: "Extra glob patterns of files under content/ and static/ that are never read or published (dotfiles, VCS folders, editor backups and OS files always are)."},
	"publish_unlinked":               {Desc: "Files of content/ published on purpose though no page links to them (a leaflet linked from a newsletter), which medkb check then does not report as unlinked: file names or globs, with a / the path inside content/ (leaflets/*.pdf); a folder's covers the files in it."},
	"social_cards":                   {Desc: "true draws a 1200×630 link-preview card for every article (title, section, reviewer, site name)."},
	"identifiers":                    {Desc: "The patient-identifier check."},
	"identifiers.allow":              {Desc: "Your organisation's own public contact details (helpline numbers, email addresses) that the identifier check must not report."},
	"check":                          schema.CheckAnn("the whole site"),
	"links":                          {Desc: "The link check."},
	"links.external_paths":           {Desc: "Site path prefixes served by another system (during a partial migration): links under them are not checked as this site's pages."},
	"today":                          {Desc: "The date (YYYY-MM-DD) used as today for review notices, for reproducible checks.", Type: schema.Date},

	// A language's own site strings (Config.In).
	"languages.title":                          {Desc: "The site's name in this language, in the header, page titles and feeds; defaults to title."},
	"languages.description":                    {Desc: "The site's sentence in this language, for search engines and feeds; defaults to description."},
	"languages.disclaimer":                     {Desc: "The disclaimer in this language, shown on every page of the language; defaults to disclaimer (medkb check warns: safety text in the wrong language)."},
	"languages.trust_pages":                    {Desc: "This language's trust pages, replacing the site-level trust_pages key by key, such as about: /es/acerca/."},
	"languages.trust_pages.about":              {Desc: "Who publishes the site and why, in this language."},
	"languages.trust_pages.editorial_policy":   {Desc: "How content is written and reviewed, in this language."},
	"languages.trust_pages.advertising_policy": {Desc: "Whether and how the site takes advertising, in this language."},
	"languages.trust_pages.privacy":            {Desc: "The privacy notice in this language."},
	"languages.trust_pages.contact":            {Desc: "How to contact the publisher, in this language."},
}

const intervalPattern = `^\s*\d+\s*[ymdwYMDW]\s*$`

// foreign names other tools' medkb.yaml keys.
var foreign = map[string]schema.Foreign{
	"baseURL":                {Tool: "Hugo", Use: "base_url"},
	"url":                    {Tool: "Jekyll", Use: "base_url", Note: "write base_url: https://your.host/ (the whole address)"},
	"baseurl":                {Tool: "Jekyll", Use: "base_url", Note: "write the whole address, path and all, as base_url: https://your.host/path/"},
	"languageCode":           {Tool: "Hugo", Use: "language"},
	"defaultContentLanguage": {Tool: "Hugo", Use: "language"},
	"lang":                   {Tool: "Jekyll", Use: "language"},
	"copyright":              {Tool: "Hugo", Use: "publisher", Note: "name the publisher under publisher: name:"},
	"paginate":               {Tool: "Hugo", Note: "medkb does not paginate section lists; remove the key"},
	"permalinks":             {Tool: "Hugo", Note: "medkb's addresses are /section/slug/; set slug: or url: in a page's front matter instead"},
	"permalink":              {Tool: "Jekyll", Note: "medkb's addresses are /section/slug/; set slug: or url: in a page's front matter instead"},
	"markdown":               {Tool: "Jekyll", Use: "markup"},
	"plugins":                {Tool: "Jekyll", Note: "medkb has no plugins; remove the key"},
	"author":                 {Tool: "Jekyll", Note: "list people in data/authors.yaml and name them in each page's authors:"},
}

// schemaDoc is derived once and never modified.
var schemaDoc = &schema.Doc{Name: "medkb", Title: "medkb.yaml", What: FileName,
	Description: "The site configuration at the root of a medkb site.",
	Root:        schema.Declare(reflect.TypeOf(Config{}), anns, schema.Options{}), Foreign: foreign}

// Schema returns the declared schema of medkb.yaml. The caller must not
// modify it.
func Schema() *schema.Doc { return schemaDoc }
