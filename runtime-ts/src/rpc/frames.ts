/**
 * The 16-byte frame header and the few whole frames the transports build
 * themselves (cancel, system errors). docs/wire.md §2.
 * @module
 */

import { SystemError, SystemErrorCodes, type SystemErrorName } from "./errors.js";

/** Bytes in a frame header. */
export const HEADER_LEN = 16;
/** Wire format version. */
export const WIRE_VERSION = 1;

/** Frame kinds (docs/wire.md §2). */
export const FrameKind = { call: 1, ok: 2, error: 3, cancel: 4, event: 5 } as const;

/** A decoded frame header. */
export interface FrameHeader {
  /** Frame kind number (see {@link FrameKind}). */
  readonly kind: number;
  /** Caller-chosen id echoed by the answer. */
  readonly callId: number;
  /** The op's id. */
  readonly opId: number;
  /** Payload bytes after the header. */
  readonly payloadLen: number;
}

/** Writes a header at `offset` of `bytes` (byte stores: no DataView to allocate per frame). */
export function writeHeader(bytes: Uint8Array, offset: number, kind: number, callId: number, opId: number, payloadLen: number): void {
  bytes[offset] = WIRE_VERSION;
  bytes[offset + 1] = kind;
  bytes[offset + 2] = 0;
  bytes[offset + 3] = 0;
  putU32(bytes, offset + 4, callId);
  putU32(bytes, offset + 8, opId);
  putU32(bytes, offset + 12, payloadLen);
}

function putU32(bytes: Uint8Array, at: number, v: number): void {
  bytes[at] = v;
  bytes[at + 1] = v >>> 8;
  bytes[at + 2] = v >>> 16;
  bytes[at + 3] = v >>> 24;
}

function getU32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

/** Reads and checks a header; throws {@link SystemError} `bad_frame` when it is not acceptable. */
export function readHeader(bytes: Uint8Array, offset = 0): FrameHeader {
  if (bytes.byteLength - offset < HEADER_LEN) throw new SystemError("bad_frame", "truncated frame header");
  if (bytes[offset] !== WIRE_VERSION) throw new SystemError("bad_frame", "unsupported_version");
  const kind = bytes[offset + 1]!;
  if (kind < FrameKind.call || kind > FrameKind.event) throw new SystemError("bad_frame", `unknown frame kind ${kind}`);
  return { kind, callId: getU32(bytes, offset + 4), opId: getU32(bytes, offset + 8), payloadLen: getU32(bytes, offset + 12) };
}

/** A header-only cancel frame for `callId`, in its own transferable buffer. */
export function cancelFrame(callId: number): Uint8Array {
  const frame = new Uint8Array(HEADER_LEN);
  writeHeader(frame, 0, FrameKind.cancel, callId, 0, 0);
  return frame;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: true });

/** A complete error frame carrying system error `code` (used by hosts for traps and the like). */
export function systemErrorFrame(callId: number, opId: number, code: SystemErrorName, message: string): Uint8Array {
  const text = utf8Encoder.encode(message);
  const payloadLen = 1 + 4 + 4 + text.byteLength;
  const frame = new Uint8Array(HEADER_LEN + payloadLen);
  writeHeader(frame, 0, FrameKind.error, callId, opId, payloadLen);
  const view = new DataView(frame.buffer);
  view.setUint8(16, 1);
  view.setUint32(17, SystemErrorCodes[code], true);
  view.setUint32(21, text.byteLength, true);
  frame.set(text, 25);
  return frame;
}

/**
 * Turns the payload of an error frame into the error to reject with: a typed
 * error via `decodeTyped(errorId, body)`, or a {@link SystemError}.
 * Malformed payloads become `SystemError` `decode`/`bad_frame`.
 */
export function errorFromPayload(payload: Uint8Array, decodeTyped: (errorId: number, body: Uint8Array) => Error | undefined): Error {
  if (payload.byteLength < 5) return new SystemError("decode", "truncated");
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const errorClass = view.getUint8(0);
  const id = view.getUint32(1, true);
  if (errorClass === 0) {
    try {
      return decodeTyped(id, payload.subarray(5)) ?? new SystemError("decode", `unknown_error ${id}`);
    } catch (e) {
      return e instanceof Error ? new SystemError("decode", e.message) : new SystemError("decode");
    }
  }
  if (errorClass !== 1) return new SystemError("bad_frame", `unknown error class ${errorClass}`);
  if (payload.byteLength < 9) return new SystemError("decode", "truncated");
  const len = view.getUint32(5, true);
  if (len > payload.byteLength - 9) return new SystemError("decode", "truncated");
  let message: string;
  try {
    message = utf8Decoder.decode(payload.subarray(9, 9 + len));
  } catch {
    return new SystemError("decode", "invalid_utf8");
  }
  return new SystemError(id, message);
}
