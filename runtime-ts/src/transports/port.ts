/**
 * The client half of the message-port transports (Worker, SharedWorker):
 * call frames are encoded into a fresh ArrayBuffer and **transferred**
 * (`postMessage(buf, [buf])`, no structured-clone copy); answers come back the
 * same way and are matched to pending calls by `call_id`.
 *
 * Copies per call for a typed buffer: 1 to encode it into the frame, 1 for the
 * worker to place the frame in wasm memory; on the way back 1 out of wasm
 * memory, then 0 with `borrow` (a view into the transferred buffer) or 1.
 * Frames shorter than {@link DEFAULT_TRANSFER_MIN_BYTES} are cloned instead
 * (copying a few bytes costs less than a transfer's detach and hand-over),
 * from one reused buffer per size, and posted at once — as a binary string
 * once the server's `hello` said it accepts them (rpc/protocol.ts: cloning
 * a short string is cheaper than cloning an ArrayBuffer); bulk frames are
 * posted by a microtask at the end of the task (so one aborted in its own
 * task never leaves), and a small frame made after one waits its turn.
 * @module
 */

import type { CallOptions, OpCall, Transport } from "../rpc/call.js";
import { asCallError, SystemError } from "../rpc/errors.js";
import { PendingCalls, type PendingCall } from "../rpc/pending.js";
import { DEFAULT_TRANSFER_MIN_BYTES, frameFromString, frameToString, isControl, type ControlMessage, type PortLike, type ServerStats } from "../rpc/protocol.js";
import { cancelFrame, FRAME_HEADER_LEN, FrameKind, readFrameHeader, writeFrameHeader } from "../wire/frame.js";

/** A live connection to a server: its port and how to end it. */
export interface Link {
  /** Where frames go and come from. */
  readonly port: PortLike;
  /** Something firing `error` when the server died (a Worker or SharedWorker). */
  readonly errors?: { addEventListener(type: "error", listener: (event: Event) => void): void };
  /** Ends the connection (terminates a Worker, says goodbye on a SharedWorker port). */
  close(): void;
}

/** Client-side counters. */
export interface PortStats {
  /** Call frames posted. */
  framesSent: number;
  /** Call frames whose buffer was detached by postMessage (proof of transfer, no clone). */
  framesTransferred: number;
  /** Bytes moved by transfer. */
  bytesTransferred: number;
  /** Connections opened (1 + restarts). */
  connections: number;
}

/** Options of the port transports. */
export interface PortTransportOptions {
  /** Default per-call timeout in ms (none when absent). */
  readonly timeoutMs?: number;
  /** Call frames at least this long are transferred, shorter ones cloned (default {@link DEFAULT_TRANSFER_MIN_BYTES}; 0: always transfer). */
  readonly transferMinBytes?: number;
  /**
   * After a call times out, end the connection (a dedicated Worker is
   * terminated: an op stuck in a loop cannot wedge the transport), fail the
   * other pending calls with `unavailable`, and reconnect on the next call.
   * The service's state is lost with the worker. Default false.
   */
  readonly restartOnTimeout?: boolean;
}

/** Carries calls over a message port to a server started with `serveWasm`. */
export class PortTransport implements Transport {
  /** Counters (frames, transfers, restarts). */
  readonly stats: PortStats = { framesSent: 0, framesTransferred: 0, bytesTransferred: 0, connections: 0 };
  private link: Link | undefined;
  /** Calls in flight; a call given up on is cancelled at the server (and restarts it on a timeout with `restartOnTimeout`). */
  private readonly pending = new PendingCalls<ArrayBuffer>((pending, reason) => this.abandoned(pending, reason));
  private readonly statsWaiters: ((stats: ServerStats) => void)[] = [];
  private closed = false;
  /** Calls made in the current task, posted together by one microtask. */
  private outbox: number[] = [];
  /** Reused buffers for small frames, by size (at most one per size under `transferMin`). */
  private readonly scratch = new Map<number, ArrayBuffer>();

  private readonly transferMin: number;
  /** The live connection's server accepts short frames as binary strings (its `hello` said so). */
  private strings = false;

  /** `open` creates a connection; it is called lazily, and again after the server died. */
  constructor(private readonly open: () => Link, private readonly options: PortTransportOptions = {}) {
    this.transferMin = options.transferMinBytes ?? DEFAULT_TRANSFER_MIN_BYTES;
  }

  private connect(): Link {
    if (this.link) return this.link;
    const link = this.open();
    this.stats.connections++;
    link.port.addEventListener("message", (event) => this.onMessage(link, event.data));
    link.errors?.addEventListener("error", (event) => {
      event.preventDefault?.();
      this.drop(link, "the worker died");
    });
    link.port.start?.();
    this.link = link;
    this.strings = false;
    return link;
  }

