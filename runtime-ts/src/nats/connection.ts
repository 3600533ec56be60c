/**
 * The part of a NATS connection runtime-ts uses, as structural types: a
 * `NatsConnection` of `@nats-io/transport-node` 3.x (node, bun, deno) fits
 * them, and runtime-ts imports nothing from the NATS library, so bundles
 * that do not use NATS carry none of it. Connection options (user/password,
 * token, nkeys/creds, TLS, reconnects) belong to the library: kkgen takes a
 * connected connection (docs/nats.md §5).
 * @module
 */

/** Message headers as the server writes them on error replies (`MsgHdrs` fits). */
export interface NatsHeadersLike {
  /** Sets one header. */
  set(key: string, value: string): void;
}

/** A received message (`Msg` fits). */
export interface NatsMsgLike {
  /** The subject it arrived on. */
  readonly subject: string;
  /** Where to answer, if anywhere. */
  readonly reply?: string | undefined;
  /** The payload. */
  readonly data: Uint8Array;
  /** Answers on `reply`; false when there is none. */
  respond(data?: Uint8Array, options?: { headers?: NatsHeadersLike }): boolean;
}

/** A subscription (`Subscription` fits). */
export interface NatsSubscriptionLike {
  /** Stops delivery, letting messages already received be handled. */
  drain(): Promise<void>;
  /** Stops delivery now. */
  unsubscribe(): void;
}

/** A connected NATS connection (`NatsConnection` of `@nats-io/transport-node` fits). */
export interface NatsConnectionLike {
  /** What the server announced; `max_payload` bounds every message (docs/nats.md §4). */
  readonly info?: { readonly max_payload: number } | undefined;
  /** One request, one reply; rejects with the library's errors (no responders, timeout, permissions, closed). */
  request(subject: string, payload: Uint8Array, options: { timeout: number }): Promise<NatsMsgLike>;
  /** Subscribes `callback` to `subject`, in queue group `queue` when given. */
  subscribe(subject: string, options: { queue?: string; callback: (error: Error | null, msg: NatsMsgLike) => void }): NatsSubscriptionLike;
  /** Resolves when the connection is closed for good. */
  closed(): Promise<void | Error>;
  /** True once the connection is closed for good. */
  isClosed(): boolean;
}

/** The connection's `max_payload`, or `undefined` before the server's INFO. */
export function maxPayloadOf(nc: NatsConnectionLike): number | undefined {
  return nc.info?.max_payload;
}
