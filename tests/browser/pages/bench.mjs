// In-page half of the transport benchmark (`cargo xtask bench ts-transports`,
// driven by tests/browser/bench.mjs): the same ops (add, scale) through every
// runtime-ts transport and through the baselines (the hand-written wasm
// exports `raw_add`/`raw_scale`, raw postMessage, Comlink), in one page, in
// one run. Every loop has a fixed count; nothing here asserts: it measures.
import { connectDirect, connectSharedWorker, connectWorker } from "@kkgen/runtime";
import * as Comlink from "../../../node_modules/comlink/dist/esm/comlink.mjs";
// The client kkgen generates from the service scenario's schema
// (`cargo xtask test service` generates and compiles it): on the direct
// transport its `add` calls the module's scalar fast export kk_op_00000006
// (docs/abi.md §1.4).
import { createFixtureClient } from "/target/service/fixture/dist/target/service/fixture/ts/index.js";
import { FIXTURE_WASM as WASM, fixtureWorkerUrl, instantiateRaw } from "./fixture.mjs";

const here = (p) => new URL(p, import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** A bare postMessage endpoint (raw-worker.mjs): `send(msg, transfer)` resolves with the answer. */
async function rawEndpoint(port) {
  let resolveNext;
  const ready = new Promise((r) => (resolveNext = r));
  port.onmessage = (e) => resolveNext(e.data);
  await ready;
  return {
    send: (msg, transfer = []) =>
      new Promise((r) => {
        resolveNext = r;
        port.postMessage(msg, transfer);
      }),
  };
}

/** An OpCall of the generated client, captured instead of sent (for `DirectTransport.callNow`; no callFast: frames). */
const capture = createFixtureClient({ call: (op) => op });

let setup;
/** Starts every transport and baseline once (instantiated and warm). */
async function start() {
  const raw = await instantiateRaw();
  const direct = connectDirect(WASM);
  const directApi = createFixtureClient(direct);
  // The same client over a transport without callFast: always frames.
  const directFrames = createFixtureClient({ call: (op, o) => direct.call(op, o), close() {} });
  await directApi.add(0, 0);
  await directFrames.add(0, 0);
  const rawWorker = await rawEndpoint(new Worker(here("./raw-worker.mjs"), { type: "module", name: "raw" }));
  const rawShared = await rawEndpoint(new SharedWorker(here("./raw-worker.mjs"), { type: "module", name: "raw" }).port);
  const comlink = Comlink.wrap(new Worker(here("./comlink-worker.mjs"), { type: "module", name: "comlink" }));
  await comlink.ready();
  const workerTransport = connectWorker(fixtureWorkerUrl(), { name: "bench" });
  const worker = createFixtureClient(workerTransport);
  await worker.add(0, 0);
  const sharedTransport = connectSharedWorker(fixtureWorkerUrl(), { name: "bench" });
  const shared = createFixtureClient(sharedTransport);
  await shared.add(0, 0);
  return { raw, direct, directApi, directFrames, rawWorker, rawShared, comlink, workerTransport, worker, sharedTransport, shared };
}

window.bench = {
  async setup() {
    setup ??= await start();
    return true;
  },

  /**
   * Round trip of the small op `add(i, 1)`: `batches` rounds, each running
   * every contender in turn (`calls` awaited calls each, `directCalls` for
   * the in-page ones), so drift hits all alike; returns the median batch mean
   * in µs per call (and the fastest and slowest batch).
   */
  async rtt({ batches = 15, calls = 1000, directCalls = 20000, only } = {}) {
    const s = setup;
    // Each contender returns the sum of add(i, 1) over i < n: checked below, so
    // a contender that skipped or broke calls cannot look fast.
    const loop = (one) => (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += one(i);
      return sum;
    };
    const awaited = (one) => async (n) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += await one(i);
      return sum;
    };
    const add = async (i) => s.raw.raw_add(i, 1);
    // The floor the ABI sets (docs/abi.md §1.1), written by hand: kk_alloc, header
    // and params stored with one DataView, kk_call, result read, kk_free.
    const x = s.raw;
    const abiCall = (i) => {
      const p = x.kk_alloc(28);
      const dv = new DataView(x.memory.buffer);
      dv.setUint32(p, 0x0101, true); // version 1, kind call, flags 0
      dv.setUint32(p + 4, i + 1, true); // call_id
      dv.setUint32(p + 8, 6, true); // op add
      dv.setUint32(p + 12, 12, true); // payload_len
      dv.setUint32(p + 16, 8, true); // params body_len
      dv.setInt32(p + 20, i, true);
      dv.setInt32(p + 24, 1, true);
      const r = x.kk_call(p, 28);
      const sum = new DataView(x.memory.buffer).getInt32(r + 16, true);
      x.kk_free(r, 20);
      return sum;
    };
    // A raw call of op add (6) in a kkrpc frame: 28 bytes cloned to the worker, which answers
    // through kk_call (raw-worker.mjs); 20 bytes back, the sum at offset 16.
    const rawFrameCall = (endpoint) => {
      const frame = new ArrayBuffer(28);
      const dv = new DataView(frame);
      dv.setUint32(0, 0x0101, true);
      dv.setUint32(8, 6, true);
      dv.setUint32(12, 12, true);
      dv.setUint32(16, 8, true);
      return async (i) => {
        dv.setUint32(4, i + 1, true);
        dv.setInt32(20, i, true);
        dv.setInt32(24, 1, true);
        return new DataView(await endpoint.send(frame)).getInt32(16, true);
      };
    };
    const contenders = {
      "wasm export raw_add, sync loop": [directCalls * 20, loop((i) => s.raw.raw_add(i, 1))],
      "wasm export raw_add, awaited": [directCalls * 4, awaited(add)],
      "hand-coded ABI call (sync, the floor)": [directCalls * 4, loop(abiCall)],
      "kkgen direct, callNow (sync)": [directCalls, loop((i) => s.direct.callNow(capture.add(i, 1), false))],
      "kkgen direct fast path, awaited": [directCalls * 4, awaited((i) => s.directApi.add(i, 1))],
      "kkgen direct frame path, awaited": [directCalls, awaited((i) => s.directFrames.add(i, 1))],
      "raw postMessage, Worker": [calls, awaited((i) => s.rawWorker.send(["add", i, 1]))],
      // The same call frames and the same ABI call in the worker as kkgen's, without the runtime.
      "raw postMessage, Worker, ABI frames": [calls, awaited(rawFrameCall(s.rawWorker))],
      "raw postMessage, SharedWorker port": [calls, awaited((i) => s.rawShared.send(["add", i, 1]))],
      "raw postMessage, SharedWorker port, ABI frames": [calls, awaited(rawFrameCall(s.rawShared))],
      "Comlink, Worker": [calls, awaited((i) => s.comlink.add(i, 1))],
      "kkgen Worker": [calls, awaited((i) => s.worker.add(i, 1))],
      "kkgen SharedWorker": [calls, awaited((i) => s.shared.add(i, 1))],
    };
    if (only) for (const name of Object.keys(contenders)) if (!new RegExp(only).test(name)) delete contenders[name];
    const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
    const wrong = new Set();
    for (let b = 0; b <= batches; b++) {
      for (const [name, [n, run]] of Object.entries(contenders)) {
        globalThis.gc?.(); // the previous contender's garbage is not collected on this one's clock
        await run(Math.ceil(n / 10)); // untimed: wakes the worker thread up after the others ran
        const t0 = performance.now();
        const sum = await run(n);
        const us = ((performance.now() - t0) * 1000) / n;
        if (sum !== (n * (n + 1)) / 2) wrong.add(name);
        if (b > 0) samples[name].push(us); // batch 0 warms up
      }
    }
    const spread = (v) => ({ median: median(v), min: Math.min(...v), max: Math.max(...v) });
    return { us: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])), spread: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, spread(v)])), wrong: [...wrong] };
  },

  /**
   * Bulk: `scale(samples, 2)` on `floats` f32 (out and back) through every
   * contender, `rounds` times after `warmup` calls; returns the median ms, the
   * MB/s of the bytes moved both ways, a spot check of the answer, and the
   * transfer proof: how many of the sender's buffers were detached.
   */
  async bulk({ floats = 16 << 20, rounds = 5, warmup = 3 } = {}) {
    const s = setup;
    const samples = new Float32Array(floats);
    for (let i = 0; i < floats; i += 4099) samples[i] = i % 1000;
    const bytes = floats * 4 * 2;
    const check = (out) => out.length === floats && [0, 4099, floats - (floats % 4099 || 4099)].every((i) => out[i] === samples[i] * 2);
    const portCounters = async (t) => ({ ...t.stats, server: await t.serverStats() });
    const contenders = {
      "wasm export raw_scale (copy in + out)": async () => {
        const x = s.raw;
        const ptr = x.kk_alloc(samples.byteLength);
        new Float32Array(x.memory.buffer, ptr, floats).set(samples);
        x.raw_scale(ptr, floats, 2);
        const out = new Float32Array(x.memory.buffer, ptr, floats).slice();
        x.kk_free(ptr, samples.byteLength);
        return { out };
      },
      "kkgen direct (copy)": async () => ({ out: await s.directApi.scale(samples, 2) }),
      "kkgen direct (borrow)": async () => ({ out: await s.directApi.scale(samples, 2, { borrow: true }) }),
      "raw postMessage, Worker (structured clone)": async () => {
        const copy = samples.slice(); // the caller keeps its array, as with every other contender
        const out = new Float32Array(await s.rawWorker.send(["scale", copy.buffer, 2]));
        return { out, detached: copy.buffer.byteLength === 0 };
      },
      "raw postMessage, Worker (transfer)": async () => {
        const copy = samples.slice();
        const out = new Float32Array(await s.rawWorker.send(["scale", copy.buffer, 2], [copy.buffer]));
        return { out, detached: copy.buffer.byteLength === 0 };
      },
      "Comlink, Worker (transfer)": async () => {
        const copy = samples.slice();
        const out = new Float32Array(await s.comlink.scale(Comlink.transfer(copy.buffer, [copy.buffer]), 2));
        return { out, detached: copy.buffer.byteLength === 0 };
      },
      "kkgen Worker (borrow)": async () => ({ out: await s.worker.scale(samples, 2, { borrow: true }) }),
      "kkgen SharedWorker (borrow)": async () => ({ out: await s.shared.scale(samples, 2, { borrow: true }) }),
    };
    const transports = { "kkgen Worker (borrow)": s.workerTransport, "kkgen SharedWorker (borrow)": s.sharedTransport };
    const results = {};
    for (const [name, run] of Object.entries(contenders)) {
      const t = transports[name];
      const before = t ? await portCounters(t) : undefined;
      const rawBefore = name.startsWith("raw") ? (await s.rawWorker.send(["stats"])).transferred : undefined;
      const times = [];
      let correct = true;
      let detached = 0;
      for (let r = 0; r < warmup + rounds; r++) {
        globalThis.gc?.();
        const t0 = performance.now();
        const res = await run();
        if (r >= warmup) times.push(performance.now() - t0); // warm-ups let the wasm code tier up
        correct &&= check(res.out);
        if (res.detached) detached++;
      }
      const ms = median(times);
      const calls = warmup + rounds;
      const row = { ms, mbps: bytes / 1e6 / (ms / 1000), correct, calls };
      if (t) {
        const after = await portCounters(t);
        row.calls = after.framesSent - before.framesSent;
        row.requestsDetached = after.framesTransferred - before.framesTransferred;
        row.responsesDetached = after.server.responsesTransferred - before.server.responsesTransferred;
      } else if (rawBefore !== undefined) {
        row.requestsDetached = detached;
        row.responsesDetached = (await s.rawWorker.send(["stats"])).transferred - rawBefore;
      } else if (name.startsWith("Comlink")) {
        row.requestsDetached = detached;
      }
      results[name] = row;
    }
    return { floats, bytes, results };
  },
};
window.benchReady = true;
