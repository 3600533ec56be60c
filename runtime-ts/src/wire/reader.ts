/**
 * The wire decoder (docs/wire.md §3, §5): reads values from a `Uint8Array`
 * (possibly a view of wasm linear memory) without ever reading out of bounds,
 * allocating more than the input justifies, or throwing anything but
 * {@link DecodeError}. Bulk buffers are copies by default, or zero-copy views
 * when the caller opts in with `{ views: true }`.
 */

import { loadU32 } from "./bytes.js";
import { countCopy } from "./copies.js";
import { DecodeError } from "./errors.js";
import { type Limits, resolveLimits } from "./limits.js";

const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** The options of a reader returning views (one object for every {@link Reader.at}). */
const VIEWS: ReaderOptions = Object.freeze({ views: true });

/** Options of a {@link Reader}. */
export interface ReaderOptions {
  /**
   * Return `bytes` and typed buffers as views into the input instead of
   * copies. Views are only valid while the input is (for wasm memory: until
   * the next call into the module, which may grow and detach it). Buffers
   * whose data is not aligned in memory are still copied.
   */
  readonly views?: boolean;
  /** Decoder limits; unset fields take the defaults. */
  readonly limits?: Partial<Limits>;
}

/** Constructor of a typed array, as used by the bulk buffer readers. */
interface TypedArrayCtor<T> {
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
  new (length: number): T;
}

/** Decodes wire values from one payload (`bytes` starts at the payload start). */
export class Reader {
  /** The input; the payload is `bytes[base..stop]` (all of it unless made by {@link Reader.at}). */
  readonly bytes: Uint8Array;
  /** A little-endian view over {@link bytes}, made on first use (see {@link dv}). */
  private view: DataView | undefined;
  /** Next read index into {@link bytes}. */
  pos = 0;
  /** Index into {@link bytes} where the payload starts: typed-buffer alignment is measured from it (0 unless made by {@link Reader.at}). */
  readonly base: number;
  /** Index into {@link bytes} where the payload ends: {@link finish} checks that reading stopped there. */
  private readonly stop: number;
  /** End of the innermost enclosing body (struct or union payload) or of the input. */
  end: number;
  /** Current nesting depth. */
  depth = 0;
  /** Limits in force. */
  readonly limits: Limits;
  /** Whether bytes and buffers are returned as views. */
  readonly views: boolean;

  /**
   * A reader alive as long as the class: at a full GC, V8 drops a hidden
   * class no live object has, and code optimized for it deoptimizes ("weak
   * objects"). Readers live for one call, so without it the first calls after
   * every major GC ran unoptimized (the peers benchmark's greet: ~10× slower).
   */
  private static readonly shape: Reader = new Reader(new Uint8Array(0));

