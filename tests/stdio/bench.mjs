// The stdio benchmark (`cargo xtask bench stdio`), one file run unchanged by
// node, bun and deno: `<runtime> tests/stdio/bench.mjs <children.json>`
// (xtask writes children.json: the programs it built in release, see
// xtask/src/bench.rs `stdio`). For each child (native Rust, native Go, their
// wasip1 modules under wasmtime, ...) it measures, in the same run and in
// interleaved batches:
//
// - kkgen: the service scenario's generated client (tests/service/fixture)
//   over `connectStdio` to the child's stdio server (`fixture-stdio`);
// - the floor: the same call frames written to a raw pipe echo child in the
//   same language (tests/stdio/bench/*/stdio-echo: reads a frame, writes the
//   same bytes back) and the echoed bytes counted, nothing decoded;
// - the peer: the same ops as newline-delimited JSON through kkrpc 0.2.2's
//   own RPCChannel (`serialization: { version: "json" }`) to a JSON child in
//   the same language (tests/stdio/bench/*/stdio-json), over `ChildIo`, a
//   copy of kkrpc's NodeIo adapter that does not lose chunks (NodeIo re-arms
//   `once("data")` per read; under bun chunks arriving in between are dropped
//   and the peer hangs on a cut message).
//
// Figures: the round trip of one awaited small call, `add(i, 1)` (median over
// batches of µs per call), and bulk `scale(f32[], 2)` (median over rounds, GB/s
// counting the f32 data sent + received: 2 × 4 bytes per float; the JSON peer
// moves fewer floats per call, as its text is ~3x larger and kkrpc
// re-splits its whole input buffer on every chunk). Then the goals per row:
// round trip ≤ 1.3× the floor, bulk ≥ 1 GB/s, ahead of the JSON peer on both.
// A benchmark, not a test: it prints figures and exits 0 unless something
// failed to run or answered wrong. Bounded: fixed counts, every step has a time
// limit.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import process from "node:process";
import { connectStdio, FrameKind, writeFrameHeader } from "@kkgen/runtime";
import { RPCChannel } from "kkrpc";

const ROOT = new URL("../../", import.meta.url);
const { createFixtureClient } = await import(new URL("target/service/fixture/dist/target/service/fixture/ts/index.js", ROOT).href);
const RUNTIME = typeof globalThis.Bun !== "undefined" ? `bun ${globalThis.Bun.version}` : typeof globalThis.Deno !== "undefined" ? `deno ${globalThis.Deno.version.deno}` : `node ${process.version}`;

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
/** Counts: `warmupCalls` small calls, then batches of `calls` round trips; `warmup` + `rounds` bulk calls of `floats` (the peer: `peer*`); a child with `slow` runs half the batches and rounds. */
const COUNTS = {
  batches: 7,
  calls: 400,
  peerCalls: 200,
  floats: 16 << 20,
  rounds: 4,
  peerFloats: 1 << 20,
  peerRounds: 2,
  warmup: 1,
  warmupCalls: 1000,
  ...config.counts,
};
const STEP_LIMIT_MS = 60_000;

