/**
 * The request body limit of the routes (docs/http.md §5): Hono's `bodyLimit`
 * (checks `Content-Length`, and counts a streamed body as it arrives) with
 * the 413 `too_large` error body, before any parsing.
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { systemErrorResponse } from "./error-body.js";

/** Middleware refusing bodies over `maxBytes` with 413 before they are parsed. */
export function bodyLimitMiddleware(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => systemErrorResponse("too_large", `request body over ${maxBytes} bytes`),
  });
}
