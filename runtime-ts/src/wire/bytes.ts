/**
 * Little-endian 32-bit loads and stores on a `Uint8Array`, by bytes: no
 * `DataView` to allocate, which matters where every call touches a fresh
 * buffer (frame headers, small payloads). Shared by the reader, the writer
 * and the frame module.
 */

/** The unsigned 32-bit integer at `at` of `b` (the caller checked `at + 4 <= b.length`). */
export function loadU32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

/** Stores the low 32 bits of `v` at `at` of `b`. */
export function storeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v;
  b[at + 1] = v >>> 8;
  b[at + 2] = v >>> 16;
  b[at + 3] = v >>> 24;
}
