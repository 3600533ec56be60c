/**
 * The request body limit of the routes (docs/http.md §5): a `Content-Length`
 * is checked from the header alone; a body without one (chunked) goes through
 * Hono's `bodyLimit`, which counts it as it streams. Either way 413
 * `too_large` before any parsing.
 *
 * The header is read first, before Hono's middleware, because that
 * middleware touches `request.body`, and on `@hono/node-server` that turns
 * the server's light request into a full web `Request` with a body stream —
 * which made every JSON route about half as fast (`cargo xtask bench http`).
 * @module
 */

import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { systemErrorResponse } from "./error-body.js";

/** Middleware refusing bodies over `maxBytes` with 413 before they are parsed. */
export function bodyLimitMiddleware(maxBytes: number): MiddlewareHandler {
  const tooLarge = () => systemErrorResponse("too_large", `request body over ${maxBytes} bytes`);
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  // Not `async`: it answers `next()`'s own promise, without one more around it.
  return (c, next) => {
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(length) > maxBytes ? Promise.resolve(tooLarge()) : next();
    }
    return streamed(c, next);
  };
}
