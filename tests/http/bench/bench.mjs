// Load half of the HTTP benchmark (`cargo xtask bench http`): requests/s and latency of the service
// scenario's small op add(2, 3) as POST /kk.fixture.v1/Fixture/add through three contenders, each a
// node process of server.mjs on 127.0.0.1: the generated Hono routes + Zod + the direct transport
// (kkgen), the same Hono route returning a constant (floor) and a hand-written Hono + zod route
// calling the module's export raw_add (peer). autocannon (in process, here) loads one contender at
// a time in interleaved batches, so drift hits all alike; the verdicts are ratios of the median
// batch. A benchmark, not a test: exits 0 unless something failed to run or answered wrong.
// Bounded: every batch lasts BENCH_SECONDS.
//
// Environment: BENCH_BATCHES (15: fewer gave medians 0.65x..0.99x apart on this 2-core machine), BENCH_SECONDS (2), BENCH_CONNECTIONS (10).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";

const env = (name, fallback) => Number(process.env[name] ?? fallback);
const opts = {
  batches: env("BENCH_BATCHES", 15),
  seconds: env("BENCH_SECONDS", 2),
  connections: env("BENCH_CONNECTIONS", 10),
};
const PATH = "/kk.fixture.v1/Fixture/add";
const BODY = JSON.stringify({ a: 2, b: 3 });
const STARTUP_LIMIT_MS = 30_000;
const CONTENDERS = {
  kkgen: "generated routes + Zod + direct transport",
  peer: "hand-written Hono + zod route, raw_add",
  floor: "Hono route returning a constant",
};

/** Starts server.mjs `kind`; resolves with its origin and a `stop()`. */
function start(kind) {
  const child = spawn(process.execPath, [new URL("./server.mjs", import.meta.url).pathname, kind], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const stop = () => {
    child.stdin.end();
    return new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${kind}: not listening after ${STARTUP_LIMIT_MS / 1000} s`));
    }, STARTUP_LIMIT_MS);
    child.once("exit", (code) => reject(new Error(`${kind}: exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).once("line", (line) => {
      clearTimeout(timer);
      resolve({ origin: `http://127.0.0.1:${JSON.parse(line).port}`, stop });
    });
  });
}

/** One autocannon batch against `origin`. */
function load(origin, seconds) {
  return autocannon({
    url: origin + PATH,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: BODY,
    connections: opts.connections,
    duration: seconds,
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const servers = {};
let failed = false;
try {
  for (const kind of Object.keys(CONTENDERS)) servers[kind] = await start(kind);
  for (const [kind, s] of Object.entries(servers)) {
    const res = await fetch(s.origin + PATH, { method: "POST", headers: { "content-type": "application/json" }, body: BODY });
    const answer = await res.text();
    if (res.status !== 200 || answer !== "5") throw new Error(`${kind}: add(2, 3) answered ${res.status} ${answer}`);
  }
  console.log(`node ${process.version}, autocannon ${opts.connections} connections, ${opts.batches} interleaved batches of ${opts.seconds} s per contender, POST ${PATH} ${BODY}`);
  for (const s of Object.values(servers)) await load(s.origin, 1); // warm-up: the JIT tiers up
  const runs = Object.fromEntries(Object.keys(CONTENDERS).map((k) => [k, []]));
  for (let b = 0; b < opts.batches; b++) {
    for (const [kind, s] of Object.entries(servers)) {
      const r = await load(s.origin, opts.seconds);
      if (r.errors || r.timeouts || r.non2xx) {
        failed = true;
        console.log(`  ${kind}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers`);
      }
      runs[kind].push({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 });
    }
  }
  const med = {};
  console.log(`\n  ${"".padEnd(48)} ${"req/s".padStart(8)}  ${"p50 ms".padStart(6)} ${"p99 ms".padStart(6)}   slowest..fastest batch req/s`);
  for (const [kind, about] of Object.entries(CONTENDERS)) {
    const rs = runs[kind];
    med[kind] = { rps: median(rs.map((r) => r.rps)), p50: median(rs.map((r) => r.p50)), p99: median(rs.map((r) => r.p99)) };
    const spread = `${Math.min(...rs.map((r) => r.rps)).toFixed(0)}..${Math.max(...rs.map((r) => r.rps)).toFixed(0)}`;
    console.log(`  ${`${kind}: ${about}`.padEnd(48)} ${med[kind].rps.toFixed(0).padStart(8)}  ${String(med[kind].p50).padStart(6)} ${String(med[kind].p99).padStart(6)}   ${spread}`);
  }
  console.log("\nGoals (issue 13; median batch; latency at autocannon's 1 ms resolution):");
  const goal = (name, ratio, limit) =>
    console.log(`  ${(ratio >= limit ? "MET" : "MISSED").padEnd(6)} ${name.padEnd(66)} ${ratio.toFixed(2).padStart(5)}x  (goal ≥ ${limit}x)`);
  goal("req/s, generated routes / constant route (floor)", med.kkgen.rps / med.floor.rps, 0.8);
  goal("req/s, generated routes / hand-written Hono + zod route (peer)", med.kkgen.rps / med.peer.rps, 1);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
}
process.exitCode = failed ? 1 : 0;
