/**
 * The contract between generated clients and transports: an {@link OpCall}
 * describes one call (op id, how to encode its parameters, how to decode its
 * answer) and a {@link Transport} carries it. Frames are the contract on
 * every transport; only where they are encoded differs.
 * @module
 */

/** Per-call options, honoured by every transport. */
export interface CallOptions {
  /** Aborting rejects the call with `SystemError` `cancelled` (and sends a cancel frame where there is a callee to tell). */
  readonly signal?: AbortSignal;
  /** Rejects with `SystemError` `timeout` after this many milliseconds. */
  readonly timeoutMs?: number;
  /**
   * Opt into zero-copy results: typed buffers in the result are views instead of copies.
   * Direct transport: views into wasm memory, valid until the next call on the same host.
   * Worker/SharedWorker: views into the transferred response buffer, valid for ever.
   */
  readonly borrow?: boolean;
}

/** One call of one op, as built by a generated client. */
export interface OpCall<T> {
  /** The op's wire id. */
  readonly opId: number;
  /** An upper bound of the encoded payload length in bytes. */
  readonly maxPayloadLen: number;
  /**
   * Writes the payload into `frame` starting at offset 16 (after the header)
   * and returns the payload length. `frame` starts 8-aligned, so typed buffers
   * land aligned (docs/wire.md §3.6).
   */
  encode(frame: Uint8Array): number;
  /** Decodes an ok payload. With `borrow`, typed buffers may be views into `payload`. */
  decodeOk(payload: Uint8Array, borrow: boolean): T;
  /** Decodes a typed error (its fields, after `error_id`); `undefined` when the op does not throw `errorId`. */
  decodeError(errorId: number, body: Uint8Array): Error | undefined;
}

/** Something that carries calls to a service: direct, Worker, SharedWorker, ... */
export interface Transport {
  /** Performs one call; rejects with `SystemError` or the op's typed error. */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T>;
  /** Releases the transport (terminates workers, closes ports); pending calls fail with `unavailable`. */
  close(): void;
}
