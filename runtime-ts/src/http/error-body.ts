/**
 * The error bodies of the HTTP routes (docs/http.md §4) and the responses
 * that carry them: `{ "error": { "type", ... } }`, JSON, never a stack trace.
 * Typed errors answer {@link TYPED_ERROR_STATUS} (422); system errors the
 * status of the one table (`rpc/status.ts`), 503s with `Retry-After`.
 * @module
 */

import type { SystemErrorName } from "../wire/frame.js";
import { systemErrorStatus, TYPED_ERROR_STATUS } from "../rpc/status.js";

/** One invalid field of a request (docs/http.md §4.3). */
export interface InvalidField {
  /** JSON Pointer (RFC 6901) of the field in the request body; `""` is the body itself. */
  readonly path: string;
  /** What the schema wants there, e.g. `number`, `integer <= 4294967295`, `one of: Eur, Usd`. */
  readonly expected: string;
  /** What the request has there: `missing`, `object`, `array`, or a scalar's JSON text (`"Xyz"`, `-1`, `null`). */
  readonly got: string;
  /** A sentence for humans. */
  readonly message: string;
}

/** The body of every error response. */
export type ErrorBody =
  | { readonly error: { readonly type: string; readonly data: unknown } }
  | { readonly error: { readonly type: string; readonly message: string } }
  | { readonly error: { readonly type: "invalid_request"; readonly issues: readonly InvalidField[] } };

/** The default `Retry-After` of 503 responses, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

/** The headers of a JSON answer. */
export const JSON_HEADERS = { "content-type": "application/json" } as const;

/** A JSON error response with `status` and `body`. */
export function errorResponse(status: number, body: ErrorBody, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), { status, headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS });
}

/** 422 for typed error `type` (the error's name as in the schema) with its JSON value `data`. */
export function typedErrorResponse(type: string, data: unknown): Response {
  return errorResponse(TYPED_ERROR_STATUS, { error: { type, data } });
}

/**
 * The response of system error `code` (its status from the one table), with
 * `message`; 503s carry `Retry-After: retryAfterSeconds`.
 */
export function systemErrorResponse(code: SystemErrorName, message: string, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS): Response {
  const status = systemErrorStatus(code);
  const headers = status === 503 ? { "retry-after": String(retryAfterSeconds) } : undefined;
  return errorResponse(status, { error: { type: code, message } }, headers);
}

/** 400 `invalid_request` listing every invalid field. */
export function invalidRequestResponse(issues: readonly InvalidField[]): Response {
  return errorResponse(400, { error: { type: "invalid_request", issues } });
}
