// The message-port transport (the client half of Worker/SharedWorker) and the
// worker server, connected by a real MessageChannel under node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { MessageChannel } from "node:worker_threads";
import { PortTransport, serveWasm, SystemError } from "../dist/index.js";
import { callUnknownOp, createFixtureClient, FixtureFailureError, fixtureBytes } from "./fixture.mjs";

/** A client and a server joined by a MessageChannel; `opens` counts connections. */
function setup({ server = serveWasm(fixtureBytes()), timeoutMs } = {}) {
  const links = [];
  const transport = new PortTransport(() => {
    const { port1, port2 } = new MessageChannel();
    if (server) server.attach(port2);
    const errors = new EventTarget();
    const link = { port: port1, errors, close: () => { port1.close(); port2.close(); } };
    links.push(link);
    return link;
  }, { timeoutMs });
  return { transport, server, links, api: createFixtureClient(transport) };
}

test("calls round-trip; bulk frames are transferred (detached), small ones cloned", async (t) => {
  const { transport, server, api } = setup();
  t.after(() => transport.close());
  assert.equal(await api.add(20, 22), 42);
  assert.equal(transport.stats.framesTransferred, 0, "a 28-byte frame is cloned, not transferred");
  assert.equal(server.stats().responsesTransferred, 0);
  const samples = Float32Array.from({ length: 1 << 16 }, (_, i) => i);
  const out = await api.scale(samples, 0.5, { borrow: true });
  assert.equal(out[1000], 500);
  assert.equal(out.byteOffset, 16 + 4, "a view into the transferred response frame");
  assert.equal(transport.stats.framesSent, 2);
  assert.equal(transport.stats.framesTransferred, 1, "the bulk call frame's buffer was detached by postMessage");
  assert.ok(transport.stats.bytesTransferred >= samples.byteLength);
  assert.equal(server.stats().responsesTransferred, 1, "the bulk answer's buffer was detached too");
  assert.equal(samples[1000], 1000, "the caller's array is untouched");
});

/** Wraps `port` so that every message it delivers is recorded in `seen` as "string", "ArrayBuffer" or "control". */
function recording(port, seen) {
  const kind = (data) => (typeof data === "string" ? "string" : data instanceof ArrayBuffer ? "ArrayBuffer" : "control");
  return {
    postMessage: (message, transfer) => port.postMessage(message, transfer),
    addEventListener: (type, listener) => port.addEventListener(type, (event) => (seen.push(kind(event.data)), listener(event))),
    start: () => port.start(),
    close: () => port.close(),
  };
}

test("after the server's hello, short frames travel as binary strings both ways; ArrayBuffers are answered as ArrayBuffers", async (t) => {
  const server = serveWasm(fixtureBytes());
  const toServer = [];
  const toClient = [];
  const transport = new PortTransport(() => {
    const { port1, port2 } = new MessageChannel();
    server.attach(recording(port2, toServer));
    return { port: recording(port1, toClient), close: () => (port1.close(), port2.close()) };
  });
  t.after(() => transport.close());
  const api = createFixtureClient(transport);
  assert.equal(await api.add(1, 2), 3, "the first call may leave before the hello arrives");
  assert.equal(toClient[0], "control", "the server greets first");
  toServer.length = 0;
  toClient.length = 0;
  assert.equal(await api.add(20, 22), 42);
  const note = await api.createNote("héllo ✓ \u{1F600}"); // UTF-8 bytes over 0x7f: char codes 128-255 in the string
  assert.equal(await api.readNote(note), "héllo ✓ \u{1F600}");
  assert.deepEqual([...new Set(toServer)], ["string"], "call frames as strings");
  assert.deepEqual([...new Set(toClient)], ["string"], "answers as strings");
  const samples = Float32Array.from({ length: 1 << 12 }, (_, i) => i);
  assert.equal((await api.scale(samples, 2))[7], 14, "a bulk call still travels as a transferred ArrayBuffer");
  assert.equal(toServer.at(-1), "ArrayBuffer");
  assert.equal(toClient.at(-1), "ArrayBuffer");

  // A client that knows no strings (an older runtime): its ArrayBuffer frames get ArrayBuffer answers.
  const { port1, port2 } = new MessageChannel();
  t.after(() => (port1.close(), port2.close()));
  server.attach(port2);
  const frame = new Uint8Array(28);
  const dv = new DataView(frame.buffer);
  dv.setUint32(0, 0x0101, true);
  dv.setUint32(4, 7, true);
  dv.setUint32(8, 6, true); // add
  dv.setUint32(12, 12, true);
  dv.setUint32(16, 8, true);
  dv.setInt32(20, 40, true);
  dv.setInt32(24, 2, true);
  const answer = new Promise((resolve) => port1.on("message", (data) => data instanceof ArrayBuffer && resolve(data)));
  port1.postMessage(frame.buffer, []);
  const reply = new DataView(await answer);
  assert.deepEqual([reply.getUint8(1), reply.getUint32(4, true), reply.getInt32(16, true)], [2, 7, 42]);
});

