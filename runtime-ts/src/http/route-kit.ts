/**
 * What the generated routes of one service share (docs/http.md §6): the
 * body limit and content-type middleware, the octet-stream branch of
 * typed-buffer ops, and the responses of success and failure, configured
 * once from {@link HttpRoutesOptions} by `create{Service}Routes`.
 * @module
 */

import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from "hono";
import { bodyLimitMiddleware } from "./body-limit.js";
import { JSON_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE, acceptsOctetStream, isOctetStream, mediaTypeRefusal, requestMediaType } from "./content-type.js";
import { errorResponse, JSON_HEADERS } from "./error-body.js";
import { failureResponse } from "./failure.js";
import { preloadNodeJsonBody } from "./node-body.js";
import { octetStreamResponse, readTypedBuffer, type TypedArrayClass } from "./octet-stream.js";
import { DEFAULT_MAX_BODY_BYTES, type HttpRoutesOptions } from "./options.js";

/** The pieces the generated routes of one service use. */
export interface RouteKit {
  /** Refuses bodies over the limit with 413, before parsing. */
  readonly limit: MiddlewareHandler;
  /** 415 unless the body is JSON, then {@link limit}, then (on `@hono/node-server`) the body read for the validator: one middleware for all three. */
  readonly jsonBody: MiddlewareHandler;
  /** 415 unless the body is JSON or octet-stream (ops whose only parameter is a typed buffer), then {@link limit}. */
  readonly jsonOrOctetBody: MiddlewareHandler;
  /**
   * For an op whose only parameter is a typed buffer of `type`: an
   * octet-stream body is read as its elements and answered by `answer`;
   * other bodies go on to the JSON validator.
   */
  octetStream<A extends ArrayBufferView>(type: TypedArrayClass<A>, answer: (c: Context, buffer: A) => Promise<Response>): MiddlewareHandler;
  /** 200 with `value` (a JSON value; `undefined` is written as `null`) as the body. */
  json(value: unknown): Response;
  /** 200 with `text`, already JSON, as the body. */
  jsonText(text: string): Response;
  /** 204 without a body (ops without a result). */
  noContent(): Response;
  /** Whether the request asks for an octet-stream result (`Accept`). */
  acceptsOctetStream(c: Context): boolean;
  /** 200 octet-stream of a typed buffer's bytes. */
  octetStreamResponse(view: ArrayBufferView): Response;
  /** The response for anything an op call threw that is not one of its typed errors. */
  failure(error: unknown): Response;
  /** `app.onError`: what the middleware threw (a malformed JSON body, ...). */
  readonly onError: ErrorHandler;
  /** `app.notFound`: 404 `not_found`. */
  readonly notFound: NotFoundHandler;
}

/** The {@link RouteKit} of `options`. */
export function createRouteKit(options: HttpRoutesOptions = {}): RouteKit {
  const retryAfter = options.retryAfterSeconds;
  const report = options.onInternalError;
  const failure = (error: unknown): Response => {
    const response = failureResponse(error, retryAfter);
    if (response.status === 500 && report !== undefined) {
      try {
        report(error);
      } catch {
        // A failing logger must not change the answer.
      }
    }
    return response;
  };
  const limit = bodyLimitMiddleware(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  // One middleware per route for the media type, the limit and (on node) reading a JSON body:
  // each step of Hono's chain costs a dispatch.
  const body =
    (mediaTypes: readonly string[]): MiddlewareHandler =>
    (c, next) => {
      const got = requestMediaType(c);
      const refused = mediaTypeRefusal(got, mediaTypes);
      if (refused !== undefined) return Promise.resolve(refused);
      if (got !== JSON_MEDIA_TYPE) return limit(c, next);
      return limit(c, () => preloadNodeJsonBody(c)?.then(next) ?? next());
    };
  return {
    limit,
    jsonBody: body([JSON_MEDIA_TYPE]),
    jsonOrOctetBody: body([JSON_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE]),
    octetStream(type, answer) {
      return async (c, next) => {
        if (!isOctetStream(c)) return next();
        const buffer = await readTypedBuffer(c, type);
        return buffer instanceof Response ? buffer : answer(c, buffer);
      };
    },
    json: (value) => new Response(JSON.stringify(value ?? null), { status: 200, headers: JSON_HEADERS }),
    jsonText: (text) => new Response(text, { status: 200, headers: JSON_HEADERS }),
    noContent: () => new Response(null, { status: 204 }),
    acceptsOctetStream,
    octetStreamResponse,
    failure,
    onError: (error) => failure(error),
    notFound: (c) => errorResponse(404, { error: { type: "not_found", message: `no route ${c.req.method} ${c.req.path}` } }),
  };
}
