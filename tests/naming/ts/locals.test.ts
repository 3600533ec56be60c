// The TS generated from generated_locals.kkidl: op parameters named like the
// client's own bindings (`options`, `transport`, `f`, `op_call`, `types`)
// reach the wire unchanged, and the call options reach the transport — on the
// scalar fast path and on the frame path (docs/kkidl.md §5.4).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Reader, Writer, type CallOptions, type FastExport, type OpCall, type Transport } from "@kkgen/runtime";
import * as codecs from "../../../target/naming/ts-locals/codecs.js";
import { createHygieneClient } from "../../../target/naming/ts-locals/client.js";
import { Mode, type Locals, type Slot } from "../../../target/naming/ts-locals/types.js";

/** A transport that answers in this isolate: `answer` gets the encoded params and returns the ok payload. */
function loopback(answer: (opId: number, params: Reader) => Uint8Array, fast?: FastExport) {
  const seen: { options: (CallOptions | undefined)[]; fast: string[] } = { options: [], fast: [] };
  const transport: Transport = {
    async call<T>(op: OpCall<T>, options?: CallOptions): Promise<T> {
      seen.options.push(options);
      const frame = new Uint8Array(16 + op.maxPayloadLen);
      const len = op.encode(frame);
      return op.decodeOk(answer(op.opId, new Reader(frame.subarray(16, 16 + len))), false);
    },
    close() {},
  };
  if (fast !== undefined) {
    transport.callFast = <T>(name: string, invoke: (fn: FastExport) => T, options?: CallOptions) => {
      seen.fast.push(name);
      seen.options.push(options);
      return Promise.resolve(invoke(fast));
    };
  }
  return { transport, seen };
}

const locals: Locals = {
  w: 1, r: 2, v: "v", x: [3], k: new Map([["k", 4]]), e: 5, n: 6, i: 7, at: 8, out: 9, outer: 10, prev: 11,
  tag: "t", value: "val", entries: ["a"], data: new Uint8Array([12]),
};

test("the frame path carries parameters named like the client's bindings", async () => {
  const { transport, seen } = loopback((_opId, params) => {
    const p = codecs.decodeHygieneFramedParams(params);
    assert.equal(p.options, "opts");
    assert.deepEqual(p.transport, locals);
    assert.deepEqual(p.f, [1, 2]);
    assert.equal(p.opCall, Mode.On);
    assert.deepEqual(p.types, new Float32Array([0.5]));
    const w = Writer.growable();
    codecs.encodeHygieneFramedResult(w, p.transport);
    return w.finish();
  });
  const options: CallOptions = { timeoutMs: 1000 };
  const client = createHygieneClient(transport);
  const back = await client.framed("opts", locals, [1 as Slot, 2 as Slot], Mode.On, new Float32Array([0.5]), options);
  assert.deepEqual(back, locals);
  assert.deepEqual(seen.options, [options]);
});

test("the fast path passes every argument in order and the options to the transport", async () => {
  let args: (number | bigint)[] = [];
  const fast: FastExport = (...a) => {
    args = a;
    return 7;
  };
  const { transport, seen } = loopback(() => assert.fail("the fast op went through frames"), fast);
  const options: CallOptions = { timeoutMs: 5 };
  const client = createHygieneClient(transport);
  assert.equal(await client.fast(3, Mode.On, 9 as Slot, -4n, true, options), 7);
  assert.deepEqual(args, [3, Mode.On, 9, -4n, 1]);
  assert.deepEqual(seen.options, [options]);
  assert.equal(seen.fast.length, 1);
  assert.equal(await client.reserved(1, 2, 3, 4), 7);
  assert.deepEqual(args, [1, 2, 3, 4]);
});

test("an enum argument naming no variant skips the fast path", async () => {
  const { transport, seen } = loopback((_opId, params) => {
    const p = codecs.decodeHygieneFastParams(params);
    const w = Writer.growable();
    codecs.encodeHygieneFastResult(w, p.f);
    return w.finish();
  }, () => assert.fail("fast path taken"));
  void seen;
  // The frame path encodes the raw value; the loopback decodes it, and the
  // validating decoder rejects the value that names no variant.
  await assert.rejects(createHygieneClient(transport).fast(1, 9 as Mode, 2 as Slot, 0n, false), /invalid_enum/);
});
