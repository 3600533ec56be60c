/**
 * Runs the code `kkgen gen --lang ts` generates for the corner cases of
 * tests/schemas/good/small.kkidl (into target/ts-wire/small-gen, by
 * scripts/test-ts-wire.sh): a map inside a struct, an optional
 * list of enums, a cyclic union (`Expr` ↔ `Pair`) whose default must stay
 * finite, a reserved-word parameter, an op with no parameters.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { DecodeError, Reader, Writer } from "@kkgen/runtime";
import * as small from "../../../target/ts-wire/small-gen/codecs.js";
import { Color, type Expr, type Point } from "../../../target/ts-wire/small-gen/types.js";

test("cyclic union: a struct with an empty body decodes to finite defaults", () => {
  // Pair with body_len 0: both Expr fields take the default, which must not recurse forever.
  const pair = small.decodePair(new Reader(Uint8Array.of(0, 0, 0, 0)));
  assert.deepEqual(pair, { l: { tag: "Lit", value: 0n }, r: { tag: "Lit", value: 0n } });
});

test("cyclic union round-trips", () => {
  const e: Expr = { tag: "Add", value: { l: { tag: "Lit", value: 2n }, r: { tag: "Add", value: { l: { tag: "Lit", value: -1n }, r: { tag: "Lit", value: 5n } } } } };
  const w = Writer.growable();
  small.encodeExpr(w, e);
  assert.ok(small.maxSizeExpr(e) >= w.length);
  const r = new Reader(w.finish());
  assert.deepEqual(small.decodeExpr(r), e);
  r.finish();
});

test("a well-formed Expr nested past the depth limit is depth_exceeded", () => {
  // Add(Pair{ l: Add(Pair{ l: ... Lit ..., r: Lit }), r: Lit }) with n levels; every length exact.
  const n = 100;
  const lit = (w: Writer): void => {
    w.u32(2);
    w.u32(8);
    w.i64(7n);
  };
  const w = Writer.growable();
  for (let k = n; k >= 1; k--) {
    const inner = 16 + 28 * (k - 1); // encoded size of level k-1 (level 0 is a Lit: 16 bytes)
    w.u32(1); // Add
    w.u32(4 + inner + 16); // union payload: the Pair
    w.u32(inner + 16); // Pair body: l, then r
  }
  lit(w);
  for (let k = 1; k <= n; k++) lit(w);
  const bytes = w.finish();
  assert.equal(bytes.length, 16 + 28 * n);
  assert.throws(() => small.decodeExpr(new Reader(bytes)), (e: unknown) => e instanceof DecodeError && e.kind === "depth_exceeded");
  const r = new Reader(bytes, { limits: { maxDepth: 2 * n + 1 } });
  let e = small.decodeExpr(r);
  r.finish();
  let levels = 0;
  while (e.tag === "Add") {
    e = e.value.l;
    levels++;
  }
  assert.equal(levels, n);
});

test("struct with a map and an optional list of enums round-trips", () => {
  const p: Point = { x: 1.5, tagsByName: new Map([["b", 2], ["a", 1]]), maybe: [Color.Blue, Color.Red] };
  const w = Writer.growable();
  small.encodePoint(w, p);
  const back = small.decodePoint(new Reader(w.finish()));
  assert.deepEqual(back, { ...p, tagsByName: new Map([["a", 1], ["b", 2]]) });
  assert.deepEqual([...back.tagsByName.keys()], ["a", "b"]);
});

test("reserved-word parameter and an op without parameters", () => {
  const w = Writer.growable();
  small.encodeSvcGetParams(w, { default: Float32Array.of(1, 2) });
  assert.deepEqual(small.decodeSvcGetParams(new Reader(w.finish())).default, Float32Array.of(1, 2));
  const p = Writer.growable();
  small.encodeSvcPingParams(p, {});
  assert.equal(p.length, 4);
  assert.equal(small.SvcOpIds.get, 9);
});
