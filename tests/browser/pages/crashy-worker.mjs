// The fixture service in a Worker that dies when called with op 999 (the
// client's `unknown` op): the call is swallowed and 100 ms later an uncaught
// error reaches the page's Worker `error` event, as a real crash would.
import { serveWasm } from "../../../runtime-ts/dist/index.js";

self.addEventListener("message", (event) => {
  if (event.data instanceof ArrayBuffer && event.data.byteLength >= 16 && new DataView(event.data).getUint32(8, true) === 999) {
    event.stopImmediatePropagation();
    setTimeout(() => {
      throw new Error("crashed on purpose");
    }, 100);
  }
});
serveWasm(new URL("/target/ts-fixture/wasm32-unknown-unknown/release/kk_ts_fixture.wasm", self.location.origin));
