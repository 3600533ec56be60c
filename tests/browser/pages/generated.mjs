// The client kkgen's TS backend generated from fixture.kkidl (compiled by
// `cargo xtask test ts` with tsc --strict into target/ts-e2e/dist), called in the
// page through the three transports; the worker side is fixture-worker.mjs.
import { connectDirect, connectSharedWorker, connectWorker, SystemError } from "@kkgen/runtime";
import { createFixtureClient, FixtureFailureError } from "/target/ts-e2e/dist/target/ts-e2e/generated/index.js";

const WASM = "/target/ts-fixture/wasm32-unknown-unknown/release/kk_ts_fixture.wasm";
const WORKER = new URL("./fixture-worker.mjs", import.meta.url);
const connect = {
  direct: () => connectDirect(WASM),
  worker: () => connectWorker(WORKER),
  shared: () => connectSharedWorker(WORKER, { name: "generated" }),
};

/** How a call ended, as plain data. */
async function outcome(promise) {
  try {
    return { ok: true, value: await promise };
  } catch (e) {
    const kind = e instanceof FixtureFailureError ? "FixtureFailureError" : e instanceof SystemError ? "SystemError" : e?.constructor?.name;
    return { ok: false, class: kind, code: e?.code, data: e?.data };
  }
}

window.generated = {
  async run(kind) {
    const transport = connect[kind]();
    const api = createFixtureClient(transport);
    // The direct transport counts calls made through the scalar fast exports (docs/abi.md §1.4).
    const stats = () => (transport.host ? { ...transport.host.stats } : undefined);
    try {
      await api.add(0, 0); // instantiates (through frames)
      const beforeAdd = stats();
      const add = await outcome(api.add(-5, 47));
      const afterAdd = stats();
      await api.setCounter(31);
      const counter = await outcome(api.getCounter());
      const view = await api.scale(Float32Array.of(1.5, -2, 4), 2, { borrow: true });
      // Read before the next call: a direct borrow is valid until then.
      const scaled = { isFloat32Array: view instanceof Float32Array, values: Array.from(view) };
      const fail = await outcome(api.fail(12));
      const beforeTrap = stats();
      const trap = await outcome(api.trap());
      const afterTrapStats = stats();
      const afterTrap = await outcome(api.getCounter());
      const afterTrapAdd = await outcome(api.add(2, 3));
      const end = stats();
      const aborted = await outcome(api.add(1, 2, { signal: AbortSignal.abort() }));
      const timedOut = await outcome(api.spin(300, { timeoutMs: 20 }));
      const spin = await outcome(api.spin(1));
      const fast = beforeAdd && {
        // add went through kk_op_00000006, not kk_call
        add: [afterAdd.calls - beforeAdd.calls, afterAdd.fastCalls - beforeAdd.fastCalls],
        // the trap came from the fast export kk_op_00000005, and dropped the instance
        trap: [afterTrapStats.fastCalls - beforeTrap.fastCalls, afterTrapStats.traps - beforeTrap.traps],
        // the next call re-instantiated (through frames), the one after was fast again
        afterTrap: [end.instances - beforeTrap.instances, end.fastCalls - afterTrapStats.fastCalls],
      };
      return { add, counter, scaled, fail, trap, afterTrap, afterTrapAdd, aborted, timedOut, spin, fast };
    } finally {
      transport.close();
    }
  },
};
window.generatedReady = true;
