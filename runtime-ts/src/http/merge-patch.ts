/**
 * The JSON Merge Patch (RFC 7386) that turns a signal holding `previous`
 * into one holding exactly `next` (docs/http.md, Live updates): datastar
 * merges `datastar-patch-signals` into its signals, so keys `previous` had
 * and `next` lacks must be sent as `null` (remove), or the page would keep
 * stale fields of the last event.
 * @module
 */

/** A JSON object (not an array, not null). */
type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `next` with `null` added for every key of `previous` (at every level of
 * nested objects) that `next` does not have. Arrays and scalars replace
 * whatever was there, as in RFC 7386.
 */
export function replacementPatch(previous: unknown, next: unknown): unknown {
  if (!isObject(next) || !isObject(previous)) return next;
  // No prototype: a key `__proto__` is an own property, not the prototype.
  const patch: JsonObject = Object.create(null) as JsonObject;
  for (const key of Object.keys(next)) {
    patch[key] = replacementPatch(previous[key], next[key]);
  }
  for (const key of Object.keys(previous)) {
    if (!Object.hasOwn(next, key)) patch[key] = null;
  }
  return patch;
}
