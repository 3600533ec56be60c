/**
 * Decode errors of the wire format (docs/wire.md §5.2).
 *
 * Every decoder in runtime-ts throws only {@link DecodeError} on bad input;
 * its `kind` is exactly one of the names shared by every runtime.
 */

/** The decode error kinds of docs/wire.md §5.2, spelled as on the wire spec. */
export type DecodeErrorKind =
  | "truncated"
  | "invalid_bool"
  | "invalid_optional"
  | "invalid_utf8"
  | "invalid_enum"
  | "unknown_variant"
  | "unknown_error"
  | "map_order"
  | "depth_exceeded"
  | "too_large"
  | "trailing_bytes"
  | "bad_frame"
  | "unsupported_version";

/** Every {@link DecodeErrorKind}, for iteration and validation. */
export const DECODE_ERROR_KINDS: readonly DecodeErrorKind[] = [
  "truncated",
  "invalid_bool",
  "invalid_optional",
  "invalid_utf8",
  "invalid_enum",
  "unknown_variant",
  "unknown_error",
  "map_order",
  "depth_exceeded",
  "too_large",
  "trailing_bytes",
  "bad_frame",
  "unsupported_version",
];

/** Thrown when bytes do not decode; `kind` says why (docs/wire.md §5.2). */
export class DecodeError extends Error {
  /** The shared error kind name. */
  readonly kind: DecodeErrorKind;

  /** Creates a decode error of `kind`, with optional human detail. */
  constructor(kind: DecodeErrorKind, detail?: string) {
    super(detail === undefined ? `decode error: ${kind}` : `decode error: ${kind}: ${detail}`);
    this.name = "DecodeError";
    this.kind = kind;
  }
}
