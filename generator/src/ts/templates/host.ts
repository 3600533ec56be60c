// Hosts: serve{Service}(module) answers calls in a Worker or SharedWorker
// (one wasm instance for every connected tab); create{Service}Direct(module)
// runs the module in this isolate. `module` is a WasmSource — bytes, a
// WebAssembly.Module, a Response or a Promise of one (compiled while it
// streams), a URL, a file path on node/bun/deno (docs/runtime-ts.md) — or a host.

import { connectDirect, serveWasm, type ServeOptions, type WasmHost, type WasmServer, type WasmSource } from "{{ runtime_import }}";
import type { {% for s in services %}{% if !loop.first %}, {% endif %}{{ s.name }}Api{% endfor %} } from "./api.js";
import { {% for s in services %}{% if !loop.first %}, {% endif %}create{{ s.name }}Client{% endfor %} } from "./client.js";
{% for s in services %}
/** Serves `{{ s.qualified }}` from `module` in the current Worker or SharedWorker scope. */
export function serve{{ s.name }}(module: WasmSource | WasmHost, options?: ServeOptions): WasmServer {
  return serveWasm(module, options);
}

/** A `{{ s.name }}Api` calling `module` directly in this isolate (instantiated lazily on the first call). */
export function create{{ s.name }}Direct(module: WasmSource | WasmHost): {{ s.name }}Api {
  return create{{ s.name }}Client(connectDirect(module));
}
{% endfor %}
