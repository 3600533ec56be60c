// The peers benchmark's driver (`cargo xtask bench peers`, suite `peers` with
// tiny sizes): bundles each variant's JS with esbuild (minified), prints the
// .wasm and bundle sizes, then loads, checks and times every variant in node
// (this process) and in headless Chromium (tests/browser's harness, Debian's
// chromium), and prints per environment the table and the goals of issue 17,
// each MET or MISSED. Exits 1 when a variant's answers differ or a runner
// fails (a missed goal is printed, not an error).
//
// The modules are built by the xtask into target/peers/ (kkgen/, bindgen/,
// json/, jco/, go/); the generated TS client is the checked-in examples/peers/sdk/ts.
//
// Environment: PEERS_BATCHES (15), PEERS_BATCH_MS (10: calls per batch are
// calibrated to about this), PEERS_MAX_CALLS (1000000), PEERS_SCALE_FLOATS
// (16777216), PEERS_BOUNDS_FLOATS (3000), PEERS_FEWER_BATCHES (3: batches the
// JSON scale row runs in, one call each), PEERS_ENVS (node,chromium).
import { readFile, readdir, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { COPIES, COUNTING, runAll } from "./core.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const OUT = "target/peers";
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const opts = {
  batches: env("PEERS_BATCHES", 15),
  batchMs: env("PEERS_BATCH_MS", 10),
  maxCalls: env("PEERS_MAX_CALLS", 1_000_000),
  scaleFloats: env("PEERS_SCALE_FLOATS", 16 << 20),
  boundsFloats: env("PEERS_BOUNDS_FLOATS", 3000),
  fewerBatches: env("PEERS_FEWER_BATCHES", 3),
};
const envs = (process.env.PEERS_ENVS ?? "node,chromium").split(",");
/** Goal 4's limit: the direct-only bundle, min+gzip. */
const BUNDLE_GOAL = 3 * 1024;

/** The variants: their bundle's entry and the modules their `load` gets. */
async function manifest() {
  const jco = (await readdir(join(ROOT, OUT, "jco"))).filter((f) => f.endsWith(".wasm")).sort();
  return {
    variants: {
      A: { name: "A kkgen (direct)", entry: "kkgen", wasm: [`${OUT}/kkgen/peers_kkgen.wasm`] },
      B: { name: "B wasm-bindgen", entry: "bindgen", wasm: [`${OUT}/bindgen/peers_bindgen_bg.wasm`] },
      C: { name: "C wit-bindgen + jco", entry: "jco", wasm: jco.map((f) => `${OUT}/jco/${f}`) },
      D: { name: "D JSON boundary", entry: "json", wasm: [`${OUT}/json/peers_json_bg.wasm`] },
      Go: { name: "Go kkgen (direct)", entry: "kkgen", wasm: [`${OUT}/go/peers-go.wasm`] },
    },
  };
}

/** esbuild of one entry (examples/peers/js/entries/<name>.mjs), minified ESM; returns its path below the root. */
async function bundle(name) {
  const outfile = `${OUT}/bundles/${name}.js`;
  await build({
    entryPoints: [join(ROOT, `examples/peers/js/entries/${name}.mjs`)],
    outfile: join(ROOT, outfile),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "error",
    // jco's glue reads its modules with node:fs/promises on node (not in the bundle, not called here).
    external: ["node:*"],
    // The namespace import's optional createPeersSyncClient is undefined until the sync client exists.
    logOverride: { "import-is-undefined": "silent" },
  });
  return outfile;
}

const sizeOf = async (path) => {
  const bytes = await readFile(join(ROOT, path));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

/** A duration in ns as text with a unit. */
function duration(ns) {
  if (ns < 1e3) return `${ns.toFixed(1)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(1)} ms`;
  return `${(ns / 1e9).toFixed(2)} s`;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The row each op's "×B" and "×kkgen" columns divide by. */
const BASE_B = { add: "B add (sync)", greet: "B greet", bounds: "B bounds (#[wasm_bindgen] struct)", scale: "B scale" };
const BASE_KK = { add: "A kkgen add", greet: "A kkgen greet", bounds: "A kkgen bounds", scale: "A kkgen scale" };

/** Prints one environment's table; returns `{ [row]: { median, min } }`. */
function table(label, results) {
  const stats = {};
  for (const list of Object.values(results)) {
    for (const r of list) if (!r.missing && r.ns.length) stats[r.row] = { median: median(r.ns), min: Math.min(...r.ns) };
  }
  console.log(`\n${label}: per call, median of the interleaved batches and the fastest batch; ratios of medians`);
  console.log(`  ${"op".padEnd(7)}${"row".padEnd(36)}${"median".padStart(11)}${"fastest".padStart(11)}${"×B".padStart(8)}${"×kkgen".padStart(8)}${"copies".padStart(8)}  calls×batches`);
  for (const [op, list] of Object.entries(results)) {
    for (const r of list) {
      const s = stats[r.row];
      const copies = String(COPIES[r.row] ?? 0).padStart(8);
      if (!s) {
        console.log(`  ${op.padEnd(7)}${r.row.padEnd(36)}${"n/a".padStart(11)}${"n/a".padStart(11)}${"".padStart(8)}${"".padStart(8)}${copies}  (not available in this build)`);
        continue;
      }
      const ratio = (base) => (stats[base] ? `${(s.median / stats[base].median).toFixed(2)}x` : "n/a").padStart(8);
      const note = r.fewer ? "  (fewer iterations: 1 call in each of the first batches)" : "";
      console.log(`  ${op.padEnd(7)}${r.row.padEnd(36)}${duration(s.median).padStart(11)}${duration(s.min).padStart(11)}${ratio(BASE_B[op])}${ratio(BASE_KK[op])}${copies}  ${r.calls}×${r.ns.length}${note}`);
    }
  }
  return stats;
}

/** Prints one goal line; returns whether it was met. */
function goal(text, value, limit, detail = "") {
  const met = value !== undefined && Number.isFinite(value) && value <= limit;
  const shown = value === undefined || !Number.isFinite(value) ? "n/a" : `${value.toFixed(2)}x`;
  console.log(`  ${met ? "MET   " : "MISSED"} ${text.padEnd(58)} ${shown.padStart(7)} (goal ≤ ${limit}x)${detail}`);
  return met;
}

/** Goals 1, 2, 3 and 5 of one environment, from its table's medians. */
function goals(label, s) {
  const ratio = (a, b) => (s[a] && s[b] ? s[a].median / s[b].median : undefined);
  const best = (a, b) => (s[a] && s[b] ? `; fastest batches ${(s[a].min / s[b].min).toFixed(2)}x` : "");
  console.log(`\nGoals (issue 17), ${label}:`);
  goal("1 default scale / wasm-bindgen scale", ratio("A kkgen scale", "B scale"), 1.0, best("A kkgen scale", "B scale"));
  goal("1 borrow scale / wasm-bindgen scale", ratio("A kkgen scale (borrow)", "B scale"), 0.5, best("A kkgen scale (borrow)", "B scale"));
  goal("2 greet / wasm-bindgen greet", ratio("A kkgen greet", "B greet"), 1.5, best("A kkgen greet", "B greet"));
  goal("3 sync add / wasm-bindgen sync add", ratio("A kkgen sync add", "B add (sync)"), 2.0, best("A kkgen sync add", "B add (sync)"));
  for (const op of Object.keys(BASE_KK)) {
    const kk = BASE_KK[op];
    const peers = [`C jco ${op}`, `D JSON ${op}`].filter((p) => s[p]);
    const worst = Math.max(...peers.map((p) => ratio(kk, p)));
    const detail = peers.map((p) => `; vs ${p.split(" ")[0] === "C" ? "jco" : "JSON"} ${ratio(kk, p).toFixed(2)}x`).join("");
    // "Ahead" is strictly faster: the ratio to the faster of jco and JSON is below 1.
    goal(`5 ${kk} ahead of jco and JSON`, peers.length === 2 ? worst : undefined, 0.999, detail);
  }
}

let failed = false;
const m = await manifest();
await mkdir(join(ROOT, OUT, "bundles"), { recursive: true });
const entries = [...new Set(Object.values(m.variants).map((v) => v.entry)), "geometry-direct"];
const bundles = Object.fromEntries(await Promise.all(entries.map(async (e) => [e, await bundle(e)])));
for (const v of Object.values(m.variants)) v.bundle = bundles[v.entry];

console.log(`peers benchmark: ${JSON.stringify(opts)}`);
console.log("(a shared, noisy machine gives noisy medians: compare rows of one run, not runs)");
console.log(`\nSizes: .wasm after wasm-opt -Oz (jco: its core modules), JS bundle esbuild --minify; gzip level 9`);
console.log(`  ${"variant".padEnd(24)}${"wasm raw".padStart(10)}${"wasm gzip".padStart(10)}${"JS min".padStart(10)}${"JS gzip".padStart(10)}`);
for (const v of Object.values(m.variants)) {
  const wasm = await Promise.all(v.wasm.map(sizeOf));
  const raw = wasm.reduce((a, w) => a + w.raw, 0);
  const gz = wasm.reduce((a, w) => a + w.gzip, 0);
  const js = await sizeOf(v.bundle);
  console.log(`  ${v.name.padEnd(24)}${kb(raw).padStart(10)}${kb(gz).padStart(10)}${kb(js.raw).padStart(10)}${kb(js.gzip).padStart(10)}`);
}
const direct = await sizeOf(bundles["geometry-direct"]);
console.log(`  goal 4 bundle: @kkgen/runtime direct + geometry's generated client (7 ops): ${kb(direct.raw).trim()} min, ${kb(direct.gzip).trim()} min+gzip`);

const stats = {};
if (envs.includes("node")) {
  try {
    const run = await runAll(m, opts, {
      readFile: async (p) => new Uint8Array(await readFile(join(ROOT, p))),
      importBundle: (p) => import(pathToFileURL(join(ROOT, p)).href),
      now: () => performance.now(),
      gc: typeof globalThis.gc === "function" ? () => globalThis.gc() : undefined,
    });
    failed ||= report(`node ${process.version}`, run, stats);
  } catch (e) {
    failed = true;
    console.error("node runner failed:", e);
  }
}
if (envs.includes("chromium")) {
  const { launch } = await import("../../../tests/browser/chromium.mjs");
  const { startServer } = await import("../../../tests/browser/server.mjs");
  const server = await startServer();
  const browser = await launch(["--js-flags=--expose-gc"]);
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    await page.goto(`${server.origin}/examples/peers/js/page.html`);
    await page.waitForFunction(() => window.peersReady === true, undefined, { timeout: 30_000 });
    const run = await page.evaluate(({ m, opts }) => window.peers.run(m, opts), { m, opts });
    failed ||= report(`Chromium ${browser.version()} (headless)`, run, stats);
  } catch (e) {
    failed = true;
    console.error("Chromium runner failed:", e);
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log("\nGoal 4 (issue 17):");
goal("4 direct-only bundle min+gzip / 3 KB", direct.gzip / BUNDLE_GOAL, 1.0, ` (${direct.gzip} bytes)`);
console.log(`\n${COUNTING}.`);
console.log("A row shown n/a (its variant is missing from this build) makes its goal MISSED.");
process.exitCode = failed ? 1 : 0;

/** Prints one environment's check, table and goals; returns whether it failed. */
function report(label, run, into) {
  if (run.wrong.length) {
    console.log(`\n${label}: WRONG ANSWERS (nothing timed):`);
    for (const w of run.wrong) console.log(`  ${w}`);
    return true;
  }
  into[label] = table(label, run.results);
  goals(label, into[label]);
  return false;
}
