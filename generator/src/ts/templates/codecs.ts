// Codecs of the schema's types and ops (docs/wire.md §3): encodeX(w, v),
// decodeX(r), maxSizeX(v) (an upper bound of the encoded bytes, so a host can
// allocate once and encode straight into wasm memory), defaultX() and
// checkX(v, at) (the first wrong-typed value in v and where it is, run only
// after an encoding failure: docs/runtime-ts.md).
{% if !runtime_names.is_empty() %}
import { {{ runtime_names|join(", ") }} } from "{{ runtime_import }}";
{%- endif %}
{%- if !value_imports.is_empty() %}
import { {{ value_imports|join(", ") }} } from "{{ types_import }}";
{%- endif %}
{%- if !type_imports.is_empty() %}
import type { {{ type_imports|join(", ") }} } from "{{ types_import }}";
{%- endif %}
{% for s in structs %}
/** Encodes {{ s.what }} (a struct: u32 body length, then the fields by id). */
export function encode{{ s.name }}(w: Writer, {{ s.enc_param }}: {{ s.name }}): void {
  const at = w.beginLen();
{%- for f in s.fields %}
  {{ f.enc }};
{%- endfor %}
  w.endLen(at);
}

/** Decodes {{ s.what }}; fields missing at the end of the body take their defaults. */
export function decode{{ s.name }}(r: Reader): {{ s.name }} {
  const outer = r.beginBody();
  const v: {{ s.name }} = {
{%- for f in s.fields %}
    {{ f.prop }}: r.more() ? {{ f.dec }} : {{ f.default }},
{%- endfor %}
  };
  r.endBody(outer);
  return v;
}

/** An upper bound of the bytes {@link encode{{ s.name }}} writes for `v`. */
export function maxSize{{ s.name }}({{ s.size_param }}: {{ s.name }}): number {
  return 4{% for f in s.fields %} + {{ f.size }}{% endfor %};
}

/** Returns {{ s.what }} with every field at its default (docs/wire.md §3.9). */
export function default{{ s.name }}(): {{ s.name }} {
  return {
{%- for f in s.fields %}
    {{ f.prop }}: {{ f.default }},
{%- endfor %}
  };
}

/** The first wrong-typed value in `v`, as {{ s.what }} at `at` (`path: expected T, got U`); `undefined` when there is none. */
export function check{{ s.name }}(v: unknown, at: string): string | undefined {
  return kkCheckObject(v, at, {{ s.name_literal }}){% for f in s.fields %} ?? {{ f.chk }}{% endfor %};
}
{% endfor %}
{%- for e in enums %}
/** Encodes the enum `{{ e.name }}` as its u32 value. */
export function encode{{ e.name }}(w: Writer, v: {{ e.name }}): void {
  w.u32(v);
}

/** Decodes the enum `{{ e.name }}`; a value naming no variant is `invalid_enum`. */
export function decode{{ e.name }}(r: Reader): {{ e.name }} {
  const v = r.u32();
  switch (v) {
{%- for n in e.values %}
    case {{ n }}:
{%- endfor %}
      return v as {{ e.name }};
    default:
      throw new DecodeError("invalid_enum", `{{ e.name }} ${v}`);
  }
}

/** Encoded size of the enum `{{ e.name }}`. */
export function maxSize{{ e.name }}(_v: {{ e.name }}): number {
  return 4;
}

/** `v` as the enum `{{ e.name }}` at `at`: `undefined` for a number, else what is wrong. */
export function check{{ e.name }}(v: unknown, at: string): string | undefined {
  return kkCheckNumber(v, at, {{ e.name_literal() }});
}
{% endfor %}
{%- for h in handles %}
/** Encodes the handle `{{ h }}` as its u32. */
export function encode{{ h }}(w: Writer, v: {{ h }}): void {
  w.u32(v);
}

/** Decodes the handle `{{ h }}`. */
export function decode{{ h }}(r: Reader): {{ h }} {
  return r.u32() as {{ h }};
}

/** Encoded size of the handle `{{ h }}`. */
export function maxSize{{ h }}(_v: {{ h }}): number {
  return 4;
}

/** `v` as the handle `{{ h }}` at `at`: `undefined` for a number, else what is wrong. */
export function check{{ h }}(v: unknown, at: string): string | undefined {
  return kkCheckNumber(v, at, "{{ h }}");
}
{% endfor %}
{%- for u in unions %}
/** Encodes the union `{{ u.name }}`: u32 tag, u32 payload length, payload. */
export function encode{{ u.name }}(w: Writer, v: {{ u.name }}): void {
  switch (v.tag) {
{%- for a in u.variants %}
    case "{{ a.name }}": {
      w.u32({{ a.tag }});
{%- if let Some(p) = a.payload %}
      const at = w.beginLen();
      {{ p.enc }};
      w.endLen(at);
{%- else %}
      w.u32(0);
{%- endif %}
      return;
    }
{%- endfor %}
    default:
      throw new kkWireTypeError({{ u.tags_literal }}, (v as { tag?: unknown }).tag);
  }
}

