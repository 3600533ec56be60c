// runtime-ts over NATS (docs/nats.md), one file run unchanged by node, bun
// and deno (`cargo xtask test nats-ts`), each test against a real
// nats-server of its own on 127.0.0.1 (nats-server.mjs) with the
// configuration it needs: the geometry (Rust) and rules (Go) wasm modules
// served by `serveNats` and called by their generated TS clients over
// `connectNats`; the micro protocol as a raw NATS client sees it; queue
// groups; no responders, timeouts, cancellation; nats-server restarted
// mid-test; max_payload both ways; credentials, permissions and a frame
// smuggled onto another op's subject; the real `nats` CLI (natscli) reading
// the micro endpoints; and the cross-language rows of the NATS matrix (the TS
// client against the Rust geometry service and against the geometry wasm
// module under `kkrun -nats`). Every test stops what it started.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import process from "node:process";
import { connect } from "@nats-io/transport-node";
import { connectNats, FrameKind, readErrorHead, Reader, serveNats, SystemError, WasmHost, writeFrameHeader } from "@kkgen/runtime";
import { artifact } from "../artifacts.mjs";
import { run, test } from "../stdio/harness.mjs";
import { natsCliBinary, startNatsServer } from "./nats-server.mjs";
import { createGeometryClient, GeometryDescriptor, InvalidParamsError, UnknownModelError } from "../../target/stdio/dist/geometry/index.js";
import { createRulesClient, Currency, InvalidOrderError, LimitExceededError, RulesDescriptor } from "../../target/stdio/dist/rules/index.js";

const RUNTIME = typeof globalThis.Bun !== "undefined" ? "bun" : typeof globalThis.Deno !== "undefined" ? "deno" : "node";

// A socket the NATS library has already given up on (a connection the server
// refused, a server killed mid-test) may still report its reset; deno's
// node:net raises that as an uncaught error. It is no failure of a call under
// test (each call settles on its own); anything else still fails the run.
process.on("uncaughtException", (e) => {
  if (e?.code === "ECONNRESET") return;
  console.error(e);
  process.exit(1);
});

const GEOMETRY = GeometryDescriptor;
const RULES = RulesDescriptor;
const opId = (d, name) => d.ops.find((op) => op.name === name).id;

const MODULES = {
  geometry: () => readFileSync(`${artifact("geometry_dist")}/unknown/geometry_service.wasm`),
  rules: () => readFileSync(artifact("rules_reactor_wasm")),
};

