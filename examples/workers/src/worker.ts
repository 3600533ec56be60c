/**
 * The example Cloudflare worker (docs/workers.md): the Rust geometry service
 * and the Go rules service, both running in this isolate over the direct
 * transport, served through the routes `kkgen gen --lang hono` generates.
 *
 * Start-up stays light: the global scope only binds the two modules workerd
 * compiled while loading the script. The first request builds the Hono app,
 * and each service's first call instantiates its module (WasmHost is lazy);
 * a trap drops that instance and the next call gets a fresh one.
 * @module
 */

import { Hono } from "hono";
import { DirectTransport, WasmHost } from "@kkgen/runtime";
import { createEventHub, createRouteKit } from "@kkgen/runtime/http";
import { createGeometryClient } from "@gen/geometry/index.js";
import { createGeometryRoutes } from "@gen/geometry/routes.js";
import { createRulesClient } from "@gen/rules/index.js";
import { RulesValidateOrderParamsSchema } from "@gen/rules/zod.js";
import { createRulesRoutes } from "@gen/rules/routes.js";
import { diagnosticRoutes } from "./diagnostics.js";
import geometryModule from "./geometry.wasm";
import rulesModule from "./rules.wasm";

// (Not exported: workerd takes a worker module's named exports for entrypoints.)
/** Largest frame either host accepts or answers (docs/wire.md §5.1): an answer above it is refused with `too_large`. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;
/** Largest request body the routes read (413 above it). */
const MAX_BODY_BYTES = 1024 * 1024;

/** The worker's bindings. */
interface Env {
  /** `"1"` mounts the diagnostic routes under `/_worker/` (the tests and the benchmark set it). */
  readonly KK_DIAGNOSTICS?: string;
}

let app: Hono | undefined;

/** Builds the app once per isolate (on the first request, never at global scope). */
function build(env: Env): Hono {
  const limits = { maxFrameLen: MAX_FRAME_BYTES };
  const geometry = new WasmHost(geometryModule, limits);
  const rules = new WasmHost(rulesModule, limits);
  const options = { maxBodyBytes: MAX_BODY_BYTES, events: createEventHub() };
  const kit = createRouteKit(options);
  const root = new Hono();
  root.notFound(kit.notFound);
  root.onError(kit.onError);
  const rulesClient = createRulesClient(new DirectTransport(rules));
  root.route("/", createGeometryRoutes(createGeometryClient(new DirectTransport(geometry)), options));
  root.route("/", createRulesRoutes(rulesClient, options));
  if (env.KK_DIAGNOSTICS === "1") {
    const drills = {
      validate_order: (body: unknown) => {
        const { order } = RulesValidateOrderParamsSchema.parse(body);
        return () => rulesClient.validateOrder(order);
      },
    };
    root.route("/_worker", diagnosticRoutes(root, { geometry, rules }, drills));
  }
  return root;
}

export default {
  /** Serves one request. */
  fetch(request: Request, env: Env): Response | Promise<Response> {
    app ??= build(env);
    return app.fetch(request);
  },
};
