// Variant C: jco's transpiled component (`--instantiation async`), its core
// modules compiled from `files` (keyed by file name).
import { instantiate } from "../../../../target/peers/jco/peers.js";

/** Instantiates the component and returns its exports. */
export async function load(files) {
  return instantiate((name) => {
    const bytes = files[name];
    if (!bytes) throw new Error(`jco asked for ${name}, not built`);
    return WebAssembly.compile(bytes);
  }, {});
}
