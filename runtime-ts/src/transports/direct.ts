/**
 * The direct transport: the module runs in the caller's isolate (Cloudflare
 * Workers, node, bun, deno, a page or a worker). Copies per call: parameters
 * are encoded straight into wasm memory (typed buffers: 1 copy, the encode);
 * results are decoded from wasm memory (typed buffers: 1 copy, or 0 with
 * `borrow`, then a view valid until the next call on the same host).
 * @module
 */

import type { CallOptions, OpCall, Transport } from "../rpc/call.js";
import { asCallError, SystemError } from "../rpc/errors.js";
import { errorFromPayload, FrameKind } from "../rpc/frames.js";
import { WasmHost, type WasmSource } from "../host/wasm-host.js";

/** A transport calling a {@link WasmHost} in the same isolate. */
export class DirectTransport implements Transport {
  /** The host it calls (exposed for stats and for sharing with other transports). */
  readonly host: WasmHost;
  private nextCallId = 1;
  private closed = false;

  /** Wraps a host, or creates one from a module source (compiled lazily on the first call). */
  constructor(source: WasmHost | WasmSource) {
    this.host = source instanceof WasmHost ? source : new WasmHost(source);
  }

  /**
   * Performs a call. Wasm runs synchronously, so `signal` and `timeoutMs` are
   * checked before the call starts (and while the module is first compiled);
   * a call that has started runs to completion.
   */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.host.isReady && !this.closed && !options?.signal?.aborted) {
      // Fast path: no await, no extra promise hops before the wasm call.
      try {
        return Promise.resolve(this.callNow(op, options?.borrow === true));
      } catch (e) {
        return Promise.reject(asCallError(e));
      }
    }
    return this.callSlow(op, options);
  }

  private async callSlow<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.closed) throw new SystemError("unavailable", "transport closed");
    const signal = options?.signal;
    if (signal?.aborted) throw new SystemError("cancelled");
    const deadline = options?.timeoutMs !== undefined ? Date.now() + options.timeoutMs : undefined;
    await raceReady(this.host.ready(), signal, options?.timeoutMs);
    if (signal?.aborted) throw new SystemError("cancelled");
    if (deadline !== undefined && Date.now() > deadline) throw new SystemError("timeout");
    try {
      return this.callNow(op, options?.borrow === true);
    } catch (e) {
      throw asCallError(e);
    }
  }

  /** Synchronous call on a ready host. */
  callNow<T>(op: OpCall<T>, borrow: boolean): T {
    const callId = this.nextCallId++ >>> 0;
    let failure: Error | undefined;
    const value = this.host.invoke(op.opId, callId, op.maxPayloadLen, (frame) => op.encode(frame), (header, payload) => {
      if (header.kind === FrameKind.ok) return op.decodeOk(payload, borrow);
      if (header.kind === FrameKind.error) failure = errorFromPayload(payload, (id, body) => op.decodeError(id, body));
      else failure = new SystemError("bad_frame", `unexpected frame kind ${header.kind}`);
      return undefined;
    }, borrow);
    if (failure) throw failure;
    return value as T;
  }

  /** Marks the transport closed; the host and its instance are left to the garbage collector. */
  close(): void {
    this.closed = true;
  }
}

async function raceReady(ready: Promise<void>, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<void> {
  if (!signal && timeoutMs === undefined) return ready;
  let cleanup = (): void => {};
  const stop = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(new SystemError("cancelled"));
    const timer = timeoutMs !== undefined ? setTimeout(() => reject(new SystemError("timeout")), timeoutMs) : undefined;
    signal?.addEventListener("abort", onAbort, { once: true });
    cleanup = () => {
      signal?.removeEventListener("abort", onAbort);
      if (timer !== undefined) clearTimeout(timer);
    };
  });
  try {
    await Promise.race([ready, stop]);
  } finally {
    cleanup();
  }
}

/** Creates a direct transport for a module source or an existing host. */
export function connectDirect(source: WasmHost | WasmSource): DirectTransport {
  return new DirectTransport(source);
}
