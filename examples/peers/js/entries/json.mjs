// Variant D: wasm-bindgen's glue (--target web) of the JSON-boundary crate.
import init, * as exports from "../../../../target/peers/json/peers_json.js";

/** Instantiates the module in `files` and returns the glue's exports. */
export async function load(files) {
  await init({ module_or_path: Object.values(files)[0] });
  return exports;
}