/** Rejects unless `promise` rejects with SystemError `code` whose message matches `pattern`. */
async function rejectsSystem(promise, code, pattern) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SystemError, `a SystemError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

/** Connects to `server` with quick reconnects (so a restarted server is found again at once). */
function dial(server, options = {}) {
  return connect({ servers: server.url, reconnectTimeWait: 50, maxReconnectAttempts: -1, ...options });
}

/**
 * A nats-server with `config`, a server connection serving `service`'s
 * module, and a client connection; `body` gets them all, everything is
 * stopped afterwards.
 */
async function withService(service, config, body, serveOptions = {}) {
  const server = await startNatsServer(config);
  const connections = [];
  try {
    const serverNc = await dial(server, config.serverAuth ?? {});
    connections.push(serverNc);
    const d = service === "geometry" ? GEOMETRY : RULES;
    const host = new WasmHost(MODULES[service]());
    const served = await serveNats(serverNc, host, d, { onError: () => {}, ...serveOptions });
    const nc = await dial(server, config.clientAuth ?? {});
    connections.push(nc);
    await serverNc.flush();
    return await body({ server, serverNc, nc, served, host, descriptor: d, connections });
  } finally {
    for (const c of connections) await c.close().catch(() => {});
    await server.stop();
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

/** Results, typed errors, buffers, a handle's life and 300 concurrent calls through a geometry client (any server). */
async function exerciseGeometry(geo) {
    const sphere = await geo.create({ tag: "Sphere", value: { radius: 2 } }, "ball");
    assert.equal(await geo.name(sphere), "ball");
    const mesh = await geo.tessellate(sphere, 8, { borrow: true });
    assert.ok(mesh instanceof Float32Array);
    assert.equal(mesh.length, 2 * 8 * 8 * 9);
    const box = await geo.boundsOf(mesh);
    assert.ok(Math.abs(box.max.x - 2) < 1e-3 && Math.abs(box.min.z + 2) < 1e-3, JSON.stringify(box));
    await assert.rejects(geo.name(987654), (e) => e instanceof UnknownModelError && e.data.model === 987654);
    await assert.rejects(geo.create({ tag: "Sphere", value: { radius: -1 } }, "bad"), (e) => e instanceof InvalidParamsError);
    const all = await Promise.all(Array.from({ length: 300 }, (_, i) => geo.boundsOf(Float32Array.of(i + 1, -i - 1, 1, -1, 2 * (i + 1), 0))));
    all.forEach((b, i) => assert.deepEqual([b.min.x, b.max.x, b.min.y, b.max.y], [-1, i + 1, -i - 1, 2 * (i + 1)]));
    assert.equal(await geo.isLive(sphere), true);
    await geo.release(sphere);
    assert.equal(await geo.isLive(sphere), false);
}

test("geometry (Rust module) served by serveNats, generated client over connectNats: results, typed errors, buffers, 300 concurrent calls", () =>
  withService("geometry", {}, async ({ nc, host }) => {
    await exerciseGeometry(createGeometryClient(connectNats(nc, { descriptor: GEOMETRY })));
    assert.ok(host.stats.calls >= 308);
  }));

/** Results, typed errors, a trap, a buffer and 300 concurrent calls through a rules client (any server). */
async function exerciseRules(rules) {
    await rules.ping();
    assert.equal((await rules.validateOrder(order)).totalCents, 1170n);
    await assert.rejects(rules.validateOrder({ ...order, items: [] }), (e) => e instanceof InvalidOrderError && e.data.field === "items");
    await assert.rejects(rules.validateOrder({ ...order, items: [{ sku: "X", quantity: 1001, unitPriceCents: 1n }] }), (e) => e instanceof LimitExceededError);
    await rejectsSystem(rules.validateOrder({ ...order, items: [{ sku: "PANIC", quantity: 1, unitPriceCents: 1n }] }), "trap");
    const samples = Float32Array.from({ length: 1 << 16 }, (_, i) => (i % 1000 === 0 ? 50 : i % 7));
    const report = await rules.checkParameters(samples, 0, 10, { borrow: true });
    assert.equal(report.count, 1 << 16);
    assert.equal(report.maximum, 50);
    const calls = Array.from({ length: 300 }, (_, i) => rules.exchange(BigInt(i * 100), Currency.Eur, Currency.Usd));
    (await Promise.all(calls)).forEach((v, i) => assert.equal(v, BigInt(i * 108)));
}

test("rules (Go module) served by serveNats: results, typed errors, a trap, 300 concurrent calls", () =>
  withService("rules", {}, async ({ nc }) => {
    await exerciseRules(createRulesClient(connectNats(nc, { descriptor: RULES, timeoutMs: 10_000 })));
  }));

/**
 * Starts `command args...` (a server of another language on NATS) and waits
 * until it says `ready` (stdout) or `kkrun: serving` (stderr); returns a stop
 * function that kills it and waits for its end.
 */
async function startServer(command, args) {
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
  // The pipes of a killed child may report a reset; that is its end, not a failure.
  for (const pipe of [child.stdin, child.stdout, child.stderr]) pipe.on("error", () => {});
  const ended = new Promise((resolve) => child.on("exit", resolve));
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} not serving within 60 s:\n${log}`)), 60_000);
    const look = (chunk) => {
      log += chunk;
      if (/^ready |kkrun: serving /m.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.setEncoding("utf8").on("data", look);
    child.stderr.setEncoding("utf8").on("data", look);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} ended (${code ?? signal}) before serving:\n${log}`));
    });
  });
  return async () => {
    child.kill("SIGKILL");
    await ended;
  };
}

test("cross-language: the TS client calls the Rust geometry service (kkrpc-nats) and the geometry wasm module under kkrun -nats", async () => {
  const server = await startNatsServer({});
  const stops = [];
  try {
    const nc = await dial(server);
    try {
      stops.push(await startServer(artifact("geometry_nats"), [server.url]));
      await exerciseGeometry(createGeometryClient(connectNats(nc, { descriptor: GEOMETRY, timeoutMs: 10_000 })));
      await stops.pop()();
      const reactor = `${artifact("geometry_dist")}/wasip1/geometry_service.wasm`;
      stops.push(await startServer(artifact("kkrun"), ["-nats", server.url, "-ir", artifact("geometry_ir_json"), "-prefix", "kkrun", reactor]));
      await exerciseGeometry(createGeometryClient(connectNats(nc, { descriptor: GEOMETRY, prefix: "kkrun", timeoutMs: 10_000 })));
    } finally {
      await nc.close();
    }
  } finally {
    for (const stop of stops) await stop();
    await server.stop();
  }
});

/** A raw request; resolves with the message. */
const raw = (nc, subject, payload = new Uint8Array(0)) => nc.request(subject, payload, { timeout: 5000 });

/** Little-endian u32s as bytes (a params struct is its body length, then its fields). */
const u32s = (...words) => new Uint8Array(Uint32Array.from(words).buffer);

/** A call frame of op `op` with `payload`. */
function callFrame(op, payload, callId = 7) {
  const frame = new Uint8Array(16 + payload.length);
  writeFrameHeader(frame, 0, FrameKind.Call, callId, op, payload.length);
  frame.set(payload, 16);
  return frame;
}

/** The system error an answer frame carries ({ code, message }), or its kind when it is no system error. */
function systemOf(frame) {
  if (frame[1] !== FrameKind.Error) return { kind: frame[1] };
  const head = readErrorHead(new Reader(frame.subarray(16)));
  return head.class === "system" ? { code: head.code, message: head.message } : { typed: head.errorId };
}

test("micro: PING, INFO and STATS in all three subject forms, endpoints per op, counts, error headers", () =>
  withService("geometry", {}, async ({ nc, served }) => {
    const { name, id } = served.identity;
    assert.equal(name, "Geometry");
    assert.match(id, /^[0-9A-Za-z]{22}$/);
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    const model = await geo.create({ tag: "Sphere", value: { radius: 1 } }, "m");
    await geo.name(model);
    await assert.rejects(geo.name(4242), (e) => e instanceof UnknownModelError);
    for (const verb of ["PING", "INFO", "STATS"]) {
      for (const subject of [`$SRV.${verb}`, `$SRV.${verb}.Geometry`, `$SRV.${verb}.Geometry.${id}`]) {
        const r = (await raw(nc, subject)).json();
        assert.equal(r.type, `io.nats.micro.v1.${verb.toLowerCase()}_response`, subject);
        assert.deepEqual([r.name, r.id, r.version], ["Geometry", id, "1.0.0"], subject);
        assert.deepEqual(r.metadata, { "kk.package": "geo.v1", "kk.wire": "1" });
        if (verb === "INFO") {
          assert.equal(r.description, GEOMETRY.doc);
          assert.deepEqual(
            r.endpoints,
            GEOMETRY.ops.map((op) => ({ name: op.name, subject: `geo.v1.Geometry.${op.name}`, queue_group: "q", metadata: { "kk.op_id": String(op.id) } })),
          );
        }
        if (verb === "STATS") {
          assert.ok(!Number.isNaN(Date.parse(r.started)));
          const byName = Object.fromEntries(r.endpoints.map((e) => [e.name, e]));
          assert.deepEqual([byName.create.num_requests, byName.create.num_errors], [1, 0]);
          assert.deepEqual([byName.name.num_requests, byName.name.num_errors], [2, 1]);
          assert.match(byName.name.last_error, /^typed error \d+$/);
          assert.equal(byName.tessellate.num_requests, 0);
          assert.ok(byName.name.processing_time > 0 && byName.name.average_processing_time === Math.round(byName.name.processing_time / 2));
          assert.equal(byName.name.queue_group, "q");
        }
      }
    }
    // Another service's name or id: no answer from this one.
    await assert.rejects(raw(nc, `$SRV.PING.Geometry.nope`), (e) => /no responders/i.test(e.message));
    // Error replies carry the micro headers; the payload is still the error frame.
    const unknownModel = await raw(nc, "geo.v1.Geometry.name", callFrame(opId(GEOMETRY, "name"), u32s(4, 99)));
    assert.equal(unknownModel.headers.get("Nats-Service-Error-Code"), "422");
    assert.match(unknownModel.headers.get("Nats-Service-Error"), /^typed error \d+$/);
    const garbage = await raw(nc, "geo.v1.Geometry.name", Uint8Array.of(1, 2, 3));
    assert.equal(garbage.headers.get("Nats-Service-Error-Code"), "400");
    assert.match(garbage.headers.get("Nats-Service-Error"), /^bad_frame: /);
    assert.deepEqual(systemOf(garbage.data).code, 10);
    const ok = await raw(nc, "geo.v1.Geometry.is_live", callFrame(opId(GEOMETRY, "is_live"), u32s(4, 0)));
    assert.equal(ok.headers, undefined, "no headers on an ok reply");
    assert.equal(ok.data[1], FrameKind.Ok);
    // The stats the server reports itself match.
    assert.equal(served.stats().endpoints.find((e) => e.name === "name").num_errors, 3);
  }));

/** Runs the `nats` CLI against `server` (asynchronously: the service answers from this process). */
function natsCli(server, ...args) {
  return new Promise((resolve, reject) => {
    execFile(natsCliBinary(), ["-s", server.url, ...args], { timeout: 20_000 }, (e, stdout, stderr) => {
      if (e) reject(new Error(`nats ${args.join(" ")}: ${e.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

test("the real nats CLI: micro ls, info and stats see the service, its endpoints and its error count; req shows the error headers", () =>
  withService("geometry", {}, async ({ server, nc, served }) => {
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    await geo.isLive(1);
    await assert.rejects(geo.name(77), (e) => e instanceof UnknownModelError);
    const { id } = served.identity;
    const ls = await natsCli(server, "micro", "ls", "--json");
    assert.ok(JSON.parse(ls).some((s) => s.name === "Geometry" && s.id === id && s.version === "1.0.0"), ls);
    const info = await natsCli(server, "micro", "info", "Geometry", id);
    for (const op of GEOMETRY.ops) assert.ok(info.includes(`geo.v1.Geometry.${op.name}`), info);
    const stats = JSON.parse(await natsCli(server, "micro", "stats", "Geometry", "--json"));
    const name = stats[0].endpoints.find((e) => e.name === "name");
    assert.deepEqual([name.num_requests, name.num_errors], [1, 1], JSON.stringify(stats));
    const req = await new Promise((resolve) =>
      execFile(natsCliBinary(), ["-s", server.url, "req", "geo.v1.Geometry.name", "x"], { timeout: 20_000 }, (_e, out, err) => resolve(out + err)),
    );
    assert.match(req, /Nats-Service-Error-Code: 400/);
    assert.match(req, /Nats-Service-Error: bad_frame: /);
  }));

test("queue groups: two instances share the calls in `q`; a custom group; disabled, every instance gets every call", async () => {
  const server = await startNatsServer();
  const ncs = [];
  try {
    for (let i = 0; i < 5; i++) ncs.push(await dial(server));
    const [a, b, c, d, client] = ncs;
    const hosts = [0, 1, 2, 3].map(() => new WasmHost(MODULES.geometry()));
    await serveNats(a, hosts[0], GEOMETRY);
    await serveNats(b, hosts[1], GEOMETRY);
    await Promise.all([a.flush(), b.flush()]);
    const geo = createGeometryClient(connectNats(client, { descriptor: GEOMETRY }));
    for (let i = 0; i < 60; i++) await geo.isLive(i);
    assert.equal(hosts[0].stats.calls + hosts[1].stats.calls, 60, "each call answered once");
    assert.ok(hosts[0].stats.calls > 0 && hosts[1].stats.calls > 0, `both instances served: ${hosts[0].stats.calls} + ${hosts[1].stats.calls}`);

    // Custom prefix and group; then no group at all.
    const custom = await serveNats(c, hosts[2], GEOMETRY, { prefix: "acme.prod", queueGroup: "geo-workers" });
    const solo = await serveNats(d, hosts[3], GEOMETRY, { prefix: "acme.prod", queueGroup: false });
    await Promise.all([c.flush(), d.flush()]);
    const info = (await raw(client, `$SRV.INFO.Geometry.${custom.identity.id}`)).json();
    assert.equal(info.endpoints[0].subject, "acme.prod.geo.v1.Geometry.create");
    assert.equal(info.endpoints[0].queue_group, "geo-workers");
    assert.equal((await raw(client, `$SRV.INFO.Geometry.${solo.identity.id}`)).json().endpoints[0].queue_group, "");
    // $SRV.PING is answered by every instance (no queue group): all four ids come back.
    const pinged = new Set();
    const inbox = `_INBOX.kk-ping-${RUNTIME}`;
    let allPinged;
    const four = new Promise((resolve) => (allPinged = resolve));
    const replies = client.subscribe(inbox, {
      callback: (_e, m) => {
        pinged.add(m.json().id);
        if (pinged.size === 4) allPinged();
      },
    });
    client.publish("$SRV.PING.Geometry", new Uint8Array(0), { reply: inbox });
    await four;
    replies.unsubscribe();
    const prefixed = createGeometryClient(connectNats(client, { descriptor: GEOMETRY, prefix: "acme.prod" }));
    for (let i = 0; i < 10; i++) await prefixed.isLive(i);
    await client.flush();
    await c.flush();
    await d.flush();
    assert.equal(hosts[2].stats.calls, 10, "the group of one got every call");
    assert.equal(hosts[3].stats.calls, 10, "without a group, every instance gets every call");
  } finally {
    for (const nc of ncs) await nc.close();
    await server.stop();
  }
});

test("no responders: unavailable at once, not after the timeout; stop() drains and the subjects go quiet", () =>
  withService("geometry", {}, async ({ nc, served }) => {
    const rules = createRulesClient(connectNats(nc, { descriptor: RULES, timeoutMs: 20_000 }));
    const t0 = Date.now();
    await rejectsSystem(rules.ping(), "unavailable", /^unavailable: no responders on rules\.v1\.Rules\.ping$/);
    assert.ok(Date.now() - t0 < 5000, `failed after ${Date.now() - t0} ms`);
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    assert.equal(await geo.isLive(1), false);
    await served.stop();
    await rejectsSystem(geo.isLive(1), "unavailable", /no responders on geo\.v1\.Geometry\.is_live/);
  }));

test("timeouts and cancellation: a subscriber that never answers times out; an aborted signal cancels; close() fails pending calls", async () => {
  const server = await startNatsServer();
  const nc = await dial(server);
  try {
    const silent = nc.subscribe("geo.v1.Geometry.is_live", { callback: () => {} });
    await nc.flush();
    const transport = connectNats(nc, { descriptor: GEOMETRY, timeoutMs: 150 });
    const geo = createGeometryClient(transport);
    const t0 = Date.now();
    await rejectsSystem(geo.isLive(1), "timeout", /after 150 ms/);
    assert.ok(Date.now() - t0 < 3000);
    await rejectsSystem(geo.isLive(1, { timeoutMs: 30 }), "timeout", /after 30 ms/);
    const controller = new AbortController();
    const call = geo.isLive(1, { signal: controller.signal });
    controller.abort();
    await rejectsSystem(call, "cancelled");
    await rejectsSystem(geo.isLive(1, { signal: AbortSignal.abort() }), "cancelled");
    const pending = geo.isLive(1, { timeoutMs: 10_000 });
    transport.close();
    await rejectsSystem(pending, "unavailable", /transport closed/);
    await rejectsSystem(geo.isLive(1), "unavailable", /transport closed/);
    silent.unsubscribe();
    // A closed connection: pending calls fail unavailable, and so do new ones.
    const other = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY, timeoutMs: 10_000 }));
    nc.subscribe("geo.v1.Geometry.name", { callback: () => {} });
    await nc.flush();
    const inFlight = other.name(1);
    await nc.close();
    await rejectsSystem(inFlight, "unavailable");
    await rejectsSystem(other.name(1), "unavailable", /closed/);
  } finally {
    await nc.close();
    await server.stop();
  }
});

