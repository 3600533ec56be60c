// Any kkrpc module in a Worker or SharedWorker: `?wasm=/path/to/module.wasm`.
import { serveWasm } from "../../../runtime-ts/dist/index.js";

serveWasm(new URL(new URL(self.location.href).searchParams.get("wasm"), self.location.origin));
