// The peers benchmark in headless Chromium: run.mjs opens page.html and calls
// `window.peers.run(manifest, opts)`; the variants' bundles and modules are
// fetched from the repository root (tests/browser/server.mjs).
import { runAll } from "./core.mjs";

const fromRoot = (path) => new URL(`/${path}`, location.origin);

window.peers = {
  /** Loads, checks and times every variant (core.mjs `runAll`); resolves with plain data. */
  run(manifest, opts) {
    return runAll(manifest, opts, {
      readFile: async (path) => new Uint8Array(await (await fetch(fromRoot(path))).arrayBuffer()),
      importBundle: (path) => import(fromRoot(path).href),
      now: () => performance.now(),
      gc: typeof globalThis.gc === "function" ? () => globalThis.gc() : undefined,
    });
  },
};
window.peersReady = true;
