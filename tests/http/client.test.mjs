// The typed HTTP client (`http-client.ts` of `kkgen gen --lang hono`, docs/http.md §10), one file
// run unchanged by node, bun and deno (`cargo xtask test http`): every op of geometry (Rust) and
// rules (Go) called through create{Service}HttpClient against the generated routes served on
// 127.0.0.1 over the direct transport, and the same calls on a direct client of a second instance
// of the same module: the same results (handles, bigints, typed buffers — those through
// octet-stream both ways) and the same errors (typed error classes with their data, SystemError
// codes). Then what only HTTP has: an injected fetch, CallOptions' timeout and signal, a server
// that is gone, a route that is not there.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { SystemError } from "@kkgen/runtime";
import { artifact } from "../artifacts.mjs";
import { run, test } from "../stdio/harness.mjs";
import { listen, RUNTIME } from "./listen.mjs";
import { createGeometryDirect, InvalidParamsError, UnknownModelError } from "../../target/http/dist/geometry/index.js";
import { createGeometryHttpClient } from "../../target/http/dist/geometry/http-client.js";
import { createGeometryRoutes } from "../../target/http/dist/geometry/routes.js";
import { Currency, createRulesDirect, InvalidOrderError, LimitExceededError } from "../../target/http/dist/rules/index.js";
import { createRulesHttpClient } from "../../target/http/dist/rules/http-client.js";
import { createRulesRoutes } from "../../target/http/dist/rules/routes.js";

const MODULES = {
  geometry: () => readFileSync(`${artifact("geometry_dist")}/unknown/geometry_service.wasm`),
  rules: () => readFileSync(artifact("rules_reactor_wasm")),
};
const SERVICES = {
  geometry: { direct: createGeometryDirect, routes: createGeometryRoutes, http: createGeometryHttpClient },
  rules: { direct: createRulesDirect, routes: createRulesRoutes, http: createRulesHttpClient },
};

/**
 * Runs `calls` (a list of `[label, (api) => promise]`) on a direct client and on the HTTP client
 * of the same module's routes, each over its own fresh instance, and asserts every call settles
 * alike; resolves with the HTTP client's outcomes by label.
 */
async function sameAsDirect(service, calls, httpOptions) {
  const wasm = MODULES[service]();
  const s = SERVICES[service];
  const server = await listen(s.routes(s.direct(wasm)));
  try {
    const direct = s.direct(wasm);
    const http = s.http(server.url, httpOptions);
    const outcomes = {};
    for (const [label, call] of calls) {
      const want = await settle(call(direct));
      const got = await settle(call(http));
      assert.deepEqual(got, want, `${service} ${label}: HTTP client vs direct client`);
      outcomes[label] = got;
    }
    return outcomes;
  } finally {
    await server.close();
  }
}

/** A call's outcome in comparable form: its value, or its error's class, code, data and message. */
async function settle(promise) {
  try {
    return { value: await promise };
  } catch (e) {
    if (e instanceof SystemError) return { error: "SystemError", code: e.code };
    if (e instanceof Error) return { error: e.constructor.name, data: e.data, message: e.message };
    throw e;
  }
}

const order = {
  id: "T-1",
  customer: "lin",
  currency: Currency.Gbp,
  coupon: "SAVE10",
  items: [
    { sku: "BOLT-M8", quantity: 4, unitPriceCents: 250n },
    { sku: "NUT-M8", quantity: 10, unitPriceCents: 30n },
  ],
};

/** An HTTP client option recording every exchange's path and media types. */
function recording() {
  const seen = [];
  return {
    seen,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      seen.push({ path: new URL(url).pathname, sent: init.headers["content-type"], got: response.headers.get("content-type") });
      return response;
    },
  };
}

test("geometry: every op through the HTTP client answers as the direct client", async () => {
  const model = 1;
  const wire = recording();
  const out = await sameAsDirect("geometry", [
    ["create", (api) => api.create({ tag: "Sphere", value: { radius: 2 } }, "ball")],
    ["name", (api) => api.name(model)],
    ["is_live", (api) => api.isLive(model)],
    ["bounds", (api) => api.bounds(model)],
    ["tessellate", (api) => api.tessellate(model, 8)],
    ["bounds_of", async (api) => api.boundsOf(await api.tessellate(model, 4))],
    ["bounds_of empty", (api) => api.boundsOf(new Float32Array(0))],
    ["create torus", (api) => api.create({ tag: "Torus", value: { major: 3, minor: 1 } }, "ring")],
    ["create invalid", (api) => api.create({ tag: "Sphere", value: { radius: -1 } }, "bad")],
    ["tessellate invalid", (api) => api.tessellate(model, 0)],
    ["name unknown", (api) => api.name(987654)],
    ["release", (api) => api.release(model)],
    ["release again", (api) => api.release(model)],
    ["is_live released", (api) => api.isLive(model)],
  ], { fetch: wire.fetch });
  // Typed buffers travel as raw bytes both ways (docs/http.md §3.2), never base64.
  const tessellate = wire.seen.find((x) => x.path.endsWith("/tessellate"));
  assert.equal(tessellate.got, "application/octet-stream");
  const boundsOf = wire.seen.find((x) => x.path.endsWith("/bounds_of"));
  assert.equal(boundsOf.sent, "application/octet-stream");
  assert.equal(wire.seen.find((x) => x.path.endsWith("/name")).sent, "application/json");
  assert.equal(out.create.value, model, "the first model's handle");
  assert.ok(out.tessellate.value instanceof Float32Array);
  assert.equal(out.tessellate.value.length, 2 * 8 * 8 * 9);
  assert.ok(Math.abs(out.bounds.value.max.x - 2) < 1e-3);
  assert.equal(out["create invalid"].error, InvalidParamsError.name);
  assert.equal(out["tessellate invalid"].error, InvalidParamsError.name);
  assert.deepEqual(out["name unknown"], { error: UnknownModelError.name, data: { model: 987654 }, message: "UnknownModel" });
  assert.equal(out["release"].value, undefined);
  assert.equal(out["release again"].error, UnknownModelError.name);
  assert.equal(out["is_live released"].value, false);
});