test("transferMinBytes: 0 transfers every frame both ways", async (t) => {
  const server = serveWasm(fixtureBytes(), { transferMinBytes: 0 });
  const transport = new PortTransport(() => {
    const { port1, port2 } = new MessageChannel();
    server.attach(port2);
    return { port: port1, close: () => port1.close() };
  }, { transferMinBytes: 0 });
  t.after(() => transport.close());
  const api = createFixtureClient(transport);
  assert.equal(await api.add(1, 2), 3);
  assert.equal(transport.stats.framesTransferred, 1);
  assert.equal(server.stats().responsesTransferred, 1);
});

test("typed errors, system errors and traps reach the caller; the server survives a trap", async (t) => {
  const { transport, server, api } = setup();
  t.after(() => transport.close());
  await api.setCounter(9);
  await assert.rejects(api.fail(3), (e) => e instanceof FixtureFailureError && e.data.code === 3);
  await assert.rejects(callUnknownOp(transport), (e) => e instanceof SystemError && e.code === "unknown_op");
  await assert.rejects(api.trap(), (e) => e instanceof SystemError && e.code === "trap");
  assert.equal(await api.getCounter(), 0, "a fresh instance after the trap");
  assert.equal(server.stats().instances, 2);
});

test("timeout: a call with no answer rejects with timeout", async (t) => {
  const { transport, api } = setup({ server: null, timeoutMs: 30 });
  t.after(() => transport.close());
  await assert.rejects(api.add(1, 2), (e) => e instanceof SystemError && e.code === "timeout");
  await assert.rejects(api.add(1, 2, { timeoutMs: 5 }), (e) => e instanceof SystemError && e.code === "timeout");
});

test("abort: rejects with cancelled, sends a cancel frame, and a late answer is ignored", async (t) => {
  const { transport, api } = setup();
  t.after(() => transport.close());
  const controller = new AbortController();
  const call = api.setCounter(1, { signal: controller.signal });
  controller.abort();
  await assert.rejects(call, (e) => e instanceof SystemError && e.code === "cancelled");
  // The cancel arrived before the server ran the queued call: it was skipped.
  assert.equal(await api.getCounter(), 0);
  await assert.rejects(api.add(1, 1, { signal: AbortSignal.abort() }), (e) => e.code === "cancelled");
  assert.equal(await api.add(1, 1), 2);
});

test("a dead worker fails pending calls with unavailable and is restarted on the next call", async (t) => {
  const { transport, links, api } = setup();
  t.after(() => transport.close());
  await api.setCounter(4);
  const pending = api.getCounter();
  links[0].errors.dispatchEvent(new Event("error"));
  await assert.rejects(pending, (e) => e instanceof SystemError && e.code === "unavailable");
  assert.equal(await api.add(2, 3), 5);
  assert.equal(transport.stats.connections, 2);
});

test("close fails pending calls and refuses new ones", async () => {
  const { transport, api } = setup({ server: null });
  const pending = api.add(1, 2);
  transport.close();
  await assert.rejects(pending, (e) => e.code === "unavailable");
  await assert.rejects(api.add(1, 2), (e) => e.code === "unavailable");
});

test("many concurrent calls are matched by call_id", async (t) => {
  const { transport, api } = setup();
  t.after(() => transport.close());
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => api.add(i, 1000)));
  assert.deepEqual(results, Array.from({ length: 100 }, (_, i) => i + 1000));
});

test("frames keep call order: a small call made after a bulk one in the same task does not overtake it", async (t) => {
  const { transport, api } = setup();
  t.after(() => transport.close());
  await api.add(0, 0);
  const order = [];
  const big = api.scale(new Float32Array(1 << 16), 2).then(() => order.push("scale"));
  const small = api.add(1, 1).then(() => order.push("add"));
  await Promise.all([big, small]);
  assert.deepEqual(order, ["scale", "add"]);
  // And small frames reuse one buffer per size without mixing calls up.
  const sums = await Promise.all(Array.from({ length: 50 }, (_, i) => api.add(i, i)));
  assert.deepEqual(sums, Array.from({ length: 50 }, (_, i) => 2 * i));
});
