/**
 * Unit tests of runtime-ts's wire primitives (docs/wire.md): Writer modes,
 * typed-buffer padding relative to the payload base, zero-copy views and
 * their unaligned fallback, string paths, limits, and frame helpers.
 * Compiled by tests/conformance/ts/tsconfig.json; run by `cargo xtask test ts-wire`.
 */

import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DecodeError,
  FRAME_HEADER_LEN,
  FrameKind,
  Reader,
  ServiceError,
  SystemError,
  SystemErrorCodes,
  Writer,
  WriterOverflowError,
  asCallError,
  beginFrame,
  cancelFrame,
  compareUtf8,
  decodeFrame,
  encodeFrame,
  endFrame,
  headerErrorFrame,
  opCall,
  peekFrameKind,
  readAnswer,
  readErrorHead,
  readFrameHeader,
  systemErrorFrame,
  systemErrorName,
  writeFrameHeader,
  writeSystemError,
  writeTypedErrorPrefix,
} from "@kkgen/runtime";

test("growable writer grows and keeps what it wrote", () => {
  const w = Writer.growable(1);
  for (let i = 0; i < 1000; i++) w.u32(i);
  const r = new Reader(w.finish());
  for (let i = 0; i < 1000; i++) assert.equal(r.u32(), i);
  r.finish();
});

test("fixed writer writes at an offset and refuses to overflow", () => {
  const mem = new Uint8Array(10);
  const w = Writer.into(mem, 4);
  w.u32(0xdeadbeef);
  assert.deepEqual([...mem.subarray(4, 8)], [0xef, 0xbe, 0xad, 0xde]);
  assert.throws(() => w.u32(1), WriterOverflowError);
  assert.throws(() => Writer.into(new Uint8Array(8)).string("héllo wörld"), WriterOverflowError);
});

test("typed buffers pad relative to the payload base, not the target start", () => {
  const mem = new Uint8Array(64);
  // Payload starts at 16 (after a frame header); a u8 then f64s: count at 17..21, pad to 24.
  const w = Writer.into(mem, 16, 16);
  w.u8(7);
  w.typed(Float64Array.of(1.5, -2), 8);
  assert.equal(w.pos, 16 + 8 + 16);
  const r = new Reader(mem.subarray(16, w.pos));
  assert.equal(r.u8(), 7);
  assert.deepEqual(r.f64s(), Float64Array.of(1.5, -2));
  r.finish();
});

test("views are zero-copy when aligned and copies when not", () => {
  const w = Writer.growable();
  w.typed(Float32Array.of(1, 2, 3), 4);
  const payload = w.finish();
  const view = new Reader(payload, { views: true }).f32s();
  assert.equal(view.buffer, payload.buffer);
  const copy = new Reader(payload).f32s();
  assert.notEqual(copy.buffer, payload.buffer);
  // The same payload placed at an odd address: still decodes, by copying.
  const odd = new Uint8Array(payload.length + 1);
  odd.set(payload, 1);
  const unaligned = new Reader(odd.subarray(1), { views: true }).f32s();
  assert.deepEqual(unaligned, Float32Array.of(1, 2, 3));
  assert.notEqual(unaligned.buffer, odd.buffer);
});

test("strings: ASCII fast path, UTF-8, shared memory, invalid UTF-8", () => {
  const samples = ["", "plain ascii", "é", "x".repeat(100) + "😀", "中文".repeat(50)];
  for (const s of samples) {
    const w = Writer.growable(2);
    w.string(s);
    assert.equal(w.length, 4 + new TextEncoder().encode(s).length);
    assert.equal(new Reader(w.finish()).string(), s);
  }
  const shared = new Uint8Array(new SharedArrayBuffer(64));
  const w = Writer.into(shared);
  w.string("é".repeat(20));
  assert.equal(new Reader(shared.subarray(0, w.length)).string(), "é".repeat(20));
  const bad = Uint8Array.of(2, 0, 0, 0, 0xc3, 0x28);
  assert.throws(() => new Reader(bad).string(), (e: unknown) => e instanceof DecodeError && e.kind === "invalid_utf8");
});

