// medkb search — public browser module, published at /search/search.js
// (and /LANG/search/search.js for each other language), each copy with its
// index's manifest written in (INLINE_MANIFEST).
//
// Contract (stable; theme authors rely on it):
//
//   import { search, suggest, facets } from "/search/search.js";
//
//   search(query, {limit = 10, section, tag, audience, base}) →
//     Promise<Array<{url, title, excerpt, section, sectionTitle, audience,
//                    tags, date, reviewed, score, lang, language?}>>
//     `date` is first publication and `reviewed` the last medical review,
//     both "YYYY-MM-DD" or "".
//     `excerpt` is safe HTML: escaped text with matched words in <mark>.
//     Every other field is plain text: insert it with textContent, never
//     innerHTML. Results are ordered best first. `lang` is the language
//     of the result's index. When an index of another language than the
//     site's default finds fewer than 3 results, the default language's
//     index (named by the manifest's `fallback`) is queried too and its
//     results follow, with `language` set to that language's name
//     ("English") for a label.
//   suggest(query, {base}) → Promise<string[]>: up to 5 corrected queries
//     built from close vocabulary words, for a "did you mean" state.
//   facets({base}) → Promise<{sections: [{name, title, count}],
//                             audiences: [{name, count}]}> for filter menus.
//   warm({base}) → Promise<void>: fetches the index's manifest ahead of a
//     first query, so that the query reads only its words' files (one
//     round trip instead of two). The copy of this module that medkb
//     build writes beside each index carries that index's manifest, so
//     for its own index warm fetches nothing; for another base (a module
//     served from elsewhere) it fetches manifest.json. It never rejects; a
//     manifest that failed to load is fetched again by the query, which
//     reports it.
//
// `base` is the URL of the index directory; it defaults to this module's own
// directory. Files are fetched with plain fetch() relative to base (and,
// for the cross-language fallback, relative to the default language's index
// directory on the same site, which the manifest names) and kept in memory
// for the life of the page; nothing else is requested, no WebAssembly, no
// framework.
//
// Query language: words (the last one also matches as a prefix while it is
// being typed, i.e. when the query does not end with a space); a word the
// index does not know matches an indexed stem it starts with ("vacunación"
// finds "vacun", so no stemmer runs in the browser), else within the typo
// budget (1 edit from 4 letters, 2 from 8; a transposition is one edit; the
// first two letters are trusted, or swapped); "quoted phrases" must match
// in order; synonym phrases from the site's table apply ("heart attack"
// also finds "myocardial infarction"; an unknown word matches a synonym
// phrase within the typo budget, so "amoxicilin" finds the antibiotics
// page); filler words of a question ("can", "know", "take") are dropped
// when the query has other words. Scores only order results: a page whose
// title is the query (every query word or phrase matched in the title,
// and nothing else in the title) ranks first, a page whose whole title the query
// holds gets twice its score, query words next to each other in a page
// (two apart at most) beat scattered ones, and a page holding only part of
// a synonym phrase ("water" of "water pill") counts a tenth, one holding
// all its words but apart ("water … pill") three tenths.

