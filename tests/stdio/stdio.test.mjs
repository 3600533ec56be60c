// The stdio transport (runtime-ts/src/transports/stdio.ts, docs/stdio.md),
// one file run unchanged by node, bun and deno (`cargo xtask test stdio`):
// the generated TS clients of the geometry (Rust) and rules (Go) services
// over their stdio servers, native and as wasip1 modules under wasmtime and
// kkrun (the Go wazero host serving the reactor); the
// child's lifecycle (SIGKILL mid-call, restart policies, close); and a
// misbehaving test double (buggy-child.mjs) for protocol violations,
// in-flight limits, cancellation and timeouts. Every test asserts that no
// process it started is left.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { connectStdio, SystemError } from "@kkgen/runtime";
import { artifact } from "../artifacts.mjs";
import { run, test } from "./harness.mjs";
import { createGeometryClient, InvalidParamsError, UnknownModelError } from "../../target/stdio/dist/geometry/index.js";
import { createRulesClient, Currency, InvalidOrderError, LimitExceededError } from "../../target/stdio/dist/rules/index.js";

const RUNTIME = typeof globalThis.Bun !== "undefined" ? "bun" : typeof globalThis.Deno !== "undefined" ? "deno" : "node";
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const WASMTIME_RUN = here("../../examples/geometry/host/wasmtime-run.py");
const BUGGY = here("./buggy-child.mjs");

/** The stdio servers under test: a name, how to start it, which client talks to it. */
const SERVERS = [
  { name: "geometry, native (Rust)", service: "geometry", command: artifact("geometry_stdio_native"), args: [] },
  { name: "geometry, wasip1 under wasmtime", service: "geometry", command: "python3", args: [WASMTIME_RUN, artifact("geometry_wasip1_stdio")] },
  { name: "rules, native (Go)", service: "rules", command: artifact("rules_stdio_native"), args: [] },
  { name: "rules, wasip1 under wasmtime", service: "rules", command: "python3", args: [WASMTIME_RUN, artifact("rules_stdio_wasm")] },
  // kkrun (runtime-go/wasmhost, wazero) serves a wasip1 reactor: the same modules the direct transport loads.
  { name: "geometry, wasip1 reactor under kkrun", service: "geometry", command: artifact("kkrun"), args: [`${artifact("geometry_dist")}/wasip1/geometry_service.wasm`] },
  { name: "rules, wasip1 reactor under kkrun", service: "rules", command: artifact("kkrun"), args: [artifact("rules_reactor_wasm")] },
];

/** Stderr lines of the children, by test (the logger option), so tests can look at them. */
function collector() {
  const lines = [];
  return { lines, log: (line, pid) => lines.push(`${pid}: ${line}`) };
}

/** True when no process with this pid exists any more (not even a zombie: /proc is gone once it is reaped). */
function gone(pid) {
  return pid !== undefined && !existsSync(`/proc/${pid}`);
}

/** Rejects unless `promise` rejects with SystemError `code` whose message matches `pattern`. */
async function rejectsSystem(promise, code, pattern) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof SystemError, `a SystemError, got ${e}`);
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

/** A raw call of op `opId` with `payload` bytes; resolves with the answer's payload bytes (for the test double). */
function rawOp(opId, payload = new Uint8Array(0)) {
  return {
    opId,
    maxPayloadLen: payload.length,
    encode(frame) {
      frame.set(payload, 16);
      return payload.length;
    },
    decodeOk: (answer) => answer.slice(),
    decodeError: () => undefined,
  };
}

