// In-page half of the browser transport tests: builds transports to the
// fixture module and runs the situations the driver (tests/browser/run.test.mjs)
// calls through `window.kk` and asserts on, with the kkgen-generated client.
// What every transport must answer alike is the service scenario's
// (tests/service/fixture); these are the transports' own lifecycles.
import { connectDirect, connectSharedWorker, connectWorker, PortTransport, SystemError } from "@kkgen/runtime";
import { createFixtureClient, FixtureFailureError } from "/target/service/fixture/dist/target/service/fixture/ts/index.js";
import { rawCall } from "/target/service/fixture/dist/tests/service/fixture/scenario.js";
import { FIXTURE_WASM as WASM, fixtureWorkerUrl } from "./fixture.mjs";

const WORKER = fixtureWorkerUrl();
const heartbeat = new URL(location.href).searchParams.get("heartbeat") ?? "5000";
/** Calls op id 999, which the fixture does not have (the crashy worker dies on it). */
const callUnknownOp = (transport, options) => transport.call(rawCall(999, new Uint8Array(4)), options);

const transports = {};
/** The transport named `kind`, created once per page. */
function transport(kind) {
  transports[kind] ??= {
    direct: () => connectDirect(WASM),
    worker: () => connectWorker(WORKER, { name: "fixture" }),
    "worker-restart": () => connectWorker(WORKER, { name: "fixture", restartOnTimeout: true }),
    shared: () => connectSharedWorker(fixtureWorkerUrl({ heartbeat }), { name: "fixture", heartbeatMs: Number(heartbeat) }),
  }[kind]();
  return transports[kind];
}
const api = (kind) => createFixtureClient(transport(kind));

/** How a call failed, as plain data for the driver. */
async function outcome(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    return {
      ok: false,
      class: e instanceof FixtureFailureError ? "FixtureFailureError" : e instanceof SystemError ? "SystemError" : e?.constructor?.name,
      code: e?.code,
      message: String(e?.message),
    };
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

window.kk = {
  /** A few calls on one transport: a result, a typed error, a trap and the fresh instance after it. */
  async smoke(kind) {
    const a = api(kind);
    const add = await outcome(a.add(40, 2));
    const typed = await outcome(a.fail(21));
    await a.setCounter(5);
    const trap = await outcome(a.trap());
    const afterTrap = await outcome(a.getCounter());
    return { add, typed, trap, afterTrap };
  },
  setCounter: (kind, v) => api(kind).setCounter(v),
  getCounter: (kind) => api(kind).getCounter(),
  serverStats: (kind) => transport(kind).serverStats(),
  clientStats: (kind) => ({ ...transport(kind).stats }),
  hasSharedWorker: () => typeof SharedWorker !== "undefined",
  /** A worker that dies: pending calls fail `unavailable`; the next call restarts it. */
  async crashAndRestart() {
    const workers = [];
    const t = new PortTransport(() => {
      const w = new Worker(new URL("./crashy-worker.mjs", import.meta.url), { type: "module" });
      workers.push(w);
      return { port: w, errors: w, close: () => w.terminate() };
    });
    const a = createFixtureClient(t);
    await a.setCounter(3);
    const pending = await outcome(callUnknownOp(t, { timeoutMs: 10000 }));
    const restarted = await outcome(a.add(2, 2));
    const counter = await outcome(a.getCounter());
    t.close();
    return { pending, restarted, counter, workers: workers.length, connections: t.stats.connections };
  },
  /**
   * Slow calls (`spin` busy-waits in the module): a timeout while the callee
   * is busy, then a call queued behind a slow one and aborted after its frame
   * left, which the server must skip (its effect never happens).
   */
  async slowCalls(kind) {
    const a = api(kind);
    await a.setCounter(1);
    let t0 = performance.now();
    const timedOut = await outcome(a.spin(600, { timeoutMs: 50 }));
    const timedOutAfterMs = performance.now() - t0;
    t0 = performance.now();
    const afterTimeout = await outcome(a.add(1, 2));
    const afterTimeoutMs = performance.now() - t0;
    const slow = a.spin(400);
    const controller = new AbortController();
    const queued = a.setCounter(77, { signal: controller.signal });
    await sleep(100); // both frames have left; the callee is busy with `spin`
    const framesSent = transport(kind).stats?.framesSent;
    controller.abort();
    const framesSentAfterAbort = transport(kind).stats?.framesSent;
    t0 = performance.now();
    const aborted = await outcome(queued);
    const abortedAfterMs = performance.now() - t0;
    const slowResult = await outcome(slow);
    const counter = await outcome(a.getCounter());
    return { timedOut, timedOutAfterMs, afterTimeout, afterTimeoutMs, aborted, abortedAfterMs, slowResult, counter, framesSent, framesSentAfterAbort };
  },
  /** A Worker with `restartOnTimeout`: a stuck call is cut short by a fresh worker. */
  async restartOnTimeout() {
    const a = api("worker-restart");
    await a.setCounter(5);
    const stuck = a.spin(10000, { timeoutMs: 100 });
    const other = a.getCounter(); // pending behind the stuck call: fails with the worker
    const t0 = performance.now();
    const timedOut = await outcome(stuck);
    const otherResult = await outcome(other);
    const next = await outcome(a.add(20, 22));
    const elapsedMs = performance.now() - t0;
    const counter = await outcome(a.getCounter());
    return { timedOut, otherResult, next, elapsedMs, counter, connections: transport("worker-restart").stats.connections };
  },
  /** The direct host fetching `WASM` served as `type`: is compileStreaming used, does a wrong type fall back? */
  async compileStreaming(type) {
    const real = WebAssembly.compileStreaming;
    let streamed = 0;
    WebAssembly.compileStreaming = (source) => {
      streamed++;
      return real.call(WebAssembly, source);
    };
    try {
      const t = connectDirect(`${WASM}?type=${encodeURIComponent(type)}`);
      return { streamed, beforeFirstCall: t.host.isReady, add: await outcome(createFixtureClient(t).add(40, 2)), streamedAfter: streamed };
    } finally {
      WebAssembly.compileStreaming = real;
    }
  },
  /**
   * A worker script that does not load: the call fails `unavailable` (not a
   * hang, not a timeout). The timeout is generous: on a loaded machine the
   * browser took over 5 s to report the failed load of a SharedWorker.
   */
  async missingWorker(kind) {
    const url = new URL("./no-such-worker.mjs", import.meta.url);
    const t = kind === "worker" ? connectWorker(url) : connectSharedWorker(url, { name: "missing" });
    const t0 = performance.now();
    const result = await outcome(createFixtureClient(t).add(1, 2, { timeoutMs: 30000 }));
    t.close();
    return { result, ms: performance.now() - t0 };
  },
  /** Timeouts and aborts in flight. */
  async cancellation(kind) {
    const a = api(kind);
    const controller = new AbortController();
    const big = new Float32Array(1 << 22);
    const inFlight = a.scale(big, 1, { signal: controller.signal });
    controller.abort();
    const aborted = await outcome(inFlight);
    const timedOut = await outcome(a.scale(big, 1, { timeoutMs: 0 }));
    const after = await outcome(a.add(5, 5));
    return { aborted, timedOut, after };
  },
};
window.kkReady = true;
