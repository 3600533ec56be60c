// Prints each file's size raw / gzip / brotli (node's zlib, best compression):
//   node scripts/wasm-sizes.mjs <file.wasm>...
// or the size goal table of a baseline and a service module, and the raw bytes
// the service adds (`glue-bytes N`, read by xtask/src/wasm_rust.rs):
//   node scripts/wasm-sizes.mjs --goal <baseline.wasm> <service.wasm>
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** Sizes in bytes of one file: raw, gzip -9, brotli q11. */
export function sizes(path) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: raw.length, gz, br };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const args = process.argv.slice(2);
  if (args[0] === "--goal") {
    const b = sizes(args[1]);
    const t = sizes(args[2]);
    const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
    console.log("size goal (wasm32-unknown-unknown, wasm-opt -Oz)    raw       gzip      brotli");
    console.log("  baseline (wasm-bindgen add)           ", kb(b.raw), kb(b.gz), kb(b.br));
    console.log("  trivial kkrpc service                 ", kb(t.raw), kb(t.gz), kb(t.br));
    console.log("  glue added                            ", kb(t.raw - b.raw), kb(t.gz - b.gz), kb(t.br - b.br));
    console.log("glue-bytes", t.raw - b.raw);
  } else {
    const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
    console.log(`${"file".padEnd(60)} ${"raw".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`);
    for (const f of args) {
      const s = sizes(f);
      console.log(`${f.padEnd(60)} ${kb(s.raw)} ${kb(s.gz)} ${kb(s.br)}`);
    }
  }
}
