/**
 * The wire encoder (docs/wire.md §3): writes values into any `Uint8Array` —
 * a fresh growable buffer, or a fixed region such as a view of wasm linear
 * memory — little-endian, with typed-buffer padding relative to the payload
 * start (`base`, §3.6). Every write tests the JS type of its value (a
 * number for the integers and floats, a bigint for 64-bit integers, a
 * boolean, a string, the exact typed array class) and throws
 * {@link WireTypeError} for another: nothing is converted silently.
 */

import { storeU32 } from "./bytes.js";
import { WireTypeError } from "./check.js";
import { countCopy } from "./copies.js";

const textEncoder = new TextEncoder();

/** Any typed array a bulk buffer (`T[]`, §3.6) may be written from. */
export type WireTypedArray =
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint32Array
  | Int32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** Thrown when a fixed-size writer runs out of room (an encoder bug or a too-small allocation). */
export class WriterOverflowError extends RangeError {
  /** Creates the error for a write of `needed` bytes at `pos` into `capacity`. */
  constructor(needed: number, pos: number, capacity: number) {
    super(`writer overflow: ${needed} bytes at ${pos} exceed capacity ${capacity}`);
    this.name = "WriterOverflowError";
  }
}

/** Encodes wire values; see {@link Writer.growable} and {@link Writer.into}. */
export class Writer {
  /** The bytes written into (replaced when a growable writer grows). */
  buf: Uint8Array;
  /** A little-endian view over {@link buf}, made on first use (see {@link dv}). */
  private view: DataView | undefined;
  /** Next write index into {@link buf}. */
  pos: number;
  /** Index into {@link buf} where the current payload starts; padding is relative to it. */
  base: number;
  /** Index into {@link buf} where this writer started. */
  readonly start: number;
  /** Whether the writer may replace {@link buf} with a larger one. */
  readonly growable: boolean;
  /** Index into {@link buf} the writer must not write at or past (its length unless {@link Writer.into} set less). */
  private end: number;

  /** A writer alive as long as the class, so its hidden class survives full GCs (see `Reader`'s `shape`). */
  private static readonly shape: Writer = Writer.into(new Uint8Array(0));

  private constructor(buf: Uint8Array, start: number, base: number, growable: boolean, end: number) {
    this.buf = buf;
    this.view = undefined;
    this.pos = start;
    this.start = start;
    this.base = base;
    this.growable = growable;
    this.end = end;
  }

  /** A writer over a fresh buffer that grows as needed; the payload starts at 0. */
  static growable(initialCapacity = 256): Writer {
    const buf = new Uint8Array(Math.max(16, initialCapacity));
    return new Writer(buf, 0, 0, true, buf.length);
  }

  /**
   * A writer into `target` (e.g. `new Uint8Array(memory.buffer, ptr, cap)`)
   * starting at `offset`, whose payload starts at `base` (default `offset`).
   * It never grows: writing at or past `end` (default: the end of `target`)
   * throws {@link WriterOverflowError}. With `end`, `target` may be the whole
   * of linear memory and the frame a region of it, without a view per call.
   */
  static into(target: Uint8Array, offset = 0, base = offset, end = target.length): Writer {
    return new Writer(target, offset, base, false, Math.min(end, target.length));
  }

