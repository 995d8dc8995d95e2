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
// # Browser index format (version 5)
//
// All files are JSON. Every file except manifest.json has a hash in its
// name (cache forever); manifest.json must be revalidated (no-cache).
// Documents are numbered by URL order.
//
//	manifest.json  {version, lang, base, docs, terms, stopWords, filler, possessive,
//	               fuzzy: [minRunesFor1Edit, minRunesFor2Edits],
//	               vocab: [[firstFoldedWord, lastFoldedWord, path]…],
//	               postings: [groupHash…], postingsGroup: 64,
//	               docBundles: [groupHash…], docBundleSize: 16, docBundleGroup: 64,
//	               hot: {s: [[stem, df, shard | "+"]…], w: {foldedWord: [[exact…], [longer…]] | exact}},
//	               hotSynonyms: {g: [[[[surface, stemRef] | stemRef…] phrase…] group…], o: [[members, broader]…]},
//	               synonyms: path, facets: path, sections: [[name, title, count]…],
//	               delta: {x: [doc…], d: {doc: entry}, v: vocabulary shard,
//	                       l: {stem: postings list}}  (after an edit; see delta.go),
//	               audiences: [[name, count]…], fallback: {base, lang, name}}
//	vocab/N.H.json {p: [postings paths], t: {stem: [df, index into p]},
//	               w: [[surfaceWord, stem]…],
//	               g: {groupNumber: [[word…] phrase…]}, o: {classNumber: [members, broader]},
//	               q: {stem | phrase key: index into p}}  (word: [surface, stem] | stem)
//	postings/N.G.json {stem: [[doc, score, titleStems, pos0, Δpos…] | [doc, score, titleStems]…],
//	               "=stem stem…": [[doc, summedScore, titleStems, titleMask]…],
//	               "#section:x" | "#audience:x" | "#tag:x": [doc…],
//	               "#e": {doc: {u, t, s, st, a, g, d, r, m, i: [sentence index…], x: [sentence…]}},
//	               "#t": {stem: number of the shard holding the list's tail}}
//	docs/B.G.json  [{u, t, s, st, a, g, d, r, m, x: [sentence…]}…]  (documents 16B to 16B+15)
//	synonyms/0.H.json {g: [[[[surface, stem]…] phrase…] group…],
//	               o: [[[member phrase…], [broader phrase…]]…], p: {stem: postings path}}
//	facets/0.H.json {section|audience|tag: {value: postings path}}
//
// H is a hash of the file; G the hash of its group (64 postings shards or
// 64 bundles), which the manifest lists, so a shard's or a bundle's name
// follows from its number: an edit renames its whole group, and a browser
// never holds a stale copy under a current name.
//
// Cost of one query. A query whose every word is hot (below) plans from
// the manifest alone and fetches the postings shards of its stems, and of
// the synonym phrases it matches, in the second round; their result
// entries are what it shows. Two dependent rounds: manifest; postings.
// The manifest travels in the search module: the site publishes a copy of
// search.js beside each index with that index's manifest written in
// (Module), and the default theme's search-ui.js, which every page loads,
// imports it only when a reader taps or focuses the box, or when the
// search page opens (which preloads it beside search-ui.js). A page
// nobody searches from loads neither; a query from the module reads its
// postings in one round: 0.27-0.43 s for the five bench queries at 10,000
// articles on the modelled phone link, 0.27-0.61 s at 100,000, where
// "metformin side effects" reads a result's bundle in a second round. Before, every page loaded search.js and a tap
// fetched manifest.json (warm): at 10,000 bench articles on the modelled
// phone link the five bench queries then took 0.24-0.42 s after a tap,
// 0.56-0.75 s from the module alone, the manifest in the query
// (medkb-bench's two phone tables).
// Any other query (a typo, a rare word, a prefix that is no word yet)
// reads one or two vocabulary shards per
// word in the second round (they hold the synonym groups its words may
// match: the synonym table itself is read only for spelling suggestions),
// and its postings in a third — unless the hot vocabulary named them: search.js fetches, beside
// the vocabulary shards, the postings shards of the hot stems a word is
// a typo or a longer form of, and of the alternatives of the longest hot
// synonym phrase those make (prefetchHot; a guess that only warms the
// cache, so results never depend on it). At 10,000 bench articles
// "diabetis", "metformn", "astma", "high blood presure" then take 2
// rounds, not 3, for the same bytes; a word the hot vocabulary cannot
// guess (a rare word, a typo of one) still takes the third. A result that no postings shard of its query carries (a page
// below the top 25 of each of its lists) costs one bundle more, in one
// more round; so do the tails of its lists when their heads give fewer
// results than asked for (see First-query lists).
//
// Measured on the bench corpus (five bench queries, cold, searchcost.mjs,
// gzip): at 1,000 articles version 2 took 16–22 requests in 4 rounds,
// 60–86 KiB; version 3 takes 3–8 in 2 ("asthma", "heart attack",
// "metformin side effects") or 3 ("diabetis", a typo; "high blood
// pressure", one bundle), 40–69 KiB. At 10,000 articles: 16–22 requests
// in 4 rounds, 84–148 KiB before; 3–8 requests, 2 rounds for the three
// queries of hot words, 3 for "diabetis" and "heart attack" (one bundle),
// 59–94 KiB after. The index at 10,000: 12,501 files, 33.4 MiB gzip
// before; 3,782 files, 24.7 MiB after (Pagefind: 55 MiB). At 1,000 the
// entries make it larger: 3,018 files, 11.6 MiB gzip (3.8 before).
// At 100,000 articles (an index of the corpus's Markdown turned into
// plain text by a scratch program, the site build being too large for
// the shared machine): 3–10 requests, 2–3 rounds, 89–137 KiB; 9,874
// files, 70 MiB gzip. Where the rest goes at 10,000: the manifest is 28 KiB gzip (hot
// vocabulary 12, its synonyms 13), a common word's list of 1,000 postings
// 7–17 KiB, its 20 entries about 4; a query of three words with synonyms
// needs five to seven shards. On the judged suite (226 real pages, 94
// queries; the Go engine counting what a cold query reads) 23 queries
// plan from the manifest, 68 read vocabulary shards (typos, lay and brand
// words outside the hot 800 then: real pages have a larger vocabulary than the
// bench corpus) and 19 read a bundle.
//
// Tuned after (same tools, one run each; 1,000 / 10,000 articles): one
// excerpt sentence per term, 600 hot words, hot words and synonym words
// that are their own stem written as an index took the manifest from
// 25.8 / 27.0 to 20.9 / 21.9 KiB gzip and the five bench queries from
// 40–69 / 59–94 to 34–63 / 52–86 KiB ("asthma" 34.3 / 52.3, "heart
// attack" 47.2 / 69.2, "metformin side effects" 56.3 / 86.1, "diabetis"
// 63.3 / 76.4, "high blood pressure" 49.3 / 74.3), requests and rounds
// unchanged; the index 11.69 / 24.65 to 11.34 / 23.95 MiB gzip, files
// 3,018 / 3,783 to 3,012 / 3,783.
//
// Hot vocabulary. The manifest resolves the words readers most likely
// type: the words of the most titles, then those of the stems in the most
// documents, at most 600 words (800 were measured: at 10,000 articles
// 2.3 KiB more manifest gzip for every query, the bench queries planned
// alike; on the judged suite 26 queries planned from the manifest, not
// 23; 400 left "asthma" out at 1,000 articles, a third round). Each
// holds what resolve would find
// in the vocabulary shards — its exact stems and, for a word still being
// typed, the 10 best stems of the longer words it starts (by document
// frequency, then stem) — as indexes into s ([stem, df, postings shard
// number]). hotSynonyms is the part of the synonym table a query of hot
// words can match: a group or class is there when one of its phrases
// (members, for a class) is made of hot words and stop words, since
// findSpans matches a phrase word by folded form or stem and never
// corrects a hot word as a typo; its words name their stems by index into
// s (-1: a stop word; a stem no page holds has shard -1), a word that is
// its own stem by the index alone (at 10,000 articles this took the
// manifest from 27.0 to 24.6 KiB gzip). So both paths
// give the same candidates, synonyms, scores and order
// (TestHotVocabularyResolvesAsTheShards); only the surface words a result
// highlights beyond those that start with the stem come from the hot
// vocabulary rather than the shards.
//
// Delta. A command-line rebuild that changed only the bodies of a few
// pages leaves the base index as it was and writes a delta segment into
// the manifest (see delta.go; a file of its own before version 5, one
// request more for every query: 5 where the full build's index took 4 at
// 10,000 bench articles): search.js drops the voided documents (x) from every base list
// and merges in the delta's lists, words and entries. The manifest
// written with the delta has the hot vocabulary brought over the delta's
// words (hotOver: a delta word that is a hot word's accented form adds an
// exact stem, a longer one competes for its completions, a stem only the
// delta holds has the shard "+"), so a query of hot words still
// plans from the manifest and reads its postings shards in the second
// round. Before, every query over a delta read vocabulary
// shards: at 1,000 bench articles after a one-article rebuild, 7–13
// requests in 3–4 rounds.
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
// 1,000 best documents of a term (impact-ordered truncation: results for
// very common words stay bounded as a site grows; 2,000 in version 2,
// whose commonest lists were most of a query's bytes). Positions (at most 64
// per term and document) run over the fields in order with a gap of 100
// between field values, so phrases never span fields. titleStems is the
// number of distinct stems in the document's title when the term is in the
// title, else 0 (see Ranking).
//
// First-query lists: heads, tails and affinity (version 4). A list a
// query of hot words reads (one that carries result entries) is written
// as a head: its first 160 postings in full (firstQueryPositions), then
// the score of every other posting without its positions ([doc, score,
// titleStems]); the shard names ("#t") the shard of its tail, the
// postings after the first 160 in full. search.js and Engine rank over
// the heads, and read the tails (a third round) only when the heads give
// fewer results than asked for (a quoted phrase of common words, whose
// pages are deep in its lists; a filter or a larger limit that the heads
// cannot fill), then rank again over the whole lists. Positions were
// three quarters of a common word's list ("blood" at 10,000 bench
// articles: 17.2 KiB gzip, 4.0 without). Ranking over heads is not exact:
// a page deep in a list keeps its score there but not its proximity.
// BenchmarkFirstQueryAgreement (cmd/medkb-bench/searchonly) compares the
// heads' top 10 with whole lists' (Engine.SetWholeLists) on the
// 10,000-article bench corpus over 197 queries (the five bench queries,
// the judged suite's 88 English queries, 104 title phrases of two or
// three words): with positions for 160 postings and scores for all,
// top-1 97.0 %, top-3 (in order) 92.9 %, top-10 overlap 98.3 %. Measured
// and not adopted: lists cut after K postings, scores and all (K 100 /
// 200 / 400: top-1 84.8 / 88.8 / 91.9 %; a multi-word query's best pages
// sit deep in one of its lists, and without their score there they fall
// out); positions for 100 and scores to a depth of 500 (top-1 90.9 %);
// positions for 100 (97.5 %, 93.4 %) or 50 (96.5 %, 91.9 %); positions
// for 100 and 128 cost the judged suite one query ("ibuprofen and
// warfarin" top-1: the page that holds both words side by side is deep
// in a list there), 160 keeps every figure. Before version 4 the whole
// list rode in the first round; the exact head/tail split of a score
// bound (below) read tails for every query of several words.
//
// Phrase lists (version 5, phrases.go): an alternative of several words
// is read from one list of the pages that hold it side by side, joined at
// build time, not from its words' lists. At 10,000 bench articles "heart
// attack" went from 5 requests to 4 (48.6 to 45.6 KiB gzip), "metformin
// side effects" from 8 to 5 (67.3 to 44.8), "diabetis" from 6 to 5 with
// the shards of 24 KiB; the keys cost the manifest 1.4 KiB gzip (only
// those of a phrase some page holds are written).
//
// Phrase-first (search.js run, Engine.search): when the words of a
// synonym span in a query of hot words are exactly its phrase's stems
// ("heart attack", "high blood pressure", not "heart attak" or "heart
// att" while typing), and the lists it would read first hold at least as
// many pages as asked for (the manifest gives a phrase key the pages of
// its list as its document frequency; a small site's phrase is on a few
// pages, where this would only add a third round), a first query scores
// the span from the phrase's own list and its alternatives' alone: a page holding the words side by side scores them
// as before, one holding only some of them or holding them apart (0.1 and
// 0.3 of their scores) does not yet. Only when that gives fewer results
// than asked for are the words' lists read (a third round) and the query
// ranked again as before. Like the heads, not exact: on the judged suite
// top-1, top-3 and MRR@10 are unchanged and nDCG@10 moved by 0.001 in the
// Go engine's run before search.js followed (0.947 → 0.946, then both
// identical); BenchmarkFirstQueryAgreement, 197 queries at 10,000 bench
// articles: top-1 96.95 %, top-3 91.88 %, top-10 overlap 97.82 %
// (97.0, 92.9, 98.3 before). Five bench queries, cold, gzip, 10,000 /
// 100,000 articles: "heart attack" 3 → 2 requests (42.5 → 30.5 KiB) / 4
// → 2 (57.8 → 28.1), "high blood pressure" 5 → 2 (62.8 → 26.5) / 5 → 2
// (75.2 → 33.1), "metformin side effects" 3 → 3 (40.7 → 34.4) / 7 → 5
// (75.7 → 61.7; a result 116th and 583rd in its lists still costs a
// bundle and a third round).
//
// The heads are packed by affinity (affinity.go): the stems of one hot
// synonym group (or a class member's phrase and its broader phrases), of
// one hot word and its completions, and of title word pairs that are at
// least a quarter of the rarer word's titles, are joined into one shard,
// strongest first, while the joined heads and their entries stay within
// about 40 KiB (24 before phrase lists; at 10,000 bench articles 40 took
// "heart attack" and "metformin side effects" to 3 requests, 42.5 and
// 40.7 KiB, and "asthma" from 26.3 to 30.8 KiB; 56 sent more bytes for
// no fewer requests); each group is a shard of its own, except that groups
// under 6 KiB join the groups after them in stem order until the shard
// reaches it: on a small site every head is a few hundred bytes, and a
// shard each made the demo site's index 284 postings files (43 in
// version 3) and its Spanish one 430 (8); now 98 and 14. So "myocardial
// infarction" or "blood pressure"/"hypertension" read one shard, not one
// a stem. A stem in several groups ("high": high blood pressure, high
// temperature, high cholesterol) joins the first that has room (groups
// whose phrases stand in more titles first, then smaller ones), and the
// query of another group reads it from there. Filling shards with
// unrelated groups up to 12 KiB as version 3 did was measured on the
// bench corpus and not adopted: a joined shard then carries lists and
// entries the query does not use (before phrase lists, a target of 48 KiB
// made the bench queries read 4–17 KiB more each). Without affinity, "heart attack"
// and "metformin side effects" read one shard more.
//
// Copies. A list of at most 3 KiB (entries counted) joined by an edge to
// lists of other shards is copied into those shards too, at most 32, by
// the strongest edges, each shard taking at most 10 KiB of copies
// (copyLists); the manifest's hot vocabulary lists them ("c": [stem index,
// shard numbers…]), and both front ends read such a list from a shard the
// query's first round reads anyway when one holds a copy. A
// class's broader phrase is read with every member's list, and most
// members' lists are shards of their own at 100,000 bench articles:
// "metformin side effects" read the one posting of "diabetes medicine"
// from a third shard, 12.6 KiB gzip (43.5 → 30.7 KiB, model 0.52 →
// 0.45 s), for 12 copies and 10 KB more index.
//
// Version 3 packed
// lists in stem order, one stream of 12 KiB shards at first (at 10,000
// bench articles 2,623 shards, 2,244 of them a single list, 14,423 files
// in all, 1.32× Hugo's), then two streams (1,889 shards, 13,689 files). The tails go into shards of about 96 KiB, the
// other lists and the facet lists, read only after a vocabulary shard or
// by a filter, into shards of about 24 KiB, in key order.
//
// Heads without positions were measured and not adopted. Positions are
// three quarters of a common word's list ("blood" at 10,000 bench
// articles: 17.2 KiB gzip, 4.0 without), so a first-query list kept every
// posting's score but the positions of only its top 64 (and its title
// postings), the rest in a tail file read when a document whose positions
// were missing could still reach the results (an upper bound on its score
// from its postings' scores: unit sums, coordination, ×1.5 proximity,
// title factor or bonus). Exact, and a one-word query never needs a
// tail; but every query of several words did: its best documents are
// deep in some word's list ("high" for "high blood pressure"), and with
// 512 of 1,000 postings keeping positions 3–10 documents per query could
// still reach the results (at 64, most of those did). At 10,000 articles the bench queries went
// from 5–8 requests in 2–3 rounds to 9–14 in 3–4 (asthma 26.5 → 23.8
// KiB alone gained). Version 4 keeps the same heads but gives up the
// bound: it reads tails only for results it lacks.
//
// Result entries. A postings shard carries ("#e") the entry of each
// document among the first 25 of any of its lists that a query of hot
// words reads (the hot vocabulary's stems: its words' exact stems and
// completions, and the stems of its synonym phrases): URL, title, section,
// audience, tags, dates, summary, and for each such list's stem the first
// of the document's sentences (of its first 4,000 characters) that holds
// a surface word of the stem, with their indexes (i). Two sentences per
// stem were measured: at 10,000 articles they cost each bench query
// 1.8–3.2 KiB gzip more (index 24.65 against 23.96 MiB) for a second
// sentence an excerpt rarely shows. A result takes
// its entry from the shards of its own query only, merged (sentences by
// index), so its excerpt never depends on earlier queries; an edited
// document's comes from the delta; any other from its bundle, which keeps
// 600 characters of sentences. Version 2 gave each document a file of its
// own, fetched in a fourth round; bundles alone were measured then and
// not adopted (bundles of 2–32 documents cut a query's document requests
// little and multiplied their bytes: a query's results are spread over
// the numbering). Carrying the entries with the postings removes the
// round and 10,000 files at 10,000 articles; 20 per list was chosen on
// the 1,000-article corpus, where 10 sent two of the five bench queries
// to a bundle and 30 none, for 4–7 KiB more a query. With version 4's
// heads, 25: at 10,000 bench articles 20 left "heart attack" two bundles
// and a third round (51.3 KiB gzip, model 0.71 s), 25 none (48.5 KiB,
// 0.55 s), for 0.7–4.5 KiB more on the other bench queries (30: 1.5–9). Entries on every
// list were measured and dropped: a rare word's list carries all its
// pages, and at 1,000 bench articles the index was 2,939 postings shards
// and 11.3 MiB gzip (1.91× Pagefind's); entries on the hot lists only
// (1,226 of 3,320) make it 1,089 shards and 4.6 MiB. A query of other
// words reads vocabulary shards first anyway; its results beyond the hot
// lists' entries come from bundles.
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
// know, also within the typo budget, a typo in its first two letters only
// as their swap) also matches every other phrase of its groups, as a
// phrase. Only groups with at least one phrase present in the index are
// shipped to the browser: the hot ones in the manifest, each of the others
// in the vocabulary shards that own the first word of one of its phrases
// or a word of that word's stem (synonymShards), where a query's words
// are looked up anyway. Vocabulary shards own the words from their first
// to the next shard's first, so a word no page holds has one too. A word
// only an edit added (a delta) matches the groups of the shards its
// folded form reads until the next full build. Before version 5 such a
// query read the whole table (17–18 KiB gzip at 10,000 bench articles);
// now its vocabulary shards are 11–14 KiB each, 7 before.
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