test("bad options: an invalid prefix, a missing descriptor, an op the descriptor lacks", () =>
  withService("geometry", {}, async ({ nc, serverNc, host }) => {
    assert.throws(() => connectNats(nc, { descriptor: GEOMETRY, prefix: "a.*" }), /invalid NATS subject prefix "a\.\*"/);
    assert.throws(() => connectNats(nc, { descriptor: GEOMETRY, prefix: "a..b" }), TypeError);
    assert.throws(() => connectNats(nc, {}), /needs the service descriptor/);
    await assert.rejects(serveNats(serverNc, host, GEOMETRY, { prefix: "x y" }), TypeError);
    await assert.rejects(serveNats(serverNc, host, GEOMETRY, { version: "1.0" }), /must be SemVer/);
    const transport = connectNats(nc, { descriptor: GEOMETRY });
    const op = { opId: 999, maxPayloadLen: 0, encode: () => 0, decodeOk: () => undefined, decodeError: () => undefined };
    await rejectsSystem(transport.call(op), "unknown_op", /no op 999 in geo\.v1\.Geometry/);
  }));

test("nats-server restarted mid-test: calls meanwhile settle; client and service recover without a restart", () =>
  withService("geometry", {}, async ({ server, serverNc, nc }) => {
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY, timeoutMs: 2000 }));
    assert.equal(await geo.isLive(1), false);
    const reconnected = (c) =>
      (async () => {
        for await (const s of c.status()) if (s.type === "reconnect") return;
      })();
    const back = [reconnected(nc), reconnected(serverNc)];
    await server.halt();
    const during = Array.from({ length: 20 }, (_, i) => geo.isLive(i));
    const short = geo.isLive(1, { timeoutMs: 100 });
    await rejectsSystem(short, "timeout", /after 100 ms/);
    await server.resume();
    await Promise.all(back);
    await serverNc.flush();
    const settled = await Promise.allSettled(during);
    for (const s of settled) {
      if (s.status === "fulfilled") assert.equal(s.value, false);
      else assert.ok(s.reason instanceof SystemError && ["unavailable", "timeout"].includes(s.reason.code), String(s.reason));
    }
    // Serving again: the library resubscribed the service's subjects.
    for (let i = 0; i < 10; i++) assert.equal(await geo.isLive(i), false);
  }));

