// Builds the example worker into one deployable folder:
//   node examples/workers/build.mjs <out-dir> <geometry.wasm> <rules.wasm>
// `worker.js` (src/worker.ts and everything it imports, bundled and minified
// by esbuild; the generated files come from target/http/gen, see
// tsconfig.json) next to `geometry.wasm` and `rules.wasm`, byte-for-byte
// copies of the modules given: workerd loads them as `CompiledWasm` modules
// (wrangler's default rule for `*.wasm`). Run by `cargo xtask` (the shared
// step `workers`, xtask/src/shared.rs).
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const [out, geometry, rules] = process.argv.slice(2);
if (!out || !geometry || !rules) {
  console.error("usage: node examples/workers/build.mjs <out-dir> <geometry.wasm> <rules.wasm>");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
mkdirSync(out, { recursive: true });
copyFileSync(geometry, join(out, "geometry.wasm"));
copyFileSync(rules, join(out, "rules.wasm"));
await build({
  entryPoints: [join(here, "src/worker.ts")],
  outfile: join(out, "worker.js"),
  tsconfig: join(here, "tsconfig.json"),
  bundle: true,
  format: "esm",
  platform: "browser",
  conditions: ["workerd", "worker", "browser"],
  target: "es2022",
  minify: true,
  // The modules stay imports: workerd compiles them when it loads the worker.
  external: ["./geometry.wasm", "./rules.wasm"],
  logLevel: "warning",
});
