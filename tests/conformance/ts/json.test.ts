/**
 * The JSON mapping (docs/json.md) against tests/conformance/vectors.json,
 * through the `zod.ts` kkgen generates for conformance.kkidl: for every valid
 * vector, the wire bytes decoded with the generated codecs and encoded with
 * the Zod schema give exactly its `json` column, and that JSON parses back to
 * a value that encodes to the same bytes; the JSON-only inputs are accepted
 * (to their bytes and canonical JSON) or refused with an issue at their path;
 * and every call/ok frame's payload goes through its op's params/result schema
 * and back unchanged.
 * Run by `cargo xtask test ts-wire` from the repo root.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { Reader, Writer } from "@kkgen/runtime";
import * as codecs from "../../../target/ts-wire/gen/codecs.js";
import * as schemas from "../../../target/ts-wire/gen/zod.js";
import { fromHex, loadIr, toHex } from "./json-values.js";

interface Vectors {
  valid: { name: string; type: string; hex: string; json: unknown }[];
  json_accepted: { name: string; type: string; text: string; hex: string; canonical: unknown }[];
  json_refused: { name: string; type: string; text: string; path: (string | number)[] }[];
  frames: { name: string; frame: { kind: string; op_id: number; payload_hex: string } }[];
}

const vectors = JSON.parse(readFileSync("tests/conformance/vectors.json", "utf8")) as Vectors;
const ir = loadIr(process.env["KK_IR_JSON"] ?? "target/ts-wire/ir.json");

type Decode = (r: Reader) => unknown;
type Encode = (w: Writer, v: unknown) => void;

function member<F>(module: object, name: string): F {
  const f = (module as Record<string, unknown>)[name];
  if (f === undefined) throw new Error(`generated code lacks ${name}`);
  return f as F;
}

/** The wire codecs and Zod schema of a type, or of an op's `Params` / `Result`. */
function codecsOf(name: string): { decode: Decode; encode: Encode; schema: z.ZodType } {
  return {
    decode: member<Decode>(codecs, `decode${name}`),
    encode: member<Encode>(codecs, `encode${name}`),
    schema: member<z.ZodType>(schemas, `${name}Schema`),
  };
}

function decodeAll(decode: Decode, bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  const v = decode(r);
  r.finish();
  return v;
}

function encodeAll(encode: Encode, v: unknown): string {
  const w = Writer.growable();
  encode(w, v);
  return toHex(w.finish());
}

/** The JSON text of a value through its schema, parsed back (so no bigint, Map or typed array survives). */
function toJson(schema: z.ZodType, value: unknown): unknown {
  return JSON.parse(JSON.stringify(z.encode(schema, value as never)));
}

test("every valid vector: wire -> JSON is its json column, and the JSON reads back to the same bytes", () => {
  assert.ok(vectors.valid.length > 40);
  for (const v of vectors.valid) {
    const { decode, encode, schema } = codecsOf(v.type);
    const value = decodeAll(decode, fromHex(v.hex));
    assert.deepStrictEqual(toJson(schema, value), v.json, `${v.name}: JSON`);
    const parsed = schema.safeParse(v.json);
    assert.ok(parsed.success, `${v.name}: ${parsed.error?.message}`);
    assert.equal(encodeAll(encode, parsed.data), encodeAll(encode, value), `${v.name}: bytes`);
  }
});

test("JSON-only inputs that are accepted give their bytes and their canonical JSON", () => {
  assert.ok(vectors.json_accepted.length >= 5);
  for (const v of vectors.json_accepted) {
    const { encode, schema } = codecsOf(v.type);
    const parsed = schema.safeParse(JSON.parse(v.text));
    assert.ok(parsed.success, `${v.name}: ${parsed.error?.message}`);
    assert.equal(encodeAll(encode, parsed.data), v.hex, `${v.name}: bytes`);
    assert.deepStrictEqual(toJson(schema, parsed.data), v.canonical, `${v.name}: canonical JSON`);
  }
});

test("JSON-only inputs that are refused report an issue at their path", () => {
  assert.ok(vectors.json_refused.length >= 20);
  for (const v of vectors.json_refused) {
    const { schema } = codecsOf(v.type);
    const parsed = schema.safeParse(JSON.parse(v.text));
    assert.ok(!parsed.success, `${v.name}: accepted`);
    const paths = parsed.error.issues.map((i) => i.path);
    assert.ok(
      paths.some((p) => JSON.stringify(p) === JSON.stringify(v.path)),
      `${v.name}: no issue at ${JSON.stringify(v.path)}, got ${JSON.stringify(paths)}`,
    );
  }
});

test("call and ok payloads go through their op's params / result schema and back", () => {
  const service = ir.services[0]!;
  const pascal = (op: string) => op.replace(/(^|_)([a-z])/g, (_m, _u: string, c: string) => c.toUpperCase());
  let checked = 0;
  for (const f of vectors.frames) {
    const op = service.ops.find((o) => o.id === f.frame.op_id);
    if (op === undefined || (f.frame.kind !== "call" && f.frame.kind !== "ok")) continue;
    const name = `${service.name}${pascal(op.name)}${f.frame.kind === "call" ? "Params" : "Result"}`;
    if (f.frame.payload_hex === "") {
      // No parameters (the JSON is `{}`) or no result (`z.void()`: no JSON at all).
      const empty = f.frame.kind === "call" ? {} : undefined;
      assert.ok(member<z.ZodType>(schemas, `${name}Schema`).safeParse(empty).success, f.name);
      checked++;
      continue;
    }
    const { decode, encode, schema } = codecsOf(name);
    const value = decodeAll(decode, fromHex(f.frame.payload_hex));
    const back = schema.parse(toJson(schema, value));
    assert.equal(encodeAll(encode, back), encodeAll(encode, value), f.name);
    checked++;
  }
  assert.ok(checked >= 5, `only ${checked} frames`);
});
