// Types of the schema (docs/wire.md describes their encoding in codecs.ts).
// Enums are numbers, unions are { tag, value } objects, handles are branded
// numbers, optionals are `T | undefined`, 64-bit integers are bigint.
{%- if !errors.is_empty() %}
import { ServiceError as kkServiceError } from "{{ runtime_import }}";
{%- endif %}
{% for e in enums %}
{{ e.doc }}export const {{ e.name }} = {
{%- for v in e.variants %}
{{ v.doc }}  {{ v.name }}: {{ v.value }},
{%- endfor %}
} as const;
{{ e.doc }}export type {{ e.name }} = (typeof {{ e.name }})[keyof typeof {{ e.name }}];
{% endfor %}
{%- for h in handles %}
{{ h.doc }}export type {{ h.name }} = number & { readonly __kkHandle: "{{ h.name }}" };
{% endfor %}
{%- for s in interfaces %}
{{ s.doc }}export interface {{ s.name }} {
{%- for p in s.props %}
{{ p.doc }}  {{ p.name }}{{ p.opt }}: {{ p.ts }};
{%- endfor %}
}
{% endfor %}
{%- for u in unions %}
{{ u.doc }}export type {{ u.name }} =
{%- for a in u.arms %}
  | { readonly tag: "{{ a.name }}"{% if let Some(p) = a.payload %}; readonly value: {{ p }}{% endif %} }
{%- endfor %};
{% endfor %}
{%- for e in errors %}
/** Thrown when an op fails with the typed error `{{ e.name }}`; its fields are in `data`. */
export class {{ e.class }} extends kkServiceError {
  /** The error's wire id (docs/wire.md §4.1). */
  static readonly wireId = {{ e.wire_id }};
  /** The error's wire id, as every `ServiceError` has it. */
  override readonly errorId = {{ e.wire_id }};
  /** The error's fields. */
  readonly data: {{ e.name }};

  /** Wraps the decoded fields. */
  constructor(data: {{ e.name }}) {
    super("{{ e.name }}");
    this.name = "{{ e.class }}";
    this.data = data;
  }
}
{% endfor %}
{%- for s in params %}
{{ s.doc }}export interface {{ s.name }} {
{%- for p in s.props %}
{{ p.doc }}  {{ p.name }}{{ p.opt }}: {{ p.ts }};
{%- endfor %}
}
{% endfor %}
