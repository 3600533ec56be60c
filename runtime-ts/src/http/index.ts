/**
 * @kkgen/runtime/http: what the generated Hono routes (`kkgen gen --lang
 * hono`, docs/http.md) import. Needs the peer dependencies `hono`, `zod` and
 * `@hono/zod-validator` (and `@starfederation/datastar-sdk` for the event
 * hub); the main entry `@kkgen/runtime` never imports this.
 * @module
 */

export { createRouteKit, type RouteKit } from "./route-kit.js";
export { DEFAULT_MAX_BODY_BYTES, type HttpRoutesOptions } from "./options.js";
export { validationHook, syncValidation, invalidFields, pointer, type ValidationResult } from "./validation.js";
export {
  DEFAULT_RETRY_AFTER_SECONDS,
  errorResponse,
  typedErrorResponse,
  systemErrorResponse,
  invalidRequestResponse,
  type ErrorBody,
  type InvalidField,
} from "./error-body.js";
export { failureResponse, INTERNAL_MESSAGE } from "./failure.js";
export { bodyLimitMiddleware } from "./body-limit.js";
export {
  JSON_MEDIA_TYPE,
  OCTET_STREAM_MEDIA_TYPE,
  requestMediaType,
  isOctetStream,
  acceptsOctetStream,
  requireContentType,
  contentTypeRefusal,
  mediaTypeRefusal,
} from "./content-type.js";
export { preloadNodeJsonBody } from "./node-body.js";
export { readTypedBuffer, octetStreamResponse, type TypedArrayClass } from "./octet-stream.js";
export {
  createEventHub,
  signalName,
  type EventHub,
  type EventHubOptions,
  type EventRenderer,
  type ElementsPatch,
  type SseResponseOptions,
} from "./events.js";
