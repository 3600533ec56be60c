/**
 * The generated TS client on the direct transport's scalar fast path
 * (docs/abi.md §1.4), watched at the export: the client of the service
 * scenario (tests/service/fixture, generated into target/service/fixture/ts)
 * compiled with `tsc --strict`, calling its Rust module. The scenario's own
 * runner (tests/service/fixture/run.test.mjs) covers every op over every
 * transport. Run by `cargo xtask test ts`.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connectDirect, SystemError, type CallOptions, type OpCall } from "@kkgen/runtime";
import { createFixtureClient, FixtureFailureError } from "../../target/service/fixture/ts/index.js";

const wasm = readFileSync(join(process.cwd(), "target/service/fixture/rust.wasm"));

test("direct transport: scalar ops go through the fast exports kk_op_<id> (docs/abi.md §1.4), others through kk_call", async () => {
  const direct = connectDirect(wasm);
  const api = createFixtureClient(direct);
  const stats = direct.host.stats;
  // The first call instantiates: it goes through frames.
  assert.equal(await api.add(1, 1), 2);
  assert.deepEqual([stats.calls, stats.fastCalls], [1, 0]);
  // Spy on the export itself: the client must call it, with the arguments as wasm values.
  const original = direct.host.fastExport("kk_op_00000006");
  assert.ok(original, "the fixture exports kk_op_00000006 (add)");
  const seen: (number | bigint)[][] = [];
  const real = direct.host.fastExport.bind(direct.host);
  direct.host.fastExport = (name) => {
    const fn = real(name);
    return fn && name === "kk_op_00000006" ? (...args) => (seen.push(args), fn(...args)) : fn;
  };
  assert.equal(await api.add(-5, 47), 42);
  assert.equal(await api.add(2147483647, 1), -2147483648, "i32 wraps as on the frame path");
  assert.deepEqual(seen, [[-5, 47], [2147483647, 1]]);
  assert.deepEqual([stats.calls, stats.fastCalls], [3, 2]);
  // Shared state with kk_call: set through the fast export, read through frames, and back.
  await api.setCounter(4000000000);
  const framed = <T>(op: OpCall<T>, options?: CallOptions): Promise<T> => direct.call(op, options);
  const viaFrames = createFixtureClient({ call: framed, close: () => direct.close() });
  assert.equal(await viaFrames.getCounter(), 4000000000, "u32 above 2^31 crosses unsigned");
  await viaFrames.setCounter(7);
  assert.equal(await api.getCounter(), 7);
  // A buffer op and a throwing op use frames.
  const before = stats.fastCalls;
  assert.deepEqual(Array.from(await api.scale(Float32Array.of(1, 2), 3)), [3, 6]);
  await assert.rejects(api.fail(3), FixtureFailureError);
  assert.equal(stats.fastCalls, before);
  // An aborted signal rejects without calling anything.
  const calls = stats.calls;
  await assert.rejects(api.add(1, 2, { signal: AbortSignal.abort() }), (e: unknown) => e instanceof SystemError && e.code === "cancelled");
  assert.equal(stats.calls, calls);
  // A timeout is checked when the call returns, as on the frame path.
  await assert.rejects(api.spin(30, { timeoutMs: 5 }), (e: unknown) => e instanceof SystemError && e.code === "timeout");
  // A trapping fast op: trap, the instance is dropped, the next call gets a fresh one (state gone).
  const instances = stats.instances;
  const fastBefore = stats.fastCalls;
  await assert.rejects(api.trap(), (e: unknown) => e instanceof SystemError && e.code === "trap");
  assert.equal(stats.fastCalls, fastBefore + 1, "the trap came from the fast export");
  assert.equal(stats.traps, 1);
  assert.equal(await api.getCounter(), 0, "fresh instance after the trap");
  assert.equal(stats.instances, instances + 1);
  assert.equal(await api.add(20, 22), 42);
  assert.equal(stats.fastCalls, fastBefore + 2, "fast again on the new instance");
});
