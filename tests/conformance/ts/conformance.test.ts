/**
 * TS conformance against tests/conformance/vectors.json (docs/wire.md §6),
 * using the codecs kkgen generates for conformance.kkidl: encode every valid
 * value and compare bytes (also straight into a fixed region at an offset,
 * as into wasm memory), decode every hex and compare values, reject every
 * malformed input with exactly its error kind, and parse every frame — its
 * header with the frame module, an error payload through `readAnswer`, as
 * every transport reads answers; typed error frames are also written with
 * the frame module and compared byte for byte.
 * Run by `cargo xtask test ts-wire` from the repo root.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  DecodeError,
  FRAME_HEADER_LEN,
  FrameKind,
  Reader,
  SystemError,
  Writer,
  decodeFrame,
  encodeFrame,
  opCall,
  readAnswer,
  systemErrorName,
  writeFrameHeader,
  writeTypedErrorPrefix,
  type FrameKind as FrameKindT,
  type OpCall,
} from "@kkgen/runtime";
import * as codecs from "../../../target/ts-wire/gen/codecs.js";
import { JsonValues, fromHex, loadIr, toHex } from "./json-values.js";

type Encode = (w: Writer, v: unknown) => void;
type Decode = (r: Reader, ...rest: unknown[]) => unknown;
type MaxSize = (v: unknown) => number;
const fns = codecs as unknown as Record<string, Encode & Decode & MaxSize>;

function fn(name: string): Encode & Decode & MaxSize {
  const f = fns[name];
  if (typeof f !== "function") throw new Error(`generated codecs lack ${name}`);
  return f;
}

interface Vectors {
  valid: { name: string; type: string; value: never; hex: string; decode_only?: boolean }[];
  malformed: { name: string; type: string; hex: string; error: string; max_depth?: number }[];
  frames: {
    name: string;
    hex: string;
    decode_only?: boolean;
    frame: { version: number; kind: string; call_id: number; op_id: number; payload_hex: string };
    error?:
      | { class: "typed"; error_id: number; type: string; value: never }
      | { class: "system"; code: number; name: string; message: string };
  }[];
  bad_frames: { name: string; hex: string; error: string; max_frame_len?: number }[];
}

const vectors = JSON.parse(readFileSync("tests/conformance/vectors.json", "utf8")) as Vectors;
const ir = loadIr(process.env["KK_IR_JSON"] ?? "target/ts-wire/ir.json");
const values = new JsonValues(ir);
const KINDS: Record<string, FrameKindT> = {
  call: FrameKind.Call,
  ok: FrameKind.Ok,
  error: FrameKind.Error,
  cancel: FrameKind.Cancel,
  event: FrameKind.Event,
};
const opName = new Map<number, string>(ir.services[0]!.ops.map((o) => [o.id, o.name]));

function decodeTop(type: string, bytes: Uint8Array, maxDepth?: number, views = false): unknown {
  const r = new Reader(bytes, { views, limits: maxDepth === undefined ? {} : { maxDepth } });
  const v = fn(`decode${type}`)(r);
  r.finish();
  return v;
}

function expectKind(run: () => unknown, kind: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof DecodeError, `expected DecodeError, got ${String(e)}`);
    assert.equal(e.kind, kind);
    return true;
  });
}

test("vectors cover every section", () => {
  assert.ok(vectors.valid.length > 0 && vectors.malformed.length > 0);
  assert.ok(vectors.frames.length > 0 && vectors.bad_frames.length > 0);
});

for (const v of vectors.valid) {
  test(`valid ${v.name}: decode`, () => {
    const expected = values.named(v.type, v.value);
    assert.deepStrictEqual(decodeTop(v.type, fromHex(v.hex)), expected);
    // Zero-copy views decode to equal values (copies where unaligned).
    assert.deepStrictEqual(decodeTop(v.type, fromHex(v.hex), undefined, true), expected);
  });
  if (v.decode_only) continue;
  test(`valid ${v.name}: encode`, () => {
    const value = values.named(v.type, v.value);
    const w = Writer.growable(8);
    fn(`encode${v.type}`)(w, value);
    const bytes = w.finish();
    assert.equal(toHex(bytes), v.hex);
    const max = fn(`maxSize${v.type}`)(value);
    assert.ok(max >= bytes.length, `maxSize ${max} < ${bytes.length}`);
    // Straight into a fixed region of exactly maxSize bytes at an offset, as into wasm memory.
    const mem = new Uint8Array(24 + max);
    const fixed = Writer.into(mem, 24);
    fn(`encode${v.type}`)(fixed, value);
    assert.equal(toHex(fixed.finish()), v.hex);
  });
}

for (const m of vectors.malformed) {
  test(`malformed ${m.name}: ${m.error}`, () => {
    expectKind(() => decodeTop(m.type, fromHex(m.hex), m.max_depth), m.error);
  });
}

/**
 * The call of op `opId` a client makes (`opCall` over the generated codecs),
 * to read its answers; an op the schema lacks (system errors only) throws no typed error.
 */