test("max_payload 64 KiB: a larger call frame is too_large before it is published; a larger answer is a too_large error frame", () =>
  withService("geometry", { maxPayload: 65536 }, async ({ nc, host }) => {
    assert.equal(nc.info.max_payload, 65536);
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    const calls = host.stats.calls;
    await rejectsSystem(geo.boundsOf(new Float32Array(20_000)), "too_large", /^too_large: call frame of 80024 bytes exceeds the NATS connection's max_payload of 65536 bytes/);
    assert.equal(host.stats.calls, calls, "nothing was published");
    const model = await geo.create({ tag: "Sphere", value: { radius: 1 } }, "big");
    // 2 * 40^2 triangles of 9 floats: 115 200 bytes of answer.
    await rejectsSystem(geo.tessellate(model, 40), "too_large", /answer frame of \d+ bytes exceeds the NATS connection's max_payload of 65536 bytes/);
    assert.equal((await geo.tessellate(model, 10)).length, 2 * 10 * 10 * 9, "answers under the limit still pass");
  }));

test("max_payload 8 MiB: a 1M-float buffer both ways", () =>
  withService("geometry", { maxPayload: 8 * 1024 * 1024 }, async ({ nc }) => {
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    const model = await geo.create({ tag: "Sphere", value: { radius: 3 } }, "fine");
    // 2 * 241^2 * 9 = 1 045 458 floats back ...
    const mesh = await geo.tessellate(model, 241, { borrow: true });
    assert.equal(mesh.length, 2 * 241 * 241 * 9);
    // ... and the same buffer out again.
    const box = await geo.boundsOf(mesh);
    assert.ok(Math.abs(box.max.y - 3) < 1e-3 && Math.abs(box.min.y + 3) < 1e-3, JSON.stringify(box));
  }));

const USERS = [
  { user: "service", password: "s3rvice" },
  {
    user: "reader",
    password: "r3ader",
    permissions: { publish: { allow: ["geo.v1.Geometry.create", "geo.v1.Geometry.name", "geo.v1.Geometry.is_live"] }, subscribe: { allow: ["_INBOX.>"] } },
  },
  { user: "deaf", password: "d3af", permissions: { publish: { allow: ["geo.v1.Geometry.>"] }, subscribe: { deny: ["_INBOX.>"] } } },
];
const AUTH = { users: USERS, serverAuth: { user: "service", pass: "s3rvice" }, clientAuth: { user: "reader", pass: "r3ader" } };

test("credentials: a client without them is refused with a clear error; with them it calls", () =>
  withService("geometry", AUTH, async ({ server, nc }) => {
    await assert.rejects(connect({ servers: server.url, maxReconnectAttempts: 0 }), (e) => /authorization violation/i.test(e.message));
    await assert.rejects(connect({ servers: server.url, user: "reader", pass: "wrong", maxReconnectAttempts: 0 }), (e) => /authorization violation/i.test(e.message));
    assert.equal(await createGeometryClient(connectNats(nc, { descriptor: GEOMETRY })).isLive(3), false);
  }));

test("permissions: a user allowed some op subjects calls those and gets forbidden (not a hang) on the others; a denied reply subject is forbidden too", () =>
  withService("geometry", AUTH, async ({ server, nc }) => {
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY, timeoutMs: 20_000 }));
    const model = await geo.create({ tag: "Sphere", value: { radius: 1 } }, "allowed");
    assert.equal(await geo.name(model), "allowed");
    const t0 = Date.now();
    await rejectsSystem(geo.tessellate(model, 4), "forbidden", /publishing to geo\.v1\.Geometry\.tessellate is not permitted/);
    await rejectsSystem(geo.release(model), "forbidden", /geo\.v1\.Geometry\.release/);
    assert.ok(Date.now() - t0 < 5000, "refused at once");
    assert.equal(await geo.isLive(model), true, "the connection still serves allowed ops");
    // A user who may not subscribe to its reply subjects: forbidden at once, naming it.
    const deaf = await connect({ servers: server.url, user: "deaf", pass: "d3af" });
    try {
      const t1 = Date.now();
      await rejectsSystem(createGeometryClient(connectNats(deaf, { descriptor: GEOMETRY, timeoutMs: 20_000 })).isLive(model), "forbidden", /subscribing to the reply subject _INBOX\./);
      assert.ok(Date.now() - t1 < 5000, "refused at once");
    } finally {
      await deaf.close();
    }
  }));

