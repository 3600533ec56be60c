// The fixture service in a Worker or SharedWorker (serveWasm detects which).
import { serveWasm } from "../../../runtime-ts/dist/index.js";

serveWasm(new URL("/target/ts-fixture/wasm32-unknown-unknown/release/kk_ts_fixture.wasm", self.location.origin), {
  heartbeatMs: Number(new URL(self.location.href).searchParams.get("heartbeat") ?? 5000),
});