test("compareUtf8 is UTF-8 byte order, not UTF-16 order", () => {
  const enc = new TextEncoder();
  const bytewise = (a: string, b: string): number => Buffer.compare(enc.encode(a), enc.encode(b));
  const words = ["", "a", "ab", "b", "\uffff", "😀", "\ue000", "z"];
  for (const a of words) for (const b of words) assert.equal(Math.sign(compareUtf8(a, b)), bytewise(a, b), `${a} vs ${b}`);
});

test("lengths beyond the input are truncated, never allocations", () => {
  const huge = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0);
  for (const read of [(r: Reader) => r.string(), (r: Reader) => r.bytesValue(), (r: Reader) => r.f64s(), (r: Reader) => r.count()]) {
    assert.throws(() => read(new Reader(huge)), (e: unknown) => e instanceof DecodeError && e.kind === "truncated");
  }
});

test("depth limit counts entered levels", () => {
  const r = new Reader(new Uint8Array(0), { limits: { maxDepth: 2 } });
  r.enter();
  r.enter();
  assert.throws(() => r.enter(), (e: unknown) => e instanceof DecodeError && e.kind === "depth_exceeded");
});

test("frames: begin/end in a growable writer align the payload, encodeFrame round-trips", () => {
  const w = Writer.growable();
  const at = beginFrame(w, FrameKind.Call, 9, 42);
  w.u8(1);
  w.typed(Float32Array.of(3), 4);
  const len = endFrame(w, at);
  const frame = decodeFrame(w.finish());
  assert.equal(len, FRAME_HEADER_LEN + 12);
  assert.equal(frame.header.callId, 9);
  assert.equal(frame.header.opId, 42);
  assert.equal(frame.payload.byteOffset % 4, 0);
  const again = encodeFrame(FrameKind.Call, 9, 42, (w2) => {
    w2.u8(1);
    w2.typed(Float32Array.of(3), 4);
  });
  assert.deepEqual(again, w.finish());
});

test("error payload heads: typed and system", () => {
  const w = Writer.growable();
  writeTypedErrorPrefix(w, 77);
  w.u32(0);
  const r = new Reader(w.finish());
  assert.deepEqual(readErrorHead(r), { class: "typed", errorId: 77 });
  const s = Writer.growable();
  writeSystemError(s, SystemErrorCodes.trap, "boom");
  assert.deepEqual(readErrorHead(new Reader(s.finish())), { class: "system", code: 3, message: "boom" });
});

test("frame headers: written by bytes, read back, every field", () => {
  const bytes = new Uint8Array(20);
  writeFrameHeader(bytes, 4, FrameKind.Ok, 0xfedcba98, 7, 0);
  assert.deepEqual(readFrameHeader(bytes, 4), { version: 1, kind: FrameKind.Ok, flags: 0, callId: 0xfedcba98, opId: 7, payloadLen: 0 });
  assert.equal(peekFrameKind(bytes.subarray(4)), FrameKind.Ok);
  assert.equal(peekFrameKind(bytes.subarray(5)), 0, "not a version-1 header");
  assert.equal(peekFrameKind(bytes.subarray(8)), 0, "shorter than a header");
});

test("frame headers: the limit is checked from the header", () => {
  const bytes = new Uint8Array(16);
  writeFrameHeader(bytes, 0, FrameKind.Call, 1, 2, 49);
  assert.equal(readFrameHeader(bytes, 0, { maxFrameLen: 65 }).payloadLen, 49);
  assert.throws(() => readFrameHeader(bytes, 0, { maxFrameLen: 64 }), (e: unknown) => e instanceof DecodeError && e.kind === "too_large");
  writeFrameHeader(bytes, 0, FrameKind.Call, 1, 2, 0xffffffff);
  assert.throws(() => readFrameHeader(bytes), (e: unknown) => e instanceof DecodeError && e.kind === "too_large");
});

