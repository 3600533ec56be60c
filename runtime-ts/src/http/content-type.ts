/**
 * Content negotiation of the routes (docs/http.md §3): the request's media
 * type must be one the op takes (415 `unsupported_media_type` otherwise);
 * `Accept` chooses octet-stream results.
 * @module
 */

import type { Context, MiddlewareHandler } from "hono";
import { errorResponse } from "./error-body.js";
import { mediaType, OCTET_STREAM_MEDIA_TYPE } from "./media-type.js";

export { JSON_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE } from "./media-type.js";

/** The media type of `c`'s request, lower case without parameters (`""` when there is none). */
export function requestMediaType(c: Context): string {
  return mediaType(c.req.header("content-type"));
}

/** Whether the request body is `application/octet-stream`. */
export function isOctetStream(c: Context): boolean {
  return requestMediaType(c) === OCTET_STREAM_MEDIA_TYPE;
}

/** Whether the request's `Accept` names `application/octet-stream`. */
export function acceptsOctetStream(c: Context): boolean {
  const accept = c.req.header("accept");
  return accept !== undefined && accept.toLowerCase().includes(OCTET_STREAM_MEDIA_TYPE);
}

/** The 415 answer when `c`'s media type is not one of `mediaTypes`, else `undefined`. */
export function contentTypeRefusal(c: Context, mediaTypes: readonly string[]): Response | undefined {
  return mediaTypeRefusal(requestMediaType(c), mediaTypes);
}

/** The 415 answer when the request's media type `got` is not one of `mediaTypes`, else `undefined`. */
export function mediaTypeRefusal(got: string, mediaTypes: readonly string[]): Response | undefined {
  if (mediaTypes.includes(got)) return undefined;
  const message = `Content-Type must be ${mediaTypes.join(" or ")}, got ${got === "" ? "none" : got}`;
  return errorResponse(415, { error: { type: "unsupported_media_type", message } });
}

/** Middleware answering 415 unless the request's media type is one of `mediaTypes`. */
export function requireContentType(mediaTypes: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const refused = contentTypeRefusal(c, mediaTypes);
    if (refused !== undefined) return refused;
    await next();
    return undefined;
  };
}
