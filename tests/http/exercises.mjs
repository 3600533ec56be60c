// The generated routes of the two examples exercised over HTTP, the same wherever they are served
// (tests/http/http.test.mjs on node, bun and deno; tests/workers/workers.test.mjs in workerd):
// every op, typed errors, octet-stream in and out. What differs per server (a trap, instance
// counts) stays with its test.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { base64, errorOf, post, read, typedError } from "./answers.mjs";

/** A valid rules order: 4 × 250 + 10 × 30 cents, less SAVE10, in GBP (total 1170). */
export const ORDER = {
  id: "T-1",
  customer: "lin",
  currency: "Gbp",
  coupon: "SAVE10",
  items: [
    { sku: "BOLT-M8", quantity: 4, unitPriceCents: "250" },
    { sku: "NUT-M8", quantity: 10, unitPriceCents: "30" },
  ],
};

/** Every op of geometry's routes under `base` (the server's origin, or origin + mount path). */
export async function exerciseGeometryRoutes(base) {
  const op = (name) => `${base}/geo.v1/Geometry/${name}`;
  const created = await post(op("create"), { shape: { tag: "Sphere", value: { radius: 2 } }, name: "ball" });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const model = created.body;
  assert.equal(typeof model, "number");
  assert.deepEqual((await post(op("name"), { model })).body, "ball");
  assert.equal((await post(op("is_live"), { model })).body, true);
  const bounds = (await post(op("bounds"), { model })).body;
  assert.ok(Math.abs(bounds.max.x - 2) < 1e-3, JSON.stringify(bounds));

  // tessellate: JSON (base64) by default, octet-stream when Accept asks; the same bytes.
  const json = await post(op("tessellate"), { model, segments: 8 });
  assert.equal(json.status, 200);
  assert.equal(typeof json.body, "string");
  const raw = await post(op("tessellate"), { model, segments: 8 }, { accept: "application/octet-stream" });
  assert.equal(raw.headers.get("content-type"), "application/octet-stream");
  assert.equal(raw.body.byteLength, 2 * 8 * 8 * 9 * 4, "2 * segments^2 triangles of 9 f32");
  assert.equal(Buffer.from(raw.body).toString("base64"), json.body);

  // bounds_of: an octet-stream body, and the same buffer as base64 JSON.
  const mesh = new Float32Array(raw.body.buffer, raw.body.byteOffset, raw.body.byteLength / 4);
  const octets = (body) => fetch(op("bounds_of"), { method: "POST", headers: { "content-type": "application/octet-stream" }, body });
  const byOctets = await read(await octets(raw.body));
  assert.equal(byOctets.status, 200, JSON.stringify(byOctets.body));
  assert.ok(Math.abs(byOctets.body.min.z + 2) < 1e-3, JSON.stringify(byOctets.body));
  assert.deepEqual((await post(op("bounds_of"), { vertices: base64(mesh) })).body, byOctets.body);
  const ragged = await read(await octets(new Uint8Array(7)));
  errorOf(ragged, 400, "invalid_request");
  assert.equal(ragged.body.error.issues[0].got, "7 bytes");

  // Typed errors: 422 with the error's JSON.
  assert.deepEqual(typedError(await post(op("name"), { model: 987654 }), "UnknownModel"), { model: 987654 });
  assert.equal(typeof typedError(await post(op("create"), { shape: { tag: "Sphere", value: { radius: -1 } }, name: "bad" }), "InvalidParams").reason, "string");
  typedError(await post(op("tessellate"), { model, segments: 0 }), "InvalidParams");

  const released = await post(op("release"), { model });
  assert.equal(released.status, 204);
  assert.equal(released.body, null);
  assert.deepEqual(typedError(await post(op("release"), { model }), "UnknownModel"), { model });
}

/** Every op of rules' routes under `base`, with its typed errors (a trap is the caller's). */
export async function exerciseRulesRoutes(base) {
  const op = (name) => `${base}/rules.v1/Rules/${name}`;
  const ping = await post(op("ping"), {});
  assert.equal(ping.status, 204);
  const quote = await post(op("validate_order"), { order: ORDER });
  assert.equal(quote.status, 200, JSON.stringify(quote.body));
  assert.equal(quote.body.totalCents, "1170", "i64 as a decimal string");
  assert.equal(quote.body.currency, "Gbp");
  assert.equal(typedError(await post(op("validate_order"), { order: { ...ORDER, items: [] } }), "InvalidOrder").field, "items");
  const limit = typedError(await post(op("validate_order"), { order: { ...ORDER, items: [{ sku: "X", quantity: 1001, unitPriceCents: "1" }] } }), "LimitExceeded");
  assert.equal(limit.actual, "1001");
  // A typed buffer among other parameters: base64 JSON only.
  const samples = Float32Array.from({ length: 1000 }, (_, i) => (i % 100 === 0 ? 50 : i % 7));
  const report = await post(op("check_parameters"), { samples: base64(samples), low: 0, high: 10 });
  assert.equal(report.status, 200, JSON.stringify(report.body));
  assert.equal(report.body.count, 1000);
  assert.equal(Buffer.from(report.body.outOfRange, "base64").byteLength, 10 * 4, "10 samples out of range, as u32");
  const exchanged = await post(op("exchange"), { cents: "1000", from: "Eur", to: "Eur" });
  assert.equal(exchanged.status, 200, JSON.stringify(exchanged.body));
  assert.equal(exchanged.body, "1000");
}
