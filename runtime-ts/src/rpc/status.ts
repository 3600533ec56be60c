/**
 * The status codes of answers: the one status table of runtime-ts, written in
 * the `Nats-Service-Error-Code` header of NATS error replies (docs/nats.md
 * §2.1) and as the HTTP status of the routes' error responses (docs/http.md).
 * @module
 */

import type { SystemErrorName } from "../wire/frame.js";

/** The status of a typed error (any). */
export const TYPED_ERROR_STATUS = 422;

/** The status of each system error. */
const SYSTEM_STATUS: { readonly [code in SystemErrorName]: number } = {
  decode: 400,
  bad_frame: 400,
  forbidden: 403,
  unknown_op: 404,
  too_large: 413,
  cancelled: 499,
  trap: 500,
  internal: 500,
  overloaded: 503,
  unavailable: 503,
  timeout: 504,
};

/** The status of system error `code` (§2.1). */
export function systemErrorStatus(code: SystemErrorName): number {
  return SYSTEM_STATUS[code];
}
