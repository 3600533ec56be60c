/**
 * End-to-end test of the TS backend: the client and host generated from the
 * fixture schema (by `kkgen`'s TS backend, into target/ts-e2e/generated),
 * compiled with `tsc --strict`, calling the real fixture wasm module through
 * the direct transport and through a MessageChannel port transport.
 * Run by scripts/test-ts.sh.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { PortTransport, SystemError, type PortLike, type Transport } from "@kkgen/runtime";
import { createFixtureClient, createFixtureDirect, FixtureFailureError, serveFixture, type FixtureApi } from "../../target/ts-e2e/generated/index.js";

const wasm = readFileSync(join(process.cwd(), "target/ts-fixture/wasm32-unknown-unknown/release/kk_ts_fixture.wasm"));

/** A port transport to a server on the other end of a MessageChannel. */
function overPort(): { api: FixtureApi; transport: Transport } {
  const server = serveFixture(new WebAssembly.Module(wasm));
  const transport = new PortTransport(() => {
    const { port1, port2 } = new MessageChannel();
    server.attach(port2 as unknown as PortLike);
    return { port: port1 as unknown as PortLike, close: () => port1.close() };
  });
  return { api: createFixtureClient(transport), transport };
}

async function exercise(api: FixtureApi): Promise<void> {
  assert.equal(await api.add(-5, 47), 42);
  await api.setCounter(77);
  assert.equal(await api.getCounter(), 77);
  const scaled: Float32Array = await api.scale(Float32Array.of(1.5, -2, 4), 2);
  assert.deepEqual(Array.from(scaled), [3, -4, 8]);
  await assert.rejects(api.fail(12), (e: unknown) => {
    assert.ok(e instanceof FixtureFailureError, `a typed error, got ${String(e)}`);
    assert.equal(e.data.code, 12);
    assert.equal(e.data.message, "failed on purpose");
    return true;
  });
  await assert.rejects(api.trap(), (e: unknown) => e instanceof SystemError && e.code === "trap");
  assert.equal(await api.getCounter(), 0, "fresh instance after the trap");
  await assert.rejects(api.add(1, 2, { signal: AbortSignal.abort() }), (e: unknown) => e instanceof SystemError && e.code === "cancelled");
}

test("generated client over the direct transport", async () => {
  await exercise(createFixtureDirect(wasm));
});

test("generated client and host over a port transport", async () => {
  const { api, transport } = overPort();
  try {
    await exercise(api);
  } finally {
    transport.close();
  }
});
