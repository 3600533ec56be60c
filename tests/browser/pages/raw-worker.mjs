// Benchmark baseline: the fixture's hand-written exports behind a bare
// postMessage protocol (no frames, no runtime): ["add", a, b] → sum;
// ["scale", buffer, factor] → the scaled buffer (transferred back);
// ["stats"] → how many answers were transferred (their buffer detached);
// a bare ArrayBuffer is a kkrpc call frame (docs/wire.md §2), answered by
// the same ABI call kkgen's server makes (kk_alloc, copy in, kk_call, copy
// the answer out, kk_free) with no runtime around it: the like-for-like
// baseline of a kkgen Worker call (same frames, same wasm work, both cloned).
// Serves its parent as a dedicated Worker and every port as a SharedWorker;
// each side is told "ready" once the module is instantiated.
import { instantiateRaw } from "./fixture.mjs";

let x;
const instantiated = instantiateRaw().then((exports) => {
  x = exports;
});
let transferred = 0;

function handle(port, data) {
  if (data instanceof ArrayBuffer) {
    const len = data.byteLength;
    const p = x.kk_alloc(len);
    new Uint8Array(x.memory.buffer, p, len).set(new Uint8Array(data));
    const r = x.kk_call(p, len);
    const mem = new Uint8Array(x.memory.buffer);
    const outLen = 16 + (mem[r + 12] | (mem[r + 13] << 8) | (mem[r + 14] << 16) | (mem[r + 15] << 24));
    const out = mem.slice(r, r + outLen);
    x.kk_free(r, outLen);
    port.postMessage(out.buffer);
  } else if (data[0] === "add") {
    port.postMessage(x.raw_add(data[1], data[2]));
  } else if (data[0] === "scale") {
    const input = new Float32Array(data[1]);
    const ptr = x.kk_alloc(input.byteLength);
    new Float32Array(x.memory.buffer, ptr, input.length).set(input);
    x.raw_scale(ptr, input.length, data[2]);
    const out = new Float32Array(x.memory.buffer, ptr, input.length).slice();
    x.kk_free(ptr, input.byteLength);
    port.postMessage(out.buffer, [out.buffer]);
    if (out.buffer.byteLength === 0) transferred++;
  } else if (data[0] === "stats") {
    port.postMessage({ transferred });
  }
}

if ("onconnect" in self) {
  self.addEventListener("connect", (e) => {
    const port = e.ports[0];
    port.onmessage = ({ data }) => handle(port, data);
    instantiated.then(() => port.postMessage("ready"));
  });
} else {
  self.onmessage = ({ data }) => handle(self, data);
  instantiated.then(() => self.postMessage("ready"));
}
