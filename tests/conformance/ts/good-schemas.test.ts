/**
 * Round-trips the codecs kkgen generates for every schema in
 * tests/schemas/good (`cargo xtask test ts-wire` writes them, and each schema's
 * IR, under target/ts-wire/schemas): for every struct, error, union and op
 * parameter struct, a sample value built from the IR with every field set
 * (lists and maps of two entries, optionals present, each union variant in
 * turn, nested as deep as the type goes) encodes within its `maxSize` bound
 * and decodes back equal, and so does its `default` value.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { Reader, Writer } from "@kkgen/runtime";
import { camel, loadIr, type IrField, type IrJson, type IrTypeRef } from "./json-values.js";

/** The generated sources and IRs (the tests run from the repo root). */
const ROOT = "target/ts-wire/schemas";
/** The compiled codecs, under the build directory that mirrors the repo. */
const BUILD = new URL("../../../target/ts-wire/schemas/", import.meta.url);

type Codecs = Record<string, ((...args: unknown[]) => unknown) | undefined>;

const SCALARS: Record<string, () => unknown> = {
  bool: () => true,
  i8: () => -5,
  i16: () => -300,
  i32: () => -70000,
  i64: () => -(1n << 40n),
  u8: () => 200,
  u16: () => 60000,
  u32: () => 4000000000,
  u64: () => (1n << 63n) + 1n,
  f32: () => 1.5,
  f64: () => -2.25,
  string: () => "héllo ✓",
  bytes: () => Uint8Array.of(1, 2, 3),
};

const BUFFERS: Record<string, () => unknown> = {
  u8: () => Uint8Array.of(1, 2, 3),
  i8: () => Int8Array.of(-1, 2),
  u16: () => Uint16Array.of(1, 65535),
  i16: () => Int16Array.of(-2, 3),
  u32: () => Uint32Array.of(4000000000),
  i32: () => Int32Array.of(-7, 8),
  f32: () => Float32Array.of(0.5, -1),
  f64: () => Float64Array.of(1e300),
  i64: () => BigInt64Array.of(-9n),
  u64: () => BigUint64Array.of((1n << 64n) - 1n),
};

/** Past this depth values stop growing: lists and maps are empty, optionals absent, unions their default. */
const MAX_DEPTH = 6;

/** Builds sample values of a schema's types. */
class Samples {
  /** Which variant each union gives next, so every variant is used in turn. */
  private readonly next = new Map<number, number>();

  constructor(
    private readonly ir: IrJson,
    private readonly codecs: Codecs,
  ) {}

  /** The TS name of type `id` (a trailing `_` when it shadows a global: `Map_`). */
  tsName(id: number): string {
    const name = this.ir.types[id]!.name;
    return this.codecs[`encode${name}`] !== undefined ? name : `${name}_`;
  }

  fields(fields: IrField[], depth: number): Record<string, unknown> {
    return Object.fromEntries(fields.map((f) => [camel(f.name), this.value(f.ty, depth)]));
  }

  value(ty: IrTypeRef, depth: number): unknown {
    switch (ty.type) {
      case "scalar":
        return SCALARS[ty.scalar]!();
      case "buffer":
        return BUFFERS[ty.elem]!();
      case "list":
        return depth > MAX_DEPTH ? [] : [this.value(ty.elem, depth + 1), this.value(ty.elem, depth + 1)];
      case "optional":
        return depth > MAX_DEPTH ? undefined : this.value(ty.inner, depth + 1);
      case "map": {
        if (depth > MAX_DEPTH) return new Map();
        const keys: unknown[] = ty.key === "string" ? ["b", "a"] : ty.key.endsWith("64") ? [9n, 2n] : [9, 2];
        return new Map(keys.map((k) => [k, this.value(ty.value, depth + 1)]));
      }
      case "named":
        return this.named(ty.id, depth);
    }
  }

  named(id: number, depth: number): unknown {
    const def = this.ir.types[id]!;
    switch (def.kind.kind) {
      case "struct":
      case "error":
        return this.fields(def.kind.fields, depth + 1);
      case "enum":
        return def.kind.variants[def.kind.variants.length - 1]!.value;
      case "handle":
        return 7;
      case "union": {
        if (depth > MAX_DEPTH) return this.codecs[`default${this.tsName(id)}`]!();
        const variants = def.kind.variants;
        const i = this.next.get(id) ?? 0;
        this.next.set(id, (i + 1) % variants.length);
        const v = variants[i]!;
        return v.payload === undefined ? { tag: v.name } : { tag: v.name, value: this.value(v.payload, depth + 1) };
      }
    }
  }
}

/** Encodes `value` with the codecs named after `name`, checks the size bound, decodes and compares. */
function roundTrip(codecs: Codecs, name: string, value: unknown): void {
  const w = Writer.growable();
  codecs[`encode${name}`]!(w, value);
  const bound = codecs[`maxSize${name}`]!(value) as number;
  assert.ok(bound >= w.length, `${name}: maxSize ${bound} < encoded ${w.length}`);
  const r = new Reader(w.finish());
  assert.deepEqual(codecs[`decode${name}`]!(r), value, name);
  r.finish();
}

const pascal = (s: string): string => s.replace(/(^|_)([a-z0-9])/g, (_m, _u: string, c: string) => c.toUpperCase());

for (const dir of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  test(`${dir.name}.kkidl: every type and op parameter struct round-trips`, async () => {
    const ir = loadIr(`${ROOT}/${dir.name}.ir.json`);
    const codecs = (await import(new URL(`${dir.name}/codecs.js`, BUILD).href)) as Codecs;
    const samples = new Samples(ir, codecs);
    let checked = 0;
    for (const def of ir.types) {
      if (def.kind.kind === "enum" || def.kind.kind === "handle") continue;
      const name = samples.tsName(def.id);
      // A union once per variant.
      const rounds = def.kind.kind === "union" ? def.kind.variants.length : 1;
      for (let i = 0; i < rounds; i++) roundTrip(codecs, name, samples.named(def.id, 0));
      roundTrip(codecs, name, codecs[`default${name}`]!());
      checked++;
    }
    for (const svc of ir.services) {
      for (const op of svc.ops) {
        const name = `${pascal(svc.name)}${pascal(op.name)}Params`;
        roundTrip(codecs, name, samples.fields(op.params, 0));
        checked++;
      }
    }
    // Every struct, error, union and op parameter struct was checked (a service without ops has none).
    const codecTypes = ir.types.filter((d) => d.kind.kind !== "enum" && d.kind.kind !== "handle").length;
    const opCount = ir.services.reduce((n, svc) => n + svc.ops.length, 0);
    assert.equal(checked, codecTypes + opCount);
  });
}

test("recursive_default.kkidl: a new reader fills the fields an old writer did not send with finite defaults", async () => {
  const codecs = (await import(new URL("recursive_default/codecs.js", BUILD).href)) as Codecs;
  const w = Writer.growable();
  codecs["encodeHolderV1"]!(w, { id: 42 });
  const r = new Reader(w.finish());
  assert.deepEqual(codecs["decodeHolder"]!(r), {
    id: 42,
    expr: { tag: "Lit", value: 0n },
    outer: { tag: "Leaf" },
    inner: { tag: "Back", value: { tag: "Leaf" } },
  });
  r.finish();
});
