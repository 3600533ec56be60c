/**
 * Frames (docs/wire.md §2): the 16-byte header, frame kinds, system error
 * codes, and the payload helpers for ok, typed-error and system-error answers.
 */

import { DecodeError } from "./errors.js";
import { type Limits, resolveLimits } from "./limits.js";
import { Reader, type ReaderOptions } from "./reader.js";
import { Writer } from "./writer.js";

/** Wire format version written in every frame header. */
export const WIRE_VERSION = 1;
/** Size of a frame header in bytes. */
export const FRAME_HEADER_LEN = 16;

/** Frame kinds (§2). */
export const FrameKind = {
  Call: 1,
  Ok: 2,
  Error: 3,
  Cancel: 4,
  Event: 5,
} as const;
/** A frame kind number. */
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** System error codes (§2.1); unknown codes are kept as numbers. */
export const SystemErrorCode = {
  UnknownOp: 1,
  Decode: 2,
  Trap: 3,
  Overloaded: 4,
  Cancelled: 5,
  Timeout: 6,
  TooLarge: 7,
  Unavailable: 8,
  Internal: 9,
  BadFrame: 10,
} as const;
/** A known system error code number. */
export type SystemErrorCode = (typeof SystemErrorCode)[keyof typeof SystemErrorCode];

/** The §2.1 name of a system error code; unknown codes are `internal`. */
export function systemErrorName(code: number): string {
  switch (code) {
    case 1: return "unknown_op";
    case 2: return "decode";
    case 3: return "trap";
    case 4: return "overloaded";
    case 5: return "cancelled";
    case 6: return "timeout";
    case 7: return "too_large";
    case 8: return "unavailable";
    case 10: return "bad_frame";
    default: return "internal";
  }
}

/** A decoded frame header. */
export interface FrameHeader {
  /** Always {@link WIRE_VERSION} once validated. */
  readonly version: number;
  /** The frame kind. */
  readonly kind: FrameKind;
  /** Reserved; writers write 0, readers ignore it. */
  readonly flags: number;
  /** Chosen by the caller, echoed by the answer. */
  readonly callId: number;
  /** The op id (0 in cancel frames). */
  readonly opId: number;
  /** Payload bytes after the header. */
  readonly payloadLen: number;
}

/** The fields a writer chooses for a header. */
export interface FrameHeaderInit {
  /** The frame kind. */
  readonly kind: FrameKind;
  /** Call id. */
  readonly callId: number;
  /** Op id. */
  readonly opId: number;
  /** Payload length. */
  readonly payloadLen: number;
}

/** Writes a 16-byte header at `offset` of `target`. */
export function writeFrameHeader(target: Uint8Array, offset: number, h: FrameHeaderInit): void {
  const dv = new DataView(target.buffer, target.byteOffset + offset, FRAME_HEADER_LEN);
  dv.setUint8(0, WIRE_VERSION);
  dv.setUint8(1, h.kind);
  dv.setUint16(2, 0, true);
  dv.setUint32(4, h.callId, true);
  dv.setUint32(8, h.opId, true);
  dv.setUint32(12, h.payloadLen, true);
}

/**
 * Reads and validates the header at `offset` of `bytes`: `truncated` if fewer
 * than 16 bytes, `unsupported_version`, `bad_frame` for an unknown kind, and
 * `too_large` when `16 + payload_len` exceeds `limits.maxFrameLen`. Does not
 * require the payload to be present (stream readers check that as bytes arrive).
 */
export function readFrameHeader(bytes: Uint8Array, offset = 0, limits?: Partial<Limits>): FrameHeader {
  if (bytes.length - offset < FRAME_HEADER_LEN) throw new DecodeError("truncated", "frame header");
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset, FRAME_HEADER_LEN);
  const version = dv.getUint8(0);
  if (version !== WIRE_VERSION) throw new DecodeError("unsupported_version", `version ${version}`);
  const kind = dv.getUint8(1);
  if (kind < 1 || kind > 5) throw new DecodeError("bad_frame", `kind ${kind}`);
  const payloadLen = dv.getUint32(12, true);
  if (FRAME_HEADER_LEN + payloadLen > resolveLimits(limits).maxFrameLen) throw new DecodeError("too_large");
  return {
    version,
    kind: kind as FrameKind,
    flags: dv.getUint16(2, true),
    callId: dv.getUint32(4, true),
    opId: dv.getUint32(8, true),
    payloadLen,
  };
}

