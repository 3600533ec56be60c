// The peers benchmark's measurement, shared by node (run.mjs) and headless
// Chromium (page.mjs): the rows of each op over the loaded variants, a
// correctness check of every row against the first (same Rust logic, so the
// answers must be equal: a broken variant fails loudly, before any timing),
// then interleaved batches (every row of an op in each batch, the order
// rotating from batch to batch) of calls sized to `batchMs`, timed with `now`.
// Returns plain data (per row: ns per call in each batch, and the check);
// run.mjs prints it.

/** The copies of the payload each row makes per call (see COUNTING), keyed by row. */
export const COPIES = {
  // kkgen: JS writes the call frame into wasm memory (1); the handler's result
  // is encoded into the response frame (1 for a String; 0 for a Buffer built
  // by collect, which is answered in place: docs/build.md §2); the generated
  // reader copies it out (1; a view with `borrow`: 0). The service scenario
  // counts the TS side with copyCount() and checks the module side's address.
  "A kkgen greet": 3,
  "A kkgen sync greet": 3,
  "A kkgen bounds": 1,
  "A kkgen scale": 2,
  "A kkgen scale (borrow)": 1,
  // wasm-bindgen: passStringToWasm/passArrayF32ToWasm (1); getStringFromWasm /
  // getArrayF32FromWasm().slice() (1); a JsValue or struct result copies no payload.
  "B greet": 2,
  "B bounds (serde-wasm-bindgen)": 1,
  "B bounds (#[wasm_bindgen] struct)": 1,
  "B scale": 2,
  // jco: lowering a string/list into realloc'd memory (1); lifting it out (1).
  "C jco greet": 2,
  "C jco bounds": 1,
  "C jco scale": 2,
  // JSON: Array.from of a Float32Array (bulk rows, 1), JSON.stringify (1), the
  // text into wasm (1), serde_json parsing it (1), serialising the result (1),
  // the text out of wasm (1), JSON.parse (1).
  "D JSON greet": 6,
  "D JSON bounds": 4,
  "D JSON scale": 7,
  // Go via kkgen: the string parameter is converted to a Go string (1 more than
  // Rust); a slice made by wire.ResultBuffer is answered in place (0).
  "Go kkgen greet": 4,
  "Go kkgen bounds": 1,
  "Go kkgen scale": 2,
  "Go kkgen scale (borrow)": 1,
};

/** How COPIES counts (printed under the table). */
export const COUNTING =
  "copies: each time the payload's bytes are written to a new place per call (into wasm memory, into a response frame, out to a JS value), counting a re-encoding (UTF-16 <-> UTF-8, numbers <-> JSON text) as one; computing the result is not a copy; scalars: 0";

/** The inputs, from the sizes in `opts`. Values are multiples of 1/4, exact in f32 and in JSON. */
export function inputs(opts) {
  const sample = (n, stride) => {
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = ((i * stride) % 1000) * 0.25 - 100;
    return v;
  };
  return {
    name: "peers benchmark",
    boundsV: sample(opts.boundsFloats, 7),
    scaleV: sample(opts.scaleFloats, 1),
    scaleCheckV: sample(Math.min(opts.scaleFloats, 65536), 3),
    k: 2,
  };
}

const plainBounds = (b) => ({ min: b.min, max: b.max, sum: b.sum });

/**
 * The rows of each op: `{ row, variant, sync, fn(i) }`; `fn` of a sync row
 * returns the answer, of an async row a promise of it. `v` are the loaded
 * variants: `A`/`Go` `{ api, sync }` (kkgen clients; `sync` null until the sync
 * client exists), `B` and `D` wasm-bindgen exports, `C` jco's exports.
 * `data` (from `inputs`) is fixed per op; `scaleV` is swapped for the check.
 */
