// Runs the suite's queries through Pagefind's browser module (pagefind.js)
// under Node, over an index `pagefind --site DIR` wrote, and prints the
// result URLs: [[url…] per query]. Used by BenchmarkRelevancePagefind.
// Usage: node pagefind.mjs <site dir> <queries.json>
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [dir, queriesFile] = process.argv.slice(2);
const root = pathToFileURL(dir + "/pagefind/");
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url ?? String(input), root);
  url.search = "";
  try {
    return new Response(await readFile(fileURLToPath(url)), { status: 200 });
  } catch {
    return new Response("not found", { status: 404 });
  }
};
const pf = await import(new URL("pagefind.js", root).href);
await pf.options({ basePath: root.href });
const out = [];
for (const q of JSON.parse(await readFile(queriesFile, "utf8"))) {
  const res = await pf.search(q);
  const top = await Promise.all(res.results.slice(0, 10).map((r) => r.data()));
  // URLs come back prefixed with the base path: keep the site's own path.
  out.push(top.map((d) => d.url.slice(d.url.indexOf(dir) + dir.length).replace(/index\.html$/, "")));
}
process.stdout.write(JSON.stringify(out));
