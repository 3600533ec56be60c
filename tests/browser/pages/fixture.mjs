// The module every browser page and worker here calls: the service
// scenario's Rust module (tests/service/fixture, built into
// target/service/fixture by `cargo xtask test service`), and the URL of
// a worker serving it (module-worker.mjs).
export const FIXTURE_WASM = "/target/service/fixture/rust.wasm";

/** module-worker.mjs serving the fixture, with extra query parameters (e.g. `{ heartbeat: 200 }`). */
export function fixtureWorkerUrl(params = {}) {
  const query = new URLSearchParams({ wasm: FIXTURE_WASM, ...params });
  return new URL(`/tests/browser/pages/module-worker.mjs?${query}`, self.location.origin);
}

/**
 * An import object for instantiating the fixture by hand (the benchmark's
 * baselines): WASI's clock, and a stub for every other function import
 * (wasm-bindgen's externref table initialiser; nothing else is called).
 */
export function rawImports(module) {
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    (imports[imp.module] ??= {})[imp.name] = imp.name === "clock_time_get" ? () => 52 : () => {};
  }
  return imports;
}

/** Compiles and instantiates the fixture with {@link rawImports}; resolves with its exports. */
export async function instantiateRaw() {
  const module = await WebAssembly.compileStreaming(fetch(new URL(FIXTURE_WASM, self.location.origin)));
  const instance = await WebAssembly.instantiate(module, rawImports(module));
  instance.exports.__wbindgen_start?.();
  return instance.exports;
}
