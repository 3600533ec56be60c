/**
 * Wasm modules imported by the worker: workerd (and wrangler's bundler)
 * compile `*.wasm` imports when the worker is loaded and hand the script an
 * already compiled `WebAssembly.Module` (a `CompiledWasm` module).
 * @module
 */

declare module "*.wasm" {
  /** The module workerd compiled while loading the worker. */
  const module: WebAssembly.Module;
  export default module;
}