test("system error frames fill their buffer exactly and decode back", () => {
  for (const message of ["", "boom", "ünïcødé ✓"]) {
    const frame = systemErrorFrame(5, 9, "trap", message);
    assert.equal(frame.byteLength, frame.buffer.byteLength, "a buffer of exactly the frame (transferable)");
    const { header, payload } = decodeFrame(frame);
    assert.deepEqual([header.kind, header.callId, header.opId], [FrameKind.Error, 5, 9]);
    assert.deepEqual(readErrorHead(new Reader(payload)), { class: "system", code: SystemErrorCodes.trap, message });
  }
  const cancel = decodeFrame(cancelFrame(42));
  assert.deepEqual([cancel.header.kind, cancel.header.callId, cancel.header.opId, cancel.payload.length], [FrameKind.Cancel, 42, 0, 0]);
});

test("a refused header is answered bad_frame or too_large, echoing the ids when they are there", () => {
  const answerTo = (request: Uint8Array) => {
    let error: unknown;
    try {
      readFrameHeader(request);
    } catch (e) {
      error = e;
    }
    const { header, payload } = decodeFrame(headerErrorFrame(request, error));
    const head = readErrorHead(new Reader(payload));
    assert.equal(head.class, "system");
    return { callId: header.callId, opId: header.opId, code: head.class === "system" ? systemErrorName(head.code) : undefined };
  };
  const huge = new Uint8Array(16);
  writeFrameHeader(huge, 0, FrameKind.Call, 3, 4, 0xfffffff0);
  assert.deepEqual(answerTo(huge), { callId: 3, opId: 4, code: "too_large" });
  const badKind = huge.slice();
  badKind[1] = 9;
  assert.deepEqual(answerTo(badKind), { callId: 3, opId: 4, code: "bad_frame" });
  assert.deepEqual(answerTo(huge.subarray(0, 10)), { callId: 0, opId: 0, code: "bad_frame" });
});

test("system error names: one table, unknown codes are internal", () => {
  for (const [name, code] of Object.entries(SystemErrorCodes)) assert.equal(systemErrorName(code), name);
  assert.equal(systemErrorName(0), "internal");
  assert.equal(systemErrorName(99), "internal");
  const e = new SystemError(99, "from a newer peer");
  assert.deepEqual([e.code, e.wireCode], ["internal", 99]);
});

/** A typed error class shaped as the TS backend generates them (types.ts): it extends ServiceError. */
class SampleError extends ServiceError {
  /** The error's wire id (docs/wire.md §4.1). */
  static readonly wireId = 77;
  /** The error's wire id, for code that holds any ServiceError. */
  override readonly errorId = SampleError.wireId;
  /** The error's fields. */
  readonly data: { reason: string };

  constructor(data: { reason: string }) {
    super("Sample");
    this.name = "SampleError";
    this.data = data;
  }
}

test("ServiceError: generated error classes extend it, calls reject with them unchanged", () => {
  const e = new SampleError({ reason: "no" });
  assert.ok(e instanceof ServiceError && e instanceof Error && !(e instanceof SystemError));
  assert.equal(e.errorId, 77);
  assert.equal(asCallError(e), e);
  const decode = asCallError(new DecodeError("truncated"));
  assert.ok(decode instanceof SystemError && decode.code === "decode");
});

test("a typed error's buffers align relative to the payload start when read through opCall/readAnswer", () => {
  const w = Writer.growable();
  writeTypedErrorPrefix(w, 9);
  const at = w.beginLen();
  w.typed(Float32Array.of(1.5, 2.5), 4); // count at 9..13, padded to 16
  w.endLen(at);
  const call = opCall(1, undefined, {
    maxSize: () => 0,
    encode: () => assert.fail("answers only"),
    decode: () => assert.fail("error frames only"),
    decodeError: (r: Reader, errorId: number) => {
      const outer = r.beginBody();
      const samples = r.f32s();
      r.endBody(outer);
      return Object.assign(new Error(`error ${errorId}`), { samples });
    },
  });
  assert.throws(
    () => readAnswer(call, FrameKind.Error, w.finish(), false),
    (e: unknown) => e instanceof Error && e.message === "error 9" && (e as Error & { samples: Float32Array }).samples.join() === "1.5,2.5",
  );
});
