// The rules service compiled for wasip1 (a command), served over stdio from
// node: real frames on stdin, answers on stdout (docs/abi.md §4). The module
// runs under a plain node:wasi runner (stdin 0, stdout 1, no shim): the
// server must wait for input that arrives late and for a reader that is slow
// (runtime-go/stdio/hostfd_wasip1.go), not fail with EAGAIN.
// Module path: "rules_stdio_wasm" in target/kk-artifacts.json (cargo xtask test go builds it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as w from "./rules-wire.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const wasm = artifact("rules_stdio_wasm");
// The plain runner: node:wasi with this process's stdio, nothing intercepted.
const runner = fileURLToPath(new URL("../../geometry/host/wasi-run.mjs", import.meta.url));

/** Starts the server; `send` writes bytes, `next()` resolves with the next answer frame. */
function startServer() {
  const child = spawn(process.execPath, [runner, wasm], { stdio: ["pipe", "pipe", "pipe"] });
  let buf = new Uint8Array(0);
  const frames = [];
  const waiters = [];
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.on("data", (chunk) => {
    const joined = new Uint8Array(buf.length + chunk.length);
    joined.set(buf);
    joined.set(chunk, buf.length);
    const [got, rest] = w.splitFrames(joined);
    buf = rest.slice();
    frames.push(...got);
    while (frames.length && waiters.length) waiters.shift()(frames.shift());
  });
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    send: (bytes) => child.stdin.write(bytes),
    next: () => (frames.length ? Promise.resolve(frames.shift()) : new Promise((r) => waiters.push(r))),
    end: () => child.stdin.end(),
    pauseOutput: () => child.stdout.pause(),
    resumeOutput: () => child.stdout.resume(),
    exited,
    stderr: () => stderr,
  };
}

const goodOrder = {
  id: "A-1", customer: "ada", currency: "Eur", coupon: "SAVE10",
  items: [{ sku: "BOLT-M8", quantity: 10, unit_price_cents: 25 }, { sku: "NUT-M8", quantity: 3, unit_price_cents: 100 }],
};

test("real calls, typed errors, unknown op and a clean exit at end of stdin", async () => {
  const s = startServer();
  // Several calls written back to back in one write: the server must split them.
  s.send(Buffer.concat([w.validateOrderCall(1, goodOrder), w.pingCall(2), w.checkParametersCall(3, [1, 5, -2, 3], 0, 4)]));
  const quote = w.parseAnswer(await s.next(), w.readQuote);
  assert.equal(quote.callId, 1);
  assert.equal(quote.opId, w.OP.validateOrder);
  assert.deepEqual(quote.ok, { order_id: "A-1", currency: 0, subtotal_cents: 550n, discount_cents: 55n, total_cents: 495n, warnings: [] });
  const pong = w.parseAnswer(await s.next());
  assert.equal(pong.callId, 2);
  assert.equal(pong.kind, 2);
  assert.equal(pong.payloadLen, 0);
  const report = w.parseAnswer(await s.next(), w.readReport);
  assert.equal(report.callId, 3);
  assert.deepEqual(report.ok, { count: 4, mean: 1.75, minimum: -2, maximum: 5, out_of_range: [1, 2] });

  s.send(w.validateOrderCall(4, { ...goodOrder, customer: "" }));
  assert.deepEqual(w.parseAnswer(await s.next()).error, { InvalidOrder: { field: "customer", reason: "must not be empty" } });
  s.send(w.validateOrderCall(5, { ...goodOrder, items: [{ sku: "X", quantity: 5000, unit_price_cents: 1 }] }));
  assert.deepEqual(w.parseAnswer(await s.next()).error, { LimitExceeded: { what: "quantity of X", limit: 1000n, actual: 5000n } });
  s.send(w.checkParametersCall(6, [1], 2, 1));
  assert.deepEqual(w.parseAnswer(await s.next()).error, { InvalidOrder: { field: "low", reason: "must not exceed high" } });

  s.send(w.callFrame(7, 12345));
  const unknown = w.parseAnswer(await s.next());
  assert.equal(unknown.callId, 7);
  assert.equal(unknown.error.system, w.SYS.unknown_op);

  // A payload that does not decode (truncated params) is a decode error frame, and the server goes on.
  const bad = w.validateOrderCall(8, goodOrder).slice(0, 30);
  new DataView(bad.buffer).setUint32(12, 14, true);
  s.send(bad);
  const decode = w.parseAnswer(await s.next());
  assert.equal(decode.callId, 8);
  assert.equal(decode.error.system, w.SYS.decode);
  assert.match(decode.error.message, /truncated/);

  // A handler panic is recovered and answered as system error trap.
  s.send(w.validateOrderCall(9, { ...goodOrder, items: [{ sku: "PANIC", quantity: 1, unit_price_cents: 1 }] }));
  const trap = w.parseAnswer(await s.next());
  assert.equal(trap.error.system, w.SYS.trap);
  s.send(w.pingCall(10));
  assert.equal(w.parseAnswer(await s.next()).callId, 10, "still serving after a recovered panic");

  s.end();
  assert.equal(await s.exited, 0, s.stderr());
});

test("a bad frame header is answered with bad_frame and the server stops", async () => {
  const s = startServer();
  const frame = w.pingCall(21);
  frame[0] = 9; // version 9
  s.send(frame);
  const answer = w.parseAnswer(await s.next());
  assert.equal(answer.callId, 21);
  assert.equal(answer.error.system, w.SYS.bad_frame);
  assert.equal(await s.exited, 0);
});

test("a frame over the length limit is answered with too_large", async () => {
  const s = startServer();
  const frame = w.pingCall(22);
  new DataView(frame.buffer).setUint32(12, 0xfffffff0, true); // ~4 GiB claimed, never sent
  s.send(frame);
  const answer = w.parseAnswer(await s.next());
  assert.equal(answer.callId, 22);
  assert.equal(answer.error.system, w.SYS.too_large);
  await s.exited;
});

test("calls that arrive one by one while the server waits on an empty pipe are all answered", async () => {
  const s = startServer();
  for (let id = 31; id <= 40; id++) {
    // Each call is written only after the previous answer came back: every read starts on an empty pipe.
    s.send(w.pingCall(id));
    assert.equal(w.parseAnswer(await s.next()).callId, id);
    await new Promise((r) => setTimeout(r, 5));
  }
  s.end();
  assert.equal(await s.exited, 0, s.stderr());
});

test("an answer larger than the pipe buffer waits for a reader that is not reading yet", async () => {
  const s = startServer();
  s.pauseOutput();
  const samples = Array.from({ length: 100_000 }, (_, i) => 10 + i); // every one out of range: a ~400 KB answer
  s.send(w.checkParametersCall(41, samples, 0, 1));
  await new Promise((r) => setTimeout(r, 200)); // the server fills the pipe and must wait, not fail
  s.resumeOutput();
  const report = w.parseAnswer(await s.next(), w.readReport);
  assert.equal(report.callId, 41);
  assert.equal(report.ok.out_of_range.length, samples.length);
  s.end();
  assert.equal(await s.exited, 0, s.stderr());
});
