// The HTTP mapping (docs/http.md), one file run unchanged by node
// (@hono/node-server), bun (Bun.serve) and deno (Deno.serve) — `cargo xtask
// test http`: the generated routes (`kkgen gen --lang hono`) of the geometry
// (Rust) and rules (Go) services, each backed by the direct transport (the
// wasm module in process) and by stdio (the native server as a child), served
// over real HTTP on 127.0.0.1 (a free port) and called with fetch: every op,
// typed errors (422), a trap (500, then the next call works), 413 (by
// Content-Length and by a chunked body), 415, 404, invalid bodies (400
// listing every field), octet-stream in and out, the served OpenAPI
// document equal to the generated openapi.json; and, over a client written
// here for tests/schemas/good/events.kkidl, the events an op publishes once
// it succeeds on the SSE route.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { connectStdio, SystemError } from "@kkgen/runtime";
import { createEventHub } from "@kkgen/runtime/http";
import { artifact } from "../artifacts.mjs";
import { errorOf, post, read, typedError } from "./answers.mjs";
import { exerciseGeometryRoutes, exerciseRulesRoutes, ORDER } from "./exercises.mjs";
import { run, test } from "../stdio/harness.mjs";
import { listen, RUNTIME } from "./listen.mjs";
import { createGeometryClient, createGeometryDirect } from "../../target/http/dist/geometry/index.js";
import { createGeometryRoutes } from "../../target/http/dist/geometry/routes.js";
import { createRulesClient, createRulesDirect } from "../../target/http/dist/rules/index.js";
import { createRulesRoutes } from "../../target/http/dist/rules/routes.js";
import { OutOfStockError } from "../../target/http/dist/events/index.js";
import { createShopRoutes } from "../../target/http/dist/events/routes.js";

const GEN = (name) => fileURLToPath(new URL(`../../target/http/gen/${name}/`, import.meta.url));
/** The body limit the servers under test use, small so that 413 is cheap to reach. */
const MAX_BODY = 64 * 1024;

/** The backing clients under test: the direct transport and stdio, per service. */
const BACKINGS = {
  geometry: {
    direct: () => ({ client: createGeometryDirect(readFileSync(`${artifact("geometry_dist")}/unknown/geometry_service.wasm`)), close: async () => {} }),
    stdio: () => {
      const transport = connectStdio({ command: artifact("geometry_stdio_native"), stderr: () => {} });
      return { client: createGeometryClient(transport), close: () => transport.close() };
    },
  },
  rules: {
    direct: () => ({ client: createRulesDirect(readFileSync(artifact("rules_reactor_wasm"))), close: async () => {} }),
    stdio: () => {
      const transport = connectStdio({ command: artifact("rules_stdio_native"), stderr: () => {} });
      return { client: createRulesClient(transport), close: () => transport.close() };
    },
  },
};
const ROUTES = { geometry: createGeometryRoutes, rules: createRulesRoutes };

/** Serves `service` over `backing`, gives `body` the base URL, stops everything afterwards. */
async function withServer(service, backing, body) {
  const backend = BACKINGS[service][backing]();
  const server = await listen(ROUTES[service](backend.client, { maxBodyBytes: MAX_BODY }));
  try {
    await body(server);
  } finally {
    await server.close();
    await backend.close();
  }
}

/** Sends raw HTTP/1.1 `head` and `chunks` on a socket; resolves with the status of the answer. */
function rawStatus(port, head, chunks) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("error", reject);
    socket.on("data", (d) => {
      text += d.toString("latin1");
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (m) {
        socket.destroy();
        resolve(Number(m[1]));
      }
    });
    socket.on("connect", () => {
      socket.write(head);
      for (const c of chunks) socket.write(c);
    });
  });
}


/**
 * Sends raw HTTP/1.1 `head` and then `pieces` `gapMs` apart (so the server reads them as separate
 * chunks), with `Connection: close`; resolves with the answer's status and parsed JSON body.
 */
function rawAnswer(port, head, pieces, gapMs = 15) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const got = [];
    socket.on("error", reject);
    socket.on("data", (d) => got.push(d));
    socket.on("end", () => {
      const text = Buffer.concat(got).toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const body = text.slice(text.indexOf("\r\n\r\n") + 4);
      resolve({ status, body: body === "" ? undefined : JSON.parse(body) });
    });
    socket.on("connect", async () => {
      socket.write(head);
      for (const piece of pieces) {
        await new Promise((r) => setTimeout(r, gapMs));
        socket.write(piece);
      }
    });
  });
}

for (const backing of ["direct", "stdio"]) {
  test(`geometry over ${backing}: every op, typed errors, octet-stream in and out`, () =>
    withServer("geometry", backing, ({ url }) => exerciseGeometryRoutes(url)));

  test(`rules over ${backing}: every op, typed errors, a trap then the next call`, () =>
    withServer("rules", backing, async ({ url }) => {
      await exerciseRulesRoutes(url);
      // A trap answers 500 `trap`; the next call gets a working module.
      const op = (name) => `${url}/rules.v1/Rules/${name}`;
      errorOf(await post(op("validate_order"), { order: { ...ORDER, items: [{ sku: "PANIC", quantity: 1, unitPriceCents: "1" }] } }), 500, "trap");
      assert.equal((await post(op("validate_order"), { order: ORDER })).body.totalCents, "1170");
    }));
}

