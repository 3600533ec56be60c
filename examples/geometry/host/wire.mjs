// Just enough of the wire format (docs/wire.md) to drive the geometry module
// (and the bindgen_kinds fixture) from node tests without any generated code:
// op and error ids, a payload writer, frames, and readers for the payloads;
// and `thrown`, for the tests of thrown errors.

/** FNV-1a 32 with the top bit cleared (docs/wire.md §4.1). */
export function hashId(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/** The op id of `geo.v1.Geometry.<name>`. */
export const op = (name) => hashId(`geo.v1.Geometry.${name}`);

/** The wire ids of the geometry errors. */
export const ERR = { InvalidParams: hashId("geo.v1.InvalidParams"), UnknownModel: hashId("geo.v1.UnknownModel") };

/** A tiny payload writer (docs/wire.md §3). */
export class W {
  bytes = [];
  u32(v) { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); this.bytes.push(...b); return this; }
  i32(v) { const b = new Uint8Array(4); new DataView(b.buffer).setInt32(0, v, true); this.bytes.push(...b); return this; }
  f64(v) { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, v, true); this.bytes.push(...b); return this; }
  string(s) { const e = new TextEncoder().encode(s); this.u32(e.length); this.bytes.push(...e); return this; }
  struct(fill) { const inner = new W(); fill(inner); this.u32(inner.bytes.length); this.bytes.push(...inner.bytes); return this; }
  union(tag, fill) { const inner = new W(); fill(inner); this.u32(tag).u32(inner.bytes.length); this.bytes.push(...inner.bytes); return this; }
  f32s(arr) { this.u32(arr.length); while (this.bytes.length % 4) this.bytes.push(0); this.bytes.push(...new Uint8Array(new Float32Array(arr).buffer)); return this; }
  done() { return Uint8Array.from(this.bytes); }
}

/** `Shape::Sphere { radius }` as a top-level value. */
export const sphere = (radius) => new W().union(1, (u) => u.struct((s) => s.f64(radius))).done();
/** `Shape::Torus { major, minor }` as a top-level value. */
export const torus = (major, minor) => new W().union(2, (u) => u.struct((s) => s.f64(major).f64(minor))).done();

/** A complete frame: 16-byte header (version 1) then `payload`. */
export function frame(kind, callId, opId, payload) {
  const out = new Uint8Array(16 + payload.length);
  const v = new DataView(out.buffer);
  out[0] = 1; out[1] = kind;
  v.setUint32(4, callId, true); v.setUint32(8, opId, true); v.setUint32(12, payload.length, true);
  out.set(payload, 16);
  return out;
}

/** `Bounds { min: Vec3, max: Vec3 }` from its encoding: body_len, then (body_len, x, y, z) twice. */
export function readBounds(bytes) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vec = (at) => [0, 1, 2].map((i) => v.getFloat32(at + 4 * i, true));
  return { min: vec(8), max: vec(24) };
}

/**
 * Sends one frame through the module ABI (docs/abi.md §1.1) of the raw
 * exports `ex`: kk_alloc, write, kk_call, read, kk_free. Returns the answer's
 * header fields, a copy of its payload (and a DataView of it), and the block
 * and response addresses.
 */
export function abiCall(ex, bytes, slack = 0) {
  const cap = bytes.length + slack;
  const ptr = ex.kk_alloc(cap) >>> 0;
  new Uint8Array(ex.memory.buffer, ptr, bytes.length).set(bytes);
  const rptr = ex.kk_call(ptr, cap) >>> 0;
  const h = new DataView(ex.memory.buffer, rptr, 16);
  const head = { kind: h.getUint8(1), callId: h.getUint32(4, true), opId: h.getUint32(8, true), len: h.getUint32(12, true) };
  const payload = new Uint8Array(ex.memory.buffer, rptr + 16, head.len).slice();
  ex.kk_free(rptr, 16 + head.len);
  return { ...head, payload, view: new DataView(payload.buffer), ptr, rptr };
}

/** Runs `f`, which must throw; returns what it threw. */
export function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
}
