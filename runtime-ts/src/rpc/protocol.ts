/**
 * The port protocol (docs/runtime-ts.md): what a client transport
 * (`PortTransport`: Worker, SharedWorker) and the server (`serveWasm`) say
 * over one message port, and the defaults both sides share. Like Comlink's
 * `protocol.ts`, both sides import it and neither imports the other.
 *
 * A message is either a frame (docs/wire.md §2) — calls and cancels one way,
 * answers the other — or a {@link ControlMessage}. A frame travels as a bare
 * `ArrayBuffer`, or, when shorter than the transfer threshold and the server
 * said `hello` with `strings: true`, as a **binary string** (one char code
 * 0–255 per byte, {@link frameToString}): structured clone copies a short
 * one-byte string for about the price of a number, while every cloned
 * `ArrayBuffer` costs the receiver a backing store (measured in Chromium: a
 * 28-byte frame's round trip through a SharedWorker port ~20 % slower as an
 * ArrayBuffer than as a string). The server answers a frame in the form it came in.
 * @module
 */

/** The part of `MessagePort`/`Worker` (and a worker's global scope) both sides use. */
export interface PortLike {
  /** Posts a message, transferring the listed buffers. */
  postMessage(message: unknown, transfer: Transferable[]): void;
  /** Subscribes to `message` events. */
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /** Starts delivery (MessagePort); absent on Worker. */
  start?(): void;
}

/**
 * Control messages next to frames: `hello` (the server, first on every port:
 * what it accepts), `ping` (a client's heartbeat), `bye` (a client leaves),
 * `stats` (a client asks) and `stats-reply` (the server answers). Each side
 * ignores control messages it does not know, so old clients and servers
 * keep talking (an old server sends no `hello`: its clients send ArrayBuffers).
 */
export type ControlMessage =
  | { readonly kk: "hello"; readonly strings: boolean }
  | { readonly kk: "ping" }
  | { readonly kk: "bye" }
  | { readonly kk: "stats" }
  | { readonly kk: "stats-reply"; readonly stats: ServerStats };

/** What a server reports on `stats` (tests use it to see shared instances and port clean-up). */
export interface ServerStats {
  /** Ports (tabs) currently connected. */
  readonly ports: number;
  /** Ports dropped so far (goodbye or missed heartbeats). */
  readonly portsClosed: number;
  /** Calls made into the module. */
  readonly calls: number;
  /** Instances created (1 + traps recovered from). */
  readonly instances: number;
  /** Response frames posted whose buffer was detached by the transfer. */
  readonly responsesTransferred: number;
}

/** True for the runtime's control messages. */
export function isControl(data: unknown): data is ControlMessage {
  return typeof data === "object" && data !== null && typeof (data as { kk?: unknown }).kk === "string";
}

/** Frames at least this long are transferred, shorter ones cloned (both directions). */
export const DEFAULT_TRANSFER_MIN_BYTES = 1024;

/** Default heartbeat period of a SharedWorker client. */
export const DEFAULT_HEARTBEAT_MS = 5000;

/** The server drops a SharedWorker port that stayed silent for this many heartbeat periods. */
export const MISSED_HEARTBEATS = 3;

/** A frame as a binary string: one char per byte (short frames only: the bytes become call arguments). */
export function frameToString(frame: Uint8Array): string {
  return String.fromCharCode.apply(null, frame as unknown as number[]);
}

/** The bytes of a binary string from {@link frameToString}, written into `into` (a fresh array when absent or too short); a view of exactly its length. */
export function frameFromString(text: string, into?: Uint8Array): Uint8Array {
  const n = text.length;
  const bytes = into !== undefined && into.length >= n ? into.subarray(0, n) : new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
