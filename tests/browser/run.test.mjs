// Real-browser tests of runtime-ts: headless Chromium calls the fixture
// service through the direct, Worker and SharedWorker transports, served from
// 127.0.0.1. Run with `node --test tests/browser/run.test.mjs`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { launch, openHarness } from "./chromium.mjs";
import { startServer } from "./server.mjs";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const kind of ["direct", "worker", "shared"]) {
  test(`${kind}: calls, typed errors, system errors, traps and aborts`, async () => {
    const context = await browser.newContext();
    const page = await openHarness(context, server.origin);
    const r = await page.evaluate((k) => window.kk.basics(k), kind);
    assert.equal(r.add, 42);
    assert.equal(r.counter, 11);
    assert.deepEqual(r.scaled, [3, 6, 9]);
    assert.equal(r.typed.class, "FixtureFailure");
    assert.equal(r.typed.code, 21);
    assert.deepEqual([r.unknown.class, r.unknown.code], ["SystemError", "unknown_op"]);
    assert.deepEqual([r.trap.class, r.trap.code], ["SystemError", "trap"]);
    assert.deepEqual(r.afterTrap, { ok: true, value: 0 }, "a fresh instance after the trap (state reset)");
    assert.deepEqual(r.afterTrapAdd, { ok: true, value: 2 });
    assert.deepEqual([r.aborted.class, r.aborted.code], ["SystemError", "cancelled"]);
    await context.close();
  });
}

test("shared: two pages hit the same instance; a closed tab's port is dropped", async () => {
  const context = await browser.newContext();
  const a = await openHarness(context, server.origin);
  const b = await openHarness(context, server.origin);
  assert.equal(await a.evaluate(() => window.kk.hasSharedWorker()), true);
  await a.evaluate(() => window.kk.setCounter("shared", 1234));
  assert.equal(await b.evaluate(() => window.kk.getCounter("shared")), 1234, "state set in page A is read in page B");
  await b.evaluate(() => window.kk.setCounter("shared", 99));
  assert.equal(await a.evaluate(() => window.kk.getCounter("shared")), 99);
  const both = await b.evaluate(() => window.kk.serverStats("shared"));
  assert.equal(both.ports, 2);
  assert.equal(both.instances, 1);
  await a.close({ runBeforeUnload: true }); // pagehide → goodbye
  let stats;
  for (let i = 0; i < 50; i++) {
    stats = await b.evaluate(() => window.kk.serverStats("shared"));
    if (stats.ports === 1) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(stats.ports, 1, "the closed tab's port was cleaned up");
  assert.equal(stats.portsClosed, 1);
  assert.equal(await b.evaluate(() => window.kk.getCounter("shared")), 99, "the instance outlives the closed tab");
  await context.close();
});

test("shared: a tab that vanishes without goodbye is dropped after missed heartbeats", async () => {
  const context = await browser.newContext();
  const q = "?heartbeat=200";
  const a = await openHarness(context, server.origin, q);
  const b = await openHarness(context, server.origin, q);
  await a.evaluate(() => window.kk.setCounter("shared", 1));
  await b.evaluate(() => window.kk.getCounter("shared"));
  assert.equal((await b.evaluate(() => window.kk.serverStats("shared"))).ports, 2);
  // Freeze page A's heartbeat without a goodbye (as a crashed tab would).
  await a.evaluate(() => {
    for (let id = 1; id < 10000; id++) clearInterval(id);
  });
  let stats;
  for (let i = 0; i < 40; i++) {
    await new Promise((r) => setTimeout(r, 100));
    stats = await b.evaluate(() => window.kk.serverStats("shared"));
    if (stats.ports === 1) break;
  }
  assert.equal(stats.ports, 1, "the silent port was swept");
  await context.close();
});

test("shared: falls back to a dedicated Worker where SharedWorker is undefined", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete globalThis.SharedWorker;
  });
  const page = await openHarness(context, server.origin);
  assert.equal(await page.evaluate(() => window.kk.hasSharedWorker()), false);
  const r = await page.evaluate(() => window.kk.basics("shared"));
  assert.equal(r.add, 42);
  assert.equal(r.typed.class, "FixtureFailure");
  assert.deepEqual(r.afterTrap, { ok: true, value: 0 });
  await context.close();
});

