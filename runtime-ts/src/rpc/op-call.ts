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
import { asCallError, SystemError } from "./errors.js";

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
  /** The op as the messages name it (`Service.method`). */
  readonly name?: string;
  /**
   * The first wrong-typed parameter as `path: expected T, got U`, or
   * `undefined` when every parameter has its type (`check{Service}{Op}Params`);
   * run only after the size bound or the encoder failed.
   */
  readonly check?: (params: unknown, at: string) => string | undefined;
}

/** What a call whose encoding failed rejects with: `decode` naming the bad parameter, else the failure itself. */
function argumentError<P, R>(codec: OpCodec<P, R>, params: P, cause: unknown): Error {
  let problem: string | undefined;
  try {
    problem = codec.check?.(params, "");
  } catch {
    problem = undefined;
  }
  if (problem !== undefined) return new SystemError("decode", `invalid argument to ${codec.name ?? "the op"}: parameter ${problem}`);
  if (cause === undefined) return new SystemError("internal", `${codec.name ?? "the op"}: the size bound of the parameters is no number`);
  return asCallError(cause);
}

/** A call that fails with `error` as soon as a transport encodes it: nothing is sent. */
function refusedCall<R>(opId: number, error: Error): OpCall<R> {
  return {
    opId,
    maxPayloadLen: 0,
    encode(): number {
      throw error;
    },
    decodeOk(): R {
      throw error;
    },
    decodeError(): Error | undefined {
      return undefined;
    },
  };
}

/**
 * The {@link OpCall} of {@link opCall}: one object per call (no closures),
 * encoding in place at any offset and decoding in place ({@link OpCall.encodeAt},
 * {@link OpCall.decodeOkAt}); {@link encode} and {@link decodeOk} are those at
 * the start of a frame or payload.
 */
class CodecCall<P, R> implements OpCall<R> {
  /** A call alive as long as the class, so its hidden class survives full GCs (see `Reader`'s `shape`). */
  private static readonly shape: OpCall<unknown> = new CodecCall(0, 0, undefined, undefined as unknown as OpCodec<unknown, unknown>);

  constructor(
    readonly opId: number,
    readonly maxPayloadLen: number,
    private readonly params: P,
    private readonly codec: OpCodec<P, R>,
  ) {}

  encode(frame: Uint8Array): number {
    return this.encodeAt(frame, FRAME_HEADER_LEN, frame.length);
  }

  encodeAt(bytes: Uint8Array, at: number, end: number): number {
    const w = Writer.into(bytes, at, at, end);
    try {
      this.codec.encode(w, this.params);
    } catch (e) {
      throw argumentError(this.codec, this.params, e);
    }
    return w.length;
  }

  decodeOk(payload: Uint8Array, borrow: boolean): R {
    return this.decodeOkAt(payload, 0, payload.length, borrow);
  }

  decodeOkAt(bytes: Uint8Array, start: number, stop: number, borrow: boolean): R {
    const r = Reader.at(bytes, start, stop, borrow);
    const value = this.codec.decode(r);
    r.finish();
    return value;
  }

  decodeError(errorId: number, body: Uint8Array): Error {
    // Typed buffers in the error align relative to the payload start, the
    // error head's bytes before `body` (docs/wire.md §3.6): the fields are
    // read at that offset of a copy (errors are rare and small).
    const payload = new Uint8Array(TYPED_ERROR_FIELDS_AT + body.length);
    payload.set(body, TYPED_ERROR_FIELDS_AT);
    const r = new Reader(payload);
    r.pos = TYPED_ERROR_FIELDS_AT;
    const error = this.codec.decodeError(r, errorId);
    r.finish();
    return error;
  }
}

/**
 * One call of op `opId` with `params`, encoded and decoded by `codec`. A
 * wrong-typed argument (the size bound fails or is no number, or the encoder
 * throws, e.g. the {@link Writer}'s `WireTypeError`) is looked for with
 * `codec.check`: the call then fails before any frame is sent, with
 * `SystemError` `decode` naming the op, the parameter's path and the
 * expected type (docs/runtime-ts.md).
 */
export function opCall<P, R>(opId: number, params: P, codec: OpCodec<P, R>): OpCall<R> {
  let maxPayloadLen: number;
  try {
    maxPayloadLen = codec.maxSize(params);
  } catch (e) {
    return refusedCall(opId, argumentError(codec, params, e));
  }
  if (!(maxPayloadLen >= 0)) return refusedCall(opId, argumentError(codec, params, undefined));
  return new CodecCall(opId, maxPayloadLen, params, codec);
}
