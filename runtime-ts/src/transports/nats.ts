/**
 * The NATS transport (docs/nats.md): each call is one NATS request on its
 * op's subject (`[<prefix>.]<package>.<Service>.<op>`, from the service
 * descriptor) carrying the call frame as its binary payload; the reply's
 * payload is the answer frame. Runs on node, bun and deno over a connection
 * of `@nats-io/transport-node` 3.x, which runtime-ts does not import (see
 * `nats/connection.ts`).
 *
 * Faults (§5): no responders → `unavailable` at once; the deadline (the
 * call's `timeoutMs`, else the transport's, default 30 s) → `timeout`; a
 * publish the connection's permissions deny → `forbidden`; a call frame over
 * the connection's `max_payload` → `too_large` before anything is published
 * (§4); the connection closed for good → `unavailable`. An aborted signal
 * rejects `cancelled`; no cancel frame is sent (a request has no channel
 * back), a late reply is dropped. While the connection is away the library
 * buffers requests and resends them after it reconnects; the deadline still
 * bounds each call.
 *
 * Copies per call for a typed buffer: 1 to encode it into the call frame
 * (which the library writes to the socket as it is); on the way back 0 with
 * `borrow` when the buffer lies aligned in the received message (a view),
 * otherwise 1.
 * @module
 */

import type { CallOptions, OpCall, Transport } from "../rpc/call.js";
import type { ServiceDescriptor } from "../rpc/descriptor.js";
import { encodeCall } from "../rpc/encode-call.js";
import { SystemError } from "../rpc/errors.js";
import { PendingCalls, type PendingCall } from "../rpc/pending.js";
import { FrameKind, headerErrorCode, readFrameHeader, type FrameHeader } from "../wire/frame.js";
import { DEFAULT_LIMITS } from "../wire/limits.js";
import { maxPayloadOf, type NatsConnectionLike, type NatsMsgLike } from "../nats/connection.js";
import { natsSubjects } from "../nats/subject.js";

/** Options of {@link connectNats}. */
export interface NatsTransportOptions {
  /** The service called: its subjects come from it (a generated `{Service}Descriptor`). */
  readonly descriptor: ServiceDescriptor;
  /** Subject prefix, the same as the server's (default none; docs/nats.md §1). */
  readonly prefix?: string;
  /** Default per-call deadline in ms (default {@link DEFAULT_NATS_TIMEOUT_MS}); `CallOptions.timeoutMs` overrides it. */
  readonly timeoutMs?: number;
  /** Largest answer frame accepted, header included (default `DEFAULT_LIMITS.maxFrameLen`, 256 MiB). */
  readonly maxFrameLen?: number;
}

/** Default {@link NatsTransportOptions.timeoutMs}: 30 s. */
export const DEFAULT_NATS_TIMEOUT_MS = 30_000;

/** Carries calls to a service over NATS request/reply; see the module doc. */
export class NatsTransport implements Transport {
  /** The subject of each op, by op id. */
  readonly subjects: ReadonlyMap<number, string>;
  private readonly pending = new PendingCalls<undefined>(() => {});
  private readonly timeoutMs: number;
  private readonly maxFrameLen: number;
  private closed = false;

  /** Prefer {@link connectNats}. Throws a `TypeError` for an invalid prefix or a missing descriptor. */
  constructor(
    private readonly nc: NatsConnectionLike,
    private readonly options: NatsTransportOptions,
  ) {
    if (!options?.descriptor) throw new TypeError("connectNats needs the service descriptor (options.descriptor, a generated {Service}Descriptor)");
    this.subjects = natsSubjects(options.descriptor, options.prefix);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NATS_TIMEOUT_MS;
    this.maxFrameLen = options.maxFrameLen ?? DEFAULT_LIMITS.maxFrameLen;
    const failAll = (): void => this.pending.failAll(() => new SystemError("unavailable", "the NATS connection is closed"));
    nc.closed().then(failAll, failAll);
  }