function callOf(opId: number): OpCall<unknown> {
  const op = opName.get(opId);
  const camelOp = op?.replace(/(^|_)([a-z])/g, (_m, _u: string, c: string) => c.toUpperCase());
  return opCall(opId, undefined, {
    maxSize: () => 0,
    encode: () => assert.fail("answers only"),
    decode: () => assert.fail("error frames only"),
    decodeError:
      camelOp === undefined
        ? () => assert.fail(`no typed error for op ${opId}, which the schema lacks`)
        : (fn(`decodeConformance${camelOp}Error`) as (r: Reader, errorId: number) => Error),
  });
}

/**
 * Reads an error frame's payload as every transport does (`readAnswer`):
 * returns what the call rejects with (the typed error or a `SystemError`);
 * a malformed payload throws its `DecodeError`.
 */
function answerError(opId: number, payload: Uint8Array): unknown {
  try {
    readAnswer(callOf(opId), FrameKind.Error, payload, false);
  } catch (e) {
    if (e instanceof DecodeError) throw e;
    return e;
  }
  return assert.fail("an error frame must reject the call");
}

for (const f of vectors.frames) {
  test(`frame ${f.name}`, () => {
    const bytes = fromHex(f.hex);
    const frame = decodeFrame(bytes);
    assert.equal(frame.header.version, f.frame.version);
    assert.equal(frame.header.kind, KINDS[f.frame.kind]);
    assert.equal(frame.header.callId, f.frame.call_id);
    assert.equal(frame.header.opId, f.frame.op_id);
    assert.equal(toHex(frame.payload), f.frame.payload_hex);
    if (f.error !== undefined) {
      const got = answerError(f.frame.op_id, frame.payload);
      if (f.error.class === "system") {
        assert.ok(got instanceof SystemError, `expected SystemError, got ${String(got)}`);
        assert.equal(got.wireCode, f.error.code);
        assert.equal(got.code, f.error.name);
        assert.equal(got.message, f.error.message === "" ? f.error.name : `${f.error.name}: ${f.error.message}`);
        assert.equal(systemErrorName(f.error.code), f.error.name);
      } else {
        const e = got as { name: string; data: unknown };
        const { type, error_id } = f.error;
        const data = values.named(type, f.error.value);
        assert.equal(e.name, `${type}Error`);
        assert.deepStrictEqual(e.data, data);
        // Written with the frame module: the fields follow the error head in
        // the payload, so typed buffers are padded from the payload start.
        const written = encodeFrame(FrameKind.Error, f.frame.call_id, f.frame.op_id, (w) => {
          writeTypedErrorPrefix(w, error_id);
          fn(`encode${type}`)(w, data);
        });
        assert.equal(toHex(written), f.hex);
      }
    }
    if (!f.decode_only) {
      const payload = fromHex(f.frame.payload_hex);
      const out = new Uint8Array(FRAME_HEADER_LEN + payload.length);
      writeFrameHeader(out, 0, KINDS[f.frame.kind]!, f.frame.call_id, f.frame.op_id, payload.length);
      out.set(payload, FRAME_HEADER_LEN);
      assert.equal(toHex(out), f.hex);
    }
  });
}

for (const b of vectors.bad_frames) {
  test(`bad frame ${b.name}: ${b.error}`, () => {
    expectKind(() => {
      const frame = decodeFrame(fromHex(b.hex), b.max_frame_len === undefined ? {} : { maxFrameLen: b.max_frame_len });
      if (frame.header.kind === FrameKind.Error) answerError(frame.header.opId, frame.payload);
    }, b.error);
  });
}
