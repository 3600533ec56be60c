/**
 * What the generated routes of one service share (docs/http.md §6): the
 * one handler of each op route (content type, body limit, the node body
 * read, the validator, the octet-stream branch of typed-buffer ops), and the
 * responses of success and failure, configured once from
 * {@link HttpRoutesOptions} by `create{Service}Routes`.
 * @module
 */

import type { Context, Env, ErrorHandler, Handler, Input, MiddlewareHandler, Next, NotFoundHandler } from "hono";
import { bodyLimitMiddleware } from "./body-limit.js";
import { JSON_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE, acceptsOctetStream, mediaTypeRefusal, requestMediaType } from "./content-type.js";
import { errorResponse, JSON_HEADERS } from "./error-body.js";
import { failureResponse } from "./failure.js";
import { preloadNodeJsonBody } from "./node-body.js";
import { octetStreamResponse, readTypedBuffer, type TypedArrayClass } from "./octet-stream.js";
import { DEFAULT_MAX_BODY_BYTES, type HttpRoutesOptions } from "./options.js";

/** The pieces the generated routes of one service use. */
export interface RouteKit {
  /** Refuses bodies over the limit with 413, before parsing. */
  readonly limit: MiddlewareHandler;
  /**
   * The one handler of a JSON op's route: 415 unless the body is JSON, then
   * {@link limit}, then (on `@hono/node-server`) the body read for the
   * validator (`node-body.ts`), then `validator` (the op's
   * `zValidator("json", ...)`), then `answer`. The route runs these steps
   * itself: Hono calls a route of one handler directly, where a chain of
   * handlers is composed on every request (`cargo xtask bench http`).
   */
  jsonRoute<E extends Env, P extends string, I extends Input>(
    validator: MiddlewareHandler<E, P, I>,
    answer: (c: Context<E, P, I>) => Promise<Response>,
  ): Handler<E, P, I>;
  /**
   * {@link jsonRoute} of an op whose only parameter is a typed buffer of
   * `type`: an `application/octet-stream` body is also taken, read as its
   * elements and answered by `octet`; JSON bodies go on to `validator`.
   */
  bufferRoute<A extends ArrayBufferView, E extends Env, P extends string, I extends Input>(
    type: TypedArrayClass<A>,
    octet: (c: Context, buffer: A) => Promise<Response>,
    validator: MiddlewareHandler<E, P, I>,
    answer: (c: Context<E, P, I>) => Promise<Response>,
  ): Handler<E, P, I>;
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
  const jsonOnly = [JSON_MEDIA_TYPE];
  const jsonOrOctet = [JSON_MEDIA_TYPE, OCTET_STREAM_MEDIA_TYPE];
  /** The JSON steps of a route once the media type is JSON: limit, node read, validator, answer. */
  const jsonSteps = <E extends Env, P extends string, I extends Input>(
    c: Context<E, P, I>,
    validator: MiddlewareHandler<E, P, I>,
    answer: (c: Context<E, P, I>) => Promise<Response>,
  ): Promise<Response | void> => {
    // Each step answers what its `next` answers (Hono's validator and body limit do), so the
    // answer's Response comes back through them; `Next` is typed as answering nothing.
    const validate = () => validator(c, (() => answer(c)) as unknown as Next) as Promise<Response | void>;
    return limit(c, (() => preloadNodeJsonBody(c)?.then(validate) ?? validate()) as unknown as Next) as Promise<Response | void>;
  };
  return {
    limit,
    jsonRoute: (validator, answer) => (c) => {
      const got = requestMediaType(c);
      return mediaTypeRefusal(got, jsonOnly) ?? jsonSteps(c, validator, answer);
    },
    bufferRoute: (type, octet, validator, answer) => (c) => {
      const got = requestMediaType(c);
      const refused = mediaTypeRefusal(got, jsonOrOctet);
      if (refused !== undefined) return refused;
      if (got === JSON_MEDIA_TYPE) return jsonSteps(c, validator, answer);
      const read = async () => {
        const buffer = await readTypedBuffer(c, type);
        return buffer instanceof Response ? buffer : octet(c, buffer);
      };
      return limit(c, read as unknown as Next) as Promise<Response | void>;
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
