/**
 * Typed buffers as raw bodies (docs/http.md §3.2): an op whose only parameter
 * is one typed buffer reads `application/octet-stream` bodies as its
 * little-endian elements, an op whose result is one typed buffer answers
 * them; no base64, one copy (the body's bytes).
 * @module
 */

import type { Context } from "hono";
import { invalidRequestResponse } from "./error-body.js";
import { OCTET_STREAM_MEDIA_TYPE } from "./content-type.js";

/** A typed array class the schema's buffers map to (`Float32Array`, `BigInt64Array`, ...). */
export interface TypedArrayClass<A extends ArrayBufferView> {
  /** Bytes per element. */
  readonly BYTES_PER_ELEMENT: number;
  /** A view of `buffer`. */
  new (buffer: ArrayBuffer): A;
}

/**
 * The request body as a typed array of `type` (a view of the body's bytes),
 * or the 400 response when its length is not a whole number of elements.
 */
export async function readTypedBuffer<A extends ArrayBufferView>(c: Context, type: TypedArrayClass<A>): Promise<A | Response> {
  const body = await c.req.arrayBuffer();
  const size = type.BYTES_PER_ELEMENT;
  if (body.byteLength % size !== 0) {
    return invalidRequestResponse([
      {
        path: "",
        expected: `a whole number of ${size}-byte elements`,
        got: `${body.byteLength} bytes`,
        message: `an octet-stream body of this op is ${size}-byte little-endian elements`,
      },
    ]);
  }
  return new type(body);
}

/** A 200 `application/octet-stream` response of `view`'s bytes. */
export function octetStreamResponse(view: ArrayBufferView): Response {
  const bytes = new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength);
  return new Response(bytes, { status: 200, headers: { "content-type": OCTET_STREAM_MEDIA_TYPE } });
}
