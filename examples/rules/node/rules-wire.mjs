// A tiny, independent encoder/decoder for the frames of examples/rules/rules.kkidl,
// written by hand from docs/wire.md so the node tests check the generated Go
// codecs against a second implementation (not against themselves).

/** FNV-1a 32-bit with the top bit cleared (docs/wire.md §4.1). */
export function hashId(s) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h & 0x7fffffff;
}

export const OP = {
  validateOrder: hashId("rules.v1.Rules.validate_order"),
  checkParameters: hashId("rules.v1.Rules.check_parameters"),
  ping: hashId("rules.v1.Rules.ping"),
  exchange: hashId("rules.v1.Rules.exchange"),
};
export const ERR = {
  InvalidOrder: hashId("rules.v1.InvalidOrder"),
  LimitExceeded: hashId("rules.v1.LimitExceeded"),
};
export const SYS = { unknown_op: 1, decode: 2, trap: 3, internal: 9, bad_frame: 10, too_large: 7 };
export const CURRENCY = { Eur: 0, Usd: 1, Gbp: 2 };

/** Little-endian byte writer; `pos` in the payload is `len - 16`. */
class Out {
  constructor() { this.bytes = []; }
  u8(v) { this.bytes.push(v & 0xff); }
  u32(v) { for (let i = 0; i < 4; i++) this.u8(v >>> (8 * i)); }
  i64(v) { let x = BigInt.asUintN(64, BigInt(v)); for (let i = 0; i < 8; i++) { this.u8(Number(x & 0xffn)); x >>= 8n; } }
  f32(v) { const b = new Uint8Array(new Float32Array([v]).buffer); for (const x of b) this.u8(x); }
  str(s) { const b = new TextEncoder().encode(s); this.u32(b.length); for (const x of b) this.u8(x); }
  /** A struct: u32 body_len, then the body written by fn. */
  struct(fn) { const at = this.bytes.length; this.u32(0); fn(); const len = this.bytes.length - at - 4; this.patch(at, len); }
  patch(at, v) { for (let i = 0; i < 4; i++) this.bytes[at + i] = (v >>> (8 * i)) & 0xff; }
  /** f32[]: count, zero padding to 4 relative to the payload start, data. */
  f32s(values) { this.u32(values.length); while ((this.bytes.length - 16) % 4) this.u8(0); for (const v of values) this.f32(v); }
}

/** A call frame: header + payload written by fn (the params struct). */
export function callFrame(callId, opId, fn) {
  const o = new Out();
  o.u8(1); o.u8(1); o.u8(0); o.u8(0); o.u32(callId); o.u32(opId); o.u32(0);
  o.struct(() => fn?.(o));
  o.patch(12, o.bytes.length - 16);
  return Uint8Array.from(o.bytes);
}

/** Writes an `Order` value. */
export function writeOrder(o, order) {
  o.struct(() => {
    o.str(order.id);
    o.str(order.customer);
    o.u32(CURRENCY[order.currency]);
    o.u32(order.items.length);
    for (const it of order.items) o.struct(() => { o.str(it.sku); o.u32(it.quantity); o.i64(it.unit_price_cents); });
    if (order.coupon == null) o.u8(0); else { o.u8(1); o.str(order.coupon); }
  });
}

export const validateOrderCall = (callId, order) => callFrame(callId, OP.validateOrder, (o) => writeOrder(o, order));
export const checkParametersCall = (callId, samples, low, high) =>
  callFrame(callId, OP.checkParameters, (o) => { o.f32s(samples); o.f32(low); o.f32(high); });
export const pingCall = (callId) => callFrame(callId, OP.ping);
export const exchangeCall = (callId, cents, from, to) => callFrame(callId, OP.exchange, (o) => { o.i64(cents); o.u32(from); o.u32(to); });
/** The scalar fast export of an op (docs/abi.md §1.4): `kk_op_<id as 8 hex digits>`. */
export const fastExport = (opId) => `kk_op_${opId.toString(16).padStart(8, "0")}`;

/** Little-endian reader over one payload; `pos` counts from the payload start. */
class In {
  constructor(bytes) { this.b = bytes; this.v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength); this.pos = 0; }
  u8() { return this.b[this.pos++]; }
  u32() { const v = this.v.getUint32(this.pos, true); this.pos += 4; return v; }
  i64() { const v = this.v.getBigInt64(this.pos, true); this.pos += 8; return v; }
  f32() { const v = this.v.getFloat32(this.pos, true); this.pos += 4; return v; }
  f64() { const v = this.v.getFloat64(this.pos, true); this.pos += 8; return v; }
  str() { const n = this.u32(); const s = new TextDecoder("utf-8", { fatal: true }).decode(this.b.subarray(this.pos, this.pos + n)); this.pos += n; return s; }
  struct(fn) { const len = this.u32(); const end = this.pos + len; const v = fn(); this.pos = end; return v; }
  u32s() { const n = this.u32(); while (this.pos % 4) this.pos++; const out = []; for (let i = 0; i < n; i++) out.push(this.u32()); return out; }
}

/** Parses one answer frame into `{ callId, opId, kind, ok?, error? }`. */
export function parseAnswer(frame, decodeOk) {
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const head = { version: frame[0], kind: frame[1], callId: v.getUint32(4, true), opId: v.getUint32(8, true), payloadLen: v.getUint32(12, true) };
  const payload = frame.subarray(16, 16 + head.payloadLen);
  const r = new In(payload);
  if (head.kind === 2) return { ...head, ok: decodeOk ? decodeOk(r) : payload };
  if (head.kind !== 3) throw new Error(`unexpected frame kind ${head.kind}`);
  const cls = r.u8();
  if (cls === 1) return { ...head, error: { system: r.u32(), message: r.str() } };
  const id = r.u32();
  if (id === ERR.InvalidOrder) return { ...head, error: { InvalidOrder: r.struct(() => ({ field: r.str(), reason: r.str() })) } };
  if (id === ERR.LimitExceeded) return { ...head, error: { LimitExceeded: r.struct(() => ({ what: r.str(), limit: r.i64(), actual: r.i64() })) } };
  return { ...head, error: { unknownTyped: id } };
}

export const readQuote = (r) => r.struct(() => ({
  order_id: r.str(), currency: r.u32(), subtotal_cents: r.i64(), discount_cents: r.i64(), total_cents: r.i64(),
  warnings: Array.from({ length: r.u32() }, () => r.str()),
}));
export const readReport = (r) => r.struct(() => ({
  count: r.u32(), mean: r.f64(), minimum: r.f32(), maximum: r.f32(), out_of_range: r.u32s(),
}));

/** Splits a byte stream into frames (each 16 + payload_len bytes); returns [frames, rest]. */
export function splitFrames(buf) {
  const frames = [];
  let at = 0;
  while (buf.length - at >= 16) {
    const len = 16 + new DataView(buf.buffer, buf.byteOffset + at, 16).getUint32(12, true);
    if (buf.length - at < len) break;
    frames.push(buf.slice(at, at + len));
    at += len;
  }
  return [frames, buf.subarray(at)];
}
