/**
 * The direct transport: the module runs in the caller's isolate (Cloudflare
 * Workers, node, bun, deno, a page or a worker). Copies per call: parameters
 * are encoded straight into wasm memory (typed buffers: 1 copy, the encode);
 * results are decoded from wasm memory (typed buffers: 1 copy, or 0 with
 * `borrow`, then a view valid until the next call on the same host).
 * @module
 */

import type { CallOptions, FastExport, OpCall, Transport } from "../rpc/call.js";
import { asCallError, SystemError } from "../rpc/errors.js";
import { WasmHost } from "../host/wasm-host.js";
import type { WasmSource } from "../host/wasm-source.js";

/** Options of {@link connectDirect}. */
export interface DirectTransportOptions {
  /** Default per-call timeout in ms (none when absent); see {@link DirectTransport.call}. */
  readonly timeoutMs?: number;
}

/** A transport calling a {@link WasmHost} in the same isolate. */
export class DirectTransport implements Transport {
  /** The host it calls (exposed for stats and for sharing with other transports). */
  readonly host: WasmHost;
  private nextCallId = 1;
  private closed = false;

  /** Wraps a host, or creates one from a module source (compiled lazily on the first call). */
  constructor(source: WasmHost | WasmSource, private readonly options: DirectTransportOptions = {}) {
    this.host = source instanceof WasmHost ? source : new WasmHost(source);
  }

