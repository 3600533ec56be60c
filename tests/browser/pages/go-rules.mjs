// The Go example (examples/rules, a wasip1 reactor built with
// -buildmode=c-shared) behind runtime-ts in the browser: the same host and
// transports as the Rust fixture, with the WASI shim of docs/abi.md §2.
import { connectDirect, connectSharedWorker, connectWorker, Reader, SystemError, Writer } from "../../../runtime-ts/dist/index.js";

const WASM = "/target/wasm-go/rules-reactor.wasm";
const WORKER = new URL(`./module-worker.mjs?wasm=${encodeURIComponent(WASM)}`, import.meta.url);

/** docs/wire.md §4.1: FNV-1a 32-bit, then & 0x7fffffff. */
function hashId(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/** An op call whose params are the empty struct, or `raw` bytes as given. */
function call(op, raw) {
  return {
    opId: hashId(`rules.v1.Rules.${op}`),
    maxPayloadLen: raw ? raw.length : 4,
    encode(frame) {
      if (raw) {
        frame.set(raw, 16);
        return raw.length;
      }
      const w = Writer.into(frame, 16);
      w.u32(0); // params struct with no fields
      return w.length;
    },
    decodeOk(payload) {
      new Reader(payload).finish(); // ping returns nothing
      return "ok";
    },
    decodeError: () => undefined,
  };
}

async function outcome(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    return { ok: false, class: e instanceof SystemError ? "SystemError" : e?.constructor?.name, code: e?.code };
  }
}

window.goRules = {
  async run(kind) {
    const t = { direct: () => connectDirect(WASM), worker: () => connectWorker(WORKER), shared: () => connectSharedWorker(WORKER, { name: "go-rules" }) }[kind]();
    try {
      const pings = [];
      for (let i = 0; i < 3; i++) pings.push(await outcome(t.call(call("ping"))));
      const unknown = await outcome(t.call(call("no_such_op")));
      // validate_order with a params body claiming 0xffffffff bytes: the Go decoder refuses it.
      const garbage = await outcome(t.call(call("validate_order", Uint8Array.of(0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4))));
      const timedOutOrOk = await outcome(t.call(call("ping"), { timeoutMs: 10_000 }));
      const aborted = await outcome(t.call(call("ping"), { signal: AbortSignal.abort() }));
      return { pings, unknown, garbage, timedOutOrOk, aborted };
    } finally {
      t.close();
    }
  },
};
window.goRulesReady = true;
