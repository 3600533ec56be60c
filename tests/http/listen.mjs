// Serving a Hono app for the HTTP tests, the same on node, bun and deno: each runtime's own server
// (@hono/node-server, Bun.serve, Deno.serve) on 127.0.0.1, port 0 (a free one).

/** The runtime this file runs on: `node`, `bun` or `deno`. */
export const RUNTIME = typeof globalThis.Bun !== "undefined" ? "bun" : typeof globalThis.Deno !== "undefined" ? "deno" : "node";

/** Serves `app`; resolves with its base URL (`http://127.0.0.1:PORT`), its port and `close()`. */
export async function listen(app) {
  if (RUNTIME === "bun") {
    const server = globalThis.Bun.serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    return { url: `http://127.0.0.1:${server.port}`, port: server.port, close: async () => server.stop(true) };
  }
  if (RUNTIME === "deno") {
    const server = globalThis.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
    return { url: `http://127.0.0.1:${server.addr.port}`, port: server.addr.port, close: () => server.shutdown() };
  }
  const { serve } = await import("@hono/node-server");
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
      const close = () =>
        new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        });
      resolve({ url: `http://127.0.0.1:${info.port}`, port: info.port, close });
    });
  });
}

