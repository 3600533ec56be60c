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
  /**
   * Decodes a typed error from `body`, its fields (the error payload after
   * its class byte and `error_id`, whose typed buffers align relative to the
   * payload start, docs/wire.md §3.6); `undefined` when the op does not throw `errorId`.
   */
  decodeError(errorId: number, body: Uint8Array): Error | undefined;
  /**
   * Optional, for a host that writes frames in place (the direct host, into
   * linear memory): what {@link encode} does, with the payload written at
   * `bytes[at..]` and never at or past `end` (`at` is 8-aligned).
   */
  encodeAt?(bytes: Uint8Array, at: number, end: number): number;
  /** Optional, for a host that reads answers in place: what {@link decodeOk} does with the payload `bytes[start..stop]`. */
  decodeOkAt?(bytes: Uint8Array, start: number, stop: number, borrow: boolean): T;
}

/**
 * A module's scalar fast export `kk_op_<id>` (docs/abi.md §1.4): parameters
 * and result are plain wasm values (`number` for i32/f32/f64, `bigint` for i64).
 */
export type FastExport = (...args: (number | bigint)[]) => number | bigint | undefined;

/** Something that carries calls to a service: direct, Worker, SharedWorker, ... */
export interface Transport {
  /** Performs one call; rejects with `SystemError` or the op's typed error. */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T>;
  /**
   * The scalar fast path (docs/abi.md §1.4), offered by transports that can
   * call the module's exports directly (the direct transport). When the live
   * instance exports `name` and the call can start now (`signal` not aborted,
   * transport open), runs `invoke` with that export — converting arguments
   * and result — under the same timeout and trap handling as {@link call},
   * and returns the call's promise. Otherwise returns `undefined` without
   * calling anything, and the caller uses {@link call} (frames through `kk_call`).
   */
  callFast?<T>(name: string, invoke: (fn: FastExport) => T, options?: CallOptions): Promise<T> | undefined;
  /** Releases the transport (terminates workers, closes ports); pending calls fail with `unavailable`. */
  close(): void;
}