/** A whole frame: its header and its payload bytes (a view into the input). */
export interface Frame {
  /** The validated header. */
  readonly header: FrameHeader;
  /** The payload (a subarray of the input, not a copy). */
  readonly payload: Uint8Array;
}

/**
 * Decodes one complete frame that fills `bytes` exactly: header checks as in
 * {@link readFrameHeader}, `truncated` if the payload is short,
 * `trailing_bytes` if bytes follow it.
 */
export function decodeFrame(bytes: Uint8Array, limits?: Partial<Limits>): Frame {
  const header = readFrameHeader(bytes, 0, limits);
  const total = FRAME_HEADER_LEN + header.payloadLen;
  if (bytes.length < total) throw new DecodeError("truncated", "frame payload");
  if (bytes.length > total) throw new DecodeError("trailing_bytes", "after frame");
  return { header, payload: bytes.subarray(FRAME_HEADER_LEN, total) };
}

/**
 * Starts a frame at the writer's position: writes a header whose payload
 * length is patched by {@link endFrame}, and makes the payload start the
 * writer's `base` (so typed buffers align relative to it). Returns the header index.
 */
export function beginFrame(w: Writer, kind: FrameKind, callId: number, opId: number): number {
  w.ensure(FRAME_HEADER_LEN);
  const at = w.pos;
  writeFrameHeader(w.buf, at, { kind, callId, opId, payloadLen: 0 });
  w.pos = at + FRAME_HEADER_LEN;
  w.base = w.pos;
  return at;
}

/** Patches the payload length of the frame begun at `at`; returns the frame length. */
export function endFrame(w: Writer, at: number): number {
  const payloadLen = w.pos - at - FRAME_HEADER_LEN;
  w.patchU32(at + 12, payloadLen);
  return FRAME_HEADER_LEN + payloadLen;
}

/** Error payload class byte (§2): typed error. */
export const ERROR_CLASS_TYPED = 0;
/** Error payload class byte (§2): system error. */
export const ERROR_CLASS_SYSTEM = 1;

/** Writes the start of a typed-error payload; the error's struct follows. */
export function writeTypedErrorPrefix(w: Writer, errorId: number): void {
  w.u8(ERROR_CLASS_TYPED);
  w.u32(errorId);
}

/** Writes a whole system-error payload: class, code and message. */
export function writeSystemError(w: Writer, code: number, message: string): void {
  w.u8(ERROR_CLASS_SYSTEM);
  w.u32(code);
  w.string(message);
}

/** Upper bound of the bytes {@link writeSystemError} writes. */
export function maxSizeSystemError(message: string): number {
  return 1 + 4 + 4 + message.length * 3;
}

/** The head of an error payload: a typed error (its struct follows in the reader) or a system error. */
export type ErrorPayloadHead =
  | { readonly class: "typed"; readonly errorId: number }
  | { readonly class: "system"; readonly code: number; readonly message: string };

/**
 * Reads the head of an error payload. For a typed error the reader is left
 * at the error's struct (decode it with the op's error decoder, then
 * `r.finish()`); a system error is read whole, trailing bytes checked.
 * Another class byte is `bad_frame`.
 */
export function readErrorHead(r: Reader): ErrorPayloadHead {
  const cls = r.u8();
  if (cls === ERROR_CLASS_TYPED) return { class: "typed", errorId: r.u32() };
  if (cls !== ERROR_CLASS_SYSTEM) throw new DecodeError("bad_frame", `error class ${cls}`);
  const code = r.u32();
  const message = r.string();
  r.finish();
  return { class: "system", code, message };
}

/** Makes a reader over a frame's payload (alignment measured from the payload start). */
export function payloadReader(frame: Frame, options?: ReaderOptions): Reader {
  return new Reader(frame.payload, options);
}

/**
 * Encodes a complete frame into a fresh buffer with a payload written by
 * `body` (e.g. a generated `encodeXParams`); the result's buffer is 8-aligned.
 */
export function encodeFrame(
  kind: FrameKind,
  callId: number,
  opId: number,
  body: (w: Writer) => void,
  initialCapacity = 256,
): Uint8Array {
  const w = Writer.growable(initialCapacity);
  const at = beginFrame(w, kind, callId, opId);
  body(w);
  endFrame(w, at);
  return w.finish();
}
