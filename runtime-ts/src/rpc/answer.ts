/**
 * Reading an answer frame into the outcome of a call: the value of an `ok`
 * frame, the typed error or {@link SystemError} of an `error` frame
 * (docs/wire.md §2), `bad_frame` for any other kind. Shared by every
 * transport; the payloads are read with the frame module's helpers.
 * @module
 */

import type { OpCall } from "./call.js";
import { SystemError } from "./errors.js";
import { FrameKind, readErrorHead, TYPED_ERROR_FIELDS_AT } from "../wire/frame.js";
import { Reader } from "../wire/reader.js";

/**
 * The value of the answer to `op` whose frame has kind `kind` and payload
 * `payload`; throws the call's error otherwise (a typed error, a
 * `SystemError`, or the `DecodeError` of a malformed answer, which
 * `asCallError` turns into `decode`).
 */
export function readAnswer<T>(op: OpCall<T>, kind: number, payload: Uint8Array, borrow: boolean): T {
  return readAnswerAt(op, kind, payload, 0, payload.length, borrow);
}

/**
 * {@link readAnswer} of the payload `bytes[start..stop]`, read in place when
 * the call can ({@link OpCall.decodeOkAt}: the direct host reads answers from
 * linear memory without a view per call).
 */
export function readAnswerAt<T>(op: OpCall<T>, kind: number, bytes: Uint8Array, start: number, stop: number, borrow: boolean): T {
  if (kind === FrameKind.Ok) return op.decodeOkAt !== undefined ? op.decodeOkAt(bytes, start, stop, borrow) : op.decodeOk(bytes.subarray(start, stop), borrow);
  if (kind === FrameKind.Error) throw answerError(op, bytes.subarray(start, stop));
  throw new SystemError("bad_frame", `unexpected frame kind ${kind} in an answer`);
}

/** The error an error frame's payload carries (throws `DecodeError` when it is malformed). */
function answerError(op: OpCall<unknown>, payload: Uint8Array): Error {
  const head = readErrorHead(new Reader(payload));
  if (head.class === "system") return new SystemError(head.code, head.message);
  return op.decodeError(head.errorId, payload.subarray(TYPED_ERROR_FIELDS_AT)) ?? new SystemError("decode", `unknown_error ${head.errorId}`);
}