const FORMAT_VERSION = 5; // the index format this module reads (search.Build writes it)
const TITLE_BONUS = 1e7; // the title is the query
const TITLE_COVERED = 2; // the query holds the whole title (and more)
const PROXIMITY = 0.5; // at most ×1.5 when every pair of query words is adjacent
const ADJACENT = 2; // positions apart that count as adjacent (one word between)
const FRAGMENT = 0.1; // part of a synonym phrase
const SCATTERED = 0.3; // every word of a synonym phrase, but not together
const MAX_CANDIDATES = 10;
const WEIGHT_EXACT = 1;
const WEIGHT_PREFIX = 0.8;
const WEIGHT_STEM = 0.9;
const WEIGHT_FUZZY = [1, 0.7, 0.5];
const SNIPPET_CHARS = 220;
const FALLBACK_BELOW = 3; // fewer results than this also ask the fallback index
const WORD = /[\p{L}\p{N}\p{M}_]+(?:(?:['’.:]|(?<=\p{N}),(?=\p{N}))[\p{L}\p{N}\p{M}_]+)*/gu;

const indexes = new Map();

// The manifest of the index in this module's own folder: medkb build
// writes each index's copy of this module with its manifest here, so a
// first query reads it without a request. null (the source, or a copy
// served elsewhere): manifest.json is fetched.
const INLINE_MANIFEST = null;
const HERE = new URL("./", import.meta.url).href;

function indexFor(base) {
  const href = new URL(base ?? "./", import.meta.url).href;
  let ix = indexes.get(href);
  if (!ix) {
    ix = new Index(href);
    indexes.set(href, ix);
  }
  return ix;
}

// Index loads and caches the files of one index directory.
class Index {
  constructor(base) {
    this.base = base;
    this.files = new Map();
    // The written-in manifest, used once: after reset (a file went
    // missing, the site was redeployed) manifest.json is fetched.
    this.inline = base === HERE ? INLINE_MANIFEST : null;
    // Query words already resolved against the vocabulary: typing and
    // going back and forth repeat them. Keyed by folded word and prefix
    // flag; cleared with the files.
    this.resolved = new Map();
    // Excerpts by document and highlighted words: a repeated query shows
    // the same ones. Bounded; cleared with the files.
    this.excerpts = new Map();
  }

  excerpt(id, key, make) {
    const k = `${id}\u0000${key}`;
    let e = this.excerpts.get(k);
    if (e === undefined) {
      if (this.excerpts.size >= 1000) this.excerpts.clear();
      e = make();
      this.excerpts.set(k, e);
    }
    return e;
  }

  load(path) {
    let p = this.files.get(path);
    if (!p && path === "manifest.json" && this.inline) {
      p = Promise.resolve(this.inline);
      this.inline = null;
      this.files.set(path, p);
    }
    if (!p) {
      p = fetch(new URL(path, this.base)).then((r) => {
        if (!r.ok) throw new Error(`medkb search: ${path}: HTTP ${r.status}`);
        return r.json();
      });
      p.catch(() => this.files.delete(path));
      this.files.set(path, p);
    }
    return p;
  }

  // manifest resolves to the manifest; the delta segment it holds is
  // prepared (see prepareDelta) under m[DELTA], a promise that whoever
  // reads the delta awaits.
  manifest() {
    return this.load("manifest.json").then((m) => {
      if (m.delta && !m[DELTA]) m[DELTA] = Promise.resolve(prepareDelta(m.delta));
      return m;
    });
  }

  // reset forgets everything, for a site redeployed while the page was open.
  reset() {
    this.inline = null;
    this.files.clear();
    this.resolved.clear();
    this.excerpts.clear();
  }
}

const DELTA = Symbol("delta segment");
const DELTA_ONLY = "+"; // the postings path of a stem only the delta holds

// prepareDelta readies a delta segment: the pages a command-line rebuild
// changed since the last full build, laid over the base index. Their base
// postings are void (x); their current postings (l), words (v, a
// vocabulary shard) and entries (d) replace them.
function prepareDelta(d) {
  return {
    void: new Set(d.x),
    entries: new Map(Object.entries(d.d).map(([id, e]) => [Number(id), e])),
    vocab: d.v,
    lists: d.l,
    merged: new Map(), // stem → decoded merged list
  };
}

// withRetry runs fn once more on a fresh manifest when a file is missing.
async function withRetry(ix, fn) {
  try {
    return await fn();
  } catch (err) {
    ix.reset();
    return fn();
  }
}

const ASCII = /^[\x00-\x7f]*$/;

export function fold(s) {
  const l = s.toLowerCase();
  // ASCII has no combining marks to remove: skip the normalization.
  return ASCII.test(l) ? l : l.normalize("NFD").replace(/\p{M}/gu, "");
}

function key2(folded) {
  return Array.from(folded).slice(0, 2).join("");
}

// tokenize mirrors bleve's unicode tokenizer and the surface filters:
// words with their 1-based positions, lowercased, possessive 's removed.
function tokenize(text, m, stop) {
  const out = [];
  let pos = 0;
  for (const match of text.matchAll(WORD)) {
    pos++;
    let surface = match[0].toLowerCase();
    if (m.possessive) surface = surface.replace(/['’]s$/u, "");
    if (!surface) continue;
    out.push({ surface, folded: fold(surface), pos, stop: stop.has(surface) });
  }
  return out;
}

function parseQuery(q, m, stop) {
  const parts = q.split('"');
  const words = [];
  const phrases = [];
  parts.forEach((part, i) => {
    const toks = tokenize(part, m, stop);
    if (i % 2 === 1) {
      if (toks.length) phrases.push(toks);
    } else {
      words.push(...toks);
    }
  });
  const last = parts[parts.length - 1];
  const prefix = parts.length % 2 === 1 && last !== "" && !/\s$/u.test(last);
  return { words, phrases, prefix };
}

// damerau returns the optimal-string-alignment distance of a and b, or
// max+1 as soon as it exceeds max.
export function damerau(a, b, max) {
  a = Array.from(a);
  b = Array.from(b);
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, prev2[j - 2] + 1);
      }
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

function fuzziness(word, m) {
  const n = Array.from(word).length;
  if (n >= m.fuzzy[1]) return 2;
  if (n >= m.fuzzy[0]) return 1;
  return 0;
}

// vocabRanges returns the [lo, hi] folded-word ranges to fetch for a word.
function vocabRanges(f, fz, prefix) {
  const k = key2(f);
  const ranges = [];
  if (fz > 0 || prefix) ranges.push([k, k + "\uffff"]);
  else ranges.push([f, f]);
  const chars = Array.from(f);
  if (fz > 0 && chars.length >= 2 && chars[0] !== chars[1]) {
    const swapped = chars[1] + chars[0];
    ranges.push([swapped, swapped + "\uffff"]);
  }
  return ranges;
}

// vocabShards reads the vocabulary shards that own a folded word of the
// ranges: shard i owns the words from its first word to the next shard's
// first (the first shard, any word before; the last, any word after), so
// a word no page holds still has a shard, where the synonym groups it may
// match are.
async function vocabShards(ix, m, ranges) {
  const paths = new Set();
  const v = m.vocab;
  for (const [lo, hi] of ranges) {
    v.forEach(([first, , path], i) => {
      if ((i === 0 || first <= hi) && (i === v.length - 1 || lo < v[i + 1][0])) paths.add(path);
    });
  }
  const shards = await Promise.all([...paths].map((p) => ix.load(p)));
  // The delta's words are few: every query word is matched against all.
  if (m.delta) shards.push((await m[DELTA]).vocab);
  for (const sh of shards) {
    if (!sh.folded) {
      sh.folded = sh.w.map(([surface]) => fold(surface));
      sh.byStem = new Map(); // stem → its folded surface words in this shard
      sh.w.forEach(([, stem], i) => {
        if (!sh.byStem.has(stem)) sh.byStem.set(stem, []);
        sh.byStem.get(stem).push(sh.folded[i]);
      });
    }
  }
  return shards;
}

// resolve finds the vocabulary candidates of one query word:
// [{stem, weight, df, path, dist}], best first.
async function resolve(ix, m, word, prefix, seen) {
  const f = word.folded;
  const usePrefix = prefix && Array.from(f).length >= 2;
  const key = `${usePrefix ? 1 : 0}${f}`;
  let r = ix.resolved.get(key);
  if (!r) {
    r = resolveUncached(ix, m, f, usePrefix);
    ix.resolved.set(key, r);
    r.catch(() => ix.resolved.delete(key));
  }
  const { shards, cands } = await r;
  shards.forEach((sh) => seen.add(sh));
  return cands;
}

// resolveUncached does resolve's work: {shards, cands}. The candidates are
// shared between queries; callers must not change them.
async function resolveUncached(ix, m, f, usePrefix) {
  const fz = fuzziness(f, m);
  const shards = await vocabShards(ix, m, vocabRanges(f, fz, usePrefix));
  const exact = new Map();
  const stemmed = new Map();
  const fuzzy = new Map();
  const pre = new Map();
  const add = (map, sh, stem, weight, dist) => {
    const [df, pi] = sh.t[stem];
    const old = map.get(stem);
    if (!old || old.weight < weight) map.set(stem, { stem, weight, df, path: sh.p[pi], dist });
  };
  for (const sh of shards) {
    sh.w.forEach(([, stem], i) => {
      const g = sh.folded[i];
      if (g === f) add(exact, sh, stem, WEIGHT_EXACT, 0);
      else if (usePrefix && g.startsWith(f)) add(pre, sh, stem, WEIGHT_PREFIX, 0);
    });
  }
  if (exact.size === 0) {
    // The word is unknown: it may be another form of an indexed stem
    // ("vacunación" → "vacun"), so the browser needs no stemmer.
    const n = Array.from(f).length;
    for (const sh of shards) {
      for (const stem of Object.keys(sh.t)) {
        const s = fold(stem);
        const len = Array.from(s).length;
        if (len >= 4 && 2 * len >= n && f.startsWith(s)) add(stemmed, sh, stem, WEIGHT_STEM, 0);
      }
    }
  }
  if (exact.size === 0 && stemmed.size === 0 && fz > 0) {
    for (const sh of shards) {
      sh.w.forEach(([, stem], i) => {
        const d = damerau(sh.folded[i], f, fz);
        if (d <= fz) add(fuzzy, sh, stem, WEIGHT_FUZZY[d], d);
      });
    }
  }
  const out = [...exact.values(), ...stemmed.values()];
  out.push(...[...fuzzy.values()].filter((c) => !exact.has(c.stem)).sort(byRank).slice(0, MAX_CANDIDATES));
  out.push(...[...pre.values()].filter((c) => !exact.has(c.stem)).sort(byRank).slice(0, MAX_CANDIDATES));
  return { shards, cands: out.sort(byRank) };
}

// byRank orders the candidates of a query word: by weight, document
// frequency, then stem.
function byRank(a, b) {
  return b.weight - a.weight || b.df - a.df || (a.stem < b.stem ? -1 : 1);
}

const DECODED = Symbol("decoded postings");

// Postings: stem → Map(doc → posting; see decode). A list a query of
// hot words reads is the head of the stem's list (its best postings):
// its shard names (TAILS) the shard of the rest. With whole, the rest
// is read and follows the head. out.tails tells whether any list read
// has a tail.
async function postingsFor(ix, m, stemPaths, whole) {
  const out = new Map();
  out.tails = false;
  // The shards are requested before the delta segment is awaited: a query
  // planned from the manifest reads both in its second round.
  const shards = new Map();
  for (const [, path] of stemPaths) if (path !== DELTA_ONLY && !shards.has(path)) shards.set(path, ix.load(path));
  const delta = m.delta ? await m[DELTA] : null;
  const key = (stem) => (whole ? TAIL_PREFIX + stem : stem);
  await Promise.all(
    [...stemPaths].map(async ([stem, path]) => {
      const shard = path === DELTA_ONLY ? {} : await shards.get(path);
      const tail = shard[TAILS]?.[stem];
      if (tail !== undefined) out.tails = true;
      let list = delta?.merged.get(key(stem));
      if (list) {
        out.set(stem, list);
        return;
      }
      // Decoded lists are kept on the cached shard: a repeated or refined
      // query reuses them (read-only).
      shard[DECODED] ??= new Map();
      list = shard[DECODED].get(key(stem));
      if (!list) {
        let raw = shard[stem] || [];
        if (whole && tail !== undefined) {
          const rest = postingsPath(m, tail);
          if (!rest) throw new Error(`medkb search: no postings shard ${tail}`);
          // The head's postings without positions are in the tail in full.
          raw = raw.filter((q) => q.length > POSITIONS).concat((await ix.load(rest))[stem] || []);
        }
        list = decode(raw);
        shard[DECODED].set(key(stem), list);
      }
      if (delta) {
        // Most lists hold no edited page: those are used as they are.
        const extra = delta.lists[stem];
        if (extra || [...delta.void].some((d) => list.has(d))) {
          list = decode(mergeDelta(list.ordered, extra || [], delta.void));
        }
        delta.merged.set(key(stem), list);
      }
      out.set(stem, list);
    }),
  );
  return out;
}

// mergeDelta returns a base list without the postings the delta voids,
// merged with the delta's list in rank order (score, best first, then
// document).
function mergeDelta(base, extra, voided) {
  const out = [];
  let j = 0;
  for (const p of base) {
    if (voided.has(p[0])) continue;
    while (j < extra.length && (extra[j][SCORE] > p[SCORE] || (extra[j][SCORE] === p[SCORE] && extra[j][0] < p[0]))) {
      out.push(extra[j++]);
    }
    out.push(p);
  }
  while (j < extra.length) out.push(extra[j++]);
  return out;
}

// decode indexes a postings list by document. Each posting stays the
// array the shard holds, [doc, score, titleStems, p0, Δp…] (SCORE, TITLE):
// most queries only add scores, and an object plus a positions array per
// posting made a second query spend more time collecting garbage than
// scoring. Positions are decoded when a phrase needs them.
function decode(list) {
  const m = new Map();
  for (const p of list) m.set(p[0], p);
  m.ordered = list; // the postings in rank order, for the threshold in run
  return m;
}

const SCORE = 1;
const TITLE = 2;
const POSITIONS = 3; // where a posting's positions start
const MASK = 3; // of a phrase list's posting: which of its terms are in the title

const decodedPositions = new WeakMap();

// positions returns a posting's word positions, ascending.
function positions(p) {
  let out = decodedPositions.get(p);
  if (!out) {
    out = [];
    let pos = 0;
    for (let i = 3; i < p.length; i++) out.push((pos += p[i]));
    decodedPositions.set(p, out);
  }
  return out;
}

// findSpans mirrors the Go findSpans: the longest synonym phrase at each
// position, with the other phrases of its groups as alternatives, and the
// broader phrases of the classes it is a member of (one way).
function findSpans(words, syn, m) {
  const spans = [];
  for (let i = 0; i < words.length; ) {
    let best = 0;
    let alts = [];
    let phrase = null; // the phrase the words matched (the first of the longest)
    // match offers the phrases of others but the one numbered skip as
    // alternatives when phrase ph is at i.
    const match = (ph, others, skip) => {
      const n = ph.length;
      if (n < best || i + n > words.length || !phraseAt(words, i, ph, m)) return;
      if (n > best) {
        best = n;
        alts = [];
        phrase = ph;
      }
      others.forEach((o, j) => j !== skip && alts.push(o));
    };
    if (!words[i].stop) {
      for (const g of syn.g) g.forEach((ph, pi) => match(ph, g, pi));
      for (const [members, broader] of syn.o ?? []) for (const ph of members) match(ph, broader, -1);
    }
    if (best === 0) {
      i++;
      continue;
    }
    spans.push({ start: i, end: i + best, alts, phrase });
    i += best;
  }
  return spans;
}

// sameKey2 reports whether a and b start with the same two letters, or
// with the same two swapped.
function sameKey2(a, b) {
  const ka = Array.from(key2(a));
  const kb = Array.from(key2(b));
  return ka.join("") === kb.join("") || (ka.length === 2 && kb.length === 2 && ka[0] === kb[1] && ka[1] === kb[0]);
}

// shardSynonyms is the synonym table of the groups and classes the
// vocabulary shards a query read hold (each holds those its words may
// match), in the table's order; null when they hold none.
function shardSynonyms(shards) {
  const g = new Map();
  const o = new Map();
  const p = {};
  // A word whose surface is its stem is the stem alone.
  const phrases = (list) => list.map((ph) => ph.map((w) => (typeof w === "string" ? [w, w] : w)));
  for (const sh of shards) {
    for (const [n, group] of Object.entries(sh.g ?? {})) g.set(Number(n), phrases(group));
    for (const [n, [members, broader]] of Object.entries(sh.o ?? {})) o.set(Number(n), [phrases(members), phrases(broader)]);
    for (const [k, i] of Object.entries(sh.q ?? {})) if (sh.p[i] !== undefined) p[k] = sh.p[i];
  }
  if (!g.size && !o.size) return null;
  const ordered = (map) => [...map.keys()].sort((a, b) => a - b).map((n) => map.get(n));
  return { g: ordered(g), o: ordered(o), p };
}

function phraseAt(words, i, ph, m) {
  return ph.every(([surface, stem], k) => {
    const q = words[i + k];
    if (q.folded === fold(surface) || (!q.stop && stem !== "" && q.stem === stem)) return true;
    // A word the index does not know may be a typo of a synonym's word,
    // one in its first two letters only as their swap (as in the
    // vocabulary: the shards the word reads hold those groups).
    if (q.stop || q.known || stem === "") return false;
    const fz = fuzziness(q.folded, m);
    const f = fold(surface);
    return fz > 0 && sameKey2(f, q.folded) && damerau(f, q.folded, fz) <= fz;
  });
}

// plan turns a parsed query into scoring units and the postings to fetch.
async function plan(ix, m, q) {
  const stop = new Set(m.stopWords);
  const pq = parseQuery(q, m, stop);
  // Filler words of a question are dropped when the query has other words.
  const filler = new Set(m.filler ?? []);
  if (pq.words.some((w) => !w.stop && !filler.has(w.surface))) {
    for (const w of pq.words) if (filler.has(w.surface)) w.stop = true;
  }
  const lastIdx = pq.words.map((w) => !w.stop).lastIndexOf(true);
  const shards = new Set();
  // A query of hot words plans from the manifest alone; any other reads
  // the vocabulary shards of its words first, which hold the synonym
  // groups they may match.
  const hot = hotQuery(m, pq);
  if (!hot) prefetchHot(ix, m, pq);
  const find = hot ? async (w, prefix) => hot.resolve(w.folded, prefix, shards) : (w, prefix) => resolve(ix, m, w, prefix, shards);
  await Promise.all([
    ...pq.words.map(async (w, i) => {
      if (w.stop) return;
      w.cands = await find(w, pq.prefix && i === lastIdx);
      w.stem = w.cands.length ? w.cands[0].stem : "";
      w.known = w.cands.length > 0 && w.cands[0].weight >= WEIGHT_STEM;
    }),
    ...pq.phrases.flat().map(async (w) => {
      if (w.stop) return;
      const c = await find(w, false);
      w.cands = c.slice(0, 1);
      w.stem = c.length ? c[0].stem : "";
    }),
  ]);
  const synonyms = hot ? hot.synonyms : shardSynonyms(shards);
  const units = [];
  const paths = new Map();
  const later = new Map(); // the lists of the own words of phrase-first spans
  const need = (c) => c.path && paths.set(c.stem, c.path);
  const allSpans = synonyms ? findSpans(pq.words, synonyms, m) : [];
  const spans = allSpans.slice();
  for (let i = 0; i < pq.words.length; ) {
    const span = spans.length && spans[0].start === i ? spans.shift() : null;
    if (span) {
      // When the span's words are its phrase's stems exactly, a first
      // query scores it from the phrase's list (Go's plan: own).
      let own = null;
      const ownKey = phraseKey(span.phrase);
      if (hot && ownKey && ownStems(pq.words.slice(span.start, span.end), span.phrase)) {
        own = phraseTerms(span.phrase, synonyms.p);
        own.key = ownKey;
        // A phrase without a list is on no page.
        if (synonyms.p[ownKey]) paths.set(ownKey, synonyms.p[ownKey]);
      }
      const words = pq.words.slice(span.start, span.end).filter((w) => !w.stop);
      words.forEach((w) => w.cands.forEach((c) => (own && c.path ? later.set(c.stem, c.path) : need(c))));
      // An alternative with a stem no page holds can never match: none
      // of its postings are read.
      // A phrase of several words is read by its phrase list alone.
      const alts = [];
      for (const ph of span.alts) {
        const terms = phraseTerms(ph, synonyms.p);
        const key = phraseKey(ph);
        if (key) {
          if (synonyms.p[key]) {
            paths.set(key, synonyms.p[key]);
            terms.key = key;
            alts.push(terms);
          }
        } else if (terms.every((t) => t.path)) {
          terms.forEach((t) => paths.set(t.stem, t.path));
          alts.push(terms);
        }
      }
      units.push({ kind: "span", words, alts, count: words.length, own });
      i = span.end;
      continue;
    }
    const w = pq.words[i++];
    if (w.stop) continue;
    w.cands.forEach(need);
    units.push({ kind: "word", cands: w.cands, count: 1 });
  }
  for (const ph of pq.phrases) {
    const terms = [];
    ph.forEach((w, k) => {
      if (w.stop) return;
      terms.push({ stem: w.stem, off: k, path: w.cands[0]?.path });
      if (w.cands[0]) need(w.cands[0]);
    });
    if (terms.length) units.push({ kind: "phrase", terms, count: terms.length });
  }
  // The documents the first lists hold, counted once per list: phrase-first
  // needs as many as the results asked for (a query of hot words only).
  let firstDocs = 0;
  if (hot) for (const k of paths.keys()) firstDocs += hot.df.get(k) ?? 0;
  if (hot) hot.choose(paths, later);
  return { units, paths, later, firstDocs, shards, alts: allSpans };
}

// ownStems reports whether the words of a span (stop words included) are
// its phrase's words exactly: each word of the phrase with a stem has
// that stem as the word's one candidate.
function ownStems(words, ph) {
  if (words.length !== ph.length) return false;
  return ph.every(([, stem], k) => {
    if (!stem) return true;
    const q = words[k];
    return !q.stop && q.cands.length === 1 && q.cands[0].stem === stem && q.cands[0].weight === WEIGHT_EXACT;
  });
}

const HOT = Symbol("hot vocabulary");

// postingsPath names postings shard n: its number and its group's hash.
function postingsPath(m, n) {
  const hash = n >= 0 ? m.postings[Math.floor(n / m.postingsGroup)] : undefined;
  return hash ? `postings/${n}.${hash}.json` : undefined;
}

// hotQuery returns the resolver of the manifest's hot vocabulary when
// every word of the query is hot, else null. A hot word resolves as the
// vocabulary shards would resolve it: its exact stems and, while it is
// being typed, the best stems of the longer words it starts (the writer
// ranked them as resolve does). A manifest that names a delta segment
// has its hot vocabulary brought over the delta's words by the writer; a
// stem only the delta holds has the shard DELTA_ONLY.
function hotQuery(m, pq) {
  if (!m.hot) return null;
  if (!m[HOT]) {
    const path = (n) => (n === DELTA_ONLY ? DELTA_ONLY : postingsPath(m, n));
    const stems = m.hot.s.map(([stem, df, n]) => ({ stem, weight: WEIGHT_EXACT, df, path: path(n), dist: 0 }));
    // A word with one exact stem and no longer words is that stem's index.
    const words = new Map(Object.entries(m.hot.w).map(([f, e]) => [f, typeof e === "number" ? [[e], null] : e]));
    // The hot words of each stem, for highlighting (see surfaceIndex).
    const byStem = new Map();
    for (const [f, [exact]] of words) {
      for (const i of exact ?? []) {
        if (!byStem.has(stems[i].stem)) byStem.set(stems[i].stem, []);
        byStem.get(stems[i].stem).push(f);
      }
    }
    const shard = { byStem };
    // Synonym phrases name their stems by index into the hot stems (-1:
    // a stop word), a word as [surface, index] or, when the surface is
    // the stem, the index alone; the table takes the shape of the
    // synonym file's.
    let synonyms = null;
    if (m.hotSynonyms) {
      const p = {};
      // The phrase lists of the hot alternatives are hot stems too.
      for (const c of stems) if (c.stem.startsWith("=") && c.path) p[c.stem] = c.path;
      const phrases = (list) =>
        list.map((ph) =>
          ph.map((w) => {
            const [surface, r] = Array.isArray(w) ? w : [null, w];
            const c = r >= 0 ? stems[r] : null;
            if (c?.path) p[c.stem] = c.path;
            return [surface ?? c?.stem ?? "", c ? c.stem : ""];
          }),
        );
      synonyms = {
        g: m.hotSynonyms.g.map(phrases),
        o: (m.hotSynonyms.o ?? []).map(([members, broader]) => [phrases(members), phrases(broader)]),
        p,
      };
    }
    const resolve = (f, prefix, seen) => {
      seen.add(shard);
      const [exact, longer] = words.get(f);
      const out = (exact ?? []).map((i) => stems[i]);
      if (prefix) out.push(...(longer ?? []).map((i) => ({ ...stems[i], weight: WEIGHT_PREFIX })));
      return out.sort(byRank);
    };
    // A small list may be copied into the shards of the lists it is read
    // with (a class's broader phrase into each member's): rows of [stem
    // index, shard numbers…]. choose reads such a list from a shard the
    // query reads anyway, when one holds a copy (Go's engineHot.choose).
    // A list of the first round takes a copy from its own shards only; a
    // later one from those of both.
    const copies = new Map();
    for (const [i, ...ns] of m.hot.c ?? []) {
      const at = ns.map((n) => (Number.isInteger(n) && n >= 0 ? postingsPath(m, n) : undefined)).filter(Boolean);
      if (stems[i] && at.length) copies.set(stems[i].stem, at);
    }
    const choose = (paths, later) => {
      const fixed = new Set();
      for (const ps of [paths, later]) {
        for (const [k, p] of ps) if (!copies.has(k)) fixed.add(p);
        for (const [k, p] of ps) {
          const c = fixed.has(p) ? undefined : copies.get(k)?.find((q) => fixed.has(q));
          if (c) ps.set(k, c);
        }
        for (const p of ps.values()) fixed.add(p);
      }
    };
    m[HOT] = { words, synonyms, resolve, choose, df: new Map(stems.map((c) => [c.stem, c.df])) };
  }
  const h = m[HOT];
  const hot = (w) => w.stop || h.words.has(w.folded);
  return pq.words.every(hot) && pq.phrases.flat().every(hot) ? h : null;
}

// prefetchHot starts reading, beside the vocabulary shards and the
// synonym table of a query that is not all hot words, the postings shards
// that the hot vocabulary says its words will most likely need: a hot
// word's stems, and for any other word the hot stems it is another form
// of or a typo of (as resolve would find them, within the same first two
// letters), with the stems of the hot synonym phrases those stems make.
// A typo of a common word ("diabetis") then reads its postings in the
// second round, not a third. It only warms the file cache: the plan still
// resolves every word in the vocabulary shards, and reads any shard the
// guess missed after them.
function prefetchHot(ix, m, pq) {
  const h = m[HOT];
  if (!h) return;
  const paths = new Map(); // stem → postings path
  const add = (c, set) => {
    if (!c.path || c.path === DELTA_ONLY) return;
    paths.set(c.stem, c.path);
    set?.add(c.stem);
  };
  const guess = (w) => {
    const set = new Set();
    const f = w.folded;
    if (h.words.has(f)) {
      for (const c of h.resolve(f, false, new Set())) add(c, set);
      return set;
    }
    const fz = fuzziness(f, m);
    const chars = Array.from(f);
    const keys = [key2(f), chars.length >= 2 ? chars[1] + chars[0] : ""];
    for (const g of h.words.keys()) {
      if (!keys.some((k) => k && g.startsWith(k))) continue;
      for (const c of h.resolve(g, false, new Set())) {
        const st = Array.from(fold(c.stem));
        const stemmed = st.length >= 4 && 2 * st.length >= chars.length && f.startsWith(st.join(""));
        if (stemmed || (fz > 0 && damerau(g, f, fz) <= fz)) add(c, set);
      }
    }
    return set;
  };
  for (const w of pq.phrases.flat()) if (!w.stop) guess(w);
  // The stems each query word may have, in order, stop words left out.
  const seq = pq.words.filter((w) => !w.stop).map(guess);
  const syn = h.synonyms;
  if (syn) {
    // As findSpans: the longest hot synonym phrase whose stems the query
    // words from i on may have brings the postings of its alternatives.
    const stemsOf = (ph) => ph.map(([, st]) => st).filter((st) => st);
    const at = (ph, i) => {
      const stems = stemsOf(ph);
      return stems.length > 0 && i + stems.length <= seq.length && stems.every((st, k) => seq[i + k].has(st));
    };
    const addAll = (phrases) => {
      for (const ph of phrases) {
        const key = phraseKey(ph);
        if (key) {
          if (syn.p[key]) paths.set(key, syn.p[key]);
        } else if (ph.every(([, st]) => !st || syn.p[st])) for (const [, st] of ph) if (st) paths.set(st, syn.p[st]);
      }
    };
    for (let i = 0; i < seq.length; ) {
      let len = 0;
      for (const group of syn.g) for (const ph of group) if (at(ph, i)) len = Math.max(len, stemsOf(ph).length);
      for (const [members] of syn.o) for (const ph of members) if (at(ph, i)) len = Math.max(len, stemsOf(ph).length);
      if (!len) {
        i++;
        continue;
      }
      const longest = (ph) => at(ph, i) && stemsOf(ph).length === len;
      for (const group of syn.g) if (group.some(longest)) addAll(group);
      for (const [members, broader] of syn.o) if (members.some(longest)) addAll(broader);
      i += len;
    }
  }
  for (const path of new Set(paths.values())) ix.load(path);
}

// phraseKey is the key of a synonym phrase's list ("=" and its stems, a
// stop word as an empty stem, joined by spaces), "" for a phrase of fewer
// than two content words (Go's phraseKey).
function phraseKey(ph) {
  return ph.filter(([, stem]) => stem).length < 2 ? "" : "=" + ph.map(([, stem]) => stem).join(" ");
}

function phraseTerms(ph, paths) {
  const terms = [];
  ph.forEach(([surface, stem], k) => {
    if (stem) terms.push({ stem, off: k, path: paths[stem], surface });
  });
  return terms;
}

// Matched postings of the document being scored: stems and postings side
// by side, reused from one document to the next (scoring runs over
// thousands of candidates, and an array per match made the collector
// busier than the scoring).
const matchedStems = [];
const matchedPosts = [];
const phrasePosts = [];

function addMatch(stem, p) {
  matchedStems.push(stem);
  matchedPosts.push(p);
}

// phraseScore returns the summed scores when the terms occur at their
// relative offsets in doc, else 0.
function phraseScore(post, terms, doc) {
  const ps = phrasePosts;
  ps.length = 0;
  for (let k = 0; k < terms.length; k++) {
    const p = post.get(terms[k].stem)?.get(doc);
    if (!p) return 0;
    ps.push(p);
  }
  if (terms.length > 1 && !aligned(ps, terms)) return 0;
  let total = 0;
  for (let k = 0; k < terms.length; k++) {
    addMatch(terms[k].stem, ps[k]);
    total += ps[k][SCORE];
  }
  return total;
}

// NO_TITLE is a matched posting outside the title: a matched posting is
// read for its TITLE only.
const NO_TITLE = [0, 0, 0];

// phraseListScore is phraseScore of an alternative with a phrase list:
// the summed score its posting records, its terms matched with the title
// postings the mask names (the posting itself stands for a term in the
// title: its TITLE is the document's titleStems).
function phraseListScore(post, a, doc) {
  const p = post.get(a.key)?.get(doc);
  if (!p) return 0;
  for (let k = 0; k < a.length; k++) addMatch(a[k].stem, p[MASK] & (1 << k) ? p : NO_TITLE);
  return p[SCORE];
}

// aligned reports whether the terms' postings hold positions at the
// terms' offsets from one another. Positions ascend, so one pass over
// each list suffices.
function aligned(ps, terms) {
  const lists = ps.map(positions);
  const at = new Array(terms.length).fill(0);
  for (const p0 of lists[0]) {
    let ok = true;
    for (let k = 1; k < terms.length; k++) {
      const want = p0 - terms[0].off + terms[k].off;
      const list = lists[k];
      let i = at[k];
      while (i < list.length && list[i] < want) i++;
      at[k] = i;
      if (i === list.length) return false; // later starts want more still
      if (list[i] !== want) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

// wordScore returns a word's best candidate score in doc; its posting is
// left in wordHit (null when the word is not in doc).
let wordHit = null;

function wordScore(post, cands, doc) {
  let best = 0;
  let hitStem = "";
  let hit = null;
  for (const c of cands) {
    const p = post.get(c.stem)?.get(doc);
    if (p && p[SCORE] * c.weight > best) {
      best = p[SCORE] * c.weight;
      hitStem = c.stem;
      hit = p;
    }
  }
  if (hit) addMatch(hitStem, hit);
  wordHit = hit;
  return best;
}

// Postings of the query's words in order for the document being scored
// (null: a word not in it, or a break such as a phrase), for proximity.
const seqHits = [];

// adjacent reports whether some position of a comes before one of b, at
// most ADJACENT apart.
function adjacent(a, b) {
  const pa = positions(a);
  const pb = positions(b);
  let j = 0;
  for (const x of pa) {
    while (j < pb.length && pb[j] <= x) j++;
    if (j < pb.length && pb[j] - x <= ADJACENT) return true;
  }
  return false;
}

// inTitle reports whether matched postings from..to-1 are all title
// postings (and there is one).
function inTitle(from, to) {
  for (let i = from; i < to; i++) if (matchedPosts[i][TITLE] === 0) return false;
  return to > from;
}

// together reports whether the words of seqHits from start on are each
// adjacent to the next.
function together(start) {
  for (let i = start + 1; i < seqHits.length; i++) if (!adjacent(seqHits[i - 1], seqHits[i])) return false;
  return true;
}

// proximity returns the share of neighbouring query words that are
// adjacent in the document, and the number of neighbours.
function proximity() {
  let pairs = 0;
  let near = 0;
  for (let i = 1; i < seqHits.length; i++) {
    if (seqHits[i - 1] === undefined || seqHits[i] === undefined) continue;
    pairs++;
    if (seqHits[i - 1] && seqHits[i] && adjacent(seqHits[i - 1], seqHits[i])) near++;
  }
  return pairs ? near / pairs : 0;
}

// scoreDoc adds unit scores with a coordination factor (matched words /
// query words) and the whole-title bonus. It returns -1 when a quoted
// phrase is missing. Stems that contributed are added to `used`, when given.
function scoreDoc(post, units, doc, used) {
  let total = 0;
  let matchedCount = 0;
  let all = 0;
  let unitsInTitle = 0;
  matchedStems.length = 0;
  matchedPosts.length = 0;
  seqHits.length = 0;
  for (const u of units) {
    all += u.count;
    const from = matchedPosts.length;
    let whole = false; // the unit is matched in the title alone
    if (u.kind === "word") {
      const s = wordScore(post, u.cands, doc);
      seqHits.push(wordHit);
      if (s > 0) {
        total += s;
        matchedCount++;
      }
      whole = inTitle(from, matchedPosts.length);
    } else if (u.kind === "phrase") {
      const s = phraseScore(post, u.terms, doc);
      if (s === 0) return -1;
      seqHits.push(undefined);
      total += s;
      matchedCount += u.count;
      whole = inTitle(from, matchedPosts.length);
    } else {
      let own = 0;
      let ownCount = 0;
      const start = seqHits.length;
      if (post.phraseFirst && u.own) {
        // The words stand together where the phrase does; elsewhere they
        // count for nothing until the words' lists are read.
        own = phraseListScore(post, u.own, doc);
        if (own > 0) ownCount = u.words.length;
        seqHits.push(undefined);
      } else {
        for (const w of u.words) {
          const s = wordScore(post, w.cands, doc);
          seqHits.push(wordHit);
          if (s > 0) {
            own += s;
            ownCount++;
          }
        }
      }
      whole = ownCount === u.words.length && inTitle(from, matchedPosts.length);
      let alt = 0;
      for (const a of u.alts) {
        const before = matchedPosts.length;
        alt = Math.max(alt, a.key ? phraseListScore(post, a, doc) : phraseScore(post, a, doc));
        whole ||= inTitle(before, matchedPosts.length);
      }
      if (alt > own || (alt > 0 && ownCount < u.words.length)) {
        // The phrase matched through a synonym: one unit, adjacent.
        seqHits.length = start;
        seqHits.push(undefined);
        total += Math.max(own, alt);
        matchedCount += u.count;
      } else if (ownCount < u.words.length) {
        total += own * FRAGMENT;
        matchedCount += ownCount;
      } else if (!together(start)) {
        total += own * SCATTERED;
        matchedCount += ownCount;
      } else {
        total += own;
        matchedCount += ownCount;
      }
    }
    if (whole) unitsInTitle++;
  }
  if (all === 0 || matchedCount === 0) return 0;
  if (used) for (const stem of matchedStems) used.add(stem);
  total *= matchedCount / all;
  total *= 1 + PROXIMITY * proximity();
  // The whole-title bonus: as many distinct matched title stems as the
  // title has (counted without a Set: a query matches a handful of stems).
  let titleStems = 0;
  let titleCount = 0;
  for (let i = 0; i < matchedPosts.length; i++) {
    const p = matchedPosts[i];
    if (p[TITLE] > 0) {
      if (!titleStemBefore(i)) titleStems++;
      titleCount = p[TITLE];
    }
  }
  if (titleCount > 0 && titleStems >= titleCount && matchedCount === all) {
    if (unitsInTitle === units.length) total += TITLE_BONUS;
    else total *= TITLE_COVERED;
  }
  return total;
}

// titleStemBefore reports whether matched stem i already occurred, with a
// title posting, before position i.
function titleStemBefore(i) {
  for (let j = 0; j < i; j++) {
    if (matchedStems[j] === matchedStems[i] && matchedPosts[j][TITLE] > 0) return true;
  }
  return false;
}

// bound is the most scoreDoc can give a document that sits at or below
// depth in every postings list: each unit's best score at that depth
// (scores fall down a list, and the coordination factor is at most 1),
// times the proximity factor at its best. The title bonus and the
// covered-title factor need a title posting: those documents are scored
// before any bound is asked.
function bound(post, units, depth) {
  const at = (stem) => {
    const l = post.get(stem)?.ordered;
    return l && depth < l.length ? l[depth][SCORE] : 0;
  };
  const best = (cands) => {
    let b = 0;
    for (const c of cands) b = Math.max(b, at(c.stem) * c.weight);
    return b;
  };
  const sum = (terms) => {
    let s = 0;
    for (const t of terms) s += at(t.stem);
    return s;
  };
  let total = 0;
  let words = 0;
  for (const u of units) {
    words += u.kind === "span" ? u.words.length : 1;
    if (u.kind === "word") total += best(u.cands);
    else if (u.kind === "phrase") total += sum(u.terms);
    else {
      let own = 0;
      if (post.phraseFirst && u.own) own = at(u.own.key);
      else for (const w of u.words) own += best(w.cands);
      let alt = 0;
      for (const a of u.alts) alt = Math.max(alt, a.key ? at(a.key) : sum(a));
      total += Math.max(own, alt);
    }
  }
  return words > 1 ? total * (1 + PROXIMITY) : total;
}

async function allowedDocs(ix, m, options) {
  const wanted = [
    ["section", options.section],
    ["audience", options.audience],
    ["tag", options.tag],
  ].filter(([, v]) => v);
  if (!wanted.length) return null;
  const table = m.facets ? await ix.load(m.facets) : {};
  let allowed = null;
  for (const [kind, value] of wanted) {
    const path = table[kind]?.[value];
    const docs = path ? (await ix.load(path))[`#${kind}:${value}`] || [] : [];
    const set = new Set(docs);
    allowed = allowed ? new Set([...allowed].filter((d) => set.has(d))) : set;
  }
  return allowed;
}

// resultEntry returns what a result shows of a document: the delta's
// entry of an edited document, else the entries the query's postings
// shards carry for it (the documents at the top of their lists, each with
// the sentences that hold the shard's terms), merged, else the entry in
// its bundle of documents, named by its number and the hash of its group
// of bundles, which the manifest lists.
async function resultEntry(ix, m, id, paths) {
  const edited = m.delta ? (await m[DELTA]).entries.get(id) : undefined;
  if (edited) return edited;
  let out = null;
  const sentences = new Map();
  for (const path of new Set(paths.values())) {
    if (path === DELTA_ONLY) continue;
    const d = (await ix.load(path))[ENTRIES]?.[id];
    if (!d) continue;
    out ??= { ...d, i: undefined, x: undefined };
    (d.i ?? []).forEach((i, k) => sentences.set(i, d.x[k]));
  }
  if (out) {
    out.x = [...sentences.keys()].sort((a, b) => a - b).map((i) => sentences.get(i));
    return out;
  }
  const n = m.docBundleSize;
  const b = Math.floor(id / n);
  const hash = Number.isInteger(id) && id >= 0 && id < m.docs ? m.docBundles[Math.floor(b / m.docBundleGroup)] : undefined;
  return hash ? (await ix.load(`docs/${b}.${hash}.json`))[id % n] : null;
}

const ENTRIES = "#e"; // a postings shard's result entries
const TAILS = "#t"; // a first-query shard's tails: stem → shard number
const TAIL_PREFIX = "~"; // a whole list's key where decoded lists are kept (no stem starts with it)

/**
 * Load the index's manifest before a first query. See the module comment.
 * @param {{base?: string|URL}} [options]
 */
export function warm(options = {}) {
  return indexFor(options.base)
    .manifest()
    .then(
      () => undefined,
      () => undefined,
    );
}

/**
 * Search the index. See the module comment for the contract.
 * @param {string} query
 * @param {{limit?: number, section?: string, tag?: string, audience?: string, base?: string|URL}} [options]
 */
export async function search(query, options = {}) {
  const ix = indexFor(options.base);
  const q = String(query ?? "");
  const results = await withRetry(ix, () => run(ix, q, options));
  if (results.length >= FALLBACK_BELOW || !q.trim()) return results;
  // Few results in this language: the default language's index, when the
  // manifest names one, offers its pages too, labelled with their language.
  const m = await ix.manifest();
  if (!m.fallback) return results;
  const fb = indexFor(new URL(m.fallback.base, ix.base));
  const limit = Math.floor(Number(options.limit ?? 10)) - results.length;
  const more = await withRetry(fb, () => run(fb, q, { ...options, limit }));
  for (const r of more) results.push({ ...r, lang: m.fallback.lang, language: m.fallback.name ?? m.fallback.lang });
  return results;
}

async function run(ix, query, options) {
  const limit = Math.floor(Number(options.limit ?? 10)); // NaN fails the test below
  if (!query.trim() || !(limit > 0)) return [];
  const m = await ix.manifest();
  if (m.version !== FORMAT_VERSION) {
    // An index built by another medkb (a page open across a deploy, or a
    // cached module): withRetry fetches the manifest again once.
    throw new Error(`medkb search: index format ${m.version}, this search.js reads ${FORMAT_VERSION}; reload the page`);
  }
  const p = await plan(ix, m, query);
  if (!p.units.length) return [];
  // Phrase-first: a synonym span whose words are its phrase is scored from
  // the phrase's list, and its words' lists are read (a third round) only
  // when the phrases give fewer results than asked for; not when the first
  // lists hold fewer pages than that (a small site's phrase is on a few
  // pages: it would only cost a third round).
  const phraseFirst = p.later.size > 0 && p.firstDocs >= limit;
  if (!phraseFirst) for (const [k, v] of p.later) p.paths.set(k, v);
  const [heads, allowed] = await Promise.all([postingsFor(ix, m, p.paths, false), allowedDocs(ix, m, options)]);
  let post = heads;
  post.phraseFirst = phraseFirst;
  let top = rank(post, p.units, allowed, limit);
  if (phraseFirst && top.length < limit) {
    for (const [k, v] of p.later) p.paths.set(k, v);
    post = await postingsFor(ix, m, p.paths, false);
    top = rank(post, p.units, allowed, limit);
  }
  if (top.length < limit && post.tails) {
    // Fewer results than asked for from the heads: the whole lists.
    post = await postingsFor(ix, m, p.paths, true);
    top = rank(post, p.units, allowed, limit);
  }
  // Every result's entry is requested before the highlighting is worked out.
  const entries = top.map(([id]) => resultEntry(ix, m, id, p.paths));
  const surfaces = surfaceIndex(p);
  return Promise.all(
    top.map(async ([id, score], i) => {
      // The stems to highlight, for the results shown only.
      const used = new Set();
      scoreDoc(post, p.units, id, used);
      const highlight = highlighter(surfaces, used);
      const d = (await entries[i]) ?? { u: "", t: "" };
      return {
        url: d.u,
        title: d.t,
        excerpt: ix.excerpt(id, highlight.key, () => excerpt(d, highlight)),
        section: d.s ?? "",
        sectionTitle: d.st ?? "",
        audience: d.a ?? "",
        tags: d.g ?? [],
        date: d.d ?? "",
        reviewed: d.r ?? "",
        score: Math.round(score) / 100,
        lang: m.lang,
      };
    }),
  );
}

// rank returns the best `limit` documents of the lists ([doc, score]),
// by score and then document number (allowed: the documents a filter
// keeps, null for all).
function rank(post, units, allowed, limit) {
  // Kept in order as they are found: most candidates fall below the last
  // of them, so nothing sorts the thousands a common word brings.
  const top = [];
  const seen = new Set();
  const consider = (d) => {
    if (seen.has(d)) return;
    seen.add(d);
    if (allowed && !allowed.has(d)) return;
    const s = scoreDoc(post, units, d, null);
    if (s <= 0) return;
    let i = top.length;
    while (i > 0 && (top[i - 1][1] < s || (top[i - 1][1] === s && top[i - 1][0] > d))) i--;
    if (i >= limit) return;
    top.splice(i, 0, [d, s]);
    if (top.length > limit) top.pop();
  };
  // Candidates come from the postings lists in rank order, one depth at a
  // time (Fagin's threshold algorithm): once the last of the best outscores
  // the most a document not seen yet could reach, the rest of the lists
  // cannot change the results. The whole-title bonus is not bounded by list
  // scores, so documents with a title posting are scored first.
  const lists = [...post.values()].map((l) => l.ordered);
  for (const l of lists) for (const q of l) if (q[TITLE] > 0) consider(q[0]);
  const deepest = lists.reduce((n, l) => Math.max(n, l.length), 0);
  for (let depth = 0; depth < deepest; depth++) {
    for (const l of lists) if (depth < l.length) consider(l[depth][0]);
    if (top.length === limit && top[limit - 1][1] > bound(post, units, depth + 1)) break;
  }
  return top;
}

// surfaceIndex returns, for a stem, the folded surface words that produce
// it in the query's vocabulary shards and synonym alternatives.
function surfaceIndex(p) {
  const alts = new Map();
  for (const span of p.alts) {
    for (const ph of span.alts) {
      for (const [surface, stem] of ph) {
        if (!stem) continue;
        if (!alts.has(stem)) alts.set(stem, []);
        alts.get(stem).push(fold(surface));
      }
    }
  }
  return (stem) => {
    const out = [...(alts.get(stem) ?? [])];
    for (const sh of p.shards) out.push(...(sh.byStem.get(stem) ?? []));
    return out;
  };
}

// highlighter returns a predicate telling whether a folded word of a
// document's text should be marked: a surface form of a stem that matched
// in that document, or a word starting with such a stem. key names the
// predicate, for the excerpt cache.
function highlighter(surfaces, used) {
  const words = new Set();
  for (const stem of used) for (const w of surfaces(stem)) words.add(w);
  const stems = [...used].map(fold).filter((s) => Array.from(s).length >= 4);
  const isMatch = (w) => words.has(w) || stems.some((s) => w.startsWith(s));
  isMatch.key = [...words].sort().join(" ") + "\u0000" + stems.sort().join(" ");
  // A matched word contains one of these: an ASCII text that contains none
  // of them (lowercased) has no match, without splitting it into words.
  isMatch.needles = [...words, ...stems];
  return isMatch;
}

// mayMatch reports whether text can hold a word isMatch accepts: false
// only for ASCII text (whose folding is lowercasing, word by word or
// whole) that contains none of its needles.
function mayMatch(text, isMatch) {
  if (!isMatch.needles || !ASCII.test(text)) return true;
  const lower = text.toLowerCase();
  return isMatch.needles.some((n) => lower.includes(n));
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

function countMatches(text, isMatch) {
  if (!mayMatch(text, isMatch)) return 0;
  const seen = new Set();
  for (const m of text.matchAll(WORD)) {
    const f = fold(m[0]);
    if (isMatch(f)) seen.add(f);
  }
  return seen.size;
}

// excerpt picks the sentence with the most distinct matched words (the
// summary when none matches), trims it to a window around the first match
// and marks matches. The result is escaped HTML.
function excerpt(doc, isMatch) {
  const candidates = [...(doc.x ?? []), doc.m ?? ""].filter(Boolean);
  let best = doc.m || candidates[0] || "";
  let bestN = 0;
  for (const s of candidates) {
    const n = countMatches(s, isMatch);
    if (n > bestN) {
      best = s;
      bestN = n;
    }
  }
  return mark(window(best, isMatch), isMatch);
}

function window(text, isMatch) {
  const chars = Array.from(text);
  if (chars.length <= SNIPPET_CHARS) return text;
  let start = 0;
  for (const m of text.matchAll(WORD)) {
    if (isMatch(fold(m[0]))) {
      start = Array.from(text.slice(0, m.index)).length;
      break;
    }
  }
  start = Math.max(0, Math.min(start - 40, chars.length - SNIPPET_CHARS));
  while (start > 0 && chars[start - 1] !== " ") start--;
  const end = Math.min(chars.length, start + SNIPPET_CHARS);
  return (start > 0 ? "…" : "") + chars.slice(start, end).join("") + (end < chars.length ? "…" : "");
}

function mark(text, isMatch) {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    out += escapeHtml(text.slice(last, m.index));
    const w = escapeHtml(m[0]);
    out += isMatch(fold(m[0])) ? `<mark>${w}</mark>` : w;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * Close vocabulary words for a query that found little: up to 5 corrected
 * queries, best first.
 * @param {string} query
 * @param {{base?: string|URL}} [options]
 */
export async function suggest(query, options = {}) {
  const ix = indexFor(options.base);
  return withRetry(ix, () => suggestions(ix, String(query ?? "")));
}

async function suggestions(ix, query) {
  const m = await ix.manifest();
  const words = tokenize(query, m, new Set(m.stopWords));
  if (!words.length) return [];
  const alternatives = await Promise.all(words.map((w) => (w.stop ? [] : closeWords(ix, m, w.folded))));
  const best = words.map((w, i) => (alternatives[i].length && alternatives[i][0].dist > 0 ? alternatives[i][0].word : w.surface));
  const out = new Set();
  const base = best.join(" ");
  if (base !== words.map((w) => w.surface).join(" ")) out.add(base);
  words.forEach((w, i) => {
    for (const alt of alternatives[i]) {
      if (alt.dist === 0) continue;
      const q = best.slice();
      q[i] = alt.word;
      out.add(q.join(" "));
    }
  });
  return [...out].slice(0, 5);
}

// closeWords lists vocabulary words within 2 edits of f (words of 3+
// letters), nearest and most frequent first; an exact match has dist 0.
// The words of the synonym table count as vocabulary (document frequency
// 0): "amoxicilin" gets "amoxicillin", which finds the antibiotics page.
async function closeWords(ix, m, f) {
  if (Array.from(f).length < 3) return [];
  // A word the vocabulary holds is its own answer: the shards of its first
  // two letters (which the search read already) tell; only an unknown word
  // needs those of its swapped letters too.
  const [first, ...swapped] = vocabRanges(f, 2, false);
  let [shards, synonyms] = await Promise.all([vocabShards(ix, m, [first]), m.synonyms ? ix.load(m.synonyms) : null]);
  if (swapped.length && !shards.some((sh) => sh.folded.includes(f))) shards = await vocabShards(ix, m, [first, ...swapped]);
  const found = new Map();
  const consider = (surface, folded, df) => {
    const d = damerau(folded, f, 2);
    if (d > 2) return;
    const old = found.get(surface);
    if (!old || d < old.dist) found.set(surface, { word: surface, dist: d, df });
  };
  for (const sh of shards) sh.w.forEach(([surface, stem], i) => consider(surface, sh.folded[i], sh.t[stem][0]));
  for (const g of synonyms?.g ?? []) {
    for (const ph of g) {
      for (const [surface, stem] of ph) if (stem && !found.has(surface)) consider(surface, fold(surface), 0);
    }
  }
  const list = [...found.values()].sort((a, b) => a.dist - b.dist || b.df - a.df || (a.word < b.word ? -1 : 1));
  if (list.length && list[0].dist === 0) return [list[0]];
  return list.slice(0, 5);
}

/**
 * Sections and audiences of the index, for filter menus.
 * @param {{base?: string|URL}} [options]
 */
export async function facets(options = {}) {
  const m = await indexFor(options.base).manifest();
  return {
    sections: m.sections.map(([name, title, count]) => ({ name, title: title || name, count })),
    audiences: m.audiences.map(([name, count]) => ({ name, count })),
  };
}