/** Decodes the union `{{ u.name }}`; a tag naming no variant is `unknown_variant`. */
export function decode{{ u.name }}(r: Reader): {{ u.name }} {
  const tag = r.u32();
  const outer = r.beginBody();
  let v: {{ u.name }};
  switch (tag) {
{%- for a in u.variants %}
    case {{ a.tag }}:
      v = { tag: "{{ a.name }}"{% if let Some(p) = a.payload %}, value: {{ p.dec }}{% endif %} };
      break;
{%- endfor %}
    default:
      throw new DecodeError("unknown_variant", `{{ u.name }} tag ${tag}`);
  }
  r.endBody(outer);
  return v;
}

/** An upper bound of the bytes {@link encode{{ u.name }}} writes for `v`. */
export function maxSize{{ u.name }}(v: {{ u.name }}): number {
  switch (v.tag) {
{%- for a in u.variants %}
    case "{{ a.name }}":
      return 8{% if let Some(p) = a.payload %} + {{ p.size }}{% endif %};
{%- endfor %}
  }
}

/** The default `{{ u.name }}`: its first variant with a default payload (another when that would be infinite). */
export function default{{ u.name }}(): {{ u.name }} {
  return { tag: "{{ u.default_tag_name }}"{% if let Some(d) = u.default_payload %}, value: {{ d }}{% endif %} };
}

/** The first wrong-typed value in `v`, as the union `{{ u.name }}` at `at`; `undefined` when there is none. */
export function check{{ u.name }}(v: unknown, at: string): string | undefined {
  const bad = kkCheckObject(v, at, {{ u.name_literal }});
  if (bad !== undefined) return bad;
  const tag = (v as { tag?: unknown }).tag;
  switch (tag) {
{%- for a in u.variants %}
    case "{{ a.name }}":
      return {% if let Some(p) = a.payload %}{{ p.chk }}{% else %}undefined{% endif %};
{%- endfor %}
  }
  return kkExpected(kkFieldPath(at, "tag"), {{ u.tags_literal }}, tag);
}
{% endfor %}
{%- for c in composites %}
{%- match c.shape %}
{%- when CompositeShape::List %}
function enc{{ c.mangle }}(w: Writer, v: {{ c.ts }}): void {
  if (!Array.isArray(v)) throw new kkWireTypeError("an Array (list)", v);
  w.u32(v.length);
  for (const x of v) {{ c.elem_enc }};
}

{% if c.checked %}
function chk{{ c.mangle }}(v: unknown, at: string): string | undefined {
  const bad = kkCheckArray(v, at);
  if (bad !== undefined) return bad;
  const a = v as readonly unknown[];
  for (let i = 0; i < a.length; i++) {
    const e = {{ c.elem_chk }};
    if (e !== undefined) return e;
  }
  return undefined;
}
{% endif %}

function dec{{ c.mangle }}(r: Reader): {{ c.ts }} {
  const n = r.count();
  r.enter();
  const out: {{ c.ts }} = [];
  for (let i = 0; i < n; i++) out.push({{ c.elem_dec }});
  r.exit();
  return out;
}

function size{{ c.mangle }}(v: {{ c.ts }}): number {
{%- if let Some(n) = c.elem_fixed %}
  return 4 + v.length * {{ n }};
{%- else %}
  let s = 4;
  for (const x of v) s += {{ c.elem_size }};
  return s;
{%- endif %}
}
{%- when CompositeShape::Map with (k) %}
function enc{{ c.mangle }}(w: Writer, v: {{ c.ts }}): void {
  if (!(v instanceof Map)) throw new kkWireTypeError("a Map (map)", v);
  const entries = [...v].sort((a, b) => {{ k.cmp }});
  w.u32(entries.length);
  for (const e of entries) {
    {{ k.enc }};
    const x = e[1];
    {{ c.elem_enc }};
  }
}

{% if c.checked %}
function chk{{ c.mangle }}(v: unknown, at: string): string | undefined {
  const bad = kkCheckMap(v, at);
  if (bad !== undefined) return bad;
  for (const [k, x] of v as Map<unknown, unknown>) {
    const e = {{ k.chk }} ?? {{ c.elem_chk }};
    if (e !== undefined) return e;
  }
  return undefined;
}
{% endif %}

function dec{{ c.mangle }}(r: Reader): {{ c.ts }} {
  const n = r.count();
  r.enter();
  const out: {{ c.ts }} = new Map();
  let prev: {{ k.ts }} = {{ k.init }};
  for (let i = 0; i < n; i++) {
    const k = {{ k.dec }};
    if (i > 0 && {{ k.not_after }}) throw new DecodeError("map_order");
    out.set(k, {{ c.elem_dec }});
    prev = k;
  }
  r.exit();
  return out;
}