  /** Performs one call (see {@link Transport.call}). */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.closed) return Promise.reject(new SystemError("unavailable", "transport closed"));
    if (this.nc.isClosed()) return Promise.reject(new SystemError("unavailable", "the NATS connection is closed"));
    if (options?.signal?.aborted) return Promise.reject(new SystemError("cancelled"));
    const subject = this.subjects.get(op.opId);
    const service = this.options.descriptor;
    if (subject === undefined) return Promise.reject(new SystemError("unknown_op", `no op ${op.opId} in ${service.package}.${service.name}`));
    const timeout = options?.timeoutMs ?? this.timeoutMs;
    // What the executor throws (an encoding failure, the size check) rejects the call.
    return new Promise<T>((resolve, reject) => {
      const callId = this.pending.nextId();
      const frame = encodeCall(op as OpCall<unknown>, callId);
      const maxPayload = maxPayloadOf(this.nc);
      if (maxPayload !== undefined && frame.byteLength > maxPayload) {
        throw new SystemError("too_large", `call frame of ${frame.byteLength} bytes exceeds the NATS connection's max_payload of ${maxPayload} bytes (docs/nats.md §4)`);
      }
      const pending = this.pending.add(callId, op as OpCall<unknown>, undefined, options, this.timeoutMs, resolve as (value: unknown) => void, reject);
      // The library's own deadline is the same; whichever fires first, the call fails `timeout`.
      this.nc.request(subject, frame, { timeout: Math.max(1, timeout) }).then(
        (msg) => this.onReply(pending, msg),
        (e: unknown) => this.onFailure(pending, subject, timeout, e),
      );
    });
  }

  /** Settles a call with its reply, unless it was settled already (a late reply is dropped). */
  private onReply(pending: PendingCall<undefined>, msg: NatsMsgLike): void {
    if (this.pending.get(pending.callId) !== pending) return;
    const data = msg.data;
    let header: FrameHeader;
    try {
      header = readFrameHeader(data, 0, { maxFrameLen: this.maxFrameLen });
      if (header.kind !== FrameKind.Ok && header.kind !== FrameKind.Error) throw new SystemError("bad_frame", `frame kind ${header.kind} in a reply`);
      if (header.callId !== pending.callId) throw new SystemError("bad_frame", `reply for call ${header.callId} to call ${pending.callId}`);
    } catch (e) {
      this.pending.settle(pending);
      pending.reject(e instanceof SystemError ? e : new SystemError(headerErrorCode(e), `reply frame: ${(e as Error).message}`));
      return;
    }
    this.pending.answer(header, data);
  }

  /** Settles a call whose request failed with the library's error `e`. */
  private onFailure(pending: PendingCall<undefined>, subject: string, timeoutMs: number, e: unknown): void {
    if (this.pending.get(pending.callId) !== pending) return;
    this.pending.settle(pending);
    pending.reject(natsCallError(e, subject, timeoutMs));
  }

  /** Fails the pending calls with `unavailable`; the connection stays open (it is the caller's). */
  close(): void {
    this.closed = true;
    this.pending.failAll(() => new SystemError("unavailable", "transport closed"));
  }
}

/** The library's errors (its classes are not imported) by name: the error and its causes. */
function errorChain(e: unknown): Map<string, Error & { operation?: string; subject?: string }> {
  const chain = new Map<string, Error>();
  for (let at = e, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) chain.set(at.name, at);
  return chain;
}

/** What a call rejects with when the library's request failed with `e` (docs/nats.md §5). */
export function natsCallError(e: unknown, subject: string, timeoutMs: number): SystemError {
  const chain = errorChain(e);
  if (chain.has("NoResponders") || chain.has("NoRespondersError")) return new SystemError("unavailable", `no responders on ${subject}`);
  if (chain.has("TimeoutError")) return new SystemError("timeout", `after ${timeoutMs} ms`);
  const denied = chain.get("PermissionViolationError");
  if (denied) {
    const what = denied.operation === "subscription" ? `subscribing to the reply subject ${denied.subject ?? ""}` : `publishing to ${subject}`;
    return new SystemError("forbidden", `${what} is not permitted (${denied.message})`);
  }
  const detail = e instanceof Error ? e.message : String(e);
  if (chain.has("AuthorizationError")) return new SystemError("forbidden", `${subject}: ${detail}`);
  return new SystemError("unavailable", `${subject}: ${detail}`);
}

/** Creates a NATS transport for the generated client of `options.descriptor`'s service. */
export function connectNats(nc: NatsConnectionLike, options: NatsTransportOptions): NatsTransport {
  return new NatsTransport(nc, options);
}
