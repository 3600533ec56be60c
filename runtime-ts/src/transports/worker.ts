/**
 * The Worker transport: one dedicated Web Worker running `serveWasm`, frames
 * transferred both ways (see `port.ts` for the copy count). A worker that dies
 * fails its pending calls with `unavailable` and is restarted on the next call.
 * @module
 */

import { PortTransport, type PortTransportOptions } from "./port.js";

/** Options of {@link connectWorker}. */
export interface WorkerTransportOptions extends PortTransportOptions {
  /** Worker name (shown in devtools). */
  readonly name?: string;
}

/** Starts (lazily) a module worker from `url` and returns a transport to it. */
export function connectWorker(url: string | URL, options: WorkerTransportOptions = {}): PortTransport {
  return new PortTransport(() => {
    const worker = new Worker(url, { type: "module", ...(options.name !== undefined ? { name: options.name } : {}) });
    return { port: worker, errors: worker, close: () => worker.terminate() };
  }, options);
}
