/**
 * The pending-call bookkeeping of the framed transports (Worker,
 * SharedWorker, stdio): call ids, one record per call in flight, its timer
 * and abort listener, settling it from an answer frame ({@link readAnswer})
 * and failing them all when the connection ends. The transports decide what
 * giving up on a call means on their carrier (a cancel frame, a restart)
 * through the `onAbandoned` hook.
 * @module
 */

import type { CallOptions, OpCall } from "./call.js";
import { readAnswer } from "./answer.js";
import { asCallError, SystemError } from "./errors.js";
import { FRAME_HEADER_LEN, type FrameHeader } from "../wire/frame.js";

/** A call in flight: one object, no closures unless it has a signal or a timer. */
export interface PendingCall<F> {
  /** The call id written in its frame. */
  readonly callId: number;
  /** The transport's slot for the call's frame while it has not left (`undefined` once sent). */
  frame: F | undefined;
  /** Decodes the answer. */
  readonly op: OpCall<unknown>;
  /** Whether typed buffers in the result may be views. */
  readonly borrow: boolean;
  /** Settles the caller's promise with a value. */
  readonly resolve: (value: unknown) => void;
  /** Settles the caller's promise with an error. */
  readonly reject: (error: Error) => void;
  /** The caller's signal, if any. */
  readonly signal: AbortSignal | undefined;
  /** The abort listener on `signal`, if any. */
  onAbort: (() => void) | undefined;
  /** The deadline's timer, if any. */
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline (`performance.now()` ms), if any: an answer after it is a timeout. */
  deadline: number | undefined;
}

/** Why a call was given up before its answer came. */
export type AbandonReason = "timeout" | "cancelled";

/** The pending calls of one transport, by call id. */
export class PendingCalls<F> {
  private readonly calls = new Map<number, PendingCall<F>>();
  private nextCallId = 1;

  /**
   * `onAbandoned` runs after a call was rejected `timeout` or `cancelled`
   * (the transport tells the callee, or restarts it).
   */
  constructor(private readonly onAbandoned: (pending: PendingCall<F>, reason: AbandonReason) => void) {}

  /** Calls in flight. */
  get size(): number {
    return this.calls.size;
  }

  /** A fresh call id (never 0). */
  nextId(): number {
    const id = this.nextCallId >>> 0 || 1;
    this.nextCallId = id + 1;
    return id;
  }

  /** The pending call with this id, if it is still pending. */
  get(callId: number): PendingCall<F> | undefined {
    return this.calls.get(callId);
  }

  /**
   * Registers call `callId` and arms its deadline (`options.timeoutMs`, else
   * `defaultTimeoutMs`) and abort listener. `resolve`/`reject` are the
   * promise's (call it from the promise executor).
   */
  add(
    callId: number,
    op: OpCall<unknown>,
    frame: F | undefined,
    options: CallOptions | undefined,
    defaultTimeoutMs: number | undefined,
    resolve: (value: unknown) => void,
    reject: (error: Error) => void,
  ): PendingCall<F> {
    const signal = options?.signal;
    const pending: PendingCall<F> = { callId, frame, op, borrow: options?.borrow === true, resolve, reject, signal, onAbort: undefined, timer: undefined, deadline: undefined };
    this.calls.set(callId, pending);
    const timeoutMs = options?.timeoutMs ?? defaultTimeoutMs;
    if (timeoutMs !== undefined) {
      pending.deadline = performance.now() + timeoutMs;
      pending.timer = setTimeout(() => this.abandon(pending, "timeout", `after ${timeoutMs} ms`), timeoutMs);
    }
    if (signal) {
      pending.onAbort = () => this.abandon(pending, "cancelled");
      signal.addEventListener("abort", pending.onAbort, { once: true });
    }
    return pending;
  }

  /** Forgets a pending call and stops its timer and abort listener. */
  settle(pending: PendingCall<F>): void {
    this.calls.delete(pending.callId);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    if (pending.onAbort) pending.signal?.removeEventListener("abort", pending.onAbort);
  }

  /** Rejects a pending call the caller gave up on, then runs `onAbandoned`. */
  private abandon(pending: PendingCall<F>, reason: AbandonReason, message?: string): void {
    if (this.calls.get(pending.callId) !== pending) return;
    this.settle(pending);
    pending.reject(new SystemError(reason, message));
    this.onAbandoned(pending, reason);
  }

  /**
   * Settles the call an answer frame (`frame`, whose validated header is
   * `header`) belongs to; returns it, or `undefined` when no call with that
   * id is pending (already settled, or never made). An answer that comes
   * after the call's deadline — its timer had no turn yet, e.g. while the
   * callee ran in this thread — rejects `timeout`, as its timer would have.
   */
  answer(header: FrameHeader, frame: Uint8Array): PendingCall<F> | undefined {
    const pending = this.calls.get(header.callId);
    if (!pending) return undefined;
    this.settle(pending);
    if (pending.deadline !== undefined && performance.now() >= pending.deadline) {
      pending.reject(new SystemError("timeout", "the answer came after the deadline"));
      return pending;
    }
    const end = FRAME_HEADER_LEN + header.payloadLen;
    if (end > frame.byteLength) {
      pending.reject(new SystemError("decode", "truncated"));
      return pending;
    }
    try {
      pending.resolve(readAnswer(pending.op, header.kind, frame.subarray(FRAME_HEADER_LEN, end), pending.borrow));
    } catch (e) {
      pending.reject(asCallError(e));
    }
    return pending;
  }

  /** Fails every pending call with `error()` (one error per call). */
  failAll(error: () => Error): void {
    for (const pending of [...this.calls.values()]) {
      this.settle(pending);
      pending.reject(error());
    }
  }
}
