// Calls the geometry module through the module ABI (docs/abi.md §1) from
// node: the wasm32-unknown-unknown build after wasm-bindgen-cli WITHOUT its JS
// glue (every function import stubbed, docs/abi.md §2), and the wasm32-wasip1
// reactor under node's WASI. Frames are encoded by hand here (docs/wire.md),
// and kk_alloc/kk_call/kk_free are called directly.
//   node --test examples/geometry/host/abi-test.mjs   (the build dir: "geometry_dist" in target/kk-artifacts.json)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";
import { ERR, W, abiCall, frame, op, readBounds } from "./wire.mjs";
import { exportSignatures } from "../../../tests/wasm-exports.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const DIST = artifact("geometry_dist");

/** The unknown-unknown module with every function import stubbed. */
async function unknownModule() {
  const module = await WebAssembly.compile(readFileSync(`${DIST}/unknown/geometry_service.wasm`));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    imports[imp.module] ??= {};
    if (imp.kind !== "function") continue;
    // The externref table initialiser is harmless to skip: the fast path passes no JS values.
    imports[imp.module][imp.name] = imp.name.includes("init_externref_table")
      ? () => {}
      : () => { throw new Error(`stub import ${imp.module}.${imp.name} called`); };
  }
  const { exports } = await WebAssembly.instantiate(module, imports);
  exports.__wbindgen_start?.();
  return exports;
}

/** The wasip1 reactor (kk_* exports, no _start) under node's WASI. */
async function wasip1Reactor() {
  const module = await WebAssembly.compile(readFileSync(`${DIST}/wasip1/geometry_service.wasm`));
  const wasi = new WASI({ version: "preview1", returnOnExit: true });
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  wasi.initialize(instance); // runs _initialize when the module has one
  return instance.exports;
}

