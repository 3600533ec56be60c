/**
 * Decoder limits (docs/wire.md §5.1): the largest frame accepted and the
 * deepest nesting of structs, unions, lists, maps and optionals.
 */

/** Limits applied while decoding. */
export interface Limits {
  /** Largest frame (header + payload) in bytes; checked from the header. Default 256 MiB. */
  readonly maxFrameLen: number;
  /** Deepest nesting of structs, unions, lists, maps and optionals. Default 64. */
  readonly maxDepth: number;
}

/** The defaults of docs/wire.md §5.1. */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxFrameLen: 256 * 1024 * 1024,
  maxDepth: 64,
});

/** Fills the unset fields of `partial` with {@link DEFAULT_LIMITS}. */
export function resolveLimits(partial?: Partial<Limits>): Limits {
  if (partial === undefined) return DEFAULT_LIMITS;
  return {
    maxFrameLen: partial.maxFrameLen ?? DEFAULT_LIMITS.maxFrameLen,
    maxDepth: partial.maxDepth ?? DEFAULT_LIMITS.maxDepth,
  };
}
