// Prints the top-5 URLs search.js returns for each query, as JSON
// {query: [url…]}. Used by TestParityWithBleve (parity_test.go).
// Usage: node parity.mjs <index dir> <queries.json>
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

globalThis.fetch = async (url) => {
  try {
    const data = await readFile(fileURLToPath(url), "utf8");
    return { ok: true, status: 200, json: async () => JSON.parse(data) };
  } catch {
    return { ok: false, status: 404, json: async () => null };
  }
};

const { search } = await import("../assets/search.js");
const [dir, queriesFile] = process.argv.slice(2);
const base = pathToFileURL(dir + "/").href;
const queries = JSON.parse(await readFile(queriesFile, "utf8"));
const out = {};
for (const q of queries) out[q] = (await search(q, { base, limit: 5 })).map((h) => h.url);
process.stdout.write(JSON.stringify(out));
