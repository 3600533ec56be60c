/**
 * Builds an {@link OpCall} from generated codecs, so generated clients stay
 * one line per op: encode the parameter struct with a {@link Writer} straight
 * into the frame, decode the answer with a {@link Reader} (views on `borrow`).
 * @module
 */

import type { OpCall } from "./call.js";
import { Reader } from "../wire/reader.js";
import { FRAME_HEADER_LEN, TYPED_ERROR_FIELDS_AT } from "../wire/frame.js";
import { Writer } from "../wire/writer.js";

/** The generated codecs of one op: parameters out, result and typed errors in. */
export interface OpCodec<P, R> {
  /** An upper bound of the encoded parameter struct (`maxSize{Service}{Op}Params`). */
  readonly maxSize: (params: P) => number;
  /** Writes the parameter struct (`encode{Service}{Op}Params`). */
  readonly encode: (w: Writer, params: P) => void;
  /** Reads the ok payload (`decode{Service}{Op}Result`). */
  readonly decode: (r: Reader) => R;
  /** Reads a typed error after its id (`decode{Service}{Op}Error`); throws `unknown_error` for ids the op does not throw. */
  readonly decodeError: (r: Reader, errorId: number) => Error;
}

/** One call of op `opId` with `params`, encoded and decoded by `codec`. */
export function opCall<P, R>(opId: number, params: P, codec: OpCodec<P, R>): OpCall<R> {
  return {
    opId,
    maxPayloadLen: codec.maxSize(params),
    encode(frame: Uint8Array): number {
      const w = Writer.into(frame, FRAME_HEADER_LEN);
      codec.encode(w, params);
      return w.length;
    },
    decodeOk(payload: Uint8Array, borrow: boolean): R {
      const r = new Reader(payload, { views: borrow });
      const value = codec.decode(r);
      r.finish();
      return value;
    },
    decodeError(errorId: number, body: Uint8Array): Error {
      // Typed buffers in the error align relative to the payload start, the
      // error head's bytes before `body` (docs/wire.md §3.6): the fields are
      // read at that offset of a copy (errors are rare and small).
      const payload = new Uint8Array(TYPED_ERROR_FIELDS_AT + body.length);
      payload.set(body, TYPED_ERROR_FIELDS_AT);
      const r = new Reader(payload);
      r.pos = TYPED_ERROR_FIELDS_AT;
      const error = codec.decodeError(r, errorId);
      r.finish();
      return error;
    },
  };
}