export function rows(v, data) {
  const { A, B, C, D, Go } = v;
  const na = (row, variant) => ({ row, variant, missing: true });
  const kk = (x, tag) => {
    const base = `${tag} kkgen`;
    const sync = x.sync;
    return {
      add: [
        { row: `${base} add`, variant: tag, sync: false, fn: (i) => x.api.add(i, 1) },
        sync ? { row: `${base} sync add`, variant: tag, sync: true, fn: (i) => sync.add(i, 1) } : na(`${base} sync add`, tag),
      ],
      greet: [
        { row: `${base} greet`, variant: tag, sync: false, fn: () => x.api.greet(data.name) },
        sync ? { row: `${base} sync greet`, variant: tag, sync: true, fn: () => sync.greet(data.name) } : na(`${base} sync greet`, tag),
      ],
      bounds: [{ row: `${base} bounds`, variant: tag, sync: false, fn: async () => plainBounds(await x.api.bounds(data.boundsV)) }],
      scale: [
        { row: `${base} scale`, variant: tag, sync: false, fn: () => x.api.scale(data.scaleV, data.k) },
        { row: `${base} scale (borrow)`, variant: tag, sync: false, fn: () => x.api.scale(data.scaleV, data.k, { borrow: true }) },
      ],
    };
  };
  const a = kk(A, "A");
  const go = kk(Go, "Go");
  const fromJson = (s) => JSON.parse(s);
  const boundsStruct = (v) => {
    const b = B.boundsStruct(v);
    const out = plainBounds(b);
    b.free();
    return out;
  };
  return {
    add: [
      ...a.add,
      { row: "B add (sync)", variant: "B", sync: true, fn: (i) => B.add(i, 1) },
      { row: "B add (awaited)", variant: "B", sync: false, fn: async (i) => B.add(i, 1) },
      { row: "C jco add", variant: "C", sync: true, fn: (i) => C.add(i, 1) },
      { row: "D JSON add", variant: "D", sync: true, fn: (i) => fromJson(D.add(JSON.stringify([i, 1]))) },
      ...go.add,
    ],
    greet: [
      ...a.greet,
      { row: "B greet", variant: "B", sync: true, fn: () => B.greet(data.name) },
      { row: "C jco greet", variant: "C", sync: true, fn: () => C.greet(data.name) },
      { row: "D JSON greet", variant: "D", sync: true, fn: () => fromJson(D.greet(JSON.stringify([data.name]))) },
      go.greet[0],
    ],
    bounds: [
      a.bounds[0],
      { row: "B bounds (serde-wasm-bindgen)", variant: "B", sync: true, fn: () => B.boundsSerde(data.boundsV) },
      { row: "B bounds (#[wasm_bindgen] struct)", variant: "B", sync: true, fn: () => boundsStruct(data.boundsV) },
      { row: "C jco bounds", variant: "C", sync: true, fn: () => plainBounds(C.bounds(data.boundsV)) },
      { row: "D JSON bounds", variant: "D", sync: true, fn: () => fromJson(D.bounds(JSON.stringify([Array.from(data.boundsV)]))) },
      go.bounds[0],
    ],
    scale: [
      ...a.scale,
      { row: "B scale", variant: "B", sync: true, fn: () => B.scale(data.scaleV, data.k) },
      { row: "C jco scale", variant: "C", sync: true, fn: () => C.scale(data.scaleV, data.k) },
      { row: "D JSON scale", variant: "D", sync: true, fewer: true, fn: () => fromJson(D.scale(JSON.stringify([Array.from(data.scaleV), data.k]))) },
      ...go.scale,
    ],
  };
}

