/**
 * Property tests of the generated codecs with fast-check: arbitrary values of
 * several conformance types round-trip (and fit in maxSize), and arbitrary
 * bytes fed to every decoder only ever produce a value or a DecodeError.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { DecodeError, Reader, Writer } from "@kkgen/runtime";
import * as codecs from "../../../target/ts-wire/gen/codecs.js";
import type { Containers, Point, Scalars, Shape, Tree } from "../../../target/ts-wire/gen/types.js";
import { Color } from "../../../target/ts-wire/gen/types.js";

/** fc.record builds null-prototype objects; decoders build plain ones. */
function rec<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model).map((o) => ({ ...o }) as T);
}

const f32 = fc.float({ noNaN: true }).map((x) => Math.fround(x));
const f64 = fc.double({ noNaN: true });
const point: fc.Arbitrary<Point> = rec({ x: f64, y: f64 });
const scalars: fc.Arbitrary<Scalars> = rec({
  flag: fc.boolean(),
  tiny: fc.integer({ min: -128, max: 127 }),
  small: fc.integer({ min: -32768, max: 32767 }),
  medium: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  large: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  utiny: fc.integer({ min: 0, max: 255 }),
  usmall: fc.integer({ min: 0, max: 65535 }),
  umedium: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  ularge: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  single: f32,
  double: f64,
  text: fc.string({ unit: "grapheme" }),
  blob: fc.uint8Array(),
});
const containers: fc.Arbitrary<Containers> = rec({
  names: fc.array(fc.string({ unit: "binary" })),
  points: fc.array(point, { maxLength: 5 }),
  byName: fc.array(fc.tuple(fc.string({ unit: "binary" }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }))).map((es) => new Map(es)),
  byId: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.string())).map((es) => new Map(es)),
  maybeCount: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }),
  maybePoint: fc.option(point, { nil: undefined }),
  maybeSamples: fc.option(fc.array(f32).map((xs) => Float32Array.from(xs)), { nil: undefined }),
  nested: fc.array(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }), { maxLength: 4 }),
});
const shape: fc.Arbitrary<Shape> = fc.oneof(
  rec({ center: point, radius: f64 }).map((c): Shape => ({ tag: "Circle", value: c })),
  f64.map((s): Shape => ({ tag: "Square", value: s })),
  fc.constant<Shape>({ tag: "Empty" }),
  fc.array(point, { maxLength: 4 }).map((p): Shape => ({ tag: "Path", value: p })),
);
function treeAt(depth: number): fc.Arbitrary<Tree> {
  return rec<Tree>({ label: fc.string(), children: depth === 0 ? fc.constant([]) : fc.array(treeAt(depth - 1), { maxLength: 3 }) });
}
const tree = treeAt(4);
const color = fc.constantFrom(...Object.values(Color));

type Codec<T> = { enc: (w: Writer, v: T) => void; dec: (r: Reader) => T; max: (v: T) => number };
function roundTrip<T>(name: string, arb: fc.Arbitrary<T>, codec: Codec<T>): void {
  test(`round-trip ${name}`, () => {
    fc.assert(
      fc.property(arb, (v) => {
        const w = Writer.growable(4);
        codec.enc(w, v);
        const bytes = w.finish();
        assert.ok(codec.max(v) >= bytes.length);
        const r = new Reader(bytes);
        const back = codec.dec(r);
        r.finish();
        assert.deepStrictEqual(back, v);
      }),
      { numRuns: 300 },
    );
  });
}

roundTrip("Scalars", scalars, { enc: codecs.encodeScalars, dec: codecs.decodeScalars, max: codecs.maxSizeScalars });
roundTrip("Containers", containers, { enc: codecs.encodeContainers, dec: codecs.decodeContainers, max: codecs.maxSizeContainers });
roundTrip("Shape", shape, { enc: codecs.encodeShape, dec: codecs.decodeShape, max: codecs.maxSizeShape });
roundTrip("Tree", tree, { enc: codecs.encodeTree, dec: codecs.decodeTree, max: codecs.maxSizeTree });
roundTrip("Color", color, { enc: codecs.encodeColor, dec: codecs.decodeColor, max: codecs.maxSizeColor });

const decoders = Object.entries(codecs).filter(([name, f]) => name.startsWith("decode") && typeof f === "function");

test("arbitrary bytes into every decoder: a value or a DecodeError, nothing else", () => {
  assert.ok(decoders.length > 10);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 256 }), fc.boolean(), (bytes, views) => {
      for (const [, f] of decoders) {
        try {
          const r = new Reader(bytes, { views });
          (f as (r: Reader, id: number) => unknown)(r, 77);
          r.finish();
        } catch (e) {
          if (!(e instanceof DecodeError)) throw e;
        }
      }
    }),
    { numRuns: 2000 },
  );
});

test("mutated valid encodings into their decoders: a value or a DecodeError", () => {
  fc.assert(
    fc.property(containers, fc.nat(), fc.integer({ min: 0, max: 255 }), (v, at, byte) => {
      const w = Writer.growable();
      codecs.encodeContainers(w, v);
      const bytes = w.finish().slice();
      bytes[at % bytes.length] = byte;
      try {
        const r = new Reader(bytes);
        codecs.decodeContainers(r);
        r.finish();
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }),
    { numRuns: 1000 },
  );
});
