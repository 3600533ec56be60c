/**
 * The SharedWorker transport: one wasm instance serves every tab of an origin,
 * each through its own MessagePort. Each tab says goodbye on `pagehide` and
 * sends a heartbeat, so the server drops the ports of closed tabs either way.
 * Where `SharedWorker` is undefined (e.g. Chrome on Android) the same call
 * starts a dedicated Worker instead: same API, one instance per tab.
 * @module
 */

import { DEFAULT_HEARTBEAT_MS, type ControlMessage } from "../rpc/protocol.js";
import { PortTransport, type PortTransportOptions } from "./port.js";
import { connectWorker } from "./worker.js";

/** Options of {@link connectSharedWorker}. */
export interface SharedWorkerTransportOptions extends Omit<PortTransportOptions, "restartOnTimeout"> {
  /** SharedWorker name: workers with the same URL and name are the same instance. */
  readonly name?: string;
  /** Heartbeat period in ms (default {@link DEFAULT_HEARTBEAT_MS}; the server drops a port silent for `MISSED_HEARTBEATS` periods). */
  readonly heartbeatMs?: number;
}

/** A transport over a SharedWorker port, with goodbye and heartbeat. */
class SharedWorkerTransport extends PortTransport {
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onPageHide = (): void => this.close();

  constructor(url: string | URL, options: SharedWorkerTransportOptions) {
    super(() => {
      const worker = new SharedWorker(url, { type: "module", ...(options.name !== undefined ? { name: options.name } : {}) });
      const port = worker.port;
      return {
        port,
        errors: worker,
        close: () => {
          port.postMessage({ kk: "bye" } satisfies ControlMessage);
          port.close();
        },
      };
    }, options);
    const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
    this.timer = setInterval(() => this.control({ kk: "ping" }), heartbeatMs);
    globalThis.addEventListener?.("pagehide", this.onPageHide);
  }

  override close(): void {
    clearInterval(this.timer);
    globalThis.removeEventListener?.("pagehide", this.onPageHide);
    super.close();
  }
}

/** Connects (lazily) to the SharedWorker at `url`, or to a dedicated Worker where SharedWorker is undefined. */
export function connectSharedWorker(url: string | URL, options: SharedWorkerTransportOptions = {}): PortTransport {
  if (typeof SharedWorker === "undefined") return connectWorker(url, options);
  return new SharedWorkerTransport(url, options);
}