for (const [target, instantiate, file] of [
  ["wasm32-unknown-unknown", unknownModule, `${DIST}/unknown/geometry_service.wasm`],
  ["wasm32-wasip1 reactor", wasip1Reactor, `${DIST}/wasip1/geometry_service.wasm`],
]) {

/** `abiCall`, checking the alignment the ABI promises. */
function call(ex, bytes, slack = 0) {
  const r = abiCall(ex, bytes, slack);
  assert.equal(r.ptr % 8, 0, "kk_alloc returns 8-aligned blocks");
  assert.notEqual(r.rptr, 0);
  assert.equal(r.rptr % 8, 0, "responses are 8-aligned");
  return r;
}

const params = (fill) => new W().struct(fill).bytes;
let nextId = 1;
const invoke = (ex, name, fill) => call(ex, frame(1, nextId++, op(name), params(fill)));
const systemError = (r) => ({ code: r.view.getUint32(1, true), message: new TextDecoder().decode(r.payload.subarray(9)) });

test(`${target}: ABI exports`, async () => {
  const ex = await instantiate();
  for (const name of ["memory", "kk_abi_version", "kk_alloc", "kk_free", "kk_call"]) assert.ok(name in ex, name);
  assert.equal(ex.kk_abi_version(), 2);
});

test(`${target}: create, tessellate ~1M floats, bounds, name, release, typed errors`, async () => {
  const ex = await instantiate();
  const created = invoke(ex, "create", (w) => w.union(1, (u) => u.struct((s) => s.f64(2))).string("ball"));
  assert.equal(created.kind, 2);
  const model = created.view.getUint32(0, true);
  assert.ok(model > 0);

  const t = invoke(ex, "tessellate", (w) => w.u32(model).u32(236));
  assert.equal(t.kind, 2);
  const count = t.view.getUint32(0, true);
  assert.equal(count, 236 * 236 * 18);
  assert.ok(count > 1_000_000);
  const floats = new Float32Array(t.payload.buffer, 4, count);
  const maxAbs = floats.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  assert.ok(Math.abs(maxAbs - 2) < 1e-5, `vertices lie on the sphere: ${maxAbs}`);

  const b = invoke(ex, "bounds", (w) => w.u32(model));
  assert.equal(b.kind, 2);
  assert.deepEqual(readBounds(b.payload), { min: [-2, -2, -2], max: [2, 2, 2] });

  const bo = invoke(ex, "bounds_of", (w) => w.f32s([1, 2, 3, -4, 5, 0.5]));
  assert.equal(bo.kind, 2);
  assert.deepEqual(readBounds(bo.payload), { min: [-4, 2, 0.5], max: [1, 5, 3] });

  const n = invoke(ex, "name", (w) => w.u32(model));
  assert.equal(new TextDecoder().decode(n.payload.subarray(4)), "ball");

  const rel = invoke(ex, "release", (w) => w.u32(model));
  assert.deepEqual([rel.kind, rel.payload.length], [2, 0]);

  const again = invoke(ex, "bounds", (w) => w.u32(model));
  assert.equal(again.kind, 3);
  assert.equal(again.payload[0], 0, "typed error");
  assert.equal(again.view.getUint32(1, true), ERR.UnknownModel);

  const bad = invoke(ex, "create", (w) => w.union(2, (u) => u.struct((s) => s.f64(1).f64(3))).string("bad torus"));
  assert.deepEqual([bad.kind, bad.payload[0], bad.view.getUint32(1, true)], [3, 0, ERR.InvalidParams]);
  assert.match(new TextDecoder().decode(bad.payload.subarray(13)), /minor must be smaller/);
});

test(`${target}: unknown op, malformed frames: error frames back, never a trap`, async () => {
  const ex = await instantiate();
  const unknown = call(ex, frame(1, 9, 12345, params(() => {})));
  assert.deepEqual([unknown.kind, unknown.callId, unknown.payload[0], systemError(unknown).code], [3, 9, 1, 1]);

  // Truncated payload: body_len says 100 bytes, none follow.
  const truncated = call(ex, frame(1, 10, op("bounds"), new W().u32(100).bytes));
  assert.equal(systemError(truncated).code, 2);
  assert.match(systemError(truncated).message, /^truncated/);

  // Unknown union tag.
  const variant = call(ex, frame(1, 11, op("create"), params((w) => w.union(9, () => {}).string("x"))));
  assert.match(systemError(variant).message, /^unknown_variant/);

  // Trailing bytes after the parameter struct.
  const trailing = call(ex, frame(1, 12, op("bounds"), [...params((w) => w.u32(1)), 0]));
  assert.match(systemError(trailing).message, /^trailing_bytes/);

  // Bad version, wrong kind, frame longer than the block.
  const v2 = frame(1, 13, op("bounds"), params((w) => w.u32(1))); v2[0] = 2;
  assert.deepEqual([call(ex, v2).kind, systemError(call(ex, v2)).code], [3, 10]);
  assert.equal(systemError(call(ex, frame(2, 14, op("bounds"), []))).code, 10);
  const long = frame(1, 15, op("bounds"), params((w) => w.u32(1)));
  new DataView(long.buffer).setUint32(12, 1 << 30, true);
  const lr = call(ex, long);
  assert.deepEqual([lr.callId, systemError(lr).code], [15, 10]);

  // A block shorter than a header, and an upper-bound cap.
  assert.equal(systemError(call(ex, new Uint8Array([1, 1, 0]))).code, 10);
  const ok = call(ex, frame(1, 16, op("bounds_of"), params((w) => w.f32s([1, 1, 1]))), 64);
  assert.equal(ok.kind, 2);

  // Still healthy after all that.
  const created = invoke(ex, "create", (w) => w.union(1, (u) => u.struct((s) => s.f64(1))).string("ok"));
  assert.equal(created.kind, 2);
});

test(`${target}: the scalar fast export of is_live (docs/abi.md §1.4): wasm signature, same answers as kk_call, same service`, async () => {
  const fastName = `kk_op_${op("is_live").toString(16).padStart(8, "0")}`;
  const signatures = exportSignatures(readFileSync(file));
  assert.equal(signatures.get(fastName), "(i32) -> i32", "handle in, bool out, as plain i32s");
  // The other ops take or return strings, structs or buffers, or throw: no fast export.
  assert.deepEqual([...signatures.keys()].filter((n) => n.startsWith("kk_op_")), [fastName]);
  const ex = await instantiate();
  // The fast export alone builds the service (lazily) and answers for an unknown handle.
  assert.equal(ex[fastName](12345), 0);
  const created = invoke(ex, "create", (w) => w.union(1, (u) => u.struct((s) => s.f64(1))).string("fast"));
  const model = created.view.getUint32(0, true);
  const framed = (m) => {
    const r = invoke(ex, "is_live", (w) => w.u32(m));
    assert.equal(r.kind, 2);
    return r.payload[0];
  };
  // A model created through kk_call is visible to the fast export: one service instance.
  assert.deepEqual([ex[fastName](model), framed(model)], [1, 1]);
  // Handles above 2^31 cross as i32 bits and come back unsigned.
  assert.deepEqual([ex[fastName](0xfffffff0 | 0), framed(0xfffffff0)], [0, 0]);
  invoke(ex, "release", (w) => w.u32(model));
  assert.deepEqual([ex[fastName](model), framed(model)], [0, 0]);
});
}