/** Whether two answers are equal: numbers, strings, `{ min, max, sum }`, float arrays elementwise. */
function same(a, b) {
  if (typeof a !== "object" || a === null) return Object.is(a, b);
  if (typeof b !== "object" || b === null) return false;
  if ("length" in a || "length" in b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  return ["min", "max", "sum"].every((k) => Object.is(a[k], b[k]));
}

/** A short printable form of an answer, for a mismatch report. */
function show(x) {
  if (x && typeof x === "object" && "length" in x) return `[${x.length}: ${Array.from(x.slice(0, 4)).join(", ")}, …]`;
  return JSON.stringify(x);
}

/**
 * Checks every row of every op against the op's first row (the expected
 * answers computed from the same inputs), `scale` on a smaller sample.
 * Returns the mismatches as strings (empty: all agree).
 */
export async function check(v, data) {
  const wrong = [];
  const probe = { ...data, scaleV: data.scaleCheckV };
  const expected = {
    add: 4242 + 1,
    greet: `Hello, ${data.name}!`,
    bounds: null,
    scale: Float32Array.from(probe.scaleV, (x) => x * probe.k),
  };
  {
    let min = data.boundsV[0] ?? 0;
    let max = min;
    let sum = 0;
    for (const x of data.boundsV) {
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    expected.bounds = { min, max, sum };
  }
  for (const [op, list] of Object.entries(rows(v, probe))) {
    for (const r of list) {
      if (r.missing) continue;
      let got;
      try {
        got = await r.fn(4242);
        if (op === "scale") got = Array.from(got); // a borrowed view is valid until the next call
      } catch (e) {
        wrong.push(`${r.row}: threw ${e?.message ?? e}`);
        continue;
      }
      if (!same(got, expected[op])) wrong.push(`${r.row}: got ${show(got)}, expected ${show(expected[op])}`);
    }
  }
  return wrong;
}

/** Runs `r` `calls` times; returns the elapsed ms. */
async function time(r, calls, now) {
  let sink = 0;
  const t0 = now();
  if (r.sync) {
    for (let i = 0; i < calls; i++) sink ^= tag(r.fn(i & 0xffff));
  } else {
    for (let i = 0; i < calls; i++) sink ^= tag(await r.fn(i & 0xffff));
  }
  const ms = now() - t0;
  if (sink === 0x7fffffff) console.log("sink"); // keeps the answers alive
  return ms;
}

/** A number from an answer, so the loop uses it. */
function tag(x) {
  if (typeof x === "number") return x | 0;
  if (typeof x === "string") return x.length;
  if (x && typeof x === "object" && "length" in x) return x.length;
  return x ? (x.min | 0) : 0;
}

/**
 * Times every op: per row, calls per batch calibrated to take about
 * `opts.batchMs` (doubling from 1, which warms the code up), then
 * `opts.batches` interleaved batches. A `fewer` row (JSON scale) runs one call
 * in the first `opts.fewerBatches` batches only. `gc` (when given) runs before
 * each timed batch. Returns `{ [op]: [{ row, variant, missing, calls, ns: [per batch] }] }`.
 */
export async function measure(v, data, opts, now, gc) {
  const out = {};
  for (const [op, list] of Object.entries(rows(v, data))) {
    const live = list.filter((r) => !r.missing);
    const calls = new Map();
    for (const r of live) {
      let n = 1;
      if (!r.fewer) {
        while (n < opts.maxCalls && (await time(r, n, now)) < opts.batchMs) n *= 2;
      } else {
        await time(r, 1, now);
      }
      calls.set(r, n);
    }
    const ns = new Map(live.map((r) => [r, []]));
    for (let b = 0; b < opts.batches; b++) {
      for (let j = 0; j < live.length; j++) {
        const r = live[(j + b) % live.length];
        if (r.fewer && b >= opts.fewerBatches) continue;
        gc?.();
        const n = calls.get(r);
        ns.get(r).push(((await time(r, n, now)) * 1e6) / n);
      }
    }
    out[op] = list.map((r) => (r.missing ? { row: r.row, variant: r.variant, missing: true } : { row: r.row, variant: r.variant, calls: calls.get(r), fewer: !!r.fewer, ns: ns.get(r) }));
  }
  return out;
}

/** Loads the variants from `manifest` with `readFile(path) -> Promise<Uint8Array>` and `importBundle(path)`. */
export async function loadVariants(manifest, readFile, importBundle) {
  const loaded = {};
  for (const [key, m] of Object.entries(manifest.variants)) {
    const files = {};
    for (const w of m.wasm) files[w.split("/").pop()] = await readFile(w);
    const mod = await importBundle(m.bundle);
    loaded[key] = await mod.load(files);
  }
  return loaded;
}

/** Loads the variants, checks them, and (when the check passes) times them. */
export async function runAll(manifest, opts, io) {
  const v = await loadVariants(manifest, io.readFile, io.importBundle);
  const data = inputs(opts);
  const wrong = await check(v, data);
  if (wrong.length) return { wrong, results: null, syncClient: !!v.A.sync };
  const results = await measure(v, data, opts, io.now, io.gc);
  return { wrong, results, syncClient: !!v.A.sync };
}