  /**
   * Performs a call. Wasm runs synchronously in this isolate, so nothing can
   * interrupt a call once it has started: `signal` is honoured until then
   * (before the call, and while the module is first compiled), and `timeoutMs`
   * bounds the whole call — waiting for the module, then the call itself — with
   * a call that overran its deadline rejected with `timeout` once it returns
   * (its result discarded, as a port transport discards a late answer).
   */
  call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.host.isReady && !this.closed && !options?.signal?.aborted) {
      // Fast path: no await, no extra promise hops before the wasm call.
      const timeoutMs = options?.timeoutMs ?? this.options.timeoutMs;
      try {
        if (timeoutMs === undefined) return Promise.resolve(this.callNow(op, options?.borrow === true));
        const start = performance.now();
        const value = this.callNow(op, options?.borrow === true);
        return overran(start, timeoutMs) ?? Promise.resolve(value);
      } catch (e) {
        return Promise.reject(asCallError(e));
      }
    }
    return this.callSlow(op, options);
  }

  /**
   * The scalar fast path ({@link Transport.callFast}, docs/abi.md §1.4): when
   * the live instance exports `name`, calls it through `invoke` with the
   * semantics of {@link call} (timeout checked when it returns; a trap
   * rejects with `trap` and the next call gets a fresh instance). `undefined`
   * when the module has no such export, no instance is live yet (the first
   * call, or the one after a trap), the transport is closed or `signal` is
   * already aborted: the caller then goes through {@link call}, which
   * instantiates, or rejects without calling.
   */
  callFast<T>(name: string, invoke: (fn: FastExport) => T, options?: CallOptions): Promise<T> | undefined {
    if (this.closed || options?.signal?.aborted) return undefined;
    const fn = this.host.fastExport(name);
    if (fn === undefined) return undefined;
    const timeoutMs = options?.timeoutMs ?? this.options.timeoutMs;
    try {
      if (timeoutMs === undefined) return Promise.resolve(this.host.invokeFast(fn, invoke));
      const start = performance.now();
      const value = this.host.invokeFast(fn, invoke);
      return overran(start, timeoutMs) ?? Promise.resolve(value);
    } catch (e) {
      return Promise.reject(asCallError(e));
    }
  }

  /**
   * Compiles the module (once) and instantiates it: after it resolves, the
   * synchronous calls ({@link callSync}, the generated `create{Service}SyncClient`)
   * work — also after a trap, which instantiates afresh synchronously.
   */
  ready(): Promise<void> {
    return this.host.ready();
  }

  /**
   * Performs a call synchronously (the generated sync clients): returns the
   * value or throws what {@link call} would reject with. Needs a compiled
   * module: before {@link ready} resolved it throws `SystemError`
   * `unavailable`. `signal` is checked before the call; `timeoutMs` when it
   * returns (a call that overran throws `timeout`, its result discarded).
   */
  callSync<T>(op: OpCall<T>, options?: CallOptions): T {
    if (this.closed) throw new SystemError("unavailable", "transport closed");
    if (options?.signal?.aborted) throw new SystemError("cancelled");
    if (!this.host.isCompiled) throw new SystemError("unavailable", "the module is not compiled yet: await transport.ready() before the first sync call");
    const timeoutMs = options?.timeoutMs ?? this.options.timeoutMs;
    const start = timeoutMs === undefined ? 0 : performance.now();
    let value: T;
    try {
      value = this.callNow(op, options?.borrow === true);
    } catch (e) {
      throw asCallError(e);
    }
    const late = timeoutMs === undefined ? undefined : overrun(start, timeoutMs);
    if (late) throw late;
    return value;
  }

  /**
   * The scalar fast export `name` for a synchronous call (docs/abi.md §1.4),
   * counted as a call; the caller calls it at once and passes what it throws
   * to {@link fastFailed}. `undefined` when the live instance has no such
   * export, none is live, the transport is closed, `signal` is aborted or a
   * timeout applies: the caller then uses {@link callSync}, which handles all of those.
   */
  fastSync(name: string, options?: CallOptions): FastExport | undefined {
    if (options !== undefined && (options.signal?.aborted || options.timeoutMs !== undefined)) return undefined;
    if (this.closed || this.options.timeoutMs !== undefined) return undefined;
    const fn = this.host.fastExport(name);
    if (fn !== undefined) {
      const stats = this.host.stats;
      stats.calls++;
      stats.fastCalls++;
    }
    return fn;
  }

  /** What a call of an export from {@link fastSync} that threw `e` throws: `trap` (the instance is dropped) or the argument's `TypeError`. */
  fastFailed(e: unknown): Error {
    return this.host.fastFailed(e);
  }

  private async callSlow<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
    if (this.closed) throw new SystemError("unavailable", "transport closed");
    const signal = options?.signal;
    if (signal?.aborted) throw new SystemError("cancelled");
    const timeoutMs = options?.timeoutMs ?? this.options.timeoutMs;
    const start = performance.now();
    await raceReady(this.host.ready(), signal, timeoutMs);
    if (signal?.aborted) throw new SystemError("cancelled");
    if (this.closed) throw new SystemError("unavailable", "transport closed");
    if (timeoutMs !== undefined && performance.now() - start > timeoutMs) throw new SystemError("timeout", `after ${timeoutMs} ms`);
    let value: T;
    try {
      value = this.callNow(op, options?.borrow === true);
    } catch (e) {
      throw asCallError(e);
    }
    if (timeoutMs !== undefined) await (overran(start, timeoutMs) ?? undefined);
    return value;
  }

  /** Synchronous call on a ready host. */
  callNow<T>(op: OpCall<T>, borrow: boolean): T {
    const callId = this.nextCallId++ >>> 0;
    return this.host.call(op, callId, borrow);
  }

  /** Marks the transport closed; the host and its instance are left to the garbage collector. */
  close(): void {
    this.closed = true;
  }
}

/** A rejected `timeout` when more than `timeoutMs` passed since `start`. */
function overran(start: number, timeoutMs: number): Promise<never> | undefined {
  const late = overrun(start, timeoutMs);
  return late ? Promise.reject(late) : undefined;
}

/** The `timeout` error of a call that took more than `timeoutMs` since `start`, or `undefined`. */
function overrun(start: number, timeoutMs: number): SystemError | undefined {
  const ms = performance.now() - start;
  return ms > timeoutMs ? new SystemError("timeout", `the call took ${Math.round(ms)} ms, over its ${timeoutMs} ms`) : undefined;
}

async function raceReady(ready: Promise<void>, signal: AbortSignal | undefined, timeoutMs: number | undefined): Promise<void> {
  if (!signal && timeoutMs === undefined) return ready;
  let cleanup = (): void => {};
  const stop = new Promise<never>((_, reject) => {
    const onAbort = (): void => reject(new SystemError("cancelled"));
    const timer = timeoutMs !== undefined ? setTimeout(() => reject(new SystemError("timeout", `after ${timeoutMs} ms (the module was not ready)`)), timeoutMs) : undefined;
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
export function connectDirect(source: WasmHost | WasmSource, options?: DirectTransportOptions): DirectTransport {
  return new DirectTransport(source, options);
}
