// Real-browser tests of runtime-ts's transports: headless Chromium calls the
// fixture module (the service scenario's Rust module, with its generated
// client) through the direct, Worker and SharedWorker transports, served from
// 127.0.0.1: sharing, heartbeats, fallbacks, crashes, cancellation,
// timeouts, restarts, streaming compilation. What every transport must
// answer alike, for every module, is tests/service/fixture/run.test.mjs.
// Run with `node --test tests/browser/run.test.mjs`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
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
  const r = await page.evaluate(() => window.kk.smoke("shared"));
  assert.deepEqual(r.add, { ok: true, value: 42 });
  assert.equal(r.typed.class, "FixtureFailureError");
  assert.deepEqual([r.trap.class, r.trap.code], ["SystemError", "trap"]);
  assert.deepEqual(r.afterTrap, { ok: true, value: 0 });
  await context.close();
});

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
    assert.ok(r.ms < 30000, "before its timeout");
    await context.close();
  });
}
