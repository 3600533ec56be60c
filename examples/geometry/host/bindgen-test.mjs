// Calls the typed per-op #[wasm_bindgen] exports of the wasm32-unknown-unknown
// geometry module (docs/build.md §5) through wasm-bindgen's JS glue under
// node: numbers, strings, a Float32Array of ~1M floats back and one passed in,
// struct arguments and results in the wire format, typed errors and system
// errors thrown as JS errors; then checks that the typed exports and the module
// ABI (docs/abi.md) reach one lazily built service instance.
//   node --test examples/geometry/host/bindgen-test.mjs   (<geometry_dist>/unknown, target/kk-artifacts.json)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { abiCall, ERR, frame, op, readBounds, sphere, thrown, torus, W } from "./wire.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const DIR = resolve(artifact("geometry_dist"), "unknown");
const load = (target) => import(pathToFileURL(`${DIR}/${target}/geometry_service.js`).href);

test("typed exports through the node glue: values, buffers, typed and system errors", async () => {
  const g = await load("node");
  assert.equal(typeof g.geometryTessellate, "function");

  const ball = g.geometryCreate(sphere(2), "ball");
  assert.equal(typeof ball, "number");
  assert.ok(ball > 0);
  assert.equal(g.geometryName(ball), "ball");

  // ~1M floats back as a Float32Array, every vertex on the sphere.
  const vertices = g.geometryTessellate(ball, 236);
  assert.ok(vertices instanceof Float32Array);
  assert.equal(vertices.length, 236 * 236 * 18);
  let maxAbs = 0;
  for (let i = 0; i < vertices.length; i += 3) {
    maxAbs = Math.max(maxAbs, Math.hypot(vertices[i], vertices[i + 1], vertices[i + 2]));
  }
  assert.ok(Math.abs(maxAbs - 2) < 1e-5, `vertices lie on the sphere: ${maxAbs}`);

  // The same buffer passed in (a Float32Array argument), struct results as wire bytes.
  const measured = readBounds(g.geometryBoundsOf(vertices));
  const exact = readBounds(g.geometryBounds(ball));
  assert.deepEqual(exact, { min: [-2, -2, -2], max: [2, 2, 2] });
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(measured.max[k] - exact.max[k]) < 1e-3);
  assert.deepEqual(readBounds(g.geometryBoundsOf(new Float32Array([1, 2, 3, -4, 5, 0.5]))), { min: [-4, 2, 0.5], max: [1, 5, 3] });

  assert.equal(g.geometryRelease(ball), undefined);

  // A typed error of a single-error op: an Error like the TS client's UnknownModelError.
  const gone = thrown(() => g.geometryBounds(ball));
  assert.ok(gone instanceof Error);
  assert.equal(gone.name, "UnknownModelError");
  assert.equal(gone.message, "UnknownModel");
  assert.equal(gone.wireId, ERR.UnknownModel);
  assert.deepEqual(gone.data, { model: ball });

  // Both errors of a two-error op, and a string field.
  assert.deepEqual(thrown(() => g.geometryTessellate(ball, 8)).data, { model: ball });
  const donut = g.geometryCreate(torus(3, 1), "donut");
  const zero = thrown(() => g.geometryTessellate(donut, 0));
  assert.equal(zero.name, "InvalidParamsError");
  assert.equal(zero.wireId, ERR.InvalidParams);
  assert.match(zero.data.reason, /segments must be in 1\.\.=2048, got 0/);
  const bad = thrown(() => g.geometryCreate(torus(1, 3), "bad"));
  assert.deepEqual([bad.name, bad.data.reason], ["InvalidParamsError", "minor must be smaller than major"]);

  // Arguments that do not decode: system error decode, nothing reaches the service.
  const variant = thrown(() => g.geometryCreate(new W().union(9, () => {}).done(), "x"));
  assert.deepEqual([variant.name, variant.code, variant.wireCode], ["SystemError", "decode", 2]);
  assert.match(variant.message, /^decode: argument shape: unknown_variant at byte \d+$/);
  const truncated = thrown(() => g.geometryCreate(new Uint8Array([1, 0, 0]), "x"));
  assert.match(truncated.message, /^decode: argument shape: truncated/);
  const trailing = thrown(() => g.geometryCreate(Uint8Array.from([...sphere(1), 0]), "x"));
  assert.match(trailing.message, /trailing_bytes/);

  // Still healthy, state kept: the donut is alive, the ball is not.
  assert.equal(g.geometryName(donut), "donut");
  assert.equal(thrown(() => g.geometryName(ball)).name, "UnknownModelError");
});

test("typed exports and the module ABI share one lazily built service (web glue)", async () => {
  const g = await load("web");
  const ex = g.initSync({ module: readFileSync(`${DIR}/web/geometry_service_bg.wasm`) });
  assert.equal(ex.kk_abi_version(), 2);
  const payload = (fill) => new W().struct(fill).done();

  // A model made through the ABI is visible to the typed exports ...
  const created = abiCall(ex, frame(1, 1, op("create"), payload((w) => w.union(1, (u) => u.struct((s) => s.f64(1.5))).string("abi"))));
  assert.equal(created.kind, 2);
  const viaAbi = created.view.getUint32(0, true);
  assert.equal(viaAbi, 1, "the first model of a fresh service");
  assert.equal(g.geometryName(viaAbi), "abi");
  assert.deepEqual(readBounds(g.geometryBounds(viaAbi)).max, [1.5, 1.5, 1.5]);

  // ... and one made through the typed exports is visible to the ABI.
  const viaTyped = g.geometryCreate(sphere(1), "typed");
  assert.equal(viaTyped, 2);
  const named = abiCall(ex, frame(1, 2, op("name"), payload((w) => w.u32(viaTyped))));
  assert.equal(named.kind, 2);
  assert.equal(new TextDecoder().decode(named.payload.subarray(4)), "typed");

  // A release through one is seen by the other.
  g.geometryRelease(viaAbi);
  const gone = abiCall(ex, frame(1, 3, op("name"), payload((w) => w.u32(viaAbi))));
  assert.deepEqual([gone.kind, gone.payload[0], gone.view.getUint32(1, true)], [3, 0, ERR.UnknownModel]);
});
