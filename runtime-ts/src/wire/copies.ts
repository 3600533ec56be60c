/**
 * A count of the copies of call and answer data this runtime makes: each
 * typed buffer a {@link Writer} writes, each typed buffer a {@link Reader}
 * copies out (not a view), each frame the wasm host copies into or out of
 * linear memory for another thread. Tests compare it before and after a call
 * to prove how many copies of the bulk data one call costs (docs/runtime-ts.md
 * §copies); it is one increment per copy, nothing else.
 * @module
 */

/** The running count (module state, per JS realm: a worker has its own). */
const copies = { count: 0 };

/** Counts one copy. */
export function countCopy(): void {
  copies.count++;
}

/** How many copies this realm's runtime has made so far (see the module doc). */
export function copyCount(): number {
  return copies.count;
}
