// Package search builds medkb's site search — a sharded static index
// that search.js queries in the browser — and answers queries from those
// same files in Go (Engine), for `medkb search` in the terminal.
//
// # What it does
//
// Build turns plain documents into content-hashed JSON files; Write does
// the same and hands each file to its caller as soon as it is made, so a
// build holds its documents' compact postings and one file at a time,
// never the index (postings.go: past Options.MemoryBudget the postings
// wait on disk and are merged back, an external sort). An
// Incremental keeps a built index in memory, and an edit reaches it as a
// delta segment beside the unchanged shards (delta.go; the dev server's
// and the patch path's one update mechanism). Assets returns
// the browser module (search.js) and the default theme's UI controller
// (search-ui.js). OpenEngine reads a built index (from a Build's files or a
// published directory) and Search/Suggest answer exactly as search.js's
// search/suggest do: the same candidates, scores, order, excerpts and
// spelling suggestions (TestEngineMatchesSearchJS holds them identical).
//
// bleve supplies the analysis chain (its unicode tokenizer, lowercase,
// stop words and stemmer of the language): Build runs it on the pages and
// writes surface words with their stems, so neither front end needs a
// stemmer at query time. There is no second, bleve-backed index any more:
// a terminal index that scored on its own ranked differently from the
// browser ("water pill" put another page first), and linking bleve's index
// (seven zapx segment versions) made the binary 36.6 MB; without it 28.1 MB.
//
// # What it never does
//
// It imports no other medkb package, makes no network requests, and keeps
// no package-level mutable state. It writes no files but the runs of
// postings past the memory budget, in a directory of its own under
// Options.SpillDir that it removes before Build or Write returns. Build is a pure
// function of its input: the same documents and options give
// byte-identical files. Document text is stored as JSON data; search.js
// and Engine escape it before it becomes HTML.
//
// # Concurrency
//
// Build, Write, BuiltinSynonyms and Assets are safe for concurrent use; an
// Incremental is read-only once built, and safe to share. An Engine serves concurrent
// Search and Suggest calls.
//
// # Browser index format (version 2)
//
// All files are JSON. Every file except manifest.json has a content hash in
// its name (cache forever); manifest.json must be revalidated (no-cache).
// Documents are numbered by URL order.
//
//	manifest.json  {version, lang, base, docs, terms, stopWords, filler, possessive,
//	               fuzzy: [minRunesFor1Edit, minRunesFor2Edits],
//	               vocab: [[firstFoldedWord, lastFoldedWord, path]…],
//	               docGroups: [hash…], docGroupSize: 256, synonyms: path, facets: path,
//	               sections: [[name, title, count]…], audiences: [[name, count]…],
//	               fallback: {base, lang, name}}  (fallback: only in another language's index)
//	vocab/N.H.json {p: [postings paths], t: {stem: [df, index into p]},
//	               w: [[surfaceWord, stem]…]}
//	postings/N.H.json {stem: [[doc, score, titleStems, pos0, Δpos…]…],
//	               "#section:x" | "#audience:x" | "#tag:x": [doc…]}
//	docs/D.G.json  {u, t, s, st, a, g, d, m, x: [sentence…]}  (document D; G: its group's hash)
//	synonyms/0.H.json {g: [[[[surface, stem]…] phrase…] group…],
//	               o: [[[member phrase…], [broader phrase…]]…], p: {stem: postings path}}
//	facets/0.H.json {section|audience|tag: {value: postings path}}
//	delta/0.H.json {x: [doc…], d: {doc: entry}, v: vocabulary shard,
//	               l: {stem: postings list}}  (only when the manifest names it: "delta")
//
// Delta. A command-line rebuild that changed only the bodies of a few
// pages leaves the base index as it was and writes a delta segment (see
// delta.go): search.js drops the voided documents (x) from every base list
// and merges in the delta's lists, words and entries.
//
// Vocabulary. Surface words (what a reader types: lowercased, possessive
// removed) carry their indexed stem, so the browser never runs a stemmer:
// it matches the query word against surface words (exactly, by prefix
// while typing, or as a longer form of an indexed stem) or, for an unknown
// word, within the typo budget, and looks up the stems' postings. Words are ordered by their folded form
// (lowercase, combining marks removed; JavaScript string order) and packed
// into shards of at most 600 words that keep words sharing their first
// two folded letters together where possible, so matching one query word
// (exactly, by prefix, or within the typo budget) reads one shard, two when
// the first two letters may be swapped. Typos in the first two letters
// (other than a swap) are not corrected: that is the price of bounded
// shards.
//
// Postings. Scores are field-weighted BM25 (k1 1.2, b 0.75), computed per
// field with that field's document frequency and average length, summed
// with the field weights and multiplied by the share of fields holding the
// term — the score bleve gives the same term searched across the weighted
// fields. Scores are stored times 100, rounded; the browser
// only adds and multiplies them. Each list is ordered by score and keeps at most the
// 2,000 best documents of a term (impact-ordered truncation: results for
// very common words stay bounded as a site grows). Positions (at most 64
// per term and document) run over the fields in order with a gap of 100
// between field values, so phrases never span fields. titleStems is the
// number of distinct stems in the document's title when the term is in the
// title, else 0 (see Ranking). Lists are packed in stem order into shards of
// about 12 KiB; facet lists share the same shards.
//
// Documents. Each document has a file of its own holding what a result
// shows: URL, title, section, audience, tags, date, summary and up to 4,000
// characters of body sentences for the excerpt. Its name is the document's
// number and the hash of its group (256 consecutive documents), which the
// manifest lists: the browser fetches a result's file as soon as it knows
// the document, with no directory to read first. An edit renames the files
// of its group, so a browser never holds a stale copy under a current name.
// Version 1 packed short documents together and listed the packs in
// directory files, which cost a query an extra round of fetches.
//
// Why not bundles of documents. Packing documents into content-hashed
// bundles by number was measured on the 1,000-article bench corpus (the
// five bench queries, 10 results each; a document is about 4.4 KiB raw,
// 2 KiB gzip): a query's results are spread over the numbering, so
// bundles of 2, 4, 8, 16 or 32 documents still cost 48, 48, 46, 44 or 38
// document requests for the five queries (50 with a file each), while the
// gzip bytes of those requests grow from 98 KiB to 179, 336, 610, 1,108 or
// 1,850 KiB. At 10,000 articles, where more results share the start of
// their URL, bundles of 4 or 16 bring the 50 requests down to 37 or 28,
// but their gzip bytes from 98 KiB to 258 or 713 KiB. Ordering documents
// by their title words before bundling does no better at 1,000 (bundles
// of 64: 6 to 8 a query). A query's document requests
// go out side by side in one round, which HTTP/2 serves over one round
// trip, so bundles would save almost no time and cost transfer: bundles
// of 4 add about 48 KiB gzip to a query, 0.24 s at 1.6 Mbit/s. Documents
// keep a file each until a query needs none (result data beside the
// postings, issue #20 item 3).
//
// Cost of one query: the manifest, the synonym table (once per page), one
// or two vocabulary shards per query word, the postings shards of the
// matched stems, and the document files of the results shown: four
// dependent rounds of fetches (manifest; vocabulary, synonyms and the
// delta segment side by side; postings; documents). Shard sizes
// are bounded, so the bytes a query fetches stay roughly flat as a site
// grows; only the manifest's tables grow (about 60 bytes per 600
// vocabulary words and 15 per 256 documents).
//
// Cross-language fallback. The index of a language other than the site's
// default names the default language's index (Options.Fallback; base
// relative to its own directory, "../../search/"): when a query finds
// fewer than 3 pages, search.js and Engine (SetFallback) query that index
// too and append its results, each with lang and language (the language's
// name, "English") for a label. The fallback costs a query nothing when
// the first index answers with 3 pages or more.
//
// Audiences. A document for readers other than patients (Doc.Audience
// "professional", "staff"…; forPatients lists the patient names) has every
// score halved at build time, so both front ends rank it below the patient
// page on the same subject; search-ui.js labels it.
//
// # Ranking
//
// search.js's scoreDoc (and Engine's port) sums the units of a query (a
// word's best candidate score, a quoted phrase, a synonym span), multiplies
// by the share of query words matched and then:
//
//   - by 1 + 0.5 × the share of neighbouring query words found at most two
//     positions apart (in order) in the document: adjacency beats scatter;
//   - a span counts in full when its own words stand together or another
//     phrase of its groups matches; its words apart count 0.3, part of its
//     words 0.1 ("water" alone is not "water pill");
//   - a document whose title is the query — every unit matched in the title
//     and every title stem matched — gets 1e7 and ranks first; one whose
//     whole title the query holds among other words is doubled.
//
// Filler words of a question (manifest filler: "can", "know", "take"…) are
// dropped when a query has other words. Field weights (title 4, meta 2,
// body 1) were checked on the judged suite (testdata/relevance): title 3–5
// and meta 1.5–3 move top-1 by one query at most.
//
// # Synonyms
//
// Groups of equivalent phrases (the embedded tables synonyms/en.yaml and
// synonyms/es.yaml, plus Options.Synonyms, minus Options.RemoveSynonyms)
// expand at query time in both front ends: the longest run of query words
// equal to a phrase (by surface word or by stem; a word the index does not
// know, also within the typo budget) also matches every other phrase of
// its groups, as a phrase. Only groups with at least one phrase present in
// the index are shipped to the browser.
//
// Classes (classes/en.yaml: a broader name and its members, "blood
// pressure medicine: [water pill, diuretic, …]") are one way: a query
// phrase equal to a member also matches the broader phrases, as one more
// alternative of its span, so "water pill" finds the page titled "Blood
// Pressure Medicines" (and ranks it first as a page whose title a synonym
// of the query is); a query for the class does not expand to its members.
// Suggestions ("did you mean") come
// from the vocabulary and the shipped synonym words.
package search
