// The rules service built as a WASI reactor (`-buildmode=c-shared`), called
// through the module ABI from node with a minimal WASI shim.
// Module path: "rules_reactor_wasm" in target/kk-artifacts.json (cargo xtask test go builds it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { instantiateReactor } from "./abi-harness.mjs";
import * as w from "./rules-wire.mjs";
import { exportSignatures } from "../../../tests/wasm-exports.mjs";
import { artifact } from "../../../tests/artifacts.mjs";

const path = artifact("rules_reactor_wasm");
const load = () => instantiateReactor(readFileSync(path));

const order = {
  id: "B-7", customer: "grace", currency: "Usd", coupon: "WHATEVER",
  items: [{ sku: "GEAR", quantity: 2, unit_price_cents: 1250 }],
};

test("exports and imports follow docs/abi.md", async () => {
  const m = await load();
  for (const name of ["memory", "kk_abi_version", "kk_alloc", "kk_call", "kk_free"]) assert.ok(m.exports[name], name);
  assert.equal(m.exports.kk_abi_version(), 2);
  // Only WASI functions the Go runtime itself needs (the harness already
  // rejects any other import module): nothing of the WASI file system, which
  // the docs/abi.md §2 shim answers with ENOSYS.
  const runtimeNeeds = ["args_get", "args_sizes_get", "clock_time_get", "environ_get", "environ_sizes_get", "fd_write", "poll_oneoff", "proc_exit", "random_get", "sched_yield"];
  assert.deepEqual(m.imported.filter((n) => !runtimeNeeds.includes(n)), []);
});

test("real calls and typed errors through kk_alloc/kk_call/kk_free", async () => {
  const m = await load();
  const quote = w.parseAnswer(m.call(w.validateOrderCall(1, order)), w.readQuote);
  assert.deepEqual(quote.ok, {
    order_id: "B-7", currency: 1, subtotal_cents: 2500n, discount_cents: 0n, total_cents: 2500n,
    warnings: ["unknown coupon WHATEVER ignored"],
  });
  // cap may be an upper bound: the frame length comes from its header.
  const samples = Array.from({ length: 1000 }, (_, i) => i / 10);
  const report = w.parseAnswer(m.call(w.checkParametersCall(2, samples, 10, 90), 64 * 1024), w.readReport);
  assert.equal(report.ok.count, 1000);
  assert.equal(report.ok.out_of_range.length, 100 + 99);
  const err = w.parseAnswer(m.call(w.validateOrderCall(3, { ...order, items: [] })));
  assert.deepEqual(err.error, { InvalidOrder: { field: "items", reason: "must have at least one line" } });
});

test("unknown op, malformed frames and panics answer error frames, not traps", async () => {
  const m = await load();
  assert.equal(w.parseAnswer(m.call(w.callFrame(5, 999))).error.system, w.SYS.unknown_op);
  const badVersion = w.pingCall(6);
  badVersion[0] = 2;
  assert.equal(w.parseAnswer(m.call(badVersion)).error.system, w.SYS.bad_frame);
  const overCap = w.pingCall(7);
  new DataView(overCap.buffer).setUint32(12, 1000, true); // claims more than the block holds
  assert.equal(w.parseAnswer(m.call(overCap)).error.system, w.SYS.bad_frame);
  const garbage = w.validateOrderCall(8, order);
  garbage.fill(0xff, 20);
  const decode = w.parseAnswer(m.call(garbage));
  assert.equal(decode.callId, 8);
  assert.equal(decode.error.system, w.SYS.decode);
  const trap = w.parseAnswer(m.call(w.validateOrderCall(9, { ...order, items: [{ sku: "PANIC", quantity: 1, unit_price_cents: 0 }] })));
  assert.equal(trap.error.system, w.SYS.trap);
  assert.equal(w.parseAnswer(m.call(w.pingCall(10))).kind, 2, "the instance still works");
});

test("a long run does not grow memory", async () => {
  const m = await load();
  const samples = Array.from({ length: 4096 }, (_, i) => Math.sin(i));
  const frame = w.checkParametersCall(1, samples, -0.5, 0.5);
  const orderFrame = w.validateOrderCall(2, order);
  for (let i = 0; i < 2000; i++) { m.call(frame); m.call(orderFrame); }
  const settled = m.memoryBytes();
  for (let i = 0; i < 20000; i++) { m.call(frame); m.call(orderFrame); }
  assert.equal(m.memoryBytes(), settled, "linear memory grew during a steady run");
});

test("scalar fast exports (docs/abi.md §1.4): wasm signatures, same answers as kk_call, one service", async () => {
  const ping = w.fastExport(w.OP.ping);
  const exchange = w.fastExport(w.OP.exchange);
  const signatures = exportSignatures(readFileSync(path));
  assert.equal(signatures.get(ping), "() -> ()");
  assert.equal(signatures.get(exchange), "(i64, i32, i32) -> i64", "i64 cents, two enums as i32, i64 back");
  // validate_order and check_parameters take structs or buffers and throw: no fast export.
  assert.deepEqual([...signatures.keys()].filter((n) => n.startsWith("kk_op_")).sort(), [ping, exchange].sort());
  const m = await load();
  // The fast export alone builds the registered service lazily.
  assert.equal(m.exports[ping](), undefined);
  let callId = 100;
  for (const [cents, from, to] of [[10000n, "Eur", "Usd"], [-999n, "Usd", "Gbp"], [2n ** 62n / 200n, "Gbp", "Eur"], [0n, "Eur", "Eur"]]) {
    const fast = m.exports[exchange](cents, w.CURRENCY[from], w.CURRENCY[to]);
    const framed = w.parseAnswer(m.call(w.exchangeCall(callId++, cents, w.CURRENCY[from], w.CURRENCY[to])), (r) => r.i64());
    assert.equal(typeof fast, "bigint");
    assert.equal(fast, framed.ok, `${cents} ${from} -> ${to}`);
  }
  assert.equal(m.exports[exchange](10000n, 0, 1), 10800n);
  // kk_call still works after fast calls (same instance, same block table).
  assert.equal(w.parseAnswer(m.call(w.pingCall(callId++))).kind, 2);
});
