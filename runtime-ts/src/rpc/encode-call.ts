/**
 * Encoding one call into a frame of its own (docs/wire.md §2): the header
 * and the op's payload, in a buffer of at most `16 + maxPayloadLen` bytes,
 * returned as a view of exactly the frame's length. Shared by the transports
 * that send each frame as it is (stdio, NATS).
 * @module
 */

import type { OpCall } from "./call.js";
import { asCallError } from "./errors.js";
import { FRAME_HEADER_LEN, FrameKind, writeFrameHeader } from "../wire/frame.js";

/** The call frame of `op` with call id `callId`; throws the call's error (`asCallError`) when encoding fails. */
export function encodeCall(op: OpCall<unknown>, callId: number): Uint8Array {
  const room = new Uint8Array(FRAME_HEADER_LEN + op.maxPayloadLen);
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
