// Prints each file's size raw / gzip / brotli (node's zlib, best compression).
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

/** Sizes in bytes of one file: raw, gzip -9, brotli q11. */
export function sizes(path) {
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: raw.length, gz, br };
}

const kb = (n) => (n / 1024).toFixed(1).padStart(8) + " KB";
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  console.log(`${"file".padEnd(60)} ${"raw".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`);
  for (const f of process.argv.slice(2)) {
    const s = sizes(f);
    console.log(`${f.padEnd(60)} ${kb(s.raw)} ${kb(s.gz)} ${kb(s.br)}`);
  }
}
