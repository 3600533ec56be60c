// What the HTTP tests assert about answers (docs/http.md): a response read
// into status, headers and body, the typed error (422) and system error
// bodies, base64 of a typed array as docs/json.md writes it, and a JSON POST. Imported by
// tests/http/http.test.mjs and tests/workers/workers.test.mjs.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";

/** A response's status, headers and body (JSON parsed, octet-stream as bytes, empty as null). */
export async function read(response) {
  const type = response.headers.get("content-type") ?? "";
  let body = null;
  if (type.startsWith("application/json")) {
    const text = await response.text();
    assert.doesNotMatch(text, /\n\s+at /, "no stack trace in a body");
    body = JSON.parse(text);
  } else if (type.startsWith("application/octet-stream")) {
    body = new Uint8Array(await response.arrayBuffer());
  } else {
    const text = await response.text();
    body = text === "" ? null : text;
  }
  return { status: response.status, headers: response.headers, body };
}

/** Asserts a 422 with typed error `type` and returns its data. */
export function typedError(answer, type) {
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  assert.equal(answer.body.error.type, type);
  return answer.body.error.data;
}

/** Asserts an error body of `status` and `type`. */
export function errorOf(answer, status, type) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.error.type, type, JSON.stringify(answer.body));
  if (type !== "invalid_request") assert.equal(typeof answer.body.error.message, "string");
}

/** Base64 of a typed array's little-endian bytes (docs/json.md). */
export const base64 = (view) => Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");

/** POSTs `json` (a value, or a string sent as is) to `url`; resolves with status, headers and the parsed body. */
export async function post(url, json, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof json === "string" ? json : JSON.stringify(json),
  });
  return read(response);
}