/** Closes the transport and asserts its child is gone. */
async function closeClean(transport, pid) {
  await transport.close();
  if (pid !== undefined) assert.ok(gone(pid), `child ${pid} left behind`);
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

/** The service's calls: results, typed errors, buffers, many calls at once. */
const SCENARIOS = {
  async geometry(transport) {
    const geo = createGeometryClient(transport);
    const sphere = await geo.create({ tag: "Sphere", value: { radius: 2 } }, "ball");
    assert.equal(await geo.name(sphere), "ball");
    const mesh = await geo.tessellate(sphere, 8, { borrow: true });
    assert.ok(mesh instanceof Float32Array);
    assert.equal(mesh.length, 2 * 8 * 8 * 9, "2 * segments^2 triangles of 9 floats");
    const box = await geo.boundsOf(mesh);
    assert.ok(Math.abs(box.max.x - 2) < 1e-3 && Math.abs(box.min.z + 2) < 1e-3, JSON.stringify(box));
    await assert.rejects(geo.name(987654), (e) => e instanceof UnknownModelError && e.data.model === 987654);
    await assert.rejects(geo.create({ tag: "Sphere", value: { radius: -1 } }, "bad"), (e) => e instanceof InvalidParamsError);
    await assert.rejects(geo.tessellate(sphere, 0), (e) => e instanceof InvalidParamsError);
    // Many calls in flight at once (more than the in-flight limit), each matched to its own answer.
    const calls = Array.from({ length: 300 }, (_, i) => geo.boundsOf(Float32Array.of(i + 1, -i - 1, 1, -1, 2 * (i + 1), 0)));
    const all = await Promise.all(calls);
    all.forEach((b, i) => assert.deepEqual([b.min.x, b.max.x, b.min.y, b.max.y], [-1, i + 1, -i - 1, 2 * (i + 1)]));
    // A bulk buffer: 1M floats out, their bounds back.
    const bulk = new Float32Array(1 << 20).map((_, i) => (i % 3 === 0 ? i : 0));
    const big = await geo.boundsOf(bulk);
    assert.equal(big.max.x, 3 * (Math.floor((1 << 20) / 3) - 1), "the x of the last whole triple");
    // The next bulk frame is encoded into the first one's buffer (written by then): its answer is of its own data.
    const smaller = new Float32Array(1 << 19).map((_, i) => (i % 3 === 1 ? -i : 0));
    const second = await geo.boundsOf(smaller);
    assert.deepEqual([second.max.x, second.min.y], [0, -(3 * (Math.floor((1 << 19) / 3) - 1) + 1)]);
    assert.equal(transport.stats.bulkFramesReused, 1);
    await geo.release(sphere);
  },
  async rules(transport) {
    const rules = createRulesClient(transport);
    await rules.ping();
    assert.equal((await rules.validateOrder(order)).totalCents, 1170n);
    await assert.rejects(rules.validateOrder({ ...order, items: [] }), (e) => e instanceof InvalidOrderError && e.data.field === "items");
    await assert.rejects(rules.validateOrder({ ...order, items: [{ sku: "X", quantity: 1001, unitPriceCents: 1n }] }), (e) => e instanceof LimitExceededError);
    await rejectsSystem(rules.validateOrder({ ...order, items: [{ sku: "PANIC", quantity: 1, unitPriceCents: 1n }] }), "trap");
    const samples = Float32Array.from({ length: 1 << 18 }, (_, i) => (i % 1000 === 0 ? 50 : i % 7));
    const report = await rules.checkParameters(samples, 0, 10, { borrow: true });
    assert.equal(report.count, 1 << 18);
    assert.equal(report.maximum, 50);
    assert.equal(report.outOfRange.length, Math.ceil((1 << 18) / 1000));
    const calls = Array.from({ length: 300 }, (_, i) => rules.exchange(BigInt(i * 100), Currency.Eur, Currency.Usd));
    (await Promise.all(calls)).forEach((v, i) => assert.equal(v, BigInt(i * 108)));
  },
};

for (const server of SERVERS) {
  test(`${server.name}: results, typed errors, buffers, 300 concurrent calls`, async () => {
    const { log } = collector();
    const transport = connectStdio({ command: server.command, args: server.args, maxInFlight: 16, stderr: log });
    try {
      await SCENARIOS[server.service](transport);
      assert.equal(transport.stats.spawns, 1);
    } finally {
      await closeClean(transport, transport.pid);
    }
  });
}

for (const server of [SERVERS[0], SERVERS[2]]) {
  test(`${server.name}: SIGKILL mid-call fails every pending call unavailable; the next call restarts it`, async () => {
    const transport = connectStdio({ command: server.command, args: server.args, stderr: () => {} });
    const ping = server.service === "geometry" ? () => createGeometryClient(transport).isLive(1) : () => createRulesClient(transport).ping();
    await ping();
    const first = transport.pid;
    // Many calls out (bulk ones, so some are still in the pipe), then the kill.
    const samples = new Float32Array(1 << 20);
    const pending = Array.from({ length: 20 }, () =>
      server.service === "geometry" ? createGeometryClient(transport).boundsOf(samples) : createRulesClient(transport).checkParameters(samples, 0, 1),
    );
    process.kill(first, "SIGKILL");
    const settled = await Promise.allSettled(pending);
    const failed = settled.filter((s) => s.status === "rejected");
    assert.ok(failed.length > 0, "the kill hit calls in flight");
    for (const s of failed) {
      assert.ok(s.reason instanceof SystemError && s.reason.code === "unavailable", String(s.reason));
      assert.match(s.reason.message, /was killed by SIGKILL/);
    }
    assert.ok(gone(first));
    await ping();
    assert.equal(transport.stats.spawns, 2);
    assert.notEqual(transport.pid, first);
    await closeClean(transport, transport.pid);
  });
}

test("a child that exits: unavailable with its exit code and last stderr lines; restart \"never\"", async () => {
  const { lines, log } = collector();
  const transport = connectStdio({ command: "node", args: [BUGGY, "crash"], restart: "never", stderr: log });
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 3; its last stderr lines:\ncrash: first line\ncrash: about to exit 3/);
  assert.equal(lines.length, 2, "the logger got both lines");
  assert.match(lines[0], /^\d+: crash: first line$/);
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 3; not restarted \(restart: "never"\)/);
  assert.equal(transport.stats.spawns, 1);
  await closeClean(transport);
});

