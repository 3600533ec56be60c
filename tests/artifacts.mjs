// Paths of the artifacts `cargo xtask test` builds, from the one file it
// records them in, target/kk-artifacts.json (keys: xtask/src/artifacts.rs).
// A missing file or key is an error, never a skipped test.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const FILE = fileURLToPath(new URL("../target/kk-artifacts.json", import.meta.url));

/** The absolute path recorded under `key`; throws when it was not built. */
export function artifact(key) {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(FILE, "utf8"));
  } catch (e) {
    throw new Error(`${FILE}: ${e.message} (cargo xtask test builds the artifacts and writes it)`);
  }
  const path = recorded[key];
  if (typeof path !== "string") throw new Error(`${FILE} has no "${key}" (cargo xtask test builds it)`);
  return path;
}
