// The TS (node) row of `cargo xtask bench nats` (driven by bench.mjs, docs/nats.md "Benchmark"):
//
//   node tests/nats/bench/ts-row.mjs serve URL
//   node tests/nats/bench/ts-row.mjs run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER
//
// `serve` runs the TS floor and peer responders on @nats-io/transport-node:
// bench.ts.echo.<n> replies the first n bytes of the request (zeros past its
// end), bench.ts.json.ping and bench.ts.json.check parse the JSON request and
// answer JSON; prints `ready` and serves until stdin ends. `run` calls the
// rules module served by serveNats (tests/nats/serve-wasm.mjs) through the
// generated TS client over connectNats (ping, checkParameters of 65,536 f32),
// the raw request/reply of the kkgen frames' byte counts and the JSON
// requests, in interleaved batches, and prints one JSON line; `kkgo.*` is the
// same client against the Go rules service (rulesnats -prefix go), not a goal row.
import process from "node:process";
import { connect } from "@nats-io/transport-node";
import { connectNats } from "@kkgen/runtime";
import { createRulesClient, RulesDescriptor } from "../../../target/stdio/dist/rules/index.js";

/** Samples in the buffer op: 256 KiB of f32. */
export const SAMPLES = 65_536;
const IN_FLIGHT = 16;
const BATCHES = 5;
const TIMEOUT = { timeout: 30_000 };

/** The bench's samples: exact in f32 and short in JSON. */
export function samples() {
  const s = new Float32Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) s[i] = (i % 1000) / 8;
  return s;
}

/** The JSON peer's answer: ParameterReport's fields. */
function check({ samples, low, high }) {
  let sum = 0;
  const outOfRange = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (!(s >= low && s <= high)) outOfRange.push(i);
    sum += s;
  }
  return { count: samples.length, out_of_range: outOfRange, mean: samples.length ? sum / samples.length : 0 };
}

async function serve(url) {
  const nc = await connect({ servers: url });
  nc.subscribe("bench.ts.echo.*", {
    callback: (_err, m) => {
      const n = Number(m.subject.slice(m.subject.lastIndexOf(".") + 1));
      let reply = m.data;
      if (n <= reply.length) reply = reply.subarray(0, n);
      else (reply = new Uint8Array(n)).set(m.data);
      m.respond(reply);
    },
  });
  nc.subscribe("bench.ts.json.*", {
    callback: (_err, m) => {
      const request = JSON.parse(m.string());
      m.respond(m.subject.endsWith(".ping") ? "{}" : JSON.stringify(check(request)));
    },
  });
  await nc.flush();
  console.log("ready");
  process.stdin.on("data", () => {});
  process.stdin.on("end", async () => {
    await nc.close();
    process.exit(0);
  });
}

/** p50, p99 (µs) of `latN` sequential calls and calls/s of `thrN` calls at IN_FLIGHT. */
async function measure(call, latN, thrN) {
  const lat = [];
  for (let i = 0; i < latN; i++) {
    const t = process.hrtime.bigint();
    await call();
    lat.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  lat.sort((a, b) => a - b);
  const per = Math.floor(thrN / IN_FLIGHT);
  const t = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let i = 0; i < per; i++) await call();
    }),
  );
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  return { p50: lat[lat.length >> 1], p99: lat[Math.min(lat.length - 1, Math.floor((lat.length * 99) / 100))], rps: (per * IN_FLIGHT) / secs };
}

const median = (v) => v.sort((a, b) => a - b)[v.length >> 1];

async function run(url, [smallCall, smallAnswer, bufCall, bufAnswer]) {
  const nc = await connect({ servers: url });
  const rules = createRulesClient(connectNats(nc, { descriptor: RulesDescriptor, timeoutMs: 30_000 }));
  // Not a goal row: the same client against the Go rules service, which separates the client's
  // cost from that of the wasm module hosted by serveNats.
  const goRules = createRulesClient(connectNats(nc, { descriptor: RulesDescriptor, prefix: "go", timeoutMs: 30_000 }));
  const s = samples();
  const jsonSamples = Array.from(s);
  const smallBytes = new Uint8Array(smallCall);
  const bufBytes = new Uint8Array(bufCall);
  const variants = [
    ["kkgen.small", () => rules.ping(), 400, 3200],
    ["floor.small", () => nc.request(`bench.ts.echo.${smallAnswer}`, smallBytes, TIMEOUT), 400, 3200],
    ["json.small", async () => JSON.parse((await nc.request("bench.ts.json.ping", "{}", TIMEOUT)).string()), 400, 3200],
    ["kkgo.small", () => goRules.ping(), 400, 3200],
    ["kkgen.buffer", () => rules.checkParameters(s, 0, 1000), 40, 160],
    ["kkgo.buffer", () => goRules.checkParameters(s, 0, 1000), 40, 160],
    ["floor.buffer", () => nc.request(`bench.ts.echo.${bufAnswer}`, bufBytes, TIMEOUT), 40, 160],
    [
      "json.buffer",
      async () => {
        const body = JSON.stringify({ samples: jsonSamples, low: 0, high: 1000 });
        return JSON.parse((await nc.request("bench.ts.json.check", body, TIMEOUT)).string());
      },
      40,
      160,
    ],
  ];
  for (const [, call] of variants) await measure(call, 20, IN_FLIGHT * 4); // warm-up
  const all = variants.map(() => []);
  for (let b = 0; b < BATCHES; b++) {
    for (const [i, [, call, latN, thrN]] of variants.entries()) all[i].push(await measure(call, latN, thrN));
  }
  const out = {};
  for (const [i, [name]] of variants.entries()) {
    out[name] = Object.fromEntries(["p50", "p99", "rps"].map((k) => [k, median(all[i].map((f) => f[k]))]));
  }
  console.log(JSON.stringify(out));
  await nc.close();
}

const [mode, url, ...rest] = process.argv.slice(2);
if (mode === "serve" && url) await serve(url);
else if (mode === "run" && url && rest.length === 4) await run(url, rest.map(Number));
else if (process.argv[1]?.endsWith("ts-row.mjs")) {
  console.error("usage: ts-row.mjs serve URL | run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER");
  process.exit(2);
}