for (const kind of ["worker", "shared"]) {
  test(`${kind}: a 16M-float buffer crosses by transfer, not structured clone`, async () => {
    const context = await browser.newContext();
    const page = await openHarness(context, server.origin);
    const n = 16 * 1024 * 1024;
    const r = await page.evaluate(([k, len]) => window.kk.bulk(k, len), [kind, n]);
    assert.equal(r.length, n);
    for (const [got, want] of r.spot) assert.equal(got, want);
    assert.equal(r.framesTransferred, 1, "the call frame's buffer was detached by postMessage (transferred)");
    assert.ok(r.bytesTransferred >= n * 4);
    assert.equal(r.resultIsOwnBuffer, true, "the result is a view into the transferred response buffer");
    const stats = await page.evaluate((k) => window.kk.serverStats(k), kind);
    assert.ok(stats.responsesTransferred >= 1, "the answer was transferred back");
    console.log(`  ${kind}: 16M floats (64 MiB) round trip in ${r.ms.toFixed(0)} ms`);
    await context.close();
  });
}

test("worker: a crashed worker fails pending calls with unavailable and restarts", async () => {
  const context = await browser.newContext();
  const page = await openHarness(context, server.origin);
  const r = await page.evaluate(() => window.kk.crashAndRestart());
  assert.deepEqual([r.pending.class, r.pending.code], ["SystemError", "unavailable"]);
  assert.deepEqual(r.restarted, { ok: true, value: 4 });
  assert.deepEqual(r.counter, { ok: true, value: 0 }, "a new worker, a new instance");
  assert.equal(r.connections, 2);
  await context.close();
});

for (const kind of ["worker", "shared"]) {
  test(`${kind}: abort in flight and timeouts reject; the transport keeps working`, async () => {
    const context = await browser.newContext();
    const page = await openHarness(context, server.origin);
    const r = await page.evaluate((k) => window.kk.cancellation(k), kind);
    assert.deepEqual([r.aborted.class, r.aborted.code], ["SystemError", "cancelled"]);
    assert.deepEqual([r.timedOut.class, r.timedOut.code], ["SystemError", "timeout"]);
    assert.deepEqual(r.after, { ok: true, value: 10 });
    await context.close();
  });
}

for (const kind of ["worker", "shared"]) {
  test(`${kind}: a timeout fires while the callee is busy; a queued call aborted after it left is skipped by the server`, async () => {
    const context = await browser.newContext();
    const page = await openHarness(context, server.origin);
    const r = await page.evaluate((k) => window.kk.slowCalls(k), kind);
    assert.deepEqual([r.timedOut.class, r.timedOut.code], ["SystemError", "timeout"]);
    assert.ok(r.timedOutAfterMs < 400, `rejected at its 50 ms deadline, not with the 600 ms answer (${r.timedOutAfterMs} ms)`);
    assert.deepEqual(r.afterTimeout, { ok: true, value: 3 }, "the late answer is ignored and the next call is answered");
    assert.deepEqual([r.aborted.class, r.aborted.code], ["SystemError", "cancelled"]);
    assert.ok(r.abortedAfterMs < 200, `the abort rejects at once, not after the slow call (${r.abortedAfterMs} ms)`);
    assert.deepEqual(r.slowResult, { ok: true, value: 400 });
    assert.deepEqual(r.counter, { ok: true, value: 1 }, "the cancel frame reached the server before the queued set_counter(77) ran: it was skipped");
    assert.equal(r.framesSentAfterAbort, r.framesSent, "the aborted call's frame had left before the abort (only a cancel frame follows)");
    await context.close();
  });
}

test("direct: a per-call timeout rejects a call that overran it (wasm cannot be interrupted in-isolate)", async () => {
  const context = await browser.newContext();
  const page = await openHarness(context, server.origin);
  const r = await page.evaluate(() => window.kk.slowCalls("direct"));
  assert.deepEqual([r.timedOut.class, r.timedOut.code], ["SystemError", "timeout"]);
  assert.ok(r.timedOutAfterMs >= 600, "the synchronous call ran to completion, then was rejected");
  assert.deepEqual(r.afterTimeout, { ok: true, value: 3 });
  await context.close();
});

test("worker: restartOnTimeout terminates a stuck worker; the next call gets a fresh one", async () => {
  const context = await browser.newContext();
  const page = await openHarness(context, server.origin);
  const r = await page.evaluate(() => window.kk.restartOnTimeout());
  assert.deepEqual([r.timedOut.class, r.timedOut.code], ["SystemError", "timeout"]);
  assert.deepEqual([r.otherResult.class, r.otherResult.code], ["SystemError", "unavailable"], "calls pending on the terminated worker fail");
  assert.deepEqual(r.next, { ok: true, value: 42 });
  assert.ok(r.elapsedMs < 5000, `answered by a fresh worker, not after the 10 s spin (${r.elapsedMs} ms)`);
  assert.deepEqual(r.counter, { ok: true, value: 0 }, "a fresh instance: the old worker's state is gone");
  assert.equal(r.connections, 2);
  await context.close();
});

