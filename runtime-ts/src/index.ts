/**
 * @kkgen/runtime: the kkrpc wire format, the wasm module host and the transports.
 */

export * from "./wire/index.js";
export { SystemError, ServiceError, asCallError } from "./rpc/errors.js";
export type { CallOptions, FastExport, OpCall, Transport } from "./rpc/call.js";
export type { OpDescriptor, ServiceDescriptor } from "./rpc/descriptor.js";
export { opCall, type OpCodec } from "./rpc/op-call.js";
export { readAnswer } from "./rpc/answer.js";
export { WasmHost, type HostStats } from "./host/wasm-host.js";
export { compileWasm, type WasmSource } from "./host/wasm-source.js";
export { WasiExit } from "./host/imports.js";
export { DirectTransport, connectDirect, type DirectTransportOptions } from "./transports/direct.js";
export { DEFAULT_TRANSFER_MIN_BYTES, DEFAULT_HEARTBEAT_MS, MISSED_HEARTBEATS, type ControlMessage, type PortLike, type ServerStats } from "./rpc/protocol.js";
export { PortTransport, type Link, type PortStats, type PortTransportOptions } from "./transports/port.js";
export { connectWorker, type WorkerTransportOptions } from "./transports/worker.js";
export { connectSharedWorker, type SharedWorkerTransportOptions } from "./transports/shared-worker.js";
export {
  StdioTransport,
  connectStdio,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_QUEUED,
  DEFAULT_CLOSE_GRACE_MS,
  DEFAULT_STDERR_TAIL_LINES,
  type StdioOptions,
  type StdioStats,
  type RestartPolicy,
} from "./transports/stdio.js";
export { serveWasm, type ServeOptions, type WasmServer } from "./server/serve.js";
export type { NatsConnectionLike, NatsMsgLike, NatsSubscriptionLike, NatsHeadersLike } from "./nats/connection.js";
export { natsSubject, natsSubjects, checkPrefix } from "./nats/subject.js";
export { systemErrorStatus, TYPED_ERROR_STATUS } from "./rpc/status.js";
export { NatsTransport, connectNats, DEFAULT_NATS_TIMEOUT_MS, type NatsTransportOptions } from "./transports/nats.js";
export { serveNats, DEFAULT_QUEUE_GROUP, type ServeNatsOptions, type NatsServer } from "./server/nats.js";
export type { MicroIdentity } from "./server/nats-micro.js";
