/**
 * The NATS server half (docs/nats.md): `serveNats(nc, host, descriptor)`
 * serves a wasm module (any {@link WasmHost}) on its ops' subjects, one
 * subscription per op in a queue group, as one micro service (§3: PING,
 * INFO, STATS in their three subject forms, per-op counters, the
 * `Nats-Service-Error` headers on error replies).
 *
 * Each request's payload is one call frame; its header is checked by the
 * frame module (`bad_frame`, `too_large`, `unsupported_version`), a frame
 * whose op id is not the op of the subject it arrived on is answered
 * `forbidden` and not dispatched (§2), any other kind than `call` is
 * answered `bad_frame`. An answer over the connection's `max_payload` is
 * replaced by a `too_large` error frame (§4). Requests are handled in
 * arrival order, each to completion (wasm runs synchronously). The library
 * resubscribes after a reconnect, so the service serves again after
 * nats-server restarts. `stop()` drains the subscriptions.
 * @module
 */

import type { ServiceDescriptor } from "../rpc/descriptor.js";
import { WasmHost } from "../host/wasm-host.js";
import { maxPayloadOf, type NatsConnectionLike, type NatsMsgLike, type NatsSubscriptionLike } from "../nats/connection.js";
import { systemErrorStatus, TYPED_ERROR_STATUS } from "../rpc/status.js";
import { natsSubjects } from "../nats/subject.js";
import { FRAME_HEADER_LEN, FrameKind, headerErrorFrame, readErrorHead, readFrameHeader, systemErrorFrame, systemErrorName } from "../wire/frame.js";
import { Reader } from "../wire/reader.js";
import {
  checkIdentity,
  defaultVersion,
  discoverySubjects,
  instanceId,
  MICRO_VERBS,
  microResponse,
  ServiceErrorHeaders,
  type MicroEndpoint,
  type MicroIdentity,
} from "./nats-micro.js";

/** Options of {@link serveNats}. */
export interface ServeNatsOptions {
  /** Subject prefix, the same as the clients' (default none; docs/nats.md §1). */
  readonly prefix?: string;
  /** Queue group of the op subscriptions (default {@link DEFAULT_QUEUE_GROUP}); `false`: none, every instance gets every request. */
  readonly queueGroup?: string | false;
  /** Micro service name (default the service's name). */
  readonly name?: string;
  /** Micro service version, SemVer (default `N.0.0` from a package ending in `vN`, else `0.0.0`). */
  readonly version?: string;
  /** Micro description (default the service's doc line). */
  readonly description?: string;
  /** More micro metadata, next to `kk.package` and `kk.wire`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Gets asynchronous errors (a subscription the permissions refuse, a reply that could not be sent); default `console.error`. */
  readonly onError?: (error: Error) => void;
}

/** Default {@link ServeNatsOptions.queueGroup}, as micro's. */
export const DEFAULT_QUEUE_GROUP = "q";

/** A service being served over NATS. */
export interface NatsServer {
  /** The micro identity (name, id, version, metadata). */
  readonly identity: MicroIdentity;
  /** The host the requests go to. */
  readonly host: WasmHost;
  /** The STATS response as `$SRV.STATS` answers it. */
  stats(): unknown;
  /** Drains every subscription (requests already received are answered); the connection stays open. */
  stop(): Promise<void>;
}

/**
 * Serves `host`'s module as `descriptor`'s service on `nc` (see the module
 * doc). Instantiates the module first (its failure rejects); throws a
 * `TypeError` for an invalid prefix, name or version.
 */