  /**
   * The DataView over {@link buf}, created lazily: a small frame of integers
   * (written with byte stores) allocates none, which matters on the
   * cross-thread transports where every call encodes a fresh frame.
   */
  private get dv(): DataView {
    return (this.view ??= new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength));
  }


  /** Bytes written since the writer started. */
  get length(): number {
    return this.pos - this.start;
  }

  /** The bytes written so far (a view, not a copy). */
  finish(): Uint8Array {
    return this.buf.subarray(this.start, this.pos);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.end) return;
    if (!this.growable) throw new WriterOverflowError(n, this.pos, this.end);
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.end = cap;
    this.view = undefined;
  }

  /** `bool`: one byte, 0 or 1. */
  bool(v: boolean): void {
    if (v !== true && v !== false) throw new WireTypeError("boolean (bool)", v);
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  /** `u8`. */
  u8(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (u8)", v);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  /** `i8`. */
  i8(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (i8)", v);
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  /** `u16`. */
  u16(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (u16)", v);
    this.ensure(2);
    this.dv.setUint16(this.pos, v, true);
    this.pos += 2;
  }

  /** `i16`. */
  i16(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (i16)", v);
    this.ensure(2);
    this.dv.setInt16(this.pos, v, true);
    this.pos += 2;
  }

  /** `u32` (also enums, handles, lengths). */
  u32(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (u32)", v);
    this.ensure(4);
    storeU32(this.buf, this.pos, v);
    this.pos += 4;
  }

  /** `i32`. */
  i32(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (i32)", v);
    this.ensure(4);
    storeU32(this.buf, this.pos, v);
    this.pos += 4;
  }

  /** `u64` as a bigint. */
  u64(v: bigint): void {
    if (typeof v !== "bigint") throw new WireTypeError("bigint (u64)", v);
    this.ensure(8);
    this.dv.setBigUint64(this.pos, v, true);
    this.pos += 8;
  }

  /** `i64` as a bigint. */
  i64(v: bigint): void {
    if (typeof v !== "bigint") throw new WireTypeError("bigint (i64)", v);
    this.ensure(8);
    this.dv.setBigInt64(this.pos, v, true);
    this.pos += 8;
  }

  /** `f32` (rounded from the JS number). */
  f32(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (f32)", v);
    this.ensure(4);
    this.dv.setFloat32(this.pos, v, true);
    this.pos += 4;
  }

  /** `f64`. */
  f64(v: number): void {
    if (typeof v !== "number") throw new WireTypeError("number (f64)", v);
    this.ensure(8);
    this.dv.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /** `string`: `u32` byte length, then UTF-8 (§3.2). */
  string(v: string): void {
    if (typeof v !== "string") throw new WireTypeError("string (string)", v);
    const n = v.length;
    this.ensure(4 + n);
    const lenAt = this.pos;
    let p = lenAt + 4;
    const buf = this.buf;
    // ASCII fast path for short strings: one byte per code unit.
    if (n <= 64) {
      let i = 0;
      for (; i < n; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x80) break;
        buf[p + i] = c;
      }
      if (i === n) {
        storeU32(this.buf, lenAt, n);
        this.pos = p + n;
        return;
      }
    }
    // General path: encodeInto, growing (or failing) when UTF-8 is longer than the room left.
    for (;;) {
      const room = this.buf.subarray(p, this.end);
      const res = textEncoder.encodeInto(v, room);
      if (res.read === n) {
        storeU32(this.buf, lenAt, res.written);
        this.pos = p + res.written;
        return;
      }
      const rest = this.end - p;
      this.ensure(4 + Math.max(n * 3, rest + 1));
      p = lenAt + 4;
    }
  }

  /** `bytes`: `u32` length, then the bytes, unaligned (§3.3). */
  bytes(v: Uint8Array): void {
    if (!(v instanceof Uint8Array)) throw new WireTypeError("Uint8Array (bytes)", v);
    this.ensure(4 + v.length);
    storeU32(this.buf, this.pos, v.length);
    this.buf.set(v, this.pos + 4);
    this.pos += 4 + v.length;
  }

  /**
   * A typed buffer `T[]` (§3.6): `u32` count, zero padding until the data is
   * aligned to `elemSize` relative to {@link base}, then the elements (one copy).
   */
  typed(v: WireTypedArray, elemSize: 1 | 2 | 4 | 8): void {
    const byteLen = v.byteLength;
    this.ensure(4 + elemSize - 1 + byteLen);
    storeU32(this.buf, this.pos, v.length);
    let p = this.pos + 4;
    const misalign = (p - this.base) % elemSize;
    if (misalign !== 0) {
      const pad = elemSize - misalign;
      this.buf.fill(0, p, p + pad);
      p += pad;
    }
    this.buf.set(new Uint8Array(v.buffer, v.byteOffset, byteLen), p);
    countCopy();
    this.pos = p + byteLen;
  }

  /** `u8[]` from a `Uint8Array` (§3.6; any other value is a {@link WireTypeError}). */
  u8s(v: Uint8Array): void {
    if (!(v instanceof Uint8Array)) throw new WireTypeError("Uint8Array (u8[])", v);
    this.typed(v, 1);
  }

  /** `i8[]` from a `Int8Array` (§3.6; any other value is a {@link WireTypeError}). */
  i8s(v: Int8Array): void {
    if (!(v instanceof Int8Array)) throw new WireTypeError("Int8Array (i8[])", v);
    this.typed(v, 1);
  }

  /** `u16[]` from a `Uint16Array` (§3.6; any other value is a {@link WireTypeError}). */
  u16s(v: Uint16Array): void {
    if (!(v instanceof Uint16Array)) throw new WireTypeError("Uint16Array (u16[])", v);
    this.typed(v, 2);
  }

  /** `i16[]` from a `Int16Array` (§3.6; any other value is a {@link WireTypeError}). */
  i16s(v: Int16Array): void {
    if (!(v instanceof Int16Array)) throw new WireTypeError("Int16Array (i16[])", v);
    this.typed(v, 2);
  }

  /** `u32[]` from a `Uint32Array` (§3.6; any other value is a {@link WireTypeError}). */
  u32s(v: Uint32Array): void {
    if (!(v instanceof Uint32Array)) throw new WireTypeError("Uint32Array (u32[])", v);
    this.typed(v, 4);
  }

  /** `i32[]` from a `Int32Array` (§3.6; any other value is a {@link WireTypeError}). */
  i32s(v: Int32Array): void {
    if (!(v instanceof Int32Array)) throw new WireTypeError("Int32Array (i32[])", v);
    this.typed(v, 4);
  }

  /** `f32[]` from a `Float32Array` (§3.6; any other value is a {@link WireTypeError}). */
  f32s(v: Float32Array): void {
    if (!(v instanceof Float32Array)) throw new WireTypeError("Float32Array (f32[])", v);
    this.typed(v, 4);
  }

  /** `f64[]` from a `Float64Array` (§3.6; any other value is a {@link WireTypeError}). */
  f64s(v: Float64Array): void {
    if (!(v instanceof Float64Array)) throw new WireTypeError("Float64Array (f64[])", v);
    this.typed(v, 8);
  }

  /** `i64[]` from a `BigInt64Array` (§3.6; any other value is a {@link WireTypeError}). */
  i64s(v: BigInt64Array): void {
    if (!(v instanceof BigInt64Array)) throw new WireTypeError("BigInt64Array (i64[])", v);
    this.typed(v, 8);
  }

  /** `u64[]` from a `BigUint64Array` (§3.6; any other value is a {@link WireTypeError}). */
  u64s(v: BigUint64Array): void {
    if (!(v instanceof BigUint64Array)) throw new WireTypeError("BigUint64Array (u64[])", v);
    this.typed(v, 8);
  }

  /** Reserves a `u32` length to patch with {@link endLen}; returns its index. */
  beginLen(): number {
    this.ensure(4);
    const at = this.pos;
    this.pos += 4;
    return at;
  }

  /** Writes the bytes written since {@link beginLen} into its `u32`. */
  endLen(at: number): void {
    storeU32(this.buf, at, this.pos - at - 4);
  }

  /** Overwrites a `u32` at index `at` (e.g. a frame's payload length). */
  patchU32(at: number, v: number): void {
    storeU32(this.buf, at, v);
  }
}
