/**
 * @kkgen/runtime: the kkrpc wire format, the wasm module host and the transports.
 */

export * from "./wire/index.js";
