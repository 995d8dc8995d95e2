// searchcost.mjs measures what queries cost a browser search module, under
// Node, with a fetch shim that serves files from disk and counts every
// request and its bytes (raw and gzip-compressed with zlib).
//
//   node searchcost.mjs CONFIG_JSON
//   CONFIG_JSON = {"engine": "medkb"|"pagefind", "module": "/abs/path/search.js",
//                  "queries": ["asthma", ...], "limit": 10}
//
// Prints one JSON object: {"queries": [{query, cold: {requests, rounds, bytes,
// gzipBytes, ms, results}, warm: {...}}], "error": "..."}. rounds is the
// number of dependent rounds of requests (the longest chain in which each
// request was sent only after the one before it had arrived): a request
// sent before any response of the query arrived is in round 1, and one sent
// after responses arrived is one round after the latest round among them.
// On a phone link, each round costs at least one round trip. Cold runs a fresh
// module instance per query (a distinct ?instance= URL; modules the search
// module itself imports are shared). Warm runs the query in a fresh instance
// right after that instance answered the previous query of the list (the
// last one, for the first query): the cost of a second query.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { extname } from "node:path";

const cfg = JSON.parse(process.argv[2]);
const moduleURL = pathToFileURL(cfg.module);
const counter = { requests: 0, bytes: 0, gzipBytes: 0 };
// Rounds of the current measurement: the highest round sent, and the
// highest round whose response has arrived.
const rounds = { sent: 0, arrived: 0 };
// Bodies served since the last measurement: their gzip sizes are counted
// after the query's time is taken, so compressing them for the count is
// not charged to the engine.
let served = [];

const types = { ".json": "application/json", ".js": "text/javascript", ".wasm": "application/wasm" };

globalThis.fetch = async (input) => {
  const href = typeof input === "string" ? input : input.url ?? String(input);
  const url = new URL(href, moduleURL);
  url.search = "";
  counter.requests++;
  const round = rounds.arrived + 1;
  rounds.sent = Math.max(rounds.sent, round);
  let body;
  try {
    body = await readFile(fileURLToPath(url));
  } catch {
    return new Response("not found", { status: 404 });
  } finally {
    rounds.arrived = Math.max(rounds.arrived, round);
  }
  counter.bytes += body.length;
  served.push(body);
  const type = types[extname(url.pathname)] ?? "application/octet-stream";
  return new Response(body, { status: 200, headers: { "content-type": type } });
};

let instance = 0;
async function load() {
  const mod = await import(moduleURL.href + "?instance=" + ++instance);
  if (cfg.engine === "pagefind") {
    await mod.options?.({ basePath: new URL("./", moduleURL).href });
  }
  return mod;
}

async function query(mod, q) {
  if (cfg.engine === "pagefind") {
    const res = await mod.search(q);
    const top = await Promise.all(res.results.slice(0, cfg.limit).map((r) => r.data()));
    return { count: top.length, top: top[0]?.meta?.title ?? "" };
  }
  const hits = await mod.search(q, { limit: cfg.limit });
  return { count: hits.length, top: hits[0]?.title ?? "" };
}

function countGzip() {
  for (const body of served) counter.gzipBytes += gzipSync(body).length;
  served = [];
}

async function measure(mod, q) {
  countGzip();
  const before = { ...counter };
  rounds.sent = rounds.arrived = 0;
  const start = performance.now();
  const r = await query(mod, q);
  const ms = performance.now() - start;
  countGzip();
  return {
    requests: counter.requests - before.requests,
    rounds: rounds.sent,
    bytes: counter.bytes - before.bytes,
    gzipBytes: counter.gzipBytes - before.gzipBytes,
    ms,
    results: r.count,
    top: r.top,
  };
}

const out = { queries: [] };
try {
  const n = cfg.queries.length;
  for (const [i, q] of cfg.queries.entries()) {
    const cold = await measure(await load(), q);
    const second = await load();
    await query(second, cfg.queries[(i + n - 1) % n]);
    const warm = await measure(second, q);
    out.queries.push({ query: q, cold, warm });
  }
} catch (err) {
  out.error = String(err?.stack ?? err).split("\n").slice(0, 3).join(" | ");
}
process.stdout.write(JSON.stringify(out) + "\n");
