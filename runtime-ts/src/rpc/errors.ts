/**
 * The errors a call can reject with: {@link SystemError} for failures of the
 * machinery (docs/wire.md §2.1; the codes live in the frame module) and
 * {@link ServiceError}, the base class of every generated typed error (an
 * op's `throws`).
 * @module
 */

import { SystemErrorCodes, systemErrorName, type SystemErrorName } from "../wire/frame.js";

/** A failure of the machinery (transport, host, decoder), never of the schema. */
export class SystemError extends Error {
  /** The code's name, e.g. `trap`, `timeout`, `unavailable`. */
  readonly code: SystemErrorName;
  /** The number on the wire (kept as-is for codes this runtime does not know). */
  readonly wireCode: number;

  /** Creates a system error from a code name or a wire number. */
  constructor(code: SystemErrorName | number, message?: string) {
    const name = typeof code === "number" ? systemErrorName(code) : code;
    super(message ? `${name}: ${message}` : name);
    this.name = "SystemError";
    this.code = name;
    this.wireCode = typeof code === "number" ? code : SystemErrorCodes[code];
  }
}

/**
 * Base class of every generated typed error class (`{Error}Error`, thrown
 * when an op fails with one of its `throws`): `e instanceof ServiceError`
 * tells a schema's error from a {@link SystemError}. `errorId` is the error's
 * wire id (docs/wire.md §4.1), the same as the class's static `wireId`.
 */
export abstract class ServiceError extends Error {
  /** The error's stable wire id (docs/wire.md §4.1). */
  abstract readonly errorId: number;
}

/**
 * Normalises what a decoder or host threw into what a call rejects with:
 * a `DecodeError` (a malformed answer) becomes `SystemError` `decode`,
 * anything that is not an `Error` becomes `internal`; typed errors (generated
 * classes), `SystemError`s and other errors pass through unchanged.
 */
export function asCallError(e: unknown): Error {
  if (e instanceof SystemError || e instanceof ServiceError) return e;
  if (e instanceof Error) return e.name === "DecodeError" ? new SystemError("decode", e.message) : e;
  return new SystemError("internal", String(e));
}
