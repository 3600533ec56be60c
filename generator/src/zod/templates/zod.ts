// Zod 4 schemas of the JSON of every type and op (docs/json.md). Each
// `XSchema` is a codec: `XSchema.parse(json)` gives the `T.X` value of
// types.ts, `z.encode(XSchema, value)` gives the JSON value back.
{%- if empty() %}
export {};
{%- else %}
import { z } from "zod";
{%- endif %}
{%- if uses("T") %}
import type * as T from "./types.js";
{%- endif %}
{%- if uses("kkI64") %}

/** `i64`: a canonical decimal string, read as a bigint. */
const kkI64 = z.codec(
  z.string().regex(/^(0|-?[1-9][0-9]{0,18})$/),
  z.bigint().min(-9223372036854775808n).max(9223372036854775807n),
  { decode: (text) => BigInt(text), encode: (value) => value.toString() },
);
{%- endif %}
{%- if uses("kkU64") %}

/** `u64`: a canonical decimal string, read as a bigint. */
const kkU64 = z.codec(
  z.string().regex(/^(0|[1-9][0-9]{0,19})$/),
  z.bigint().min(0n).max(18446744073709551615n),
  { decode: (text) => BigInt(text), encode: (value) => value.toString() },
);
{%- endif %}
{%- if uses("kkF32") || uses("kkF64") %}

/** The strings that stand for the floats JSON numbers cannot hold. */
const kkFloatSpecials = z.enum(["NaN", "Infinity", "-Infinity"]);

/** Any number, NaN and ±Infinity included (`z.number()` refuses them). */
const kkAnyNumber = z.custom<number>((value) => typeof value === "number");

/** A float: a JSON number within ±`max`, or "NaN" / "Infinity" / "-Infinity", read through `round`. */
function kkFloat(max: number, round: (x: number) => number) {
  return z.codec(z.union([z.number().min(-max).max(max), kkFloatSpecials]), kkAnyNumber, {
    decode: (json) => round(Number(json)),
    encode: (value) => (Number.isFinite(value) ? value : kkFloatSpecials.parse(String(value))),
  });
}
{%- endif %}
{%- if uses("kkF32") %}

/** `f32`: finite numbers up to the largest `f32`, read as the nearest `f32`. */
const kkF32 = kkFloat(3.4028234663852886e38, Math.fround);
{%- endif %}
{%- if uses("kkF64") %}

/** `f64`. */
const kkF64 = kkFloat(Number.MAX_VALUE, (x) => x);
{%- endif %}
{%- if uses("kkString") %}

/** `string`: well-formed Unicode (no lone surrogate, so it encodes as UTF-8). */
const kkString = z.string().refine((text) => !/\p{Cs}/u.test(text), "not well-formed Unicode (lone surrogate)");
{%- endif %}
{%- if uses("kkBytes") %}

/** Any `Uint8Array`, whatever its buffer. */
const kkUint8Array = z.custom<Uint8Array>((value) => value instanceof Uint8Array);

/** `bytes`: padded standard base64. */
const kkBytes = z.codec(z.base64(), kkUint8Array, {
  decode: (text) => z.util.base64ToUint8Array(text),
  encode: (bytes) => z.util.uint8ArrayToBase64(bytes),
});
{%- endif %}
{%- if uses("kkBuffer") %}

/** The number of bytes a padded base64 text decodes to. */
function kkBase64Length(text: string): number {
  return (text.length / 4) * 3 - (text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0);
}

/** A typed buffer: base64 of its elements' little-endian bytes (a whole number of `size`-byte elements). */
function kkBuffer<A extends ArrayBufferView>(
  size: number,
  make: new (buffer: ArrayBuffer, byteOffset: number, length: number) => A,
) {
  return z.codec(
    z.base64().refine((text) => kkBase64Length(text) % size === 0, `not a whole number of ${size}-byte elements`),
    z.custom<A>((value) => value instanceof make),
    {
      decode: (text) => {
        const bytes = z.util.base64ToUint8Array(text);
        return new make(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / size);
      },
      encode: (view) => z.util.uint8ArrayToBase64(new Uint8Array(view.buffer, view.byteOffset, view.byteLength)),
    },
  );
}
{%- endif %}
{%- if uses("kkIntKey") %}

/** An integer map key: a canonical decimal string within `min..=max`. */
function kkIntKey(pattern: RegExp, min: bigint, max: bigint) {
  return z.string().regex(pattern).refine((text) => {
    const n = BigInt(text);
    return n >= min && n <= max;
  }, `out of range ${min}..=${max}`);
}
{%- endif %}
{%- if uses("kkMap") %}

/** An object without an own `__proto__` key (which `z.record` would drop without a word). */
const kkNoProtoKey = z.custom<unknown>(
  (object) => typeof object !== "object" || object === null || !Object.hasOwn(object, "__proto__"),
  "the key __proto__ is not supported",
);

/** `map<K, V>`: a JSON object (keys as strings), read as a `Map`. */
function kkMap<K, V extends z.ZodType>(key: z.ZodType<string, string>, parseKey: (text: string) => K, value: V) {
  return z.codec(kkNoProtoKey.pipe(z.record(key, value)), z.custom<Map<K, z.output<V>>>((m) => m instanceof Map), {
    decode: (object) => new Map(Object.entries(object).map(([k, v]): [K, z.output<V>] => [parseKey(k), v])),
    encode: (map) => Object.fromEntries([...map].map(([k, v]) => [String(k), v])),
  });
}
{%- endif %}
{%- if uses("kkEmpty") %}

/** A struct, error or params object without fields: `{}`, read as the TS type `O`. */
function kkEmpty<O extends object>() {
  return z.codec(z.strictObject({}), z.custom<O>((value) => typeof value === "object" && value !== null), {
    decode: () => ({}) as O,
    encode: () => ({}),
  });
}
{%- endif %}
{%- if uses("kkNullable") || uses("kkOptional") %}

/** `T?` outside a field: `null` for none (read as `undefined`). */
function kkNullable<S extends z.ZodType>(inner: S) {
  return z.codec(inner.nullable(), z.custom<z.output<S> | undefined>(), {
    decode: (json) => json ?? undefined,
    encode: (value) => value ?? null,
  });
}
{%- endif %}
{%- if uses("kkOptional") %}

/** A `T?` field: absent or `null` for none (written absent). */
function kkOptional<S extends z.ZodType>(inner: S) {
  return kkNullable(inner).optional();
}
{%- endif %}
{% for c in types %}
{{ c.doc }}export const {{ c.name }} = {{ c.expr }};
{% endfor %}
{%- for c in ops %}
{{ c.doc }}export const {{ c.name }} = {{ c.expr }};
{% endfor %}