test("invalid requests: 400 listing every invalid field; malformed JSON is decode", () =>
  withServer("rules", "direct", async ({ url }) => {
    const bad = {
      order: {
        id: 5,
        customer: "lin",
        currency: "Yen",
        items: [{ sku: "A", quantity: -1, unitPriceCents: "12" }],
        colour: "red",
      },
    };
    const answer = await post(`${url}/rules.v1/Rules/validate_order`, bad);
    errorOf(answer, 400, "invalid_request");
    const byPath = new Map(answer.body.error.issues.map((i) => [i.path, i]));
    for (const path of ["/order/id", "/order/currency", "/order/items/0/quantity", "/order/colour"]) {
      assert.ok(byPath.has(path), `${path} in ${JSON.stringify(answer.body.error.issues)}`);
    }
    for (const issue of answer.body.error.issues) {
      for (const key of ["path", "expected", "got", "message"]) assert.equal(typeof issue[key], "string", key);
    }
    assert.equal(byPath.get("/order/id").got, "5");
    assert.equal(byPath.get("/order/currency").got, '"Yen"');
    assert.equal(byPath.get("/order/colour").expected, "no such field");
    errorOf(await post(`${url}/rules.v1/Rules/validate_order`, "{not json"), 400, "decode");
    errorOf(await post(`${url}/rules.v1/Rules/ping`, { extra: 1 }), 400, "invalid_request");
  }));

test("JSON bodies are read as Request.text() reads them: in pieces, chunked, with a BOM, malformed bytes replaced", () =>
  withServer("geometry", "direct", async ({ url, port }) => {
    const op = (name) => `${url}/geo.v1/Geometry/${name}`;
    const create = (pieces, framing) => {
      const length = pieces.reduce((n, p) => n + p.length, 0);
      const head =
        "POST /geo.v1/Geometry/create HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n" +
        (framing === "chunked" ? "Transfer-Encoding: chunked\r\n\r\n" : `Content-Length: ${length}\r\n\r\n`);
      const sent = framing === "chunked" ? [...pieces.map((p) => Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from("\r\n")])), Buffer.from("0\r\n\r\n")] : pieces;
      return rawAnswer(port, head, sent);
    };
    const nameOf = async (answer) => {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (await post(op("name"), { model: answer.body })).body;
    };
    // A UTF-8 name split inside its multi-byte characters, over three reads, after a BOM.
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ shape: { tag: "Sphere", value: { radius: 1 } }, name: "façade ✓ 🌍" }))]);
    const at = bytes.indexOf(Buffer.from("✓")) + 1;
    const pieces = [bytes.subarray(0, at), bytes.subarray(at, at + 5), bytes.subarray(at + 5)];
    for (const framing of ["length", "chunked"]) assert.equal(await nameOf(await create(pieces, framing)), "façade ✓ 🌍", framing);
    // A byte that is not UTF-8 inside the string becomes U+FFFD, as Request.text() makes it.
    const broken = Buffer.from('{"shape":{"tag":"Sphere","value":{"radius":1}},"name":"a_b"}');
    broken[broken.indexOf("_")] = 0xff;
    assert.equal(await nameOf(await create([broken], "length")), "a\ufffdb");
    // A body cut short of its Content-Length, then the connection dropped: the server goes on.
    const cut = connect(port, "127.0.0.1");
    await new Promise((r) => cut.on("connect", r));
    cut.write('POST /geo.v1/Geometry/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"shape":');
    await new Promise((r) => setTimeout(r, 30));
    cut.destroy();
    // Malformed JSON in pieces is still `decode`.
    const malformed = await create([Buffer.from('{"shape":'), Buffer.from("nope}")], "length");
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.type, "decode");
    assert.equal((await post(op("is_live"), { model: 1 })).status, 200);
  }));

test("system errors of the request: 413 (Content-Length and chunked), 415, 404", () =>
  withServer("geometry", "direct", async ({ url, port }) => {
    const big = JSON.stringify({ vertices: "A".repeat(MAX_BODY) });
    const tooBig = await post(`${url}/geo.v1/Geometry/bounds_of`, big);
    errorOf(tooBig, 413, "too_large");
    // Without Content-Length: counted as it streams, refused once past the limit.
    const head = "POST /geo.v1/Geometry/bounds_of HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    const chunk = `${(16 * 1024).toString(16)}\r\n${"\0".repeat(16 * 1024)}\r\n`;
    assert.equal(await rawStatus(port, head, Array.from({ length: 8 }, () => chunk)), 413);

    const text = await read(await fetch(`${url}/geo.v1/Geometry/name`, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"model":1}' }));
    errorOf(text, 415, "unsupported_media_type");
    const none = await read(await fetch(`${url}/geo.v1/Geometry/name`, { method: "POST", body: new Uint8Array([123, 125]) }));
    errorOf(none, 415, "unsupported_media_type");
    // octet-stream only where the op's one parameter is a typed buffer.
    const octets = await read(await fetch(`${url}/geo.v1/Geometry/name`, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: new Uint8Array(4) }));
    errorOf(octets, 415, "unsupported_media_type");
    errorOf(await post(`${url}/geo.v1/Geometry/nope`, {}), 404, "not_found");
    errorOf(await read(await fetch(`${url}/geo.v1/Geometry/name`)), 404, "not_found");
    // The server still answers after all that.
    assert.equal((await post(`${url}/geo.v1/Geometry/is_live`, { model: 1 })).status, 200);
  }));

