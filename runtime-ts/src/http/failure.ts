/**
 * What a route answers when an op call or the request machinery fails with
 * anything but one of the op's typed errors (docs/http.md §4.2): a
 * `SystemError` through the one status table, Hono's `HTTPException` (a
 * malformed JSON body is `decode`, 400) by its status, anything else 500
 * `internal` with a fixed message — never a stack trace or a foreign message.
 * @module
 */

import { HTTPException } from "hono/http-exception";
import { SystemError } from "../rpc/errors.js";
import { DEFAULT_RETRY_AFTER_SECONDS, errorResponse, systemErrorResponse } from "./error-body.js";

/** The message of a 500 for an error that is not a `SystemError`. */
export const INTERNAL_MESSAGE = "internal error";

/** The error response for `error`; 503s carry `Retry-After: retryAfterSeconds`. */
export function failureResponse(error: unknown, retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS): Response {
  if (error instanceof SystemError) return systemErrorResponse(error.code, error.message, retryAfterSeconds);
  if (error instanceof HTTPException) {
    if (error.status === 400) return systemErrorResponse("decode", error.message || "malformed request body");
    if (error.status === 413) return systemErrorResponse("too_large", "request body over the limit");
    return errorResponse(error.status, { error: { type: `http_${error.status}`, message: error.message } });
  }
  return systemErrorResponse("internal", INTERNAL_MESSAGE);
}
