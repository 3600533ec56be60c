/**
 * @kkgen/runtime: the kkrpc wire format, the wasm module host and the transports.
 */

export * from "./wire/index.js";
export { SystemError, SystemErrorCodes, ServiceError, asCallError, type SystemErrorName } from "./rpc/errors.js";
export type { CallOptions, FastExport, OpCall, Transport } from "./rpc/call.js";
export { opCall, type OpCodec } from "./rpc/op-call.js";
export { WasmHost, compileWasm, type WasmSource, type HostStats } from "./host/wasm-host.js";
export { WasiExit } from "./host/imports.js";
export { DirectTransport, connectDirect, type DirectTransportOptions } from "./transports/direct.js";
export { PortTransport, DEFAULT_TRANSFER_MIN_BYTES, type PortLike, type Link, type PortStats, type ServerStats, type PortTransportOptions } from "./transports/port.js";
export { connectWorker, type WorkerTransportOptions } from "./transports/worker.js";
export { connectSharedWorker, DEFAULT_HEARTBEAT_MS, type SharedWorkerTransportOptions } from "./transports/shared-worker.js";
export { serveWasm, type ServeOptions, type WasmServer } from "./server/serve.js";
