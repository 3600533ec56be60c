// Builds the example worker into one deployable folder:
//   node examples/workers/build.mjs <out-dir> <geometry.wasm> <rules.wasm>
// `worker.js` (src/worker.ts and everything it imports, bundled and minified
// by esbuild; the generated files come from target/http/gen, see
// tsconfig.json) next to `geometry.wasm` and `rules.wasm`, byte-for-byte
// copies of the modules given: workerd loads them as `CompiledWasm` modules
// (wrangler's default rule for `*.wasm`). Run by `cargo xtask` (the shared
// step `workers`, xtask/src/shared.rs). `bundleWorker` is the same build for
// any worker (suite `workers` also bundles its test worker with it).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Bundles the worker `entry` (TypeScript, type-checked separately) with its
 * `tsconfig` into `<out>/worker.js`, and copies each wasm module of `modules`
 * (`{ "name.wasm": path }`) to `<out>/name.wasm`, where the worker imports
 * it as `./name.wasm` (left an import: workerd compiles it when it loads the
 * worker).
 */
export async function bundleWorker({ entry, tsconfig, out, modules }) {
  mkdirSync(out, { recursive: true });
  for (const [name, path] of Object.entries(modules)) copyFileSync(path, join(out, name));
  await build({
    entryPoints: [entry],
    outfile: join(out, "worker.js"),
    tsconfig,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    minify: true,
    external: Object.keys(modules).map((name) => `./${name}`),
    logLevel: "warning",
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, geometry, rules] = process.argv.slice(2);
  if (!out || !geometry || !rules) {
    console.error("usage: node examples/workers/build.mjs <out-dir> <geometry.wasm> <rules.wasm>");
    process.exit(2);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  await bundleWorker({
    entry: join(here, "src/worker.ts"),
    tsconfig: join(here, "tsconfig.json"),
    out,
    modules: { "geometry.wasm": geometry, "rules.wasm": rules },
  });
}
