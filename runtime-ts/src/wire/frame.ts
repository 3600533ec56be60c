/**
 * Frames (docs/wire.md §2): the one frame module of runtime-ts. It owns the
 * 16-byte header, the frame kinds, the system error codes (§2.1), the frame
 * length limit check, and the payloads of ok, typed-error and system-error
 * answers. The host, the transports, the port server and the call machinery
 * all read and write frames through it, and the conformance vectors test it.
 *
 * Hot paths read and write headers with byte loads and stores (no `DataView`
 * per frame) through {@link readFrameHeader} and {@link writeFrameHeader}.
 */

import { loadU32, storeU32 } from "./bytes.js";
import { DecodeError } from "./errors.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
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

/** True when `kind` is one of the {@link FrameKind}s of version 1. */
export function isFrameKind(kind: number): kind is FrameKind {
  return kind >= FrameKind.Call && kind <= FrameKind.Event;
}

/** System error codes (§2.1), by their spec name (the `code` of a `SystemError`). */
export const SystemErrorCodes = {
  unknown_op: 1,
  decode: 2,
  trap: 3,
  overloaded: 4,
  cancelled: 5,
  timeout: 6,
  too_large: 7,
  unavailable: 8,
  internal: 9,
  bad_frame: 10,
  forbidden: 11,
} as const;
/** The §2.1 name of a system error code. */
export type SystemErrorName = keyof typeof SystemErrorCodes;

/** The §2.1 name of a system error code; unknown codes are `internal`. */
export function systemErrorName(code: number): SystemErrorName {
  for (const name in SystemErrorCodes) {
    if (SystemErrorCodes[name as SystemErrorName] === code) return name as SystemErrorName;
  }
  return "internal";
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

/** Writes a 16-byte header at `offset` of `target` (version 1, flags 0). */
export function writeFrameHeader(target: Uint8Array, offset: number, kind: FrameKind, callId: number, opId: number, payloadLen: number): void {
  target[offset] = WIRE_VERSION;
  target[offset + 1] = kind;
  target[offset + 2] = 0;
  target[offset + 3] = 0;
  storeU32(target, offset + 4, callId);
  storeU32(target, offset + 8, opId);
  storeU32(target, offset + 12, payloadLen);
}

/**
 * Validates the header at `offset` of `bytes` and returns its payload length,
 * allocating nothing: `truncated` if fewer than 16 bytes, `unsupported_version`,
 * `bad_frame` for an unknown kind, and `too_large` when `16 + payload_len`
 * exceeds `limits.maxFrameLen` (§5.1). Does not require the payload to be
 * present (stream readers check that as bytes arrive, hosts against their
 * memory). The hot paths read the other fields with byte loads after it;
 * {@link readFrameHeader} returns them all.
 */
export function checkFrameHeader(bytes: Uint8Array, offset: number, limits?: Partial<Limits>): number {
  if (bytes.length - offset < FRAME_HEADER_LEN) throw new DecodeError("truncated", "frame header");
  const version = bytes[offset]!;
  if (version !== WIRE_VERSION) throw new DecodeError("unsupported_version", `version ${version}`);
  const kind = bytes[offset + 1]!;
  if (!isFrameKind(kind)) throw new DecodeError("bad_frame", `kind ${kind}`);
  const payloadLen = loadU32(bytes, offset + 12);
  const maxFrameLen = limits?.maxFrameLen ?? DEFAULT_LIMITS.maxFrameLen;
  if (payloadLen > maxFrameLen - FRAME_HEADER_LEN) throw new DecodeError("too_large", `${FRAME_HEADER_LEN + payloadLen} > ${maxFrameLen} bytes`);
  return payloadLen;
}

/** Reads and validates the header at `offset` of `bytes` (the checks of {@link checkFrameHeader}). */
export function readFrameHeader(bytes: Uint8Array, offset = 0, limits?: Partial<Limits>): FrameHeader {
  const payloadLen = checkFrameHeader(bytes, offset, limits);
  return {
    version: WIRE_VERSION,
    kind: bytes[offset + 1]! as FrameKind,
    flags: bytes[offset + 2]! | (bytes[offset + 3]! << 8),
    callId: loadU32(bytes, offset + 4),
    opId: loadU32(bytes, offset + 8),
    payloadLen,
  };
}

/**
 * The kind of the frame starting `bytes` when it holds a whole version-1
 * header, otherwise 0. No allocation and no other check: for sorting
 * messages before they are read with {@link readFrameHeader}.
 */
export function peekFrameKind(bytes: Uint8Array): number {
  return bytes.length >= FRAME_HEADER_LEN && bytes[0] === WIRE_VERSION ? bytes[1]! : 0;
}

/**
 * The system error (§2.1) that answers a frame whose header
 * {@link readFrameHeader} refused with `error`: `too_large` for a frame over
 * the limit, otherwise `bad_frame`.
 */
export function headerErrorCode(error: unknown): SystemErrorName {
  return error instanceof DecodeError && error.kind === "too_large" ? "too_large" : "bad_frame";
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
  writeFrameHeader(w.buf, at, kind, callId, opId, 0);
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

/** A header-only cancel frame for `callId` (§2), in its own transferable buffer. */
export function cancelFrame(callId: number): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_LEN);
  writeFrameHeader(frame, 0, FrameKind.Cancel, callId, 0, 0);
  return frame;
}

/** Error payload class byte (§2): typed error. */
export const ERROR_CLASS_TYPED = 0;
/** Error payload class byte (§2): system error. */
export const ERROR_CLASS_SYSTEM = 1;
/** Offset of a typed error's fields in an error payload (after the class byte and `u32 error_id`). */
export const TYPED_ERROR_FIELDS_AT = 5;

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

/**
 * A complete error frame carrying system error `code` (a §2.1 name or
 * number), in a buffer of exactly its length (ready to be transferred).
 */
export function systemErrorFrame(callId: number, opId: number, code: SystemErrorName | number, message: string): Uint8Array {
  const room = new Uint8Array(FRAME_HEADER_LEN + maxSizeSystemError(message));
  const w = Writer.into(room, FRAME_HEADER_LEN);
  writeSystemError(w, typeof code === "number" ? code : SystemErrorCodes[code], message);
  writeFrameHeader(room, 0, FrameKind.Error, callId, opId, w.length);
  const len = FRAME_HEADER_LEN + w.length;
  return len === room.length ? room : room.slice(0, len);
}

/**
 * The error frame answering `request`, whose header {@link readFrameHeader}
 * refused with `error` ({@link headerErrorCode}). It echoes the request's
 * call and op ids when its 16 header bytes are there (so the caller can
 * settle the call), 0 otherwise.
 */
export function headerErrorFrame(request: Uint8Array, error: unknown): Uint8Array {
  const whole = request.length >= FRAME_HEADER_LEN;
  const message = error instanceof Error ? error.message : String(error);
  return systemErrorFrame(whole ? loadU32(request, 4) : 0, whole ? loadU32(request, 8) : 0, headerErrorCode(error), message);
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
