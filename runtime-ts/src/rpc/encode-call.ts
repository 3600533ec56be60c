/**
 * Encoding one call into a frame of its own (docs/wire.md §2): the header
 * and the op's payload, in a buffer of at most `16 + maxPayloadLen` bytes,
 * returned as a view of exactly the frame's length. Shared by the transports
 * that send each frame as it is (stdio, NATS). A transport may hand in a
 * buffer of its own to encode into (stdio reuses one for bulk frames): the
 * op's writer writes every byte of the frame it returns, padding included.
 * @module
 */

import type { OpCall } from "./call.js";
import { asCallError } from "./errors.js";
import { FRAME_HEADER_LEN, FrameKind, writeFrameHeader } from "../wire/frame.js";

/**
 * The call frame of `op` with call id `callId`, in `room` when given (at
 * least {@link callFrameRoom} bytes, 8-aligned) or a new buffer; throws the
 * call's error (`asCallError`) when encoding fails.
 */
export function encodeCall(op: OpCall<unknown>, callId: number, room: Uint8Array = new Uint8Array(callFrameRoom(op))): Uint8Array {
  let payloadLen: number;
  try {
    payloadLen = op.encode(room);
  } catch (e) {
    throw asCallError(e);
  }
  writeFrameHeader(room, 0, FrameKind.Call, callId, op.opId, payloadLen);
  const length = FRAME_HEADER_LEN + payloadLen;
  return length === room.length ? room : room.subarray(0, length);
}

/** The room {@link encodeCall} needs for `op`'s frame: the header and the payload's upper bound. */
export function callFrameRoom(op: OpCall<unknown>): number {
  return FRAME_HEADER_LEN + op.maxPayloadLen;
}
