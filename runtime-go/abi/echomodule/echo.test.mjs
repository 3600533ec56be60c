// runtime-go's ABI layer in a real Go reactor: kk_alloc/kk_call/kk_free from
// node, with the rules example's independent harness. The module: "echo_reactor_wasm" in
// target/kk-artifacts.json (cargo xtask test go builds it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { instantiateReactor } from "../../../examples/rules/node/abi-harness.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const path = artifact("echo_reactor_wasm");

function frame(callId, opId, payload) {
  const f = new Uint8Array(16 + payload.length);
  const v = new DataView(f.buffer);
  f[0] = 1; f[1] = 1; v.setUint32(4, callId, true); v.setUint32(8, opId, true); v.setUint32(12, payload.length, true);
  f.set(payload, 16);
  return f;
}

test("echo, unknown op, panic and bad frames through the ABI; memory stays flat", async () => {
  const m = await instantiateReactor(readFileSync(path));
  assert.equal(m.exports.kk_abi_version(), 1);
  const payload = new TextEncoder().encode("hello wasm");
  const ok = m.call(frame(5, 1, payload), 4096);
  assert.equal(ok[1], 2);
  assert.equal(new DataView(ok.buffer).getUint32(4, true), 5);
  assert.deepEqual(ok.subarray(16), payload);
  assert.equal(m.call(frame(6, 99, new Uint8Array(0)))[17], 1, "unknown_op");
  assert.equal(m.call(frame(7, 2, new Uint8Array(0)))[17], 3, "panic -> trap");
  const bad = frame(8, 1, payload);
  bad[0] = 7;
  assert.equal(m.call(bad)[17], 10, "bad_frame");
  const big = frame(9, 1, new Uint8Array(300_000).fill(7));
  for (let i = 0; i < 200; i++) m.call(big);
  const settled = m.memoryBytes();
  for (let i = 0; i < 3000; i++) m.call(big);
  assert.equal(m.memoryBytes(), settled, "memory grew during a steady run");
});

test("a version-1 module through runtime-ts's host: three crossings, no scratch path (docs/abi.md §1.5)", async () => {
  const { connectDirect, SystemError } = await import("@kkgen/runtime");
  const transport = connectDirect(readFileSync(path));
  await transport.ready();
  const payload = new TextEncoder().encode("hello v1");
  const echo = (callPayload) => ({
    opId: 1,
    maxPayloadLen: callPayload.length,
    encode(frame) {
      frame.set(callPayload, 16);
      return callPayload.length;
    },
    decodeOk: (p) => new TextDecoder().decode(p),
    decodeError: () => undefined,
  });
  assert.equal(transport.callSync(echo(payload)), "hello v1");
  assert.equal(await transport.call(echo(payload)), "hello v1");
  assert.throws(() => transport.callSync({ ...echo(payload), opId: 2 }), (e) => e instanceof SystemError && e.code === "trap");
  assert.equal(transport.callSync(echo(payload)), "hello v1");
  const { abiVersion, scratchCalls, calls } = transport.host.stats;
  assert.deepEqual({ abiVersion, scratchCalls, calls }, { abiVersion: 1, scratchCalls: 0, calls: 4 });
});
