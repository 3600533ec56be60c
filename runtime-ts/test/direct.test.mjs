// The direct transport and the ABI host against the real fixture module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connectDirect, decodeFrame, DirectTransport, FrameKind, readErrorHead, Reader, systemErrorName, SystemError, WasmHost, writeFrameHeader } from "../dist/index.js";
import { createServer } from "node:http";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { callUnknownOp, createFixtureClient, FixtureFailureError, fixtureBytes, FIXTURE_WASM, FIXTURE_WASM_BEFORE_BINDGEN } from "./fixture.mjs";

const setup = () => {
  const transport = new DirectTransport(fixtureBytes());
  return { transport, api: createFixtureClient(transport) };
};

test("lazy init: nothing is compiled until the first call", async () => {
  const { transport, api } = setup();
  assert.equal(transport.host.isReady, false);
  assert.equal(await api.add(2, 40), 42);
  assert.equal(transport.host.isReady, true);
  assert.equal(transport.host.stats.instances, 1);
});

test("state lives in the instance", async () => {
  const { api } = setup();
  await api.setCounter(7);
  assert.equal(await api.getCounter(), 7);
});

test("a buffer crosses and comes back scaled, copied by default", async () => {
  const { api } = setup();
  const samples = Float32Array.from({ length: 1000 }, (_, i) => i * 0.5);
  const out = await api.scale(samples, 2);
  assert.equal(out.length, 1000);
  assert.deepEqual(Array.from(out.subarray(0, 4)), [0, 1, 2, 3]);
  assert.equal(out[999], 999);
  assert.equal(out.buffer.byteLength, 4000, "an own copy, not wasm memory");
});

test("borrow: the result is a view into wasm memory, valid until the next call", async () => {
  const { transport, api } = setup();
  const out = await api.scale(Float32Array.of(1, 2, 3), 10, { borrow: true });
  assert.deepEqual(Array.from(out), [10, 20, 30]);
  assert.ok(out.buffer.byteLength >= 65536, "a view into linear memory");
  assert.equal(transport.host.stats.instances, 1);
  await api.add(1, 1); // frees the lent block; memory is reused, no leak across many calls
  for (let i = 0; i < 200; i++) await api.scale(new Float32Array(1000), 1, { borrow: true });
});

test("a typed error is rejected as its class, with its fields", async () => {
  const { api } = setup();
  await assert.rejects(api.fail(17), (e) => e instanceof FixtureFailureError && e.data.code === 17 && e.data.message === "failed on purpose");
});

test("a trap rejects with SystemError trap and the next call gets a fresh instance", async () => {
  const { transport, api } = setup();
  await api.setCounter(5);
  await assert.rejects(api.trap(), (e) => e instanceof SystemError && e.code === "trap");
  assert.equal(await api.getCounter(), 0, "state of the trapped instance is gone");
  assert.equal(transport.host.stats.instances, 2);
  assert.equal(transport.host.stats.traps, 1);
});

test("system errors from the module keep their code", async () => {
  const { transport } = setup();
  await assert.rejects(callUnknownOp(transport), (e) => e instanceof SystemError && e.code === "unknown_op" && e.wireCode === 1);
});

test("an aborted signal rejects with cancelled, before and during instantiation", async () => {
  const { api } = setup();
  await assert.rejects(api.add(1, 2, { signal: AbortSignal.abort() }), (e) => e instanceof SystemError && e.code === "cancelled");
  const controller = new AbortController();
  const pending = api.add(1, 2, { signal: controller.signal });
  controller.abort();
  await assert.rejects(pending, (e) => e instanceof SystemError && e.code === "cancelled");
  assert.equal(await api.add(1, 2), 3);
});

test("a precompiled WebAssembly.Module is accepted and shared by hosts", async () => {
  const module = new WebAssembly.Module(fixtureBytes());
  const a = createFixtureClient(new DirectTransport(module));
  const b = createFixtureClient(new DirectTransport(new WasmHost(module)));
  await a.setCounter(1);
  await b.setCounter(2);
  assert.equal(await a.getCounter(), 1, "separate hosts, separate instances");
});

test("a module without the ABI exports is refused with a clear error", async () => {
  // (module (memory (export "memory") 1))
  const bytes = Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0, 5, 3, 1, 0, 1, 7, 10, 1, 6, 109, 101, 109, 111, 114, 121, 2, 0);
  const api = createFixtureClient(new DirectTransport(bytes));
  await assert.rejects(api.add(1, 2), /does not export kk_alloc/);
});

