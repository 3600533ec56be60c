/**
 * The example worker's diagnostic routes (mounted under `/_worker` when the
 * binding `KK_DIAGNOSTICS` is `"1"`): what suite `workers` and `cargo xtask
 * bench workers` read and call. Not for production.
 * @module
 */

import { Hono } from "hono";
import type { WasmHost } from "@kkgen/runtime";

/** Most requests one `POST /_worker/repeat` makes. */
const MAX_REPEAT = 10_000;
/** Most calls one `POST /_worker/drill` makes. */
const MAX_DRILL = 100_000;

/**
 * Named calls the diagnostic route `POST /drill` repeats in the isolate,
 * straight through a generated client (no HTTP, no router): each makes, from
 * the request's JSON `body`, the call to repeat.
 */
export type Drills = Readonly<Record<string, (body: unknown) => () => Promise<unknown>>>;

/** A host's counters and its linear memory in bytes (0 before its first call). */
function hostStats(host: WasmHost): Record<string, number> {
  return { ...host.stats, memoryBytes: host.memoryBytes };
}

/**
 * The routes: `GET /stats` (each host's counters and linear memory),
 * `ALL /constant` (a constant answer from the same worker and router: the
 * benchmark's floor) and `POST /repeat` (`{ path, body, count }`: `count`
 * POSTs of the JSON `body` to `path` through `app` in this isolate, awaited
 * one after another; answers how many succeeded, for memory over many calls
 * without a socket per call) and `POST /drill` (`{ name, body, count }`:
 * `count` calls of the drill `name` made from `body`, awaited one after
 * another: many calls into a module quickly, e.g. to let a garbage-collected
 * heap reach its size).
 */
export function diagnosticRoutes(app: Hono, hosts: Readonly<Record<string, WasmHost>>, drills: Drills = {}): Hono {
  const routes = new Hono();
  routes.get("/stats", (c) => c.json(Object.fromEntries(Object.entries(hosts).map(([name, host]) => [name, hostStats(host)]))));
  routes.all("/constant", (c) => c.json(true));
  routes.post("/repeat", async (c) => {
    const { path, body, count } = await c.req.json<{ path: string; body: unknown; count: number }>();
    const n = Math.min(Math.max(0, Math.trunc(count)), MAX_REPEAT);
    const text = JSON.stringify(body);
    let ok = 0;
    for (let i = 0; i < n; i++) {
      const request = new Request(new URL(path, c.req.url), { method: "POST", headers: { "content-type": "application/json" }, body: text });
      const response = await app.fetch(request);
      await response.arrayBuffer();
      if (response.status === 200) ok++;
    }
    return c.json({ count: n, ok });
  });
  routes.post("/drill", async (c) => {
    const { name, body, count } = await c.req.json<{ name: string; body: unknown; count: number }>();
    const make = Object.hasOwn(drills, name) ? drills[name] : undefined;
    if (make === undefined) return c.json({ error: `no drill ${name}` }, 404);
    const call = make(body);
    const n = Math.min(Math.max(0, Math.trunc(count)), MAX_DRILL);
    for (let i = 0; i < n; i++) await call();
    return c.json({ count: n });
  });
  return routes;
}
