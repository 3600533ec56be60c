// The fixture service in a Worker that dies when called with op 999 (an op
// the fixture does not have): the call is swallowed and 100 ms later an
// uncaught error reaches the page's Worker `error` event, as a real crash would.
import { serveWasm } from "../../../runtime-ts/dist/index.js";
import { FIXTURE_WASM } from "./fixture.mjs";

self.addEventListener("message", (event) => {
  if (event.data instanceof ArrayBuffer && event.data.byteLength >= 16 && new DataView(event.data).getUint32(8, true) === 999) {
    event.stopImmediatePropagation();
    setTimeout(() => {
      throw new Error("crashed on purpose");
    }, 100);
  }
});
serveWasm(new URL(FIXTURE_WASM, self.location.origin));