for (const kind of ["direct", "worker", "shared"]) {
  test(`${kind}: the kkgen-generated TS client (tsc --strict output) in the browser`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    await page.goto(`${server.origin}/tests/browser/pages/generated.html`);
    await page.waitForFunction(() => window.generatedReady === true, undefined, { timeout: 10_000 });
    const r = await page.evaluate((k) => window.generated.run(k), kind);
    assert.deepEqual(r.add, { ok: true, value: 42 });
    assert.deepEqual(r.counter, { ok: true, value: 31 });
    assert.deepEqual(r.scaled, { isFloat32Array: true, values: [3, -4, 8] });
    assert.deepEqual(r.fail, { ok: false, class: "FixtureFailureError", code: undefined, data: { code: 12, message: "failed on purpose" } });
    assert.deepEqual([r.trap.class, r.trap.code], ["SystemError", "trap"]);
    assert.deepEqual(r.afterTrap, { ok: true, value: 0 }, "a fresh instance after the trap");
    assert.deepEqual(r.afterTrapAdd, { ok: true, value: 5 });
    assert.deepEqual([r.aborted.class, r.aborted.code], ["SystemError", "cancelled"]);
    assert.deepEqual([r.timedOut.class, r.timedOut.code], ["SystemError", "timeout"]);
    assert.deepEqual(r.spin, { ok: true, value: 1 });
    if (kind === "direct") {
      // The scalar fast path (docs/abi.md §1.4): add is one call, through the export kk_op_00000006.
      assert.deepEqual(r.fast.add, [1, 1], "add went through the fast export");
      assert.deepEqual(r.fast.trap, [1, 1], "the trapping fast op trapped and dropped the instance");
      assert.deepEqual(r.fast.afterTrap, [1, 1], "one fresh instance, then fast calls again");
    } else {
      assert.equal(r.fast, undefined, "port transports have no fast path");
    }
    await context.close();
  });
}

const GO_REACTOR = new URL("../../target/wasm-go/rules-reactor.wasm", import.meta.url);
for (const kind of ["direct", "worker", "shared"]) {
  test(`${kind}: the Go example module (wasip1 reactor, WASI shim) behind the same host and transport`, async () => {
    assert.ok(existsSync(GO_REACTOR), "target/wasm-go/rules-reactor.wasm is built (cargo xtask test browser builds it)");
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("[page error]", e.message));
    await page.goto(`${server.origin}/tests/browser/pages/go-rules.html`);
    await page.waitForFunction(() => window.goRulesReady === true, undefined, { timeout: 10_000 });
    const r = await page.evaluate((k) => window.goRules.run(k), kind);
    assert.deepEqual(r.pings, Array(3).fill({ ok: true, value: "ok" }));
    assert.deepEqual([r.unknown.class, r.unknown.code], ["SystemError", "unknown_op"]);
    assert.deepEqual([r.garbage.class, r.garbage.code], ["SystemError", "decode"]);
    assert.deepEqual(r.timedOutOrOk, { ok: true, value: "ok" });
    assert.deepEqual([r.aborted.class, r.aborted.code], ["SystemError", "cancelled"]);
    await context.close();
  });
}

test("direct: modules are compiled with compileStreaming, lazily; a server without application/wasm still works", async () => {
  const context = await browser.newContext();
  const page = await openHarness(context, server.origin);
  const good = await page.evaluate(() => window.kk.compileStreaming("application/wasm"));
  assert.deepEqual(good, { streamed: 0, beforeFirstCall: false, add: { ok: true, value: 42 }, streamedAfter: 1 }, "nothing fetched or compiled before the first call, then streamed");
  const bad = await page.evaluate(() => window.kk.compileStreaming("application/octet-stream"));
  assert.deepEqual(bad.add, { ok: true, value: 42 }, "fell back to compiling the bytes");
  assert.equal(bad.streamedAfter, 1, "streaming was tried first");
  await context.close();
});

for (const kind of ["worker", "shared"]) {
  test(`${kind}: a worker script that fails to load fails the call with unavailable`, async () => {
    const context = await browser.newContext();
    const page = await openHarness(context, server.origin);
    const r = await page.evaluate((k) => window.kk.missingWorker(k), kind);
    assert.deepEqual([r.result.class, r.result.code], ["SystemError", "unavailable"], JSON.stringify(r));
    assert.ok(r.ms < 5000, "before its timeout");
    await context.close();
  });
}