test("restart { maxPerMinute: 1 }: one restart, then unavailable", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "crash"], restart: { maxPerMinute: 1 }, stderr: () => {} });
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 3/);
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 3/);
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /not restarted: 1 restarts in the last minute \(restart: \{ maxPerMinute: 1 \}\)/);
  assert.equal(transport.stats.spawns, 2);
  await closeClean(transport);
});

test("restart \"always\" (default): every call after a crash gets a new child", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "crash"], stderr: () => {} });
  for (let i = 0; i < 3; i++) await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 3/);
  assert.equal(transport.stats.spawns, 3);
  await closeClean(transport);
});

test("a command that does not exist: unavailable saying it could not be started", async () => {
  const transport = connectStdio({ command: "/nonexistent/kk-server", stderr: () => {} });
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /could not be started: .*ENOENT/);
  await closeClean(transport);
});

for (const [mode, pattern] of [
  ["garbage", /broke the protocol: a frame header it wrote was refused \(.*version 116/],
  ["unknown-id", /broke the protocol: it answered call id 100\d, which is not awaiting an answer/],
  ["wrong-kind", /broke the protocol: it wrote a frame of kind 1/],
]) {
  test(`a child writing ${mode}: every pending call fails bad_frame, the child is killed, the next call gets a new one`, async () => {
    const transport = connectStdio({ command: "node", args: [BUGGY, mode], stderr: () => {} });
    const calls = [transport.call(rawOp(1)), transport.call(rawOp(2))].map((call) => rejectsSystem(call, "bad_frame", pattern));
    const pid = await waitForPid(transport);
    await Promise.all(calls);
    assert.equal(transport.stats.protocolErrors, 1);
    await rejectsSystem(transport.call(rawOp(3)), "bad_frame", pattern);
    assert.equal(transport.stats.spawns, 2);
    await closeClean(transport);
    assert.ok(gone(pid), "the first child was killed");
  });
}

test("a truncated frame, then exit: unavailable naming the bytes that came", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "truncated"], stderr: () => {} });
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /exited with code 0, inside a frame \(26 of 80 bytes\)/);
  await closeClean(transport);
});

test("the echo double: raw frames round-trip, many in flight", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "echo"], maxInFlight: 4, stderr: () => {} });
  const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => transport.call(rawOp(7, Uint8Array.of(i, i + 1)))));
  answers.forEach((a, i) => assert.deepEqual([...a], [i, i + 1]));
  assert.equal(transport.stats.framesReceived, 100);
  await closeClean(transport, transport.pid);
});

