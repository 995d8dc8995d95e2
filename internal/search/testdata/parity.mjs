// Prints what search.js returns for each case, as JSON
// [{results: [{url, score, excerpt}…], suggestions: [string…], files:
// [path…]}…], in case order; files are the index files search() fetched
// for the case (relative to the index folder, as "../../search/…" for the
// index it falls back to), in order. Used by the parity tests (parity_test.go).
// Usage: node parity.mjs <index dir> <cases.json>, a case being
// {q, limit, section, audience, tag}.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

let fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(String(url));
  try {
    const data = await readFile(fileURLToPath(url), "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(data) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};

const [dir, casesFile] = process.argv.slice(2);
// The module a site publishes beside the index (minified, its manifest
// written in) when the folder has one, else the source.
const published = join(dir, "search.js");
const { search, suggest } = await import(existsSync(published) ? pathToFileURL(published).href : "../assets/search.js");
const base = pathToFileURL(dir + "/").href;
const cases = JSON.parse(await readFile(casesFile, "utf8"));
const out = [];
for (const c of cases) {
  const opts = { base, limit: c.limit || 10 };
  for (const k of ["section", "audience", "tag"]) if (c[k]) opts[k] = c[k];
  fetched = [];
  const results = (await search(c.q, opts)).map((h) => ({ url: h.url, score: h.score, excerpt: h.excerpt, lang: h.lang }));
  const files = fetched.map((u) => relative(dir, fileURLToPath(u)).split(sep).join("/"));
  out.push({ results, suggestions: await suggest(c.q, { base }), files });
}
process.stdout.write(JSON.stringify(out));
