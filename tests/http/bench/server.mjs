// One contender of the HTTP benchmark (`cargo xtask bench http`, driven by bench.mjs), served by
// @hono/node-server on 127.0.0.1 in its own process: `node server.mjs <floor|peer|kkgen>`. Prints
// `{"port":N}` on one line once listening; exits when stdin closes (the driver's end).
//
// All three answer POST /kk.fixture.v1/Fixture/add:
// - floor: the same Hono route returning a constant (no parsing, no call);
// - peer: a hand-written Hono + zod route: @hono/zod-validator over a z.object of two int32s, then
//   the module's hand-written export raw_add, answered with c.json;
// - kkgen: the generated routes (routes.ts) over the generated client on the direct transport
//   (the same Rust module, in process).
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { connectDirect } from "@kkgen/runtime";
import { rawImports } from "../../browser/pages/fixture.mjs";

const PATH = "/kk.fixture.v1/Fixture/add";
const root = new URL("../../../", import.meta.url);
const wasm = readFileSync(new URL("target/service/fixture/rust.wasm", root));

/** The app of contender `kind`. */
async function app(kind) {
  switch (kind) {
    case "floor":
      return new Hono().post(PATH, (c) => c.json(5));
    case "peer": {
      const module = await WebAssembly.compile(wasm);
      const raw = (await WebAssembly.instantiate(module, rawImports(module))).exports;
      raw.__wbindgen_start?.();
      const params = z.object({ a: z.int32(), b: z.int32() });
      return new Hono().post(PATH, zValidator("json", params), (c) => {
        const { a, b } = c.req.valid("json");
        return c.json(raw.raw_add(a, b));
      });
    }
    case "kkgen": {
      const gen = new URL("target/http/dist/fixture/", root);
      const { createFixtureClient } = await import(new URL("index.js", gen).href);
      const { createFixtureRoutes } = await import(new URL("routes.js", gen).href);
      return createFixtureRoutes(createFixtureClient(connectDirect(wasm)));
    }
    default:
      throw new Error(`unknown contender ${kind}`);
  }
}

const hono = await app(process.argv[2]);
const server = serve({ fetch: hono.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
process.stdin.on("end", () => server.close(() => process.exit(0)));
process.stdin.resume();
