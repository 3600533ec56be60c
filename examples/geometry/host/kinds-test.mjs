// Calls every typed #[wasm_bindgen] per-op export of the bindgen_kinds
// fixture (examples/geometry/examples/kinds.kkidl, docs/build.md §5) through
// wasm-bindgen's node glue: each JS mapping both ways, typed errors with
// fields of every JS form, system errors for bad arguments, lazy building of
// the service, and a panic trapping the instance.
//   node --test examples/geometry/host/kinds-test.mjs   ("bindgen_kinds_glue" in target/kk-artifacts.json)
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { hashId, thrown, W } from "./wire.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const GLUE = resolve(artifact("bindgen_kinds_glue"));
const k = await import(pathToFileURL(GLUE).href);

const point = (x, y) => new W().struct((s) => s.i32(x).i32(y)).done();
const strings = (list) => { const w = new W().u32(list.length); for (const s of list) w.string(s); return w.done(); };
const readPoint = (b) => { const v = new DataView(b.buffer, b.byteOffset); return [v.getUint32(0, true), v.getInt32(4, true), v.getInt32(8, true)]; };
const Color = { Red: 0, Green: 5, Blue: 6 };

// Runs first: instantiating the module (importing the glue) built nothing.
test("the service is built on the first call, once", () => {
  assert.equal(k.kindsBuildCount(), 0);
  assert.equal(k.kindsNegate(true), false);
  assert.equal(k.kindsBuildCount(), 1);
  k.kindsNothing();
  k.kindsNothing();
  assert.equal(k.kindsNothings(), 2, "state kept between calls");
  assert.equal(k.kindsBuildCount(), 1);
});

test("scalars: numbers, bigints, booleans", () => {
  assert.equal(k.kindsScalars(true, -5, 65535, 4000000000, -(2n ** 40n), 2n ** 64n - 1n, 0.5, -2.75), "true -5 65535 4000000000 -1099511627776 18446744073709551615 0.5 -2.75");
  assert.equal(k.kindsWrap(-1n), 2n ** 64n - 1n);
  assert.equal(typeof k.kindsWrap(5n), "bigint");
  assert.equal(k.kindsNegate(false), true);
  assert.equal(k.kindsHalf(3), 1.5);
});

test("strings, bytes and typed arrays", () => {
  assert.deepEqual(k.kindsConcat("hé", new Uint8Array([0, 255])), new Uint8Array([0x68, 0xc3, 0xa9, 0, 255]));
  assert.equal(k.kindsUpper("straße ✓"), "STRASSE ✓");
  const scaled = k.kindsScale(new Float64Array([1, -2.5, 1e-300]), 4);
  assert.ok(scaled instanceof Float64Array);
  assert.deepEqual([...scaled], [4, -10, 4e-300]);
  const wide = k.kindsWiden(new Int32Array([1, -1]));
  assert.ok(wide instanceof BigInt64Array);
  assert.deepEqual([...wide], [2n ** 32n, -(2n ** 32n)]);
  const big = new Float64Array(1 << 20).map((_, i) => i);
  assert.equal(k.kindsScale(big, 2)[(1 << 20) - 1], 2 * ((1 << 20) - 1));
});

test("enums by value, optionals as the value or undefined", () => {
  assert.equal(k.kindsNextColor(Color.Red), Color.Green);
  assert.equal(k.kindsNextColor(Color.Blue), Color.Red);
  const invalid = thrown(() => k.kindsNextColor(3));
  assert.deepEqual([invalid.name, invalid.code, invalid.wireCode], ["SystemError", "decode", 2]);
  assert.match(invalid.message, /^decode: argument color: invalid_enum/);

  assert.equal(k.kindsDescribe(Color.Green, 7, 3, "hi", new Float32Array([0.5, 1])), 'Some(Green) Some(Item(7)) Some(3) Some("hi") Some([0.5, 1.0])');
  assert.equal(k.kindsDescribe(undefined, undefined, undefined, undefined, undefined), "None None None None None");
  assert.equal(k.kindsDescribe(), "None None None None None");
  assert.match(thrown(() => k.kindsDescribe(9)).message, /invalid_enum/);

  assert.equal(k.kindsMaybeColor(true), Color.Blue);
  assert.equal(k.kindsMaybeColor(false), undefined);
  assert.equal(k.kindsMaybeItem(true), 7);
  assert.equal(k.kindsMaybeItem(false), undefined);
  assert.deepEqual(k.kindsMaybeValues(true), new Float32Array([0.5, -1]));
  assert.equal(k.kindsMaybeValues(false), undefined);
});

test("structs, lists and maps as wire bytes; typed errors with fields of every JS form", () => {
  const item = k.kindsStore(point(3, -4), strings(["b", "abc"]));
  assert.equal(item, 1);
  assert.deepEqual(readPoint(k.kindsLookup(item)), [8, 3, -4]);
  // map<string, u32>: count, then (key, value) pairs by ascending key.
  assert.deepEqual(k.kindsTags(item), new W().u32(2).string("abc").u32(3).string("b").u32(1).done());

  const missing = thrown(() => k.kindsLookup(42));
  assert.deepEqual([missing.name, missing.message, missing.wireId], ["MissingError", "Missing", hashId("kk.kinds.v1.Missing")]);
  assert.deepEqual(missing.data, { item: 42 });

  // Every field form: string, enum number, undefined optional, struct as wire bytes, bigint, Uint8Array.
  const rejected = thrown(() => k.kindsStore(point(1, 2), strings([])));
  assert.equal(rejected.name, "RejectedError");
  assert.equal(rejected.wireId, hashId("kk.kinds.v1.Rejected"));
  assert.deepEqual(rejected.data, { reason: "no tags", color: Color.Green, item: undefined, at: point(1, 2), big: -(2n ** 40n), raw: new Uint8Array([1, 2, 3]) });

  // The second error of a two-error op, with a present optional.
  const secret = k.kindsStore(point(0, 0), strings(["secret"]));
  const second = thrown(() => k.kindsTags(secret));
  assert.equal(second.name, "RejectedError");
  assert.deepEqual([second.data.item, second.data.big, second.data.color], [secret, 2n ** 63n - 1n, Color.Red]);
  assert.equal(thrown(() => k.kindsTags(99)).name, "MissingError");

  // Wire arguments that do not decode.
  assert.match(thrown(() => k.kindsStore(new Uint8Array([8, 0, 0, 0, 1]), strings(["x"]))).message, /^decode: argument at: truncated/);
  assert.match(thrown(() => k.kindsStore(point(0, 0), new Uint8Array([1, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xfe]))).message, /^decode: argument tags: invalid_utf8/);
});

test("parameters named like reserved words", () => {
  assert.equal(k.kindsKeywords(1, "t", true, -2, 255), "1 t true -2 255");
});

// Runs last: a panic traps the instance (panic = "abort"); docs/abi.md §1.2 says to discard it.
test("a panic traps the instance", () => {
  const trap = thrown(() => k.kindsCrash("boom"));
  assert.ok(trap instanceof WebAssembly.RuntimeError, String(trap));
});
