/**
 * The port protocol (docs/runtime-ts.md): what a client transport
 * (`PortTransport`: Worker, SharedWorker) and the server (`serveWasm`) say
 * over one message port, and the defaults both sides share. Like Comlink's
 * `protocol.ts`, both sides import it and neither imports the other.
 *
 * A message is either a frame (docs/wire.md §2) as a bare `ArrayBuffer` —
 * calls and cancels one way, answers the other — or a {@link ControlMessage}.
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
 * Control messages next to frames: `ping` (a client's heartbeat), `bye` (a
 * client leaves), `stats` (a client asks) and `stats-reply` (the server answers).
 */
export type ControlMessage =
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
  /** Copies of call and answer data made in the server's realm so far (`copyCount`). */
  readonly copies: number;
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
