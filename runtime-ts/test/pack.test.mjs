// @kkgen/runtime as a user gets it (docs/runtime-ts.md, "Depending on
// @kkgen/runtime"): `npm pack` of runtime-ts, `npm install <tarball>` into a
// fresh project outside the checkout (offline: both tarballs are local), then a
// consumer that imports it, type-checks with tsc --strict without
// @types/node and with skipLibCheck off, against the service scenario's
// generated client, and calls the scenario's module directly from a file
// path. Packs the copy of runtime-ts's package.json, src and the dist that
// `tsc -p runtime-ts` built in this run (`--ignore-scripts`: `prepack`
// would rebuild dist, which other tests read meanwhile).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FIXTURE_WASM } from "./fixture.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const NPM_QUIET = ["--offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** Runs `command` in `cwd`; returns its stdout (throws with its stderr and stdout when it fails). */
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    throw new Error(`${command} ${args.join(" ")} in ${cwd} failed:\n${e.stderr}\n${e.stdout}`);
  }
}

test("npm pack → npm install <tarball> outside the checkout → a consumer type-checks (no @types/node) and calls a module", () => {
  const work = mkdtempSync(join(tmpdir(), "kkgen-pack-"));
  try {
    // The package as `npm pack` sees it.
    const pkg = join(work, "runtime-ts");
    for (const part of ["package.json", "src", "dist"]) cpSync(join(ROOT, "runtime-ts", part), join(pkg, part), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) {
      assert.equal(manifest.scripts?.[hook], undefined, `no ${hook} script: a consumer's install runs nothing (dist is built by prepack)`);
    }
    assert.match(manifest.scripts?.prepack ?? "", /tsc/, "npm pack builds dist");
    run("npm", ["pack", "--ignore-scripts", "--pack-destination", work, ...NPM_QUIET], pkg);
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz")));
    assert.match(tarball, /kkgen-runtime-\d+\.\d+\.\d+\.tgz$/);

    // A fresh project: the tarball and hono (the peer @kkgen/runtime/http needs), nothing else.
    const app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // hono as a tarball packed from the checkout's node_modules (the version the
    // peer range pins): installing `hono@<version>` by name needs its registry
    // metadata in npm's cache, which `npm ci` (lockfile only) never fetched.
    const honoDir = join(ROOT, "node_modules", "hono");
    assert.equal(JSON.parse(readFileSync(join(honoDir, "package.json"), "utf8")).version, manifest.peerDependencies.hono, "the checkout's hono is the peer's version");
    const honoTarball = join(work, run("npm", ["pack", "--ignore-scripts", "--pack-destination", work, ...NPM_QUIET, honoDir], work).trim().split("\n").pop());
    run("npm", ["install", ...NPM_QUIET, tarball, honoTarball], app);
    const installed = readdirSync(join(app, "node_modules", "@kkgen", "runtime", "dist"));
    assert.ok(installed.includes("index.js") && installed.includes("index.d.ts"), "dist with declarations");
    assert.deepEqual(readdirSync(join(app, "node_modules")).filter((d) => d === "@types" || d === "typescript" || d === "zod"), [], "no @types/node, typescript or other peer came along");

    // The consumer: the scenario's generated client and a call from a file path.
    cpSync(join(ROOT, "target/service/fixture/ts"), join(app, "gen"), { recursive: true });
    writeFileSync(join(app, "module-path.ts"), `export const WASM = ${JSON.stringify(FIXTURE_WASM)};\n`);
    writeFileSync(
      join(app, "main.ts"),
      `import { connectDirect, SystemError } from "@kkgen/runtime";
import { createFixtureClient } from "./gen/index.js";
import { WASM } from "./module-path.js";

const api = createFixtureClient(connectDirect(WASM));
const sum: number = await api.add(40, 2);
const scaled = Array.from(await api.scale(Float32Array.of(1, 2), 3));
const wrong = await api.scale([1] as unknown as Float32Array, 2).then(() => "resolved", (e: unknown) => (e instanceof SystemError ? e.code : String(e)));
console.log(JSON.stringify({ sum, scaled, wrong }));
`,
    );
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], types: [], module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: false, noEmitOnError: true, outDir: "dist" },
        include: ["main.ts", "module-path.ts", "gen/**/*.ts"],
      }),
    );
    run(process.execPath, [TSC, "-p", "."], app);
    assert.deepEqual(JSON.parse(run(process.execPath, ["dist/main.js"], app)), { sum: 42, scaled: [3, 6], wrong: "decode" });

    // @kkgen/runtime/http imports without the optional datastar SDK; only the event hub asks for it.
    const http = `import("@kkgen/runtime/http").then((m) => { try { m.createEventHub(); console.log("no error"); } catch (e) { console.log(e.message); } })`;
    assert.match(run(process.execPath, ["--input-type=module", "-e", http], app), /createEventHub\) needs the peer dependency @starfederation\/datastar-sdk/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
