// Behaviour tests of assets/search.js, run by TestSearchJS (node_test.go)
// against indexes that Go's Build wrote to MEDKB_INDEX_EN and MEDKB_INDEX_ES.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url));
  try {
    const data = await readFile(fileURLToPath(url), "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(data) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};

const { search, suggest, facets, damerau } = await import("../assets/search.js");
const en = pathToFileURL(process.env.MEDKB_INDEX_EN + "/").href;
const es = pathToFileURL(process.env.MEDKB_INDEX_ES + "/").href;
const deep = pathToFileURL(process.env.MEDKB_INDEX_DEEP + "/").href;

async function first(query, options = {}) {
  const hits = await search(query, { base: en, ...options });
  assert.ok(hits.length > 0, `${query}: no results`);
  return hits[0].url;
}

const firstCases = [
  ["prefix while typing", "asth", "/conditions/asthma/"],
  ["prefix of a longer word", "myocard", "/conditions/myocardial-infarction/"],
  ["typo: substitution", "diabetis", "/conditions/diabetes/"],
  ["typo: insertion", "asthama", "/conditions/asthma/"],
  ["typo: transposition", "hypretension", "/conditions/hypertension/"],
  ["synonym phrase", "heart attack", "/conditions/myocardial-infarction/"],
  ["synonym abbreviation", "MI", "/conditions/myocardial-infarction/"],
  ["clinical term", "myocardial infarction", "/conditions/myocardial-infarction/"],
  ["multi-word synonym to one word", "high blood pressure ", "/conditions/hypertension/"],
  ["multi-word synonym to multi-word", "angiotensin converting enzyme inhibitor ", "/conditions/hypertension/"],
  ["stemming", "vaccination", "/guides/vaccines/"],
  ["title first", "asthma ", "/conditions/asthma/"],
  ["phrase", '"blood flow to part"', "/conditions/myocardial-infarction/"],
];
for (const [name, query, want] of firstCases) {
  test(`${name}: ${query} → ${want}`, async () => {
    assert.equal(await first(query), want);
  });
}

test("the module medkb publishes beside an index reads its written-in manifest, never manifest.json", async () => {
  const published = await import(en + "search.js");
  const before = fetched.length;
  const hits = await published.search("diabetis");
  assert.equal(hits[0]?.url, "/conditions/diabetes/");
  assert.deepEqual(await published.facets(), await facets({ base: en }));
  const mine = fetched.slice(before).filter((u) => u.startsWith(en));
  assert.ok(mine.length > 0, "the query read no postings");
  assert.deepEqual(mine.filter((u) => u.endsWith("/manifest.json")), []);
  assert.deepEqual(hits, await search("diabetis", { base: en }));
});

test("the published module over a delta ranks as the fetched manifest does", async () => {
  const delta = pathToFileURL(process.env.MEDKB_INDEX_DELTA + "/").href;
  const published = await import(delta + "search.js");
  for (const q of ["asthma", "wheez", "inhaler"]) {
    assert.deepEqual(await published.search(q), await search(q, { base: delta }), q);
  }
});

test("a phrase in the wrong order matches nothing", async () => {
  assert.deepEqual(await search('"flow blood"', { base: en }), []);
});

test("a quoted phrase is required; free words only rank", async () => {
  const hits = await search('"blood flow" vaccines', { base: en });
  assert.ok(hits.length >= 2);
  for (const h of hits) assert.ok(["/conditions/myocardial-infarction/", "/guides/vaccines/"].includes(h.url), h.url);
  assert.equal(hits[0].url, "/guides/vaccines/");
});

test("filters by section, audience and tag", async () => {
  const guides = await search("blood", { base: en, section: "guides" });
  assert.ok(guides.length > 0);
  for (const h of guides) assert.equal(h.section, "guides");
  const clin = await search("treatment", { base: en, audience: "clinician", limit: 50 });
  assert.ok(clin.length > 0);
  for (const h of clin) assert.equal(h.audience, "clinician");
  const tagged = await search("treatment", { base: en, tag: "cardiology" });
  assert.deepEqual(tagged.map((h) => h.url).sort(), ["/conditions/hypertension/", "/conditions/myocardial-infarction/"]);
  assert.deepEqual(await search("blood", { base: en, section: "no-such-section" }), []);
});

test("limit bounds the results", async () => {
  assert.equal((await search("treatment", { base: en, limit: 3 })).length, 3);
  assert.equal((await search("treatment", { base: en })).length, 10);
  assert.deepEqual(await search("treatment", { base: en, limit: 0 }), []);
  assert.deepEqual(await search("treatment", { base: en, limit: NaN }), []);
  assert.equal((await search("treatment", { base: en, limit: "3" })).length, 3);
  assert.equal((await search("treatment", { base: en, limit: 2.7 })).length, 2);
  assert.deepEqual(await search("   ", { base: en }), []);
});

test("an index in another format is refused with a clear error", async () => {
  const dir = await mkdtemp(join(tmpdir(), "medkb-format-"));
  const m = JSON.parse(await readFile(new URL("manifest.json", en), "utf8"));
  m.version = 1;
  await writeFile(join(dir, "manifest.json"), JSON.stringify(m));
  try {
    await assert.rejects(search("asthma", { base: pathToFileURL(dir + "/").href }), /index format 1, this search.js reads 5; reload the page/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("results carry metadata and an excerpt with marks", async () => {
  const [hit] = await search("tetanus", { base: en });
  assert.equal(hit.url, "/guides/vaccines/");
  assert.equal(hit.title, "Vaccines for adults");
  assert.equal(hit.section, "guides");
  assert.equal(hit.sectionTitle, "Guides");
  assert.match(hit.excerpt, /<mark>tetanus<\/mark> booster/);
  assert.ok(hit.score > 0);
});

test("markup typed by a writer is escaped in excerpts and kept as data in titles", async () => {
  const hits = await search("script test", { base: en });
  const hit = hits.find((h) => h.url === "/guides/xss/");
  assert.ok(hit, "xss page not found");
  assert.equal(hit.title, "<img src=x onerror=alert(1)>");
  assert.ok(!/<(?!\/?mark>)/.test(hit.excerpt), `unescaped tag in ${hit.excerpt}`);
  assert.equal(hit.excerpt.replace(/<\/?mark>/g, ""), "Script test &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ends here.");
});

test("only words that matched in the page are marked", async () => {
  // "asthma" brings in the synonym "reactive airway disease", which this
  // page does not contain: "airways" must stay unmarked.
  const [hit] = await search("asthama", { base: en });
  assert.equal(hit.url, "/conditions/asthma/");
  assert.match(hit.excerpt, /<mark>Asthma<\/mark>/);
  assert.doesNotMatch(hit.excerpt, /<mark>airways/);
});

test("suggest offers close vocabulary words", async () => {
  assert.ok((await suggest("diabetis", { base: en })).includes("diabetes"));
  assert.ok((await suggest("wheezng inhaler", { base: en })).includes("wheezing inhaler"));
  assert.deepEqual(await suggest("asthma", { base: en }), []);
});

test("facets lists sections and audiences", async () => {
  const f = await facets({ base: en });
  assert.ok(f.sections.some((s) => s.name === "conditions" && s.title === "Conditions" && s.count > 0));
  assert.ok(f.audiences.some((a) => a.name === "patient"));
});

test("Spanish: a query finds a page through stemming and synonyms", async () => {
  assert.equal((await search("vacunación", { base: es }))[0]?.url, "/es/vacunas/");
  assert.equal((await search("vacuna", { base: es }))[0]?.url, "/es/vacunas/");
  assert.equal((await search("ataque al corazón", { base: es }))[0]?.url, "/es/infarto/");
  assert.equal((await search("ulcera", { base: es }))[0]?.url, "/es/ulcera/");
});

test("cross-language: few Spanish results bring the English pages, labelled", async () => {
  const site = pathToFileURL(process.env.MEDKB_INDEX_SITE + "/").href;
  const esBase = new URL("es/search/", site).href;
  fetched.length = 0;
  const hits = await search("infarto ", { base: esBase });
  assert.equal(hits[0]?.url, "/es/infarto/");
  assert.equal(hits[0].lang, "es");
  assert.equal(hits[0].language, undefined, "a result in the page's language has no label");
  const en = hits.find((h) => h.url === "/conditions/heart-attack/");
  assert.ok(en, `no English heart-attack page in ${JSON.stringify(hits.map((h) => h.url))}`);
  assert.equal(en.lang, "en");
  assert.equal(en.language, "English");
  assert.ok(hits.indexOf(en) > 0, "the page's own language comes first");
  assert.ok(fetched.includes(new URL("search/manifest.json", site).href), "the English index is read from the manifest's fallback");
  assert.ok((await search("infarto", { base: esBase, limit: 1 })).every((h) => h.lang === "es"), "a full first page needs no fallback");
});

test("damerau counts a transposition as one edit", () => {
  assert.equal(damerau("asthma", "asthma", 2), 0);
  assert.equal(damerau("hypretension", "hypertension", 2), 1);
  assert.equal(damerau("asthama", "asthma", 2), 1);
  assert.equal(damerau("abc", "xyz", 1), 2);
});

test("shards are fetched once and only from the index directory", async () => {
  fetched.length = 0;
  await search("asthma inhaler", { base: en });
  await search("asthma inhaler", { base: en });
  assert.equal(new Set(fetched).size, fetched.length, "a file was fetched twice");
  for (const u of fetched) assert.ok(u.startsWith(en), u);
});

// Holds the early stop and the kept-in-order results to a limitless search;
// whether the stop is ever too early is the deep-list test's job below.
test("the first results are the same whatever the limit", async () => {
  const queries = ["treatment", "heart attack", "high blood pressure", "diabetes", "asthma inhaler", "diabetis",
    "hyper", '"blood pressure"', "pain relief for children", "vaccine side effects", "the"];
  let longer = 0; // cases with more results than their limit
  for (const q of queries) {
    const all = await search(q, { base: en, limit: 1e6 });
    for (const limit of [1, 3, 10]) {
      const some = await search(q, { base: en, limit });
      assert.deepEqual(some.map((r) => [r.url, r.score]), all.slice(0, limit).map((r) => [r.url, r.score]), `${q}, limit ${limit}`);
      if (all.length > limit) longer++;
    }
  }
  assert.ok(longer >= 10, `only ${longer} cases had more results than their limit`);
});

test("a page deep in every list still comes first when it matches the whole query", async () => {
  const [top] = await search("zebra quokka", { base: deep, limit: 1 });
  assert.equal(top?.url, "/both/");
  const all = await search("zebra quokka", { base: deep, limit: 1e6 });
  assert.equal(all.length, 61);
  assert.deepEqual((await search("zebra quokka", { base: deep, limit: 5 })).map((r) => r.url), all.slice(0, 5).map((r) => r.url));
});

test("a query of hot words reads its postings right after the manifest", async () => {
  const fresh = await import("../assets/search.js?hot");
  fetched.length = 0;
  const hits = await fresh.search("asthma inhaler", { base: en });
  assert.equal(hits[0].url, "/conditions/asthma/");
  const files = fetched.map((u) => u.slice(en.length).replace(/[/.].*/, ""));
  assert.deepEqual([...new Set(files)].sort(), ["manifest", "postings"], fetched.join(" "));
  // A typo is no hot word: its vocabulary shards are read first.
  fetched.length = 0;
  await fresh.search("asthama", { base: en });
  assert.ok(fetched.some((u) => u.includes("/vocab/")), fetched.join(" "));
});

// MEDKB_INDEX_LONG: 40 notes on zebras, ranked in document order by
// both of their lists; a postings shard carries the entries of the first 20.
const long = pathToFileURL(process.env.MEDKB_INDEX_LONG + "/").href;

test("results come with their postings: a document file only for a page no shard carries", async () => {
  fetched.length = 0;
  const top = await search("zebra", { base: long, limit: 10 });
  assert.deepEqual(top.map((r) => r.url), [...Array(10).keys()].map((i) => `/n/0${i}/`));
  for (const r of top) assert.match(r.excerpt, /^<mark>zebra<\/mark> <mark>zebra<\/mark>/);
  assert.deepEqual(fetched.filter((u) => u.includes("/docs/")), [], "the top of a list needs no document file");
  const all = await search("zebra", { base: long, limit: 40 });
  assert.deepEqual(all.map((r) => r.url), [...Array(40).keys()].map((i) => `/n/${String(i).padStart(2, "0")}/`));
  for (const r of all) {
    assert.equal(r.title, "Note");
    assert.match(r.excerpt, /^<mark>zebra<\/mark>/);
  }
  // Notes 20–39 come from the bundles of documents 16–31 and 32–47.
  assert.equal(fetched.filter((u) => u.includes("/docs/")).length, 2, "two bundles of documents");
});

// MEDKB_INDEX_DELTA is the index with a delta segment over it: the asthma
// page's body was edited (it lost "reliever inhaler … minutes" and gained
// "montelukast"); MEDKB_INDEX_EDITED is a full build of the edited site.
const delta = pathToFileURL(process.env.MEDKB_INDEX_DELTA + "/").href;
const edited = pathToFileURL(process.env.MEDKB_INDEX_EDITED + "/").href;

test("a delta segment finds an edited page by its new words only", async () => {
  const [hit] = await search("montelukast", { base: delta });
  assert.equal(hit?.url, "/conditions/asthma/");
  assert.match(hit.excerpt, /<mark>Montelukast<\/mark> is a tablet/);
  assert.equal((await search("montelucast", { base: delta }))[0]?.url, "/conditions/asthma/", "typo in a word only the delta holds");
  assert.ok((await suggest("montelucast", { base: delta })).includes("montelukast"));
  for (const q of ["reliever", "minutes"]) {
    const urls = (await search(q, { base: delta, limit: 1e6 })).map((h) => h.url);
    assert.ok(!urls.includes("/conditions/asthma/"), `${q}: the edited page is still found by a word it lost`);
  }
});

test("a delta segment rides in the manifest: the vocabulary comes in the second round", async () => {
  // A fresh module instance: nothing of this index is cached yet.
  const { search: cold } = await import("../assets/search.js?delta-rounds");
  const plain = globalThis.fetch;
  const round = {}; // first path segment → the dependent round it was fetched in
  let arrived = 0;
  globalThis.fetch = async (url) => {
    const r = arrived + 1;
    const kind = String(url).slice(delta.length).split("/")[0];
    round[kind] ??= r;
    try {
      return await plain(url);
    } finally {
      arrived = Math.max(arrived, r);
    }
  };
  try {
    assert.equal((await cold("montelukast", { base: delta }))[0]?.url, "/conditions/asthma/");
  } finally {
    globalThis.fetch = plain;
  }
  // montelukast's stem is the delta's alone ("+"), and no page holds its
  // alternative "asthma medicine" side by side, so no postings shard
  // (format 4 read those of "asthma" and "medicine", in a third round).
  assert.deepEqual(round, { "manifest.json": 1, vocab: 2 });
});

test("a query of hot words over a delta segment takes two rounds: the manifest with the delta, then postings", async () => {
  const { search: cold } = await import("../assets/search.js?delta-hot");
  const plain = globalThis.fetch;
  const round = {};
  let arrived = 0;
  globalThis.fetch = async (url) => {
    const r = arrived + 1;
    const kind = String(url).slice(delta.length).split("/")[0];
    round[kind] ??= r;
    try {
      return await plain(url);
    } finally {
      arrived = Math.max(arrived, r);
    }
  };
  try {
    const hits = await cold("asthma wheezing", { base: delta });
    assert.equal(hits[0]?.url, "/conditions/asthma/");
    assert.match(hits[0].excerpt, /<mark>Asthma<\/mark> causes <mark>wheezing<\/mark>/, "the edited page's entry, from the delta");
  } finally {
    globalThis.fetch = plain;
  }
  assert.deepEqual(round, { "manifest.json": 1, postings: 2 });
});

test("a delta segment matches the pages a full build matches", async () => {
  const queries = ["montelukast", "asthma", "wheezing", "reliever inhaler", "inhaler", "night", "breath", "treatment",
    "asthma tablet", '"shortness of breath"', "diabetis", "airways"];
  for (const q of queries) {
    const got = (await search(q, { base: delta, limit: 1e6 })).map((h) => h.url).sort();
    const want = (await search(q, { base: edited, limit: 1e6 })).map((h) => h.url).sort();
    assert.deepEqual(got, want, q);
  }
});

test("a delta segment leaves results without the edited page as they were", async () => {
  for (const q of ["diabetes", "tetanus booster", "myocardial", "hyper"]) {
    const got = await search(q, { base: delta, limit: 1e6 });
    assert.ok(got.length > 0, q);
    assert.ok(!got.some((h) => h.url === "/conditions/asthma/"), q);
    assert.deepEqual(
      got.map((h) => [h.url, h.score, h.excerpt]),
      (await search(q, { base: en, limit: 1e6 })).map((h) => [h.url, h.score, h.excerpt]),
      q,
    );
  }
});

test("a typo of a hot word reads its postings beside the vocabulary, in the second round", async () => {
  const { search: cold } = await import("../assets/search.js?typo-rounds");
  const plain = globalThis.fetch;
  const last = {}; // first path segment → the last dependent round it was fetched in
  let arrived = 0;
  globalThis.fetch = async (url) => {
    const r = arrived + 1;
    const kind = String(url).slice(en.length).split("/")[0];
    last[kind] = Math.max(last[kind] ?? 0, r);
    try {
      return await plain(url);
    } finally {
      arrived = Math.max(arrived, r);
    }
  };
  let hits;
  try {
    hits = await cold("astma", { base: en });
  } finally {
    globalThis.fetch = plain;
  }
  // The vocabulary shards hold the synonym groups their words may match:
  // no synonym table (format 4 read it beside them).
  assert.deepEqual(last, { "manifest.json": 1, vocab: 2, postings: 2 });
  // The guess only warms the cache: the answer is the one the vocabulary
  // path gives (a module whose cache holds the whole index).
  assert.deepEqual(hits, await search("astma", { base: en }));
  assert.equal(hits[0]?.url, "/conditions/asthma/");
});
