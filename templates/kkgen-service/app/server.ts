/**
 * The Hono server: the generated routes (`kkgen gen --lang hono`, docs/http.md) over the Rust
 * module called directly. `node dist/js/app/server.js` serves `POST /stats.v1/Stats/{op}` and
 * `GET /stats.v1/Stats/openapi.json` on 127.0.0.1:$PORT (default 8787).
 * @module
 */
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import { fileURLToPath } from "node:url";
import { createStatsRoutes } from "./gen/routes.js";
import { MODULES, openDirect } from "./direct.js";

/** The app: every op of `stats.v1.Stats` as a route, over the module at `wasmPath`. */
export function createApp(wasmPath: string = MODULES.rust): Hono {
  return createStatsRoutes(openDirect(wasmPath));
}

/** Serves `app` on 127.0.0.1:`port` (0: a free one); resolves once listening. */
export function listen(app: Hono, port: number): Promise<{ url: string; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, (info) => resolve({ url: `http://127.0.0.1:${info.port}`, server }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await listen(createApp(), Number(process.env["PORT"] ?? 8787));
  console.log(`stats.v1.Stats at ${url}/stats.v1/Stats/`);
}
