/**
 * Argument checks: what a wrong-typed value given to an encoder is, in words.
 * The {@link Writer} refuses a JS value of the wrong type with
 * {@link WireTypeError} (a type test per write, no conversion); the
 * generated `check{Type}(v, at)` functions, run only after an encoding
 * failure, use the helpers here to find the first wrong value and say where
 * it is (`shape.value.radius`), what was expected and what was found.
 * @module
 */

/** Thrown by the {@link Writer} for a JS value of the wrong type (a string for a `u32`, a plain array for an `f32[]`, ...). */
export class WireTypeError extends TypeError {
  /** Creates the error for a value that is not `expected`. */
  constructor(expected: string, got: unknown) {
    super(`expected ${expected}, got ${describeValue(got)}`);
    this.name = "WireTypeError";
  }
}

/** A short description of a value's type: `string`, `null`, `Array`, `Float64Array`, `an object`, ... */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (typeof v !== "object") return typeof v;
  const name = (v as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === "string" && name !== "Object" && name !== "" ? name : "an object";
}

/** `"at: expected what, got …"`. */
export function expected(at: string, what: string, v: unknown): string {
  return `${at}: expected ${what}, got ${describeValue(v)}`;
}

/** The path of field `name` below `at` (`name` alone at the top). */
export function fieldPath(at: string, name: string): string {
  return at === "" ? name : `${at}.${name}`;
}

/** The schema's scalar keywords. */
export type ScalarKeyword = "bool" | "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "u64" | "i64" | "f32" | "f64" | "string" | "bytes";

/** The JS type a scalar is written from, as the messages name it. */
function scalarJsType(kind: ScalarKeyword): string {
  switch (kind) {
    case "bool":
      return "boolean";
    case "u64":
    case "i64":
      return "bigint";
    case "string":
      return "string";
    case "bytes":
      return "Uint8Array";
    default:
      return "number";
  }
}

/** `undefined` when the writer accepts `v` for the scalar `kind`, else what is wrong at `at`. */
export function checkScalar(kind: ScalarKeyword, v: unknown, at: string): string | undefined {
  const js = scalarJsType(kind);
  const ok = kind === "bytes" ? v instanceof Uint8Array : typeof v === js;
  return ok ? undefined : expected(at, js === kind ? js : `${js} (${kind})`, v);
}

/** `undefined` when `v` is a number (an enum value or a handle named `what`), else what is wrong at `at`. */
export function checkNumber(v: unknown, at: string, what: string): string | undefined {
  return typeof v === "number" ? undefined : expected(at, `${what} (a number)`, v);
}

/** `undefined` when `v` is an instance of the typed array class `ctor`, else what is wrong at `at`. */
export function checkTyped(ctor: abstract new (...args: never[]) => unknown, v: unknown, at: string): string | undefined {
  return v instanceof ctor ? undefined : expected(at, ctor.name, v);
}

/** `undefined` when `v` is an object (a struct or union value of type `what`), else what is wrong at `at`. */
export function checkObject(v: unknown, at: string, what: string): string | undefined {
  return typeof v === "object" && v !== null ? undefined : expected(at, `${what} (an object)`, v);
}

/** `undefined` when `v` is an `Array`, else what is wrong at `at`. */
export function checkArray(v: unknown, at: string): string | undefined {
  return Array.isArray(v) ? undefined : expected(at, "an Array (list)", v);
}

/** `undefined` when `v` is a `Map`, else what is wrong at `at`. */
export function checkMap(v: unknown, at: string): string | undefined {
  return v instanceof Map ? undefined : expected(at, "a Map (map)", v);
}