  private onMessage(link: Link, data: unknown): void {
    if (link !== this.link) return;
    if (typeof data === "string") {
      this.onFrame(frameFromString(data));
    } else if (data instanceof ArrayBuffer) {
      this.onFrame(new Uint8Array(data));
    } else if (isControl(data)) {
      if (data.kk === "hello") this.strings = data.strings === true;
      else if (data.kk === "stats-reply") this.statsWaiters.splice(0).forEach((w) => w(data.stats));
    }
  }

  private onFrame(frame: Uint8Array): void {
    let header;
    try {
      header = readFrameHeader(frame);
    } catch {
      return; // Not attributable to a call: ignore (the call will time out or be cancelled).
    }
    // An answer to a call already settled (cancelled, timed out) is ignored, docs/wire.md §2.
    this.pending.answer(header, frame);
  }

  /** Tells the server about a call the caller gave up on (when its frame had left); restarts on a timeout if asked to. */
  private abandoned(pending: PendingCall<ArrayBuffer>, reason: "timeout" | "cancelled"): void {
    // A call abandoned in the task that made it was never posted: nothing to cancel.
    if (pending.frame === undefined) this.sendCancel(pending.callId);
    if (reason === "timeout" && this.options.restartOnTimeout && this.link) this.drop(this.link, `restarted after call ${pending.callId} timed out`);
  }

  /** Fails every pending call with `unavailable` and forgets the connection (the next call reconnects). */
  private drop(link: Link, why: string): void {
    if (link !== this.link) return;
    this.link = undefined;
    try {
      link.close();
    } catch {
      /* already gone */
    }
    this.pending.failAll(() => new SystemError("unavailable", why));
  }

  /** Performs one call (see {@link Transport.call}). */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.closed) return Promise.reject(new SystemError("unavailable", "transport closed"));
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(new SystemError("cancelled"));
    const callId = this.pending.nextId();
    const size = FRAME_HEADER_LEN + op.maxPayloadLen;
    // A small frame is cloned by postMessage: when nothing is waiting in the
    // outbox it is encoded into a reused buffer and posted at once (no
    // allocation); otherwise it waits its turn, so frames keep call order.
    const now = size < this.transferMin && this.outbox.length === 0;
    const buffer = now ? this.scratchOf(size) : new ArrayBuffer(size);
    const frame = new Uint8Array(buffer);
    let payloadLen: number;
    try {
      payloadLen = op.encode(frame);
    } catch (e) {
      return Promise.reject(asCallError(e));
    }
    writeFrameHeader(frame, 0, FrameKind.Call, callId, op.opId, payloadLen);
    return new Promise<T>((resolve, reject) => {
      const link = this.connect();
      this.pending.add(callId, op as OpCall<unknown>, now ? undefined : buffer, options, this.options.timeoutMs, resolve as (value: unknown) => void, reject);
      if (now) {
        // Cloned (the scratch buffer is free again); as a string when the server takes one.
        link.port.postMessage(this.strings ? frameToString(frame.subarray(0, FRAME_HEADER_LEN + payloadLen)) : buffer, []);
        this.stats.framesSent++;
      } else if (this.outbox.push(callId) === 1) {
        queueMicrotask(this.flush);
      }
    });
  }

  /** A reusable buffer of exactly `size` bytes for small frames (cloned when posted). */
  private scratchOf(size: number): ArrayBuffer {
    let buffer = this.scratch.get(size);
    if (!buffer) this.scratch.set(size, (buffer = new ArrayBuffer(size)));
    return buffer;
  }

  /** Posts the frames of the calls made in this task that are still pending (each transferred). */
  private readonly flush = (): void => {
    const ids = this.outbox;
    this.outbox = [];
    for (const callId of ids) {
      const pending = this.pending.get(callId);
      const buffer = pending?.frame;
      if (!pending || buffer === undefined) continue; // aborted or timed out before it left
      pending.frame = undefined;
      const size = buffer.byteLength;
      (this.link ?? this.connect()).port.postMessage(buffer, size >= this.transferMin ? [buffer] : []);
      this.stats.framesSent++;
      if (buffer.byteLength === 0) {
        this.stats.framesTransferred++;
        this.stats.bytesTransferred += size;
      }
    }
  };

  private sendCancel(callId: number): void {
    const frame = cancelFrame(callId);
    this.link?.port.postMessage(frame.buffer, [frame.buffer]);
  }

  /** Asks the server for its counters. */
  serverStats(): Promise<ServerStats> {
    return new Promise((resolve) => {
      this.statsWaiters.push(resolve);
      this.connect().port.postMessage({ kk: "stats" } satisfies ControlMessage, []);
    });
  }

  /** Sends a control message (heartbeats, goodbyes) on the live connection, if any. */
  protected control(message: ControlMessage): void {
    this.link?.port.postMessage(message, []);
  }

  /** Ends the connection; pending calls fail with `unavailable`. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.link) this.drop(this.link, "transport closed");
  }
}