test("an idle transport lets the parent exit: one call, no close(), the process ends by itself", async () => {
  const script = here("./idle-parent.mjs");
  const args = RUNTIME === "deno" ? ["run", "-A", script, BUGGY] : [script, BUGGY];
  const ended = await new Promise((resolve, reject) => {
    const parent = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    parent.stdout.on("data", (chunk) => (out += chunk));
    const timer = setTimeout(() => {
      parent.kill("SIGKILL");
      reject(new Error(`the parent did not exit within 10 s (it printed ${JSON.stringify(out)})`));
    }, 10_000);
    parent.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
  assert.deepEqual(ended, { code: 0, out: "answered 42\n" });
});

test("in-flight limit and queue bound: calls wait, then overloaded; nothing past the limit is written", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "silent"], maxInFlight: 2, maxQueued: 3, stderr: () => {} });
  const accepted = Array.from({ length: 5 }, (_, i) => transport.call(rawOp(i)));
  await rejectsSystem(transport.call(rawOp(9)), "overloaded", /2 calls in flight and 3 queued \(maxInFlight 2, maxQueued 3\)/);
  assert.equal(transport.stats.framesSent, 2);
  const pid = await waitForPid(transport);
  const outcomes = Promise.all(accepted.map((call) => rejectsSystem(call, "unavailable", /transport closed/)));
  await closeClean(transport, pid);
  await outcomes;
});

test("cancel: an aborted call rejects cancelled and a cancel frame reaches the child; one aborted while queued is never written", async () => {
  const { lines, log } = collector();
  const transport = connectStdio({ command: "node", args: [BUGGY, "silent"], maxInFlight: 1, stderr: log });
  const first = new AbortController();
  const queued = new AbortController();
  const a = transport.call(rawOp(1), { signal: first.signal });
  const b = transport.call(rawOp(2), { signal: queued.signal });
  queued.abort();
  await rejectsSystem(b, "cancelled");
  first.abort();
  await rejectsSystem(a, "cancelled");
  await until(() => lines.some((l) => /cancel 1$/.test(l)), "the child saw the cancel frame of call 1");
  assert.equal(transport.stats.cancelsSent, 1);
  assert.equal(transport.stats.framesSent, 1, "the call cancelled while queued was never written");
  await rejectsSystem(transport.call(rawOp(3), { signal: AbortSignal.abort() }), "cancelled");
  await closeClean(transport, transport.pid);
});

test("timeouts: timeout at the deadline; restartOnTimeout kills the child, fails the others, restarts", async () => {
  const transport = connectStdio({ command: "node", args: [BUGGY, "silent"], timeoutMs: 5000, restartOnTimeout: true, stderr: () => {} });
  const other = rejectsSystem(transport.call(rawOp(1)), "unavailable", /was killed after call 2 timed out/);
  const pid = await waitForPid(transport);
  await rejectsSystem(transport.call(rawOp(2), { timeoutMs: 30 }), "timeout", /after 30 ms/);
  await other;
  await until(() => gone(pid), "the stuck child was killed");
  const again = transport.call(rawOp(3), { timeoutMs: 30 });
  await rejectsSystem(again, "timeout");
  assert.equal(transport.stats.spawns, 2);
  await closeClean(transport, transport.pid);
});

test("close(): stdin closed, then SIGTERM, then SIGKILL for a child that ignores both", async () => {
  const { lines, log } = collector();
  const transport = connectStdio({ command: "node", args: [BUGGY, "stubborn"], closeGraceMs: 100, stderr: log });
  const call = rejectsSystem(transport.call(rawOp(1)), "unavailable", /transport closed/);
  const pid = await waitForPid(transport);
  await until(() => lines.some((l) => l.endsWith("ready")), "the child installed its SIGTERM handler");
  const started = Date.now();
  await transport.close();
  assert.ok(gone(pid), "no process left");
  assert.ok(Date.now() - started >= 190, "it waited for both grace periods");
  assert.ok(lines.some((l) => l.endsWith("SIGTERM ignored")), "SIGTERM came first");
  await call;
  await rejectsSystem(transport.call(rawOp(1)), "unavailable", /transport closed/);
});

/** Resolves once `condition()` holds (polled; bounded by the harness deadline). */
async function until(condition, what) {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), what);
}

/** The transport's child pid (there is one as soon as a call was made). */
async function waitForPid(transport) {
  await until(() => transport.pid !== undefined, "a child is running");
  return transport.pid;
}

await run({ label: RUNTIME });
