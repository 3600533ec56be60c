/**
 * The options of the generated `create{Service}Routes(client, options)`
 * (docs/http.md §6).
 * @module
 */

import type { EventHub } from "./events.js";

/** The default largest request body, in bytes (16 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Options of the generated routes. */
export interface HttpRoutesOptions {
  /** Largest request body in bytes, enforced before parsing (413 above it). Default {@link DEFAULT_MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number;
  /** The `Retry-After` of 503 responses, in seconds. Default 1. */
  readonly retryAfterSeconds?: number;
  /** Called with every error answered 500 (`trap`, `internal`, ...), for logging; its result is ignored. */
  readonly onInternalError?: (error: unknown) => void;
  /** Where ops that `emits` events publish them after they succeed; the routes serve its stream at `GET /{package}/{Service}/events`. */
  readonly events?: EventHub;
}
