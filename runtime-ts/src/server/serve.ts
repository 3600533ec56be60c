/**
 * The server half, run inside a Worker or SharedWorker: `serveWasm(source)`
 * answers call frames from every connected port with one {@link WasmHost}.
 * It detects its scope: a SharedWorker serves each tab's port (dropping ports
 * that say goodbye or miss heartbeats); a dedicated Worker serves its parent.
 * Frames are handled in arrival order, each running to completion, so a
 * cancel frame can only overtake calls still queued behind a slow one: such
 * calls are skipped and answered `cancelled`. A frame is answered as soon as
 * it arrives (no timer on the fast path), except right after a slow call:
 * then the messages that piled up meanwhile (cancels included) are let in
 * first, by one macrotask. Every port is greeted with `hello` (it accepts
 * short frames as binary strings, rpc/protocol.ts), and each frame is
 * answered in the form it came in.
 * @module
 */

import { WasmHost } from "../host/wasm-host.js";
import type { WasmSource } from "../host/wasm-source.js";
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_TRANSFER_MIN_BYTES,
  frameFromString,
  frameToString,
  isControl,
  MISSED_HEARTBEATS,
  type ControlMessage,
  type PortLike,
  type ServerStats,
} from "../rpc/protocol.js";
import { FrameKind, headerErrorFrame, peekFrameKind, readFrameHeader, systemErrorFrame } from "../wire/frame.js";

/** Options of {@link serveWasm}. */
export interface ServeOptions {
  /** Heartbeat period the clients use; ports silent for `MISSED_HEARTBEATS` (3) periods are dropped (SharedWorker only). */
  readonly heartbeatMs?: number;
  /** Response frames at least this long are transferred, shorter ones cloned (default {@link DEFAULT_TRANSFER_MIN_BYTES}; 0: always transfer). */
  readonly transferMinBytes?: number;
}

/** A port being served, with its bookkeeping. */
interface Client {
  readonly port: PortLike & { close?(): void };
  lastSeen: number;
  /** Frames waiting their turn, as they came (an ArrayBuffer or a binary string). */
  readonly queue: (ArrayBuffer | string)[];
  readonly cancelled: Set<number>;
  /** A drain is running or scheduled. */
  scheduled: boolean;
}

/** A call longer than this (ms) may have let messages pile up: the next frame waits one macrotask. */
const SLOW_CALL_MS = 1;

/** A running server (returned for tests and embedding). */
export interface WasmServer {
  /** The host every port shares. */
  readonly host: WasmHost;
  /** Serves one more port (done automatically for `connect` events and the dedicated scope). */
  attach(port: PortLike & { close?(): void }): void;
  /** Current counters. */
  stats(): ServerStats;
}

