// The workers benchmark (`cargo xtask bench workers`): the example worker
// (target/workers/dist, built by xtask) in workerd via miniflare on 127.0.0.1,
// loaded over HTTP with keep-alive connections from node's fetch. In the same
// run and in interleaved batches:
//
// - kkgen: `POST /geo.v1/Geometry/is_live` `{"model":1}`, a small op through
//   the generated Hono route (Zod validation), the generated client and the
//   direct transport into the Rust module, and back as JSON;
// - the floor: `POST /_worker/constant` with the same body, the same worker
//   and router answering a constant without reading it.
//
// Figures: requests/s (median over batches) and p50/p99 latency (over every
// request of the run) for each, then the goal: kkgen ≥ 0.8× the floor's
// requests/s. A benchmark, not a test: it prints figures and exits 0 unless
// something failed to run or answered wrong. Bounded: fixed counts, and each
// batch has a time limit.
import assert from "node:assert/strict";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { artifact } from "../artifacts.mjs";

const DIST = artifact("workers_dist");
const BATCHES = 10;
const PER_BATCH = 1000;
const CONCURRENCY = 8;
const BATCH_LIMIT_MS = 30_000;
const body = JSON.stringify({ model: 1 });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

const mf = new Miniflare({
  modules: [
    { type: "ESModule", path: join(DIST, "worker.js") },
    { type: "CompiledWasm", path: join(DIST, "geometry.wasm") },
    { type: "CompiledWasm", path: join(DIST, "rules.wasm") },
  ],
  modulesRoot: DIST,
  compatibilityDate: "2026-04-01",
  host: "127.0.0.1",
  port: 0,
  bindings: { KK_DIAGNOSTICS: "1" },
});
const base = (await mf.ready).href.replace(/\/$/, "");

/** One batch of `PER_BATCH` POSTs to `path`, `CONCURRENCY` at a time: requests/s and each latency (ms). */
async function batch(path, expected) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + BATCH_LIMIT_MS;
  const lane = async () => {
    while (next < PER_BATCH) {
      next++;
      assert.ok(performance.now() < deadline, `a batch of ${path} took over ${BATCH_LIMIT_MS} ms`);
      const t = performance.now();
      const response = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const text = await response.text();
      latencies.push(performance.now() - t);
      assert.equal(response.status, 200, text);
      assert.equal(text, expected);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return { rps: (PER_BATCH / (performance.now() - started)) * 1000, latencies };
}

const rows = { kkgen: { path: "/geo.v1/Geometry/is_live", expected: "false", rps: [], lat: [] }, floor: { path: "/_worker/constant", expected: "true", rps: [], lat: [] } };
try {
  // Warm-up: the app built, the module instantiated, the JIT warm.
  for (const row of Object.values(rows)) await batch(row.path, row.expected);
  for (let i = 0; i < BATCHES; i++) {
    const order = i % 2 === 0 ? ["kkgen", "floor"] : ["floor", "kkgen"];
    for (const name of order) {
      const { rps, latencies } = await batch(rows[name].path, rows[name].expected);
      rows[name].rps.push(rps);
      rows[name].lat.push(...latencies);
    }
  }
} finally {
  await mf.dispose();
}

console.log(`workers: workerd (miniflare) on 127.0.0.1, ${BATCHES} interleaved batches of ${PER_BATCH} requests, ${CONCURRENCY} in flight, node fetch keep-alive`);
console.log(`  ${"".padEnd(44)} ${"req/s".padStart(9)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}`);
for (const [name, label] of [["kkgen", "kkgen: is_live via Hono + Zod + direct (Rust)"], ["floor", "floor: the same worker's constant route"]]) {
  const r = rows[name];
  console.log(`  ${label.padEnd(44)} ${median(r.rps).toFixed(0).padStart(9)} ${percentile(r.lat, 0.5).toFixed(2).padStart(8)} ${percentile(r.lat, 0.99).toFixed(2).padStart(8)}`);
}
const ratio = median(rows.kkgen.rps) / median(rows.floor.rps);
console.log(`  ${ratio >= 0.8 ? "MET   " : "MISSED"} requests/s ≥ 0.8x the constant route: ${ratio.toFixed(2)}x median`);