test("rules: every op through the HTTP client answers as the direct client (a trap too)", async () => {
  const samples = Float32Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? 50 : i % 7));
  const out = await sameAsDirect("rules", [
    ["ping", (api) => api.ping()],
    ["validate_order", (api) => api.validateOrder(order)],
    ["validate_order no coupon", (api) => api.validateOrder({ ...order, coupon: undefined })],
    ["validate_order empty", (api) => api.validateOrder({ ...order, items: [] })],
    ["validate_order limit", (api) => api.validateOrder({ ...order, items: [{ sku: "X", quantity: 1001, unitPriceCents: 1n }] })],
    ["validate_order trap", (api) => api.validateOrder({ ...order, items: [{ sku: "PANIC", quantity: 1, unitPriceCents: 1n }] })],
    ["validate_order after trap", (api) => api.validateOrder(order)],
    ["check_parameters", (api) => api.checkParameters(samples, 0, 10)],
    ["exchange", (api) => api.exchange(1000n, Currency.Eur, Currency.Usd)],
    ["exchange large", (api) => api.exchange(9007199254740993n, Currency.Gbp, Currency.Gbp)],
  ]);
  assert.equal(out.ping.value, undefined);
  assert.equal(out.validate_order.value.totalCents, 1170n);
  assert.equal(out["validate_order empty"].error, InvalidOrderError.name);
  assert.equal(out["validate_order empty"].data.field, "items");
  assert.equal(out["validate_order limit"].error, LimitExceededError.name);
  assert.equal(out["validate_order limit"].data.actual, 1001n);
  assert.deepEqual(out["validate_order trap"], { error: "SystemError", code: "trap" });
  assert.equal(out["validate_order after trap"].value.totalCents, 1170n);
  assert.ok(out.check_parameters.value.outOfRange instanceof Uint32Array);
  assert.equal(out.check_parameters.value.outOfRange.length, 10);
  assert.equal(out["exchange large"].value, 9007199254740993n, "beyond 2^53 exactly");
});

test("fetch is injectable; timeoutMs and signal reject timeout and cancelled", async () => {
  const seen = [];
  const answering = createRulesHttpClient("http://kk.invalid/api/", {
    headers: { authorization: "Bearer t" },
    fetch: async (url, init) => {
      seen.push({ url, init });
      return new Response(JSON.stringify("42"), { status: 200, headers: { "content-type": "application/json" } });
    },
  });
  assert.equal(await answering.exchange(42n, Currency.Eur, Currency.Eur), 42n);
  assert.equal(seen[0].url, "http://kk.invalid/api/rules.v1/Rules/exchange");
  assert.equal(seen[0].init.method, "POST");
  assert.equal(seen[0].init.headers.authorization, "Bearer t");
  assert.deepEqual(JSON.parse(seen[0].init.body), { cents: "42", from: "Eur", to: "Eur" });

  // A fetch that answers only when aborted, as a stuck server.
  const stuck = createRulesHttpClient("http://kk.invalid", {
    fetch: (_url, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason))),
  });
  await assert.rejects(stuck.ping({ timeoutMs: 20 }), (e) => e instanceof SystemError && e.code === "timeout");
  const controller = new AbortController();
  const pending = stuck.ping({ signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (e) => e instanceof SystemError && e.code === "cancelled");
  await assert.rejects(stuck.ping({ signal: AbortSignal.abort() }), (e) => e instanceof SystemError && e.code === "cancelled");
  const slowDefault = createRulesHttpClient("http://kk.invalid", { timeoutMs: 20, fetch: (_u, init) => new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted")))) });
  await assert.rejects(slowDefault.ping(), (e) => e instanceof SystemError && e.code === "timeout");
});

test("no server, no route, a foreign answer: unavailable, unknown_op, decode", async () => {
  const wasm = MODULES.rules();
  const server = await listen(createRulesRoutes(createRulesDirect(wasm)));
  const url = server.url;
  await server.close();
  await assert.rejects(createRulesHttpClient(url).ping(), (e) => e instanceof SystemError && e.code === "unavailable");

  // Routes of another service at this base URL: no such route (404 not_found).
  const geometry = await listen(createGeometryRoutes(createGeometryDirect(MODULES.geometry())));
  try {
    await assert.rejects(createRulesHttpClient(geometry.url).ping(), (e) => e instanceof SystemError && e.code === "unknown_op");
  } finally {
    await geometry.close();
  }
  const foreign = (status, body, type = "text/html") =>
    createRulesHttpClient("http://kk.invalid", { fetch: async () => new Response(body, { status, headers: { "content-type": type } }) });
  await assert.rejects(foreign(502, "<h1>Bad gateway</h1>").ping(), (e) => e instanceof SystemError && e.code === "unavailable");
  await assert.rejects(foreign(200, "not json").exchange(1n, Currency.Eur, Currency.Eur), (e) => e instanceof SystemError && e.code === "decode");
  await assert.rejects(foreign(200, '"x1"', "application/json").exchange(1n, Currency.Eur, Currency.Eur), (e) => e instanceof SystemError && e.code === "decode");
  const overloaded = JSON.stringify({ error: { type: "overloaded", message: "overloaded: busy" } });
  await assert.rejects(foreign(503, overloaded, "application/json").ping(), (e) => e instanceof SystemError && e.code === "overloaded" && e.message === "overloaded: busy");
});

await run({ label: `http client (${RUNTIME})` });
