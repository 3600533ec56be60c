// The fixture service in a Worker that dies when called with op 999 (an op
// the fixture does not have): the call is swallowed and 100 ms later an
// uncaught error reaches the page's Worker `error` event, as a real crash would.
import { serveWasm } from "../../../runtime-ts/dist/index.js";
import { FIXTURE_WASM } from "./fixture.mjs";

/** The op id of a call frame (an ArrayBuffer, or a binary string: rpc/protocol.ts), or undefined. */
function opId(data) {
  if (data instanceof ArrayBuffer) return data.byteLength >= 16 ? new DataView(data).getUint32(8, true) : undefined;
  if (typeof data === "string" && data.length >= 16) return (data.charCodeAt(8) | (data.charCodeAt(9) << 8) | (data.charCodeAt(10) << 16) | (data.charCodeAt(11) << 24)) >>> 0;
  return undefined;
}

self.addEventListener("message", (event) => {
  if (opId(event.data) === 999) {
    event.stopImmediatePropagation();
    setTimeout(() => {
      throw new Error("crashed on purpose");
    }, 100);
  }
});
serveWasm(new URL(FIXTURE_WASM, self.location.origin));