test("connectDirect accepts a file path, a file: URL, a Response, a Promise<Response> and an http URL", async () => {
  const bytes = fixtureBytes();
  const server = createServer((req, res) => {
    res.writeHead(req.url === "/fixture.wasm" ? 200 : 404, { "content-type": "application/wasm" });
    res.end(req.url === "/fixture.wasm" ? bytes : undefined);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const http = `http://127.0.0.1:${server.address().port}/fixture.wasm`;
  try {
    const sources = {
      "absolute path": FIXTURE_WASM,
      "path relative to the working directory": relative(process.cwd(), FIXTURE_WASM),
      "file: URL": pathToFileURL(FIXTURE_WASM),
      "file: URL string": pathToFileURL(FIXTURE_WASM).href,
      Response: new Response(bytes, { headers: { "content-type": "application/wasm" } }),
      "Promise<Response>": Promise.resolve(new Response(bytes)),
      "http URL": new URL(http),
      "http URL string": http,
    };
    for (const [what, source] of Object.entries(sources)) {
      assert.equal(await createFixtureClient(connectDirect(source)).add(40, 2), 42, what);
    }
    await assert.rejects(createFixtureClient(connectDirect(http.replace("fixture", "missing"))).add(1, 1), (e) => e instanceof SystemError && e.code === "unavailable" && /HTTP 404/.test(e.message));
  } finally {
    server.close();
  }
});

test("connectDirect rejects a missing file and a source of another kind with SystemError", async () => {
  await assert.rejects(createFixtureClient(connectDirect("no/such/module.wasm")).add(1, 1), (e) => e instanceof SystemError && e.code === "unavailable" && /cannot read the wasm module no\/such\/module\.wasm/.test(e.message));
  for (const source of [{}, 42, null, [1, 2]]) {
    await assert.rejects(
      createFixtureClient(connectDirect(source)).add(1, 1),
      (e) => e instanceof SystemError && e.code === "unavailable" && /a wasm source is bytes .*WebAssembly\.Module.*Response.*URL.*file path/.test(e.message),
      String(source),
    );
  }
});

test("a wasm32-unknown-unknown module before wasm-bindgen is refused, naming wasm-bindgen-cli and kkgen build rust", async () => {
  const api = createFixtureClient(connectDirect(FIXTURE_WASM_BEFORE_BINDGEN));
  await assert.rejects(api.add(1, 2), (e) => e instanceof SystemError && /before wasm-bindgen/.test(e.message) && /wasm-bindgen-cli/.test(e.message) && /kkgen build rust/.test(e.message) && /docs\/build\.md/.test(e.message));
});

test("timeout: a call that overruns its deadline rejects with timeout; its result is discarded", async () => {
  const { transport, api } = setup();
  assert.equal(await api.spin(1, { timeoutMs: 5000 }), 1, "within its deadline");
  const t0 = performance.now();
  await assert.rejects(api.spin(40, { timeoutMs: 10 }), (e) => e instanceof SystemError && e.code === "timeout" && /over its 10 ms/.test(e.message));
  assert.ok(performance.now() - t0 >= 40, "the synchronous call ran to completion first");
  assert.equal(await api.add(2, 2), 4, "the transport keeps working");
  assert.equal(transport.host.stats.instances, 1, "a timeout does not reset the instance");
});

test("timeout: the transport's default applies to every call and a per-call value overrides it", async () => {
  const transport = new DirectTransport(fixtureBytes(), { timeoutMs: 10 });
  const api = createFixtureClient(transport);
  await assert.rejects(api.spin(30), (e) => e instanceof SystemError && e.code === "timeout");
  assert.equal(await api.spin(30, { timeoutMs: 5000 }), 30);
});

test("timeout and abort while the module is still being compiled", async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const module = new WebAssembly.Module(fixtureBytes());
  const api = createFixtureClient(new DirectTransport(() => gate.then(() => module)));
  const t0 = performance.now();
  await assert.rejects(api.add(1, 2, { timeoutMs: 20 }), (e) => e instanceof SystemError && e.code === "timeout");
  assert.ok(performance.now() - t0 < 1000, "rejected at its deadline, not when the module arrived");
  const controller = new AbortController();
  const pending = api.add(1, 2, { signal: controller.signal });
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(pending, (e) => e instanceof SystemError && e.code === "cancelled");
  release();
  assert.equal(await api.add(1, 2), 3, "the module arrives and calls go through");
});

test("a Response is compiled with WebAssembly.compileStreaming; a wrong MIME type falls back to the bytes", async (t) => {
  const real = WebAssembly.compileStreaming;
  const seen = [];
  WebAssembly.compileStreaming = async (source) => {
    const res = await source;
    seen.push(res.headers.get("content-type"));
    return real.call(WebAssembly, res);
  };
  t.after(() => {
    WebAssembly.compileStreaming = real;
  });
  for (const type of ["application/wasm", "application/octet-stream"]) {
    const api = createFixtureClient(new DirectTransport(new Response(fixtureBytes(), { headers: { "content-type": type } })));
    assert.equal(await api.add(40, 2), 42, type);
  }
  assert.deepEqual(seen, ["application/wasm", "application/octet-stream"], "streaming was tried first both times");
});

test("the host's frame limit bounds the answers it reads and the call frames it accepts", async () => {
  const host = new WasmHost(fixtureBytes(), { maxFrameLen: 256 });
  const api = createFixtureClient(new DirectTransport(host));
  assert.equal((await api.scale(new Float32Array(16), 2)).length, 16, "an answer under the limit");
  await api.setCounter(9);
  await assert.rejects(api.scale(new Float32Array(100), 2), (e) => e instanceof SystemError && e.code === "too_large");
  assert.equal(await api.getCounter(), 9, "the over-limit answer was freed; the instance lives on");
  assert.equal(host.stats.instances, 1);
  const request = new Uint8Array(16);
  writeFrameHeader(request, 0, FrameKind.Call, 7, 6, 1000);
  const { header, payload } = decodeFrame(host.callFrame(request));
  const head = readErrorHead(new Reader(payload));
  assert.deepEqual([header.kind, header.callId, header.opId], [FrameKind.Error, 7, 6], "answered to its call");
  assert.equal(head.class === "system" && systemErrorName(head.code), "too_large");
});
