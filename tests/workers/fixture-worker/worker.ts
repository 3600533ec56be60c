/**
 * A test worker (suite `workers`): the service scenario's Rust module
 * (tests/service/fixture) behind its generated Hono routes over the direct
 * transport, as the example worker serves its modules. The fixture has an op
 * that really traps (`trap`: a wasm `unreachable`), which the example's
 * modules have not, so this worker shows in workerd that a trap drops the
 * instance and the next call instantiates a fresh one from the same imported
 * `WebAssembly.Module` (workerd compiles no wasm at run time).
 * `GET /_worker/stats` answers the host's counters.
 * @module
 */

import { Hono } from "hono";
import { DirectTransport, WasmHost } from "@kkgen/runtime";
import { createFixtureClient } from "@gen/fixture/index.js";
import { createFixtureRoutes } from "@gen/fixture/routes.js";
import fixtureModule from "./fixture.wasm";

let app: Hono | undefined;

/** Builds the app on the first request. */
function build(): Hono {
  const host = new WasmHost(fixtureModule);
  const root = new Hono();
  root.get("/_worker/stats", (c) => c.json({ ...host.stats, memoryBytes: host.memoryBytes }));
  root.route("/", createFixtureRoutes(createFixtureClient(new DirectTransport(host))));
  return root;
}

export default {
  /** Serves one request. */
  fetch(request: Request): Response | Promise<Response> {
    app ??= build();
    return app.fetch(request);
  },
};