  /**
   * The DataView over {@link bytes}, created lazily: a small answer of
   * integers (read with byte loads) allocates none, which matters on the
   * cross-thread transports where every answer arrives in a fresh buffer.
   */
  private get dv(): DataView {
    return (this.view ??= new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength));
  }

  /** Reads the payload `bytes`. */
  constructor(bytes: Uint8Array, options?: ReaderOptions, start = 0, stop = bytes.length) {
    this.bytes = bytes;
    this.view = undefined;
    this.pos = start;
    this.base = start;
    this.end = stop;
    this.stop = stop;
    this.limits = resolveLimits(options?.limits);
    this.views = options?.views ?? false;
  }

  /**
   * Reads the payload `bytes[start..stop]` in place, without a view of it
   * (the direct host reads answers from the whole of linear memory this way):
   * reads stay inside it, typed buffers align relative to `start`, and
   * {@link finish} expects the read to end at `stop`.
   */
  static at(bytes: Uint8Array, start: number, stop: number, views: boolean): Reader {
    return new Reader(bytes, views ? VIEWS : undefined, start, stop);
  }

  /** Bytes left before the end of the current body. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Fails with `truncated` unless `n` bytes remain. */
  need(n: number): void {
    if (n > this.end - this.pos) throw new DecodeError("truncated");
  }

  /** Fails with `trailing_bytes` unless the whole input was consumed. */
  finish(): void {
    if (this.pos !== this.stop) throw new DecodeError("trailing_bytes");
  }

  /** Enters one nesting level (`depth_exceeded` past the limit). */
  enter(): void {
    if (++this.depth > this.limits.maxDepth) throw new DecodeError("depth_exceeded");
  }

  /** Leaves one nesting level. */
  exit(): void {
    this.depth--;
  }

  /**
   * Reads a `u32` body length (struct §3.9, union payload §3.10), enters one
   * level and bounds reads to the body; returns the outer end for {@link endBody}.
   */
  beginBody(): number {
    const len = this.u32();
    this.need(len);
    this.enter();
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Whether the current body has bytes left (a field present; else it takes its default). */
  more(): boolean {
    return this.pos < this.end;
  }

  /** Skips what is left of the body and restores the outer end. */
  endBody(outer: number): void {
    this.pos = this.end;
    this.end = outer;
    this.depth--;
  }

  /**
   * Reads a `u32` element count of a list or map (§3.4, §3.5), which cannot
   * exceed the bytes left since each element takes at least one byte.
   */
  count(): number {
    const n = this.u32();
    if (n > this.end - this.pos) throw new DecodeError("truncated");
    return n;
  }

  /** Reads an optional's presence byte (§3.7). */
  present(): boolean {
    this.need(1);
    const b = this.bytes[this.pos++]!;
    if (b > 1) throw new DecodeError("invalid_optional");
    return b === 1;
  }

  /** `bool`. */
  bool(): boolean {
    this.need(1);
    const b = this.bytes[this.pos++]!;
    if (b > 1) throw new DecodeError("invalid_bool");
    return b === 1;
  }

  /** `u8`. */
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  /** `i8`. */
  i8(): number {
    this.need(1);
    return (this.bytes[this.pos++]! << 24) >> 24;
  }

  /** `u16`. */
  u16(): number {
    this.need(2);
    const v = this.dv.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  /** `i16`. */
  i16(): number {
    this.need(2);
    const v = this.dv.getInt16(this.pos, true);
    this.pos += 2;
    return v;
  }

  /** `u32`. */
  u32(): number {
    this.need(4);
    const p = this.pos;
    const v = loadU32(this.bytes, p);
    this.pos = p + 4;
    return v;
  }

  /** `i32`. */
  i32(): number {
    this.need(4);
    const b = this.bytes;
    const p = this.pos;
    const v = b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24);
    this.pos = p + 4;
    return v;
  }

  /** `u64` as a bigint. */
  u64(): bigint {
    this.need(8);
    const v = this.dv.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** `i64` as a bigint. */
  i64(): bigint {
    this.need(8);
    const v = this.dv.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** `f32`. */
  f32(): number {
    this.need(4);
    const v = this.dv.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** `f64`. */
  f64(): number {
    this.need(8);
    const v = this.dv.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** `string` (§3.2); invalid UTF-8 is `invalid_utf8`. */
  string(): string {
    const n = this.u32();
    this.need(n);
    const start = this.pos;
    this.pos = start + n;
    const bytes = this.bytes;
    if (n <= 12) {
      // ASCII fast path: very short strings are cheaper to build than to hand
      // to TextDecoder. Up to 12 characters V8 builds them flat; longer ones
      // would be rope strings, flattened again when used (measured: 23 ASCII
      // bytes take ~340 ns this way and ~175 ns through TextDecoder).
      let s = "";
      let i = start;
      for (; i < start + n; i++) {
        const c = bytes[i]!;
        if (c >= 0x80) break;
        s += String.fromCharCode(c);
      }
      if (i === start + n) return s;
    }
    let view = bytes.subarray(start, start + n);
    // TextDecoder refuses views of shared memory: copy those first.
    if (typeof SharedArrayBuffer !== "undefined" && view.buffer instanceof SharedArrayBuffer) view = view.slice();
    try {
      return utf8Decoder.decode(view);
    } catch {
      throw new DecodeError("invalid_utf8");
    }
  }

  /** `bytes` (§3.3): a copy, or a view when the reader was made with `views: true`. */
  bytesValue(): Uint8Array {
    const n = this.u32();
    this.need(n);
    const start = this.pos;
    this.pos = start + n;
    return this.views ? this.bytes.subarray(start, start + n) : copyOf(this.bytes, start, start + n);
  }

  /** Reads count, padding and data of a typed buffer (§3.6) as a `ctor` array. */
  private typed<T>(ctor: TypedArrayCtor<T>, size: number): T {
    const count = this.u32();
    const pad = (size - ((this.pos - this.base) % size)) % size;
    // count * size <= remaining - pad, without overflow (count < 2^32, size <= 8: exact in f64).
    if (pad > this.end - this.pos || count * size > this.end - this.pos - pad) throw new DecodeError("truncated");
    const start = this.pos + pad;
    const byteLen = count * size;
    this.pos = start + byteLen;
    const abs = this.bytes.byteOffset + start;
    if (this.views && abs % size === 0) return new ctor(this.bytes.buffer, abs, count);
    countCopy();
    return new ctor(copyOf(this.bytes, start, start + byteLen).buffer, 0, count);
  }

  /** `u8[]`. */
  u8s(): Uint8Array {
    return this.typed(Uint8Array, 1);
  }
  /** `i8[]`. */
  i8s(): Int8Array {
    return this.typed(Int8Array, 1);
  }
  /** `u16[]`. */
  u16s(): Uint16Array {
    return this.typed(Uint16Array, 2);
  }
  /** `i16[]`. */
  i16s(): Int16Array {
    return this.typed(Int16Array, 2);
  }
  /** `u32[]`. */
  u32s(): Uint32Array {
    return this.typed(Uint32Array, 4);
  }
  /** `i32[]`. */
  i32s(): Int32Array {
    return this.typed(Int32Array, 4);
  }
  /** `f32[]`. */
  f32s(): Float32Array {
    return this.typed(Float32Array, 4);
  }
  /** `f64[]`. */
  f64s(): Float64Array {
    return this.typed(Float64Array, 8);
  }
  /** `i64[]`. */
  i64s(): BigInt64Array {
    return this.typed(BigInt64Array, 8);
  }
  /** `u64[]`. */
  u64s(): BigUint64Array {
    return this.typed(BigUint64Array, 8);
  }
}

/**
 * A copy of `bytes[start, end)` in a buffer of its own. Not `bytes.slice()`:
 * on a node `Buffer` (what sockets and pipes deliver) `slice` is a view into
 * the shared pool, whose `.buffer` starts elsewhere.
 */
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const copy = new Uint8Array(end - start);
  copy.set(bytes.subarray(start, end));
  return copy;
}
