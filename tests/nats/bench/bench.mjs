// `cargo xtask bench nats` (docs/nats.md "Benchmark"): kkrpc over NATS for TS
// (node), Rust and Go clients, each next to its floor and its peer measured in
// the same run, against one nats-server on 127.0.0.1 (free port, max_payload
// 8 MiB so the JSON peer's 256 KiB buffer fits).
//
// Ops: `ping` (small: no arguments, no result) and `check_parameters` of
// 65,536 f32 (256 KiB; a scan, negligible next to the transport) of the rules
// service. Servers: TS row → the rules wasm module under serveNats in node
// (tests/nats/serve-wasm.mjs); Rust and Go rows → the Go rules service
// (rulesnats -prefix go). Per row, in the client's language and library, to
// responders in the server's language (TS row: node; Rust and Go rows: Go):
// - floor: a raw request/reply with the kkgen frames' byte counts (request =
//   the call frame's length, reply = the answer frame's length, measured here
//   by watching one call of each op) to an echo responder;
// - peer: the same op as JSON (the samples as a JSON array of numbers) to a
//   responder that parses it, does the same scan and answers JSON.
// Latency: sequential calls (p50, p99); throughput: calls/s with 16 in flight;
// each figure is the median of 5 interleaved batches (ts-row.mjs,
// tests/nats/rust/examples/nats_bench.rs, runtime-go/natsrpc/internal/bench).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { connect } from "@nats-io/transport-node";
import { connectNats } from "@kkgen/runtime";
import { artifact } from "../../artifacts.mjs";
import { startNatsServer } from "../nats-server.mjs";
import { createRulesClient, RulesDescriptor } from "../../../target/stdio/dist/rules/index.js";
import { samples } from "./ts-row.mjs";

const ROOT = new URL("../../../", import.meta.url).pathname;
const RUST_BENCH = `${ROOT}target/release/examples/nats-bench`;
const GO_BENCH = `${ROOT}target/nats/nats-bench`;
const TS_ROW = `${ROOT}tests/nats/bench/ts-row.mjs`;

const children = [];

/** Spawns a process that prints `ready...` once serving and serves until its stdin ends. */
function startServing(cmd, args) {
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => (line.startsWith("ready") ? resolve(child) : reject(new Error(`${cmd} said ${line}`))));
    child.once("exit", (code) => reject(new Error(`${cmd} ${args.join(" ")} ended (${code}) before ready`)));
  });
}

/** Runs a row's client; resolves to its JSON figures. */
function runRow(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`${cmd} ${args.join(" ")} failed (${code})`))));
  });
}

/** Ends the serving children (stdin closed, then SIGKILL after 3 s) and waits for them. */
async function endChildren() {
  await Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const kill = setTimeout(() => c.kill("SIGKILL"), 3000);
          c.once("exit", () => (clearTimeout(kill), resolve()));
          c.stdin?.end();
          if (!c.stdin) c.kill("SIGTERM");
        }),
    ),
  );
}

/** The byte counts of one ping and one check_parameters call frame and their answer frames. */
async function frameSizes(url) {
  const watch = await connect({ servers: url });
  const sizes = [];
  watch.subscribe("rules.v1.Rules.*", { callback: (_e, m) => sizes.push(m.data.length) });
  watch.subscribe("_INBOX.>", { callback: (_e, m) => sizes.push(m.data.length) });
  await watch.flush();
  const nc = await connect({ servers: url });
  const rules = createRulesClient(connectNats(nc, { descriptor: RulesDescriptor }));
  await rules.ping();
  await watch.flush();
  await rules.checkParameters(samples(), 0, 1000);
  await watch.flush();
  await nc.close();
  await watch.close();
  if (sizes.length !== 4) throw new Error(`watched ${sizes.length} messages, not 4: ${sizes}`);
  return sizes;
}

const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

function printRow(lang, server, figures) {
  console.log(`\n${lang} client → ${server}`);
  console.log(`  ${"op".padEnd(22)} ${"variant".padEnd(8)} ${"p50 µs".padStart(9)} ${"p99 µs".padStart(9)} ${"calls/s".padStart(9)}   (16 in flight)`);
  const goals = [];
  for (const [op, label] of [["small", "ping"], ["buffer", "check_parameters 256K"]]) {
    for (const v of ["kkgen", "floor", "json", "kkgo"]) {
      const f = figures[`${v}.${op}`];
      if (!f) continue;
      console.log(`  ${(v === "kkgen" ? label : "").padEnd(22)} ${v.padEnd(8)} ${fmt(f.p50, 1).padStart(9)} ${fmt(f.p99, 1).padStart(9)} ${fmt(f.rps).padStart(9)}`);
    }
    const kk = figures[`kkgen.${op}`];
    const floor = figures[`floor.${op}`];
    const json = figures[`json.${op}`];
    const latRatio = kk.p50 / floor.p50;
    const thrRatio = floor.rps / kk.rps;
    const floorMet = latRatio <= 1.2 && thrRatio <= 1.2;
    const jsonMet = kk.p50 < json.p50 && kk.rps > json.rps;
    goals.push(`  goal ${lang} ${label}: <= 1.2x the raw floor (p50 ${latRatio.toFixed(2)}x, calls/s ${thrRatio.toFixed(2)}x): ${floorMet ? "MET" : "MISSED"}`);
    goals.push(`  goal ${lang} ${label}: ahead of JSON (p50 ${(json.p50 / kk.p50).toFixed(2)}x faster, calls/s ${(kk.rps / json.rps).toFixed(2)}x): ${jsonMet ? "MET" : "MISSED"}`);
  }
  if (figures["kkgo.small"]) console.log("  (kkgo: the same TS client against the Go rules service, the client's share; not a goal row)");
  for (const g of goals) console.log(g);
}

const server = await startNatsServer({ maxPayload: 8 * 1024 * 1024 });
try {
  const url = server.url;
  await Promise.all([
    startServing(process.execPath, [`${ROOT}tests/nats/serve-wasm.mjs`, url, "rules", artifact("rules_reactor_wasm")]),
    startServing(artifact("rules_nats"), ["-prefix", "go", url]),
    startServing(process.execPath, [TS_ROW, "serve", url]),
    startServing(GO_BENCH, ["serve", url]),
  ]);
  const lens = (await frameSizes(url)).map(String);
  console.log(`nats-server ${url} (max_payload 8 MiB); frames: ping call ${lens[0]} B / answer ${lens[1]} B, check_parameters call ${lens[2]} B / answer ${lens[3]} B`);
  console.log("floor = raw request/reply of those byte counts to an echo responder; json = the op as JSON to a JSON responder; same client library and language, responders in the kkgen server's language (TS row: node; Rust and Go rows: Go)");
  console.log("latency: sequential calls; calls/s: 16 in flight; median of 5 interleaved batches");
  printRow("TS (node)", "rules module under serveNats (node)", await runRow(process.execPath, [TS_ROW, "run", url, ...lens]));
  printRow("Rust", "Go rules service (rulesnats)", await runRow(RUST_BENCH, ["run", url, ...lens]));
  printRow("Go", "Go rules service (rulesnats)", await runRow(GO_BENCH, ["run", url, ...lens]));
} finally {
  await endChildren();
  await server.stop();
}