export async function serveNats(nc: NatsConnectionLike, host: WasmHost, descriptor: ServiceDescriptor, options: ServeNatsOptions = {}): Promise<NatsServer> {
  const subjects = natsSubjects(descriptor, options.prefix);
  const name = options.name ?? descriptor.name;
  const version = options.version ?? defaultVersion(descriptor);
  checkIdentity(name, version);
  const queue = options.queueGroup === false ? undefined : (options.queueGroup ?? DEFAULT_QUEUE_GROUP);
  const onError = options.onError ?? ((e: Error) => console.error(`serveNats ${name}: ${e.message}`));
  const identity: MicroIdentity = {
    name,
    id: instanceId(),
    version,
    metadata: { ...options.metadata, "kk.package": descriptor.package, "kk.wire": "1" },
  };
  const description = options.description ?? descriptor.doc;
  const started = new Date().toISOString();
  await host.ready();

  const endpoints: MicroEndpoint[] = descriptor.ops.map((op) => ({
    name: op.name,
    subject: subjects.get(op.id)!,
    queue_group: queue ?? "",
    metadata: { "kk.op_id": String(op.id) },
    num_requests: 0,
    num_errors: 0,
    last_error: "",
    processing_time: 0,
  }));
  const stats = (): unknown => microResponse("STATS", identity, description, started, endpoints);

  const reply = (msg: NatsMsgLike, data: Uint8Array, headers: ServiceErrorHeaders | undefined): void => {
    try {
      msg.respond(data, headers ? { headers } : undefined);
    } catch (e) {
      onError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  /** Answers one request on endpoint `endpoint` of op `opId`. */
  const handle = (endpoint: MicroEndpoint, opId: number, msg: NatsMsgLike): void => {
    const t0 = performance.now();
    let answer = answerTo(host, opId, endpoint.subject, msg.data);
    let error = errorOf(answer);
    let headers = error && new ServiceErrorHeaders(error.description, error.status);
    // The headers of an error reply count towards max_payload too.
    const maxPayload = maxPayloadOf(nc);
    if (maxPayload !== undefined && answer.byteLength + (headers?.encode().byteLength ?? 0) > maxPayload) {
      const message = `answer frame of ${answer.byteLength} bytes exceeds the NATS connection's max_payload of ${maxPayload} bytes (docs/nats.md §4)`;
      answer = systemErrorFrame(callIdOf(answer), opId, "too_large", message);
      error = errorOf(answer)!;
      headers = new ServiceErrorHeaders(error.description, error.status);
    }
    endpoint.num_requests++;
    if (error) {
      endpoint.num_errors++;
      endpoint.last_error = error.description;
    }
    reply(msg, answer, headers);
    endpoint.processing_time += Math.round((performance.now() - t0) * 1e6);
  };

  const subscriptions: NatsSubscriptionLike[] = [];
  const subscribed = (subject: string, error: Error | null): boolean => {
    if (error) onError(new Error(`subscription to ${subject}: ${error.message}`));
    return error === null;
  };
  descriptor.ops.forEach((op, i) => {
    const endpoint = endpoints[i]!;
    const callback = (error: Error | null, msg: NatsMsgLike): void => {
      if (subscribed(endpoint.subject, error)) handle(endpoint, op.id, msg);
    };
    subscriptions.push(nc.subscribe(endpoint.subject, queue === undefined ? { callback } : { queue, callback }));
  });
  const encoder = new TextEncoder();
  for (const verb of MICRO_VERBS) {
    for (const subject of discoverySubjects(verb, identity)) {
      const callback = (error: Error | null, msg: NatsMsgLike): void => {
        if (subscribed(subject, error)) reply(msg, encoder.encode(JSON.stringify(microResponse(verb, identity, description, started, endpoints))), undefined);
      };
      subscriptions.push(nc.subscribe(subject, { callback }));
    }
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= Promise.all(
      subscriptions.map((s) =>
        s.drain().catch(() => {
          /* a closed connection has nothing left to drain */
        }),
      ),
    ).then(() => undefined));
  return { identity, host, stats, stop };
}

/** The answer frame to `request` arriving on the subject of op `opId` (never throws). */
function answerTo(host: WasmHost, opId: number, subject: string, request: Uint8Array): Uint8Array {
  let header;
  try {
    header = readFrameHeader(request, 0, host.limits);
  } catch (e) {
    return headerErrorFrame(request, e);
  }
  if (header.kind !== FrameKind.Call) return systemErrorFrame(header.callId, header.opId, "bad_frame", `frame kind ${header.kind} where a call is due`);
  if (header.opId !== opId) return systemErrorFrame(header.callId, header.opId, "forbidden", `op ${header.opId} sent on ${subject}, the subject of op ${opId} (docs/nats.md §2)`);
  return host.callFrame(request);
}

/** The call id of an answer frame (0 when it is too short to have one). */
function callIdOf(frame: Uint8Array): number {
  return frame.byteLength >= FRAME_HEADER_LEN ? new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER_LEN).getUint32(4, true) : 0;
}

/** The micro error of an error answer (its description and status, docs/nats.md §2.1), `undefined` for an ok one. */
function errorOf(answer: Uint8Array): { description: string; status: number } | undefined {
  if (answer.byteLength < FRAME_HEADER_LEN || answer[1] !== FrameKind.Error) return undefined;
  try {
    const head = readErrorHead(new Reader(answer.subarray(FRAME_HEADER_LEN)));
    if (head.class === "typed") return { description: `typed error ${head.errorId}`, status: TYPED_ERROR_STATUS };
    const code = systemErrorName(head.code);
    return { description: `${code}: ${head.message}`, status: systemErrorStatus(code) };
  } catch {
    return { description: "internal: malformed error frame", status: systemErrorStatus("internal") };
  }
}