function size{{ c.mangle }}(v: {{ c.ts }}): number {
{%- match (k.fixed, c.elem_fixed) %}
{%- when (Some(a), Some(b)) %}
  return 4 + v.size * {{ a + b }};
{%- when (Some(a), None) %}
  let s = 4;
  for (const x of v.values()) s += {{ a }} + {{ c.elem_size }};
  return s;
{%- when (None, Some(b)) %}
  let s = 4;
  for (const k of v.keys()) s += {{ k.size }} + {{ b }};
  return s;
{%- when (None, None) %}
  let s = 4;
  for (const [k, x] of v) s += {{ k.size }} + {{ c.elem_size }};
  return s;
{%- endmatch %}
}
{%- when CompositeShape::Optional %}
function enc{{ c.mangle }}(w: Writer, v: {{ c.ts }}): void {
  if (v === undefined) {
    w.u8(0);
  } else {
    const x = v;
    w.u8(1);
    {{ c.elem_enc }};
  }
}

{% if c.checked %}
function chk{{ c.mangle }}(v: unknown, at: string): string | undefined {
  return v === undefined ? undefined : {{ c.elem_chk }};
}
{% endif %}

function dec{{ c.mangle }}(r: Reader): {{ c.ts }} {
  if (!r.present()) return undefined;
  r.enter();
  const x = {{ c.elem_dec }};
  r.exit();
  return x;
}

function size{{ c.mangle }}(v: {{ c.ts }}): number {
{%- if let Some(n) = c.elem_fixed %}
  return v === undefined ? 1 : 1 + {{ n }};
{%- else %}
  if (v === undefined) return 1;
  const x = v;
  return 1 + {{ c.elem_size }};
{%- endif %}
}
{%- endmatch %}
{% endfor %}
{%- for o in ops %}
/** Encodes the ok payload of `{{ o.doc_name }}`. */
{%- match o.result %}
{%- when Some with (res) %}
export function encode{{ o.result_name }}(w: Writer, v: {{ res.ts }}): void {
  {{ res.enc }};
}

/** Decodes the ok payload of `{{ o.doc_name }}`. */
export function decode{{ o.result_name }}(r: Reader): {{ res.ts }} {
  return {{ res.dec }};
}

/** An upper bound of the ok payload of `{{ o.doc_name }}`. */
export function maxSize{{ o.result_name }}({{ res.size_param }}: {{ res.ts }}): number {
  return {{ res.size }};
}
{%- when None %}
export function encode{{ o.result_name }}(_w: Writer, _v: void): void {}

/** Decodes the (empty) ok payload of `{{ o.doc_name }}`. */
export function decode{{ o.result_name }}(_r: Reader): void {}

/** The ok payload of `{{ o.doc_name }}` is empty. */
export function maxSize{{ o.result_name }}(_v: void): number {
  return 0;
}
{%- endmatch %}

/**
 * Decodes the typed error `errorId` thrown by `{{ o.doc_name }}` (the reader is
 * after the error id); an id the op does not throw is `unknown_error`.
 */
export function decode{{ o.error_name }}(r: Reader, errorId: number): {% if o.errors.is_empty() %}never{% else %}{% for e in o.errors %}{% if !loop.first %} | {% endif %}{{ e.class }}{% endfor %}{% endif %} {
  switch (errorId) {
{%- for e in o.errors %}
    case {{ e.class }}.wireId:
      return new {{ e.class }}(decode{{ e.type_name }}(r));
{%- endfor %}
    default:
      {% if o.errors.is_empty() %}void r;
      {% endif %}throw new DecodeError("unknown_error", `{{ o.doc_name }} error ${errorId}`);
  }
}
{%- if !o.errors.is_empty() %}

/** Encodes a whole typed-error payload (class, error id, fields) for `{{ o.doc_name }}`. */
export function encode{{ o.error_name }}(w: Writer, e: {% for e in o.errors %}{% if !loop.first %} | {% endif %}{{ e.class }}{% endfor %}): void {
{%- for e in o.errors %}
  if (e instanceof {{ e.class }}) {
    writeTypedErrorPrefix(w, {{ e.class }}.wireId);
    encode{{ e.type_name }}(w, e.data);
    return;
  }
{%- endfor %}
}

/** An upper bound of the typed-error payload {@link encode{{ o.error_name }}} writes. */
export function maxSize{{ o.error_name }}(e: {% for e in o.errors %}{% if !loop.first %} | {% endif %}{{ e.class }}{% endfor %}): number {
{%- for e in o.errors %}
  if (e instanceof {{ e.class }}) return 5 + maxSize{{ e.type_name }}(e.data);
{%- endfor %}
  return 5;
}
{%- endif %}
{% endfor %}
{%- for s in services %}
/** The op ids of `{{ s.qualified }}` by method name (docs/wire.md §4.1). */
export const {{ s.name }}OpIds = {
{%- for op in s.ops %}
  {{ op.key }}: {{ op.id }},
{%- endfor %}
} as const;

/** `{{ s.qualified }}` at run time: package, name and ops (docs/nats.md §1). */
export const {{ s.name }}Descriptor: kkServiceDescriptor = {
  package: {{ s.package_literal }},
  name: {{ s.name_literal }},
  doc: {{ s.doc_literal }},
  ops: [
{%- for op in s.ops %}
    { id: {{ op.id }}, name: {{ op.name_literal }} },
{%- endfor %}
  ],
};
{% endfor %}