/** `promise`, or a rejection after STEP_LIMIT_MS naming `what`. */
async function limited(what, promise) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench step "${what}" took over ${STEP_LIMIT_MS / 1000} s`)), STEP_LIMIT_MS);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The call frame the generated client writes for `invoke(api)` (captured by a transport that only encodes). */
function callFrame(invoke) {
  let frame;
  const capture = {
    call(op) {
      const room = new Uint8Array(16 + op.maxPayloadLen);
      const n = op.encode(room);
      writeFrameHeader(room, 0, FrameKind.Call, 1, op.opId, n);
      frame = room.subarray(0, 16 + n);
      return new Promise(() => {}); // never answered; only the frame is wanted
    },
  };
  void invoke(createFixtureClient(capture));
  return frame;
}

/** Starts `child` with its stderr passed through; resolves `ended` when it exits. */
function start(child, label) {
  const proc = spawn(child.command, child.args, { stdio: ["pipe", "pipe", "inherit"] });
  proc.stdin.on("error", () => {});
  const ended = new Promise((resolve) => proc.on("close", resolve));
  proc.on("error", (e) => console.error(`${label}: ${e.message}`));
  return { proc, ended };
}

/** The floor: frames written to an echo child, the same bytes counted back. */
class EchoFloor {
  constructor(child) {
    ({ proc: this.proc, ended: this.ended } = start(child, "echo"));
    this.want = 0;
    this.got = 0;
    this.done = undefined;
    this.proc.stdout.on("data", (chunk) => {
      this.got += chunk.length;
      if (this.got >= this.want && this.done) {
        const done = this.done;
        this.done = undefined;
        done();
      }
    });
  }
  /** Writes `frame` and resolves when as many bytes came back. */
  roundTrip(frame) {
    return new Promise((resolve) => {
      this.got = 0;
      this.want = frame.length;
      this.done = resolve;
      this.proc.stdin.write(frame);
    });
  }
  async close() {
    this.proc.stdin.end();
    await this.ended;
  }
}

/**
 * kkrpc's IoInterface (`read()` → the next chunk, `write(text)`) over a
 * child's stdout and stdin, as its NodeIo adapter but with one lasting
 * "data" listener and a queue, so no chunk is lost between reads. At the end
 * of the stream `read()` never resolves (kkrpc's loop spins on `null`).
 */
class ChildIo {
  name = "child-io";
  constructor(readable, writable) {
    this.writable = writable;
    this.chunks = [];
    this.waiter = undefined;
    readable.on("data", (chunk) => {
      const waiter = this.waiter;
      this.waiter = undefined;
      if (waiter) waiter(chunk);
      else this.chunks.push(chunk);
    });
  }
  read() {
    if (this.chunks.length > 0) return Promise.resolve(this.chunks.shift());
    return new Promise((resolve) => (this.waiter = resolve));
  }
  write(data) {
    return new Promise((resolve, reject) => this.writable.write(data, (e) => (e ? reject(e) : resolve())));
  }
}

/** The peer: kkrpc's RPCChannel on the JSON child's stdout/stdin. */
class JsonPeer {
  constructor(child) {
    ({ proc: this.proc, ended: this.ended } = start(child, "json"));
    this.api = new RPCChannel(new ChildIo(this.proc.stdout, this.proc.stdin), { serialization: { version: "json" } }).getAPI();
  }
  async close() {
    this.proc.stdin.end();
    await this.ended;
  }
}

/** µs per call of `calls` awaited calls of `one(i)`. */
async function perCall(calls, one) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await one(i);
  return ((performance.now() - t0) * 1000) / calls;
}

/** ms of one awaited `call()`. */
async function timed(call) {
  const t0 = performance.now();
  await call();
  return performance.now() - t0;
}

/** Measures one child: kkgen, floor and peer, interleaved; returns the figures. */
async function measure(child) {
  const slow = child.slow ? 2 : 1;
  const batches = Math.max(3, Math.ceil(COUNTS.batches / slow));
  const rounds = Math.max(3, Math.ceil(COUNTS.rounds / slow));
  const peerRounds = Math.max(1, Math.ceil(COUNTS.peerRounds / slow));
  const transport = connectStdio(child.service);
  const api = createFixtureClient(transport);
  const floor = new EchoFloor(child.echo);
  const peer = new JsonPeer(child.json);
  const wrong = [];
  try {
    // The frame the floor echoes: the very bytes the client writes.
    const addFrame = callFrame((c) => c.add(7, 1));

    // Warm-up (the JIT, the children's buffers) and correctness: every contender answers right before it is timed.
    for (let i = 0; i < COUNTS.warmupCalls; i++) {
      if ((await api.add(i, 1)) !== i + 1) wrong.push("kkgen add");
      if ((await peer.api.add(i, 1)) !== i + 1) wrong.push("peer add");
      await floor.roundTrip(addFrame);
    }

    // Round trips: batches interleaved, the order rotated per batch.
    const rtt = { kkgen: [], floor: [], peer: [] };
    const runs = {
      kkgen: () => perCall(COUNTS.calls, (i) => api.add(i, 1)),
      floor: () => perCall(COUNTS.calls, () => floor.roundTrip(addFrame)),
      peer: () => perCall(COUNTS.peerCalls, (i) => peer.api.add(i, 1)),
    };
    const names = Object.keys(runs);
    for (let b = 0; b < batches; b++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(b + k) % names.length];
        rtt[name].push(await limited(`${name} round trips`, runs[name]()));
      }
    }

    // Bulk inputs, made only now: live 64 MiB buffers slow every small call of the JS process
    // (measured: ~2x on node), which is no cost of the transport.
    const samples = new Float32Array(COUNTS.floats);
    for (let i = 0; i < samples.length; i++) samples[i] = i & 1023;
    const peerSamples = Array.from(samples.subarray(0, COUNTS.peerFloats));
    const bulkFrame = callFrame((c) => c.scale(samples, 2));
    for (let i = 0; i < COUNTS.warmup; i++) {
      const view = await limited("kkgen warm-up scale", api.scale(samples, 2, { borrow: true }));
      if (view.length !== samples.length || view[1023] !== 2046 || view[samples.length - 1] !== 2 * ((samples.length - 1) & 1023)) wrong.push("kkgen scale");
      await limited("floor warm-up", floor.roundTrip(bulkFrame));
      const back = Float32Array.from(await limited("peer warm-up scale", peer.api.scale(peerSamples, 2)));
      if (back.length !== peerSamples.length || back[1023] !== 2046) wrong.push("peer scale");
    }

    // Bulk: rounds interleaved likewise (the peer runs fewer, on fewer floats).
    const bulk = { kkgen: [], floor: [], peer: [] };
    for (let r = 0; r < rounds; r++) {
      bulk.kkgen.push(await limited("kkgen scale", timed(() => api.scale(samples, 2, { borrow: true }))));
      bulk.floor.push(await limited("floor echo", timed(() => floor.roundTrip(bulkFrame))));
      if (r < peerRounds) bulk.peer.push(await limited("peer scale", timed(async () => Float32Array.from(await peer.api.scale(peerSamples, 2)))));
    }
    const gbps = (floats, ms) => (2 * 4 * floats) / (ms * 1e6);
    return {
      wrong,
      batches,
      rounds,
      peerRounds,
      rtt: Object.fromEntries(Object.entries(rtt).map(([k, v]) => [k, median(v)])),
      rttMin: Object.fromEntries(Object.entries(rtt).map(([k, v]) => [k, Math.min(...v)])),
      gbps: {
        kkgen: gbps(COUNTS.floats, median(bulk.kkgen)),
        floor: gbps(COUNTS.floats, median(bulk.floor)),
        peer: gbps(COUNTS.peerFloats, median(bulk.peer)),
      },
    };
  } finally {
    await transport.close();
    await floor.close();
    await peer.close();
  }
}

console.log(`\n${RUNTIME}: ${JSON.stringify(COUNTS)}`);
console.log(`  round trip of add(i, 1): µs per awaited call, median of interleaved batches; bulk scale(f32[], 2): GB/s of f32 data sent + received, median of rounds`);
const head = ["child", "kkgen µs", "floor µs", "peer µs", "×floor", "kkgen GB/s", "floor GB/s", "peer GB/s"];
const widths = [34, 9, 9, 9, 7, 11, 11, 10];
const line = (cells) => "  " + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" ");
console.log(line(head));
let failed = false;
const goals = [];
for (const child of config.children) {
  let r;
  try {
    r = await measure(child);
  } catch (e) {
    failed = true;
    console.log(line([child.name, "FAILED"]) + ` ${e instanceof Error ? e.message : e}`);
    continue;
  }
  const ratio = r.rtt.kkgen / r.rtt.floor;
  console.log(line([child.name, r.rtt.kkgen.toFixed(1), r.rtt.floor.toFixed(1), r.rtt.peer.toFixed(1), `${ratio.toFixed(2)}x`, r.gbps.kkgen.toFixed(2), r.gbps.floor.toFixed(2), r.gbps.peer.toFixed(3)]) + (r.wrong.length ? `  WRONG ANSWERS: ${r.wrong.join(", ")}` : ""));
  if (r.wrong.length) failed = true;
  const verdict = (ok) => (ok ? "MET   " : "MISSED");
  goals.push(`  ${verdict(ratio <= 1.3)} ${child.name.padEnd(34)} round trip ≤ 1.3x the raw pipe echo: ${ratio.toFixed(2)}x median, ${(r.rttMin.kkgen / r.rttMin.floor).toFixed(2)}x fastest batch`);
  goals.push(`  ${verdict(r.gbps.kkgen >= 1)} ${child.name.padEnd(34)} bulk ≥ 1 GB/s: ${r.gbps.kkgen.toFixed(2)} GB/s (the echo floor: ${r.gbps.floor.toFixed(2)})`);
  const ahead = r.rtt.kkgen < r.rtt.peer && r.gbps.kkgen > r.gbps.peer;
  goals.push(`  ${verdict(ahead)} ${child.name.padEnd(34)} ahead of the JSON-lines peer: round trip ${(r.rtt.peer / r.rtt.kkgen).toFixed(1)}x faster, bulk ${(r.gbps.kkgen / r.gbps.peer).toFixed(0)}x`);
}
console.log(`\nGoals (${RUNTIME}):`);
for (const g of goals) console.log(g);
process.exitCode = failed ? 1 : 0;
