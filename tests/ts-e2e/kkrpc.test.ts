/**
 * The generated `FixtureApi` is usable as the remote API type of a kkrpc
 * `RPCChannel` (issue 5): one side exposes the generated direct client over
 * the real fixture module, the other calls it through `getAPI<FixtureApi>()`
 * — typed by tsc, answered by the wasm service. The two channels are joined
 * by an in-memory IoInterface pair.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { RPCChannel, type IoInterface } from "kkrpc";
import { createFixtureDirect, type FixtureApi } from "../../target/service/fixture/ts/index.js";

const wasm = readFileSync(join(process.cwd(), "target/service/fixture/rust.wasm"));

/** One end of an in-memory duplex: writes go to the peer's read queue. */
class MemoryIo implements IoInterface {
  name = "memory";
  peer!: MemoryIo;
  private queue: string[] = [];
  private waiting: ((s: string | null) => void)[] = [];
  async read(): Promise<string | null> {
    const next = this.queue.shift();
    if (next !== undefined) return next;
    // kkrpc 0.2's read loop spins on `null`, so an idle end just stays pending
    // (a pending promise does not keep node alive).
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  async write(data: string): Promise<void> {
    const waiter = this.peer.waiting.shift();
    if (waiter) waiter(data);
    else this.peer.queue.push(data);
  }
}

test("a kkrpc RPCChannel typed with the generated FixtureApi reaches the wasm service", { timeout: 30_000 }, async () => {
  const a = new MemoryIo();
  const b = new MemoryIo();
  a.peer = b;
  b.peer = a;
  const local: FixtureApi = createFixtureDirect(wasm);
  new RPCChannel<FixtureApi, Record<string, never>>(a, { expose: local });
  const remote = new RPCChannel<Record<string, never>, FixtureApi>(b).getAPI();
  assert.equal(await remote.add(40, 2), 42);
  await remote.setCounter(7);
  assert.equal(await remote.getCounter(), 7);
  await assert.rejects(remote.fail(3), "a typed error reaches the caller as a rejection");
});
