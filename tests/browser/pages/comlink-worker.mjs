// Benchmark baseline: the fixture's hand-written exports exposed with Comlink.
// `expose` runs before any await, so Comlink sees every message; `ready()`
// resolves once the module is instantiated.
import * as Comlink from "../../../node_modules/comlink/dist/esm/comlink.mjs";
import { instantiateRaw } from "./fixture.mjs";

let x;
const instantiated = instantiateRaw().then((exports) => {
  x = exports;
});

Comlink.expose({
  ready: () => instantiated.then(() => true),
  add: (a, b) => x.raw_add(a, b),
  scale(buffer, factor) {
    const input = new Float32Array(buffer);
    const ptr = x.kk_alloc(input.byteLength);
    new Float32Array(x.memory.buffer, ptr, input.length).set(input);
    x.raw_scale(ptr, input.length, factor);
    const out = new Float32Array(x.memory.buffer, ptr, input.length).slice();
    x.kk_free(ptr, input.byteLength);
    return Comlink.transfer(out.buffer, [out.buffer]);
  },
});