test("a frame smuggled onto another op's subject is refused forbidden and not dispatched", () =>
  withService("geometry", AUTH, async ({ nc, host, served }) => {
    const geo = createGeometryClient(connectNats(nc, { descriptor: GEOMETRY }));
    const model = await geo.create({ tag: "Sphere", value: { radius: 1 } }, "keep");
    const calls = host.stats.calls;
    // `release` is denied to this user; its frame sent on `name`'s subject (allowed) must not run.
    const smuggled = await raw(nc, "geo.v1.Geometry.name", callFrame(opId(GEOMETRY, "release"), u32s(4, model)));
    assert.deepEqual(systemOf(smuggled.data), {
      code: 11,
      message: `op ${opId(GEOMETRY, "release")} sent on geo.v1.Geometry.name, the subject of op ${opId(GEOMETRY, "name")} (docs/nats.md §2)`,
    });
    assert.equal(smuggled.headers.get("Nats-Service-Error-Code"), "403");
    assert.equal(host.stats.calls, calls, "not dispatched");
    assert.equal(await geo.isLive(model), true, "the model was not released");
    // A cancel frame is no call: bad_frame.
    const cancel = new Uint8Array(16);
    writeFrameHeader(cancel, 0, FrameKind.Cancel, 1, 0, 0);
    assert.equal(systemOf((await raw(nc, "geo.v1.Geometry.name", cancel)).data).code, 10);
    assert.equal(served.stats().endpoints.find((e) => e.name === "name").num_errors, 2);
  }));

await run({ label: `nats (${RUNTIME})`, deadlineMs: 60_000 });
