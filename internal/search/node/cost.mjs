// Measures what search.js fetches for each query, on a cold page: a fresh
// module instance per query. Used by search.QueryCosts.
// Usage: node cost.mjs <dir holding search.js and index/> <queries.json>
// Prints JSON: [[fetched path, …] per query], paths relative to index/.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [dir, queriesFile] = process.argv.slice(2);
const base = pathToFileURL(dir + "/index/").href;
let fetched = [];
globalThis.fetch = async (url) => {
  const href = String(url);
  fetched.push(href.startsWith(base) ? href.slice(base.length) : href);
  try {
    const data = await readFile(fileURLToPath(url), "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(data) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};
const queries = JSON.parse(await readFile(queriesFile, "utf8"));
const out = [];
for (const [i, q] of queries.entries()) {
  const { search } = await import(pathToFileURL(dir + "/search.js").href + "?run=" + i);
  fetched = [];
  await search(q, { base });
  out.push(fetched);
}
process.stdout.write(JSON.stringify(out));
