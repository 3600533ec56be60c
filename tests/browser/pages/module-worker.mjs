// Any kkrpc module in a Worker or SharedWorker (serveWasm detects which):
// `?wasm=/path/to/module.wasm`, and `&heartbeat=MS` for the SharedWorker's
// port heartbeat (default 5000).
import { serveWasm } from "../../../runtime-ts/dist/index.js";

const params = new URL(self.location.href).searchParams;
serveWasm(new URL(params.get("wasm"), self.location.origin), { heartbeatMs: Number(params.get("heartbeat") ?? 5000) });
