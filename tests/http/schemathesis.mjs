// Schemathesis against the running routes (`cargo xtask test http`, its own step; docs/http.md
// §9): the generated routes of geometry (Rust) and rules (Go) over the direct transport, served by
// @hono/node-server on 127.0.0.1, each fuzzed from the OpenAPI document it serves with the checks
// not_a_server_error (no 5xx on any generated input), response_schema_conformance and
// status_code_conformance (every answer is one the document lists, in the shape it gives), positive
// and negative inputs. Bounded: --max-examples per operation, a fixed seed (the same cases every
// run), and a deadline per service after which schemathesis is killed and the step fails. The
// events route (SSE, docs/http.md §8) is left out: a stream, not an answer.
// Schemathesis is installed by scripts/setup-http.sh (target/schemathesis/venv). Prints node's TAP
// summary (one test per service), which the runner counts.
//
// Environment: KK_SCHEMATHESIS_EXAMPLES (25), KK_SCHEMATHESIS_SEED (1).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { artifact } from "../artifacts.mjs";
import { listen } from "./listen.mjs";
import { createGeometryDirect } from "../../target/http/dist/geometry/index.js";
import { createGeometryRoutes } from "../../target/http/dist/geometry/routes.js";
import { createRulesDirect } from "../../target/http/dist/rules/index.js";
import { createRulesRoutes } from "../../target/http/dist/rules/routes.js";

const SCHEMATHESIS = fileURLToPath(new URL("../../target/schemathesis/venv/bin/schemathesis", import.meta.url));
const EXAMPLES = process.env.KK_SCHEMATHESIS_EXAMPLES ?? "25";
const SEED = process.env.KK_SCHEMATHESIS_SEED ?? "1";
const DEADLINE_MS = 240_000;
const CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance";

const SERVICES = [
  {
    name: "geometry",
    document: "/geo.v1/Geometry/openapi.json",
    app: () => createGeometryRoutes(createGeometryDirect(readFileSync(`${artifact("geometry_dist")}/unknown/geometry_service.wasm`))),
  },
  {
    name: "rules",
    document: "/rules.v1/Rules/openapi.json",
    app: () => createRulesRoutes(createRulesDirect(readFileSync(artifact("rules_reactor_wasm")))),
  },
];

/** Runs schemathesis against `origin` + `document`; resolves with its exit code and output. */
function schemathesis(origin, document) {
  const args = [
    "run",
    `${origin}${document}`,
    "--url",
    origin,
    "--checks",
    CHECKS,
    "--max-examples",
    EXAMPLES,
    "--seed",
    SEED,
    "--workers",
    "1",
    "--phases",
    "examples,coverage,fuzzing",
    "--request-timeout",
    "10",
    // The SSE route is a stream that does not end: not a request/response to fuzz (and without an
    // event hub the routes answer it 404, which the document does not list: reported to HONO).
    "--exclude-path-regex",
    "/events$",
    "--generation-database",
    "none",
    "--no-color",
  ];
  return new Promise((resolve) => {
    // In its own folder: what it keeps of a failure (`st replay`) stays out of the work tree.
    const cwd = fileURLToPath(new URL("../../target/schemathesis/", import.meta.url));
    const child = spawn(SCHEMATHESIS, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(killed: no result after ${DEADLINE_MS / 1000} s)`;
      child.kill("SIGKILL");
    }, DEADLINE_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

/** The lines of schemathesis's summary that say how much it tested. */
function summary(output) {
  return output.split("\n").filter((l) => /Tested: |generated, |Schema validation mismatch|Seed: /.test(l)).map((l) => l.trim());
}

if (!existsSync(SCHEMATHESIS)) {
  console.error(`${SCHEMATHESIS} is missing: run scripts/setup-http.sh`);
  process.exit(1);
}
let pass = 0;
let fail = 0;
for (const [i, service] of SERVICES.entries()) {
  const server = await listen(service.app());
  const started = Date.now();
  let result;
  try {
    result = await schemathesis(server.url, service.document);
  } finally {
    await server.close();
  }
  const label = `schemathesis ${service.name}: ${CHECKS}, ${EXAMPLES} examples per operation, seed ${SEED}`;
  if (result.code === 0) {
    pass++;
    console.log(`ok ${i + 1} - ${label} (${Date.now() - started} ms)`);
    for (const line of summary(result.output)) console.log(`  ${line}`);
  } else {
    fail++;
    console.log(`not ok ${i + 1} - ${label} (exit ${result.code})`);
    console.log(`  ${result.output.trim().split("\n").join("\n  ")}`);
  }
}
console.log(`# tests ${SERVICES.length}\n# pass ${pass}\n# fail ${fail}`);
process.exitCode = fail === 0 ? 0 : 1;