test("the served OpenAPI documents equal the generated openapi.json", async () => {
  for (const [service, path] of [["geometry", "/geo.v1/Geometry/openapi.json"], ["rules", "/rules.v1/Rules/openapi.json"]]) {
    await withServer(service, "direct", async ({ url }) => {
      const served = await read(await fetch(`${url}${path}`));
      assert.equal(served.status, 200);
      // The file's own kkgen header (a top-level "x-kkgen" field, docs/sdk.md) is not served.
      const { "x-kkgen": header, ...written } = JSON.parse(readFileSync(`${GEN(service)}openapi.json`, "utf8"));
      assert.match(header.generator, /^kkgen /);
      assert.deepEqual(served.body, written);
      assert.equal(served.body.openapi, "3.1.0");
    });
  }
});

/** Reads `reader` (an SSE stream) until its text matches every one of `patterns`; resolves with the text. */
async function readUntil(reader, patterns) {
  const decoder = new TextDecoder();
  let text = "";
  while (!patterns.every((p) => p.test(text))) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${patterns}: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

test("events: an emitting op publishes its result after it succeeds; the SSE route streams it", async () => {
  const shop = {
    async price(item) {
      if (item === "none") throw new OutOfStockError({ item });
      return { item, totalCents: 1234n };
    },
    async take(_item, count) {
      return count === 0 ? undefined : count;
    },
    async sample() {
      return Float32Array.of(1, 2);
    },
    async ping() {},
  };
  const hub = createEventHub({ keepAliveMs: 60_000 });
  const server = await listen(createShopRoutes(shop, { events: hub }));
  const bare = await listen(createShopRoutes(shop));
  try {
    const stream = await fetch(`${server.url}/events.v1/Shop/events`);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get("content-type"), /^text\/event-stream/);
    const reader = stream.body.getReader();
    // A failed op publishes nothing; the one that succeeds publishes both its events.
    typedError(await post(`${server.url}/events.v1/Shop/price`, { item: "none" }), "OutOfStock");
    const priced = await post(`${server.url}/events.v1/Shop/price`, { item: "bolt" });
    assert.deepEqual(priced.body, { item: "bolt", totalCents: "1234" });
    const text = await readUntil(reader, [/datastar-patch-signals/, /"quoted"/, /"totalChanged"/]);
    assert.match(text, /"totalCents":"1234"/);
    assert.doesNotMatch(text, /"none"/, "no event for the failed call");
    assert.equal((await post(`${server.url}/events.v1/Shop/take`, { item: "bolt", count: 0 })).body, null, "an absent u32? is null");
    await readUntil(reader, [/"stockLeft":null/]);
    await reader.cancel();
    // Without a hub there is no stream to subscribe to.
    errorOf(await read(await fetch(`${bare.url}/events.v1/Shop/events`)), 404, "not_found");
  } finally {
    hub.close();
    await server.close();
    await bare.close();
  }
});

test("system errors a client rejects with: the one status table, Retry-After on 503, nothing leaked", async () => {
  let failWith;
  const shop = {
    price: async () => Promise.reject(failWith),
    take: async () => Promise.reject(failWith),
    sample: async () => Promise.reject(failWith),
    ping: async () => Promise.reject(failWith),
  };
  const internal = [];
  const server = await listen(createShopRoutes(shop, { retryAfterSeconds: 7, onInternalError: (e) => internal.push(e) }));
  try {
    const ping = () => post(`${server.url}/events.v1/Shop/ping`, {});
    for (const [code, status] of [["overloaded", 503], ["unavailable", 503], ["timeout", 504], ["cancelled", 499], ["too_large", 413], ["trap", 500]]) {
      failWith = new SystemError(code, "from the transport");
      const answer = await ping();
      errorOf(answer, status, code);
      assert.equal(answer.body.error.message, `${code}: from the transport`);
      assert.equal(answer.headers.get("retry-after"), status === 503 ? "7" : null, code);
    }
    // Anything else is 500 internal with a fixed message: neither its message nor its stack leaks.
    failWith = new Error("secret /home/user/path");
    const answer = await ping();
    errorOf(answer, 500, "internal");
    assert.equal(answer.body.error.message, "internal error");
    assert.equal(internal.length, 2, "onInternalError saw the trap and the foreign error");
    assert.equal(internal[1], failWith);
  } finally {
    await server.close();
  }
});

await run({ label: `http (${RUNTIME})` });
