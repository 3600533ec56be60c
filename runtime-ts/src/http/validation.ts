/**
 * The validation hook of the generated routes (docs/http.md §4.3): a Zod
 * failure becomes 400 `invalid_request` with one entry per invalid field
 * (path, expected, got, message) instead of Zod 4's default body, which hides
 * the issues inside a JSON string.
 * @module
 */

import type { Context } from "hono";
import type { core, ZodType } from "zod";
import { invalidRequestResponse, type InvalidField } from "./error-body.js";

/** What `@hono/zod-validator` gives its hook: the parse result and the value parsed. */
export type ValidationResult =
  | { readonly success: true; readonly data: unknown }
  | { readonly success: false; readonly error: core.$ZodError; readonly data: unknown };

/**
 * The hook given to `zValidator("json", schema, validationHook)`: nothing on
 * success, the 400 response listing every invalid field on failure.
 */
export function validationHook(result: ValidationResult, _c: Context): Response | undefined {
  if (result.success) return undefined;
  return invalidRequestResponse(invalidFields(result.error.issues, result.data));
}

/**
 * The options given to `zValidator("json", schema, validationHook,
 * syncValidation)`: Zod's synchronous `safeParse` instead of the validator's
 * default `safeParseAsync`, which costs a few microseconds of promises per
 * request (`cargo xtask bench http`). The generated schemas have no async
 * refinements, so both give the same result.
 */
export const syncValidation = {
  validationFunction: (schema: ZodType, value: unknown) => schema.safeParse(value),
};

/** Every invalid field of `input` that `issues` name, one entry each (unknown keys one per key). */
export function invalidFields(issues: readonly core.$ZodIssue[], input: unknown): InvalidField[] {
  const out: InvalidField[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const at = [...path, key];
        out.push({ path: pointer(at), expected: "no such field", got: jsonType(at, input), message: `unknown field "${key}"` });
      }
      continue;
    }
    out.push({ path: pointer(path), expected: expected(issue), got: jsonType(path, input), message: issue.message });
  }
  return out;
}

/** What an issue says the schema expects, in a few words. */
function expected(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected;
    case "too_big":
      return `${issue.origin} ${issue.inclusive === false ? "<" : "<="} ${String(issue.maximum)}`;
    case "too_small":
      return `${issue.origin} ${issue.inclusive === false ? ">" : ">="} ${String(issue.minimum)}`;
    case "invalid_value":
      return `one of: ${issue.values.map((v) => String(v)).join(", ")}`;
    case "invalid_format":
      return issue.format;
    case "not_multiple_of":
      return `a multiple of ${String(issue.divisor)}`;
    case "invalid_union":
      return "one of the union's forms";
    case "invalid_key":
      return "a valid key";
    case "invalid_element":
      return "a valid element";
    default:
      return "a valid value";
  }
}

/** The JSON Pointer (RFC 6901) of `path`. */
export function pointer(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) out += "/" + String(seg).replaceAll("~", "~0").replaceAll("/", "~1");
  return out;
}

/** The longest scalar quoted in `got`; longer ones are cut and end in `...`. */
const MAX_GOT_CHARS = 64;

/**
 * What the request has at `path` in `input`: `missing`, `object`, `array`, or
 * the JSON text of a scalar (`null`, `true`, `-1`, `"Xyz"`, cut after
 * {@link MAX_GOT_CHARS} characters).
 */
function jsonType(path: readonly PropertyKey[], input: unknown): string {
  let v: unknown = input;
  for (const seg of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, seg)) return "missing";
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  if (v === undefined) return "missing";
  if (Array.isArray(v)) return "array";
  if (v !== null && typeof v === "object") return "object";
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX_GOT_CHARS ? `${text.slice(0, MAX_GOT_CHARS)}...` : text;
}