/** Starts serving `source` in the current worker scope (or only builds the server when there is none). */
export function serveWasm(source: WasmSource | WasmHost, options: ServeOptions = {}): WasmServer {
  const host = source instanceof WasmHost ? source : new WasmHost(source);
  const clients = new Set<Client>();
  let portsClosed = 0;
  let responsesTransferred = 0;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const transferMin = options.transferMinBytes ?? DEFAULT_TRANSFER_MIN_BYTES;
  // Answers under `transferMin` are cloned by postMessage, so one buffer per length serves them all.
  const scratch = new Map<number, Uint8Array>();
  const scratchOf = (length: number): Uint8Array | undefined => {
    if (length >= transferMin) return undefined;
    let buffer = scratch.get(length);
    if (!buffer) scratch.set(length, (buffer = new Uint8Array(length)));
    return buffer;
  };

  const stats = (): ServerStats => ({ ports: clients.size, portsClosed, calls: host.stats.calls, instances: host.stats.instances, responsesTransferred });

  const dropClient = (client: Client): void => {
    if (!clients.delete(client)) return;
    portsClosed++;
    client.port.close?.();
  };

  let readyError: unknown;
  let afterSlowCall = false;

  /** The answer to one call frame: the module's, or `cancelled`, `unavailable`, or the header's error. */
  const respond = (client: Client, request: Uint8Array): Uint8Array => {
    let header;
    try {
      header = readFrameHeader(request, 0, host.limits);
    } catch (e) {
      return headerErrorFrame(request, e);
    }
    if (client.cancelled.delete(header.callId)) return systemErrorFrame(header.callId, header.opId, "cancelled", "cancelled before it started");
    if (!host.isReady) return systemErrorFrame(header.callId, header.opId, "unavailable", String(readyError));
    const t0 = performance.now();
    const response = host.callFrame(request, scratchOf);
    if (performance.now() - t0 > SLOW_CALL_MS) afterSlowCall = true;
    return response;
  };

  // A frame that came as a string is read into this (reused) array; longer ones get their own.
  const stringRequest = new Uint8Array(transferMin);

  /** Answers one call frame and posts the answer: as a string when it came as one and is short, else an ArrayBuffer (transferred when long enough). */
  const answer = (client: Client, message: ArrayBuffer | string): void => {
    const asString = typeof message === "string";
    const response = respond(client, asString ? frameFromString(message, stringRequest) : new Uint8Array(message));
    if (asString && response.byteLength < transferMin) {
      client.port.postMessage(frameToString(response), []);
      return;
    }
    const out = response.buffer as ArrayBuffer;
    client.port.postMessage(out, out.byteLength >= transferMin ? [out] : []);
    if (out.byteLength === 0) responsesTransferred++;
  };

  /** Answers the client's queued frames in order; waits for the instance, and lets piled-up messages in after a slow call. */
  const drain = (client: Client): void => {
    while (client.queue.length > 0) {
      if (!host.isReady && readyError === undefined) {
        host.ready().then(
          () => drain(client),
          (e: unknown) => {
            readyError = e;
            drain(client);
            readyError = undefined; // the next call tries again (e.g. a transient fetch failure)
          },
        );
        return;
      }
      if (afterSlowCall) {
        afterSlowCall = false;
        setTimeout(() => drain(client), 0);
        return;
      }
      answer(client, client.queue.shift()!);
    }
    client.cancelled.clear();
    client.scheduled = false;
  };

  const onMessage = (client: Client, data: unknown): void => {
    client.lastSeen = Date.now();
    const isString = typeof data === "string";
    if (isString || data instanceof ArrayBuffer) {
      const bytes = isString ? undefined : new Uint8Array(data);
      if (bytes !== undefined && peekFrameKind(bytes) === FrameKind.Cancel) {
        try {
          client.cancelled.add(readFrameHeader(bytes, 0, host.limits).callId);
        } catch {
          /* a malformed cancel frame cancels nothing (cancels are never answered) */
        }
        return;
      }
      client.queue.push(data);
      if (!client.scheduled) {
        client.scheduled = true;
        drain(client);
      }
      return;
    }
    if (!isControl(data)) return;
    if (data.kk === "bye") dropClient(client);
    else if (data.kk === "stats") client.port.postMessage({ kk: "stats-reply", stats: stats() } satisfies ControlMessage, []);
  };

  const attach = (port: PortLike & { close?(): void }): void => {
    const client: Client = { port, lastSeen: Date.now(), queue: [], cancelled: new Set(), scheduled: false };
    clients.add(client);
    port.addEventListener("message", (event) => onMessage(client, event.data));
    port.start?.();
    port.postMessage({ kk: "hello", strings: true } satisfies ControlMessage, []);
  };

  const scope = globalThis as unknown as { onconnect?: unknown; addEventListener?: (type: string, l: (e: MessageEvent) => void) => void; postMessage?: unknown };
  if ("onconnect" in scope && scope.addEventListener) {
    scope.addEventListener("connect", (event) => event.ports.forEach((p) => attach(p)));
    setInterval(() => {
      const limit = Date.now() - MISSED_HEARTBEATS * heartbeatMs;
      for (const client of clients) if (client.lastSeen < limit) dropClient(client);
    }, heartbeatMs);
  } else if (typeof scope.postMessage === "function" && scope.addEventListener && typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined") {
    attach(globalThis as unknown as PortLike);
  }
  return { host, attach, stats };
}
