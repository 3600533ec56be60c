// Typed HTTP clients: create{Service}HttpClient(baseUrl, options) implements
// {Service}Api over the generated routes (routes.ts, docs/http.md): one POST
// per call, parameters encoded with the op's Zod params codec, results decoded
// with its result codec; typed errors reject as their generated classes,
// everything else as SystemError with the code the server named. Types are
// written out, not inferred from the routes (no hc<typeof app>).
{% if has_ops %}
import { createHttpCaller as createHttpCaller_, type HttpClientOptions, type HttpOp } from "{{ client_import }}";
{%- else %}
import type { HttpClientOptions } from "{{ client_import }}";
{%- endif %}
import type { {{ type_imports|join(", ") }} } from "./api.js";
{%- if has_ops %}
import * as T from "./types.js";
import * as Z from "./zod.js";
{%- endif %}
{% for s in services %}
{%- for o in s.ops %}
const {{ o.const_name }}: HttpOp<T.{{ o.params_type }}, Awaited<ReturnType<{{ s.name }}Api["{{ o.method }}"]>>> = {
  path: {{ o.path }},
  params: Z.{{ o.params_type }}Schema,
  result: {% if o.has_result %}Z.{{ o.result_schema }}{% else %}undefined{% endif %},
  errors: {% if o.errors.is_empty() %}{}{% else %}{
{%- for e in o.errors %}
    {{ e.type_literal }}: [Z.{{ e.schema }}, T.{{ e.class }}],
{%- endfor %}
  }{% endif %},
{%- if let Some(b) = o.buffer_param %}
  bufferParam: {{ b }},
{%- endif %}
{%- if let Some(b) = o.buffer_result %}
  bufferResult: {{ b }},
{%- endif %}
};
{%- endfor %}

/** A client of `{{ s.qualified }}` over HTTP: the routes of create{{ s.name }}Routes served at `baseUrl`. */
{%- if s.ops.is_empty() %}
export function create{{ s.name }}HttpClient(_baseUrl: string | URL, _options?: HttpClientOptions): {{ s.name }}Api {
  return {};
{%- else %}
export function create{{ s.name }}HttpClient(baseUrl: string | URL, options?: HttpClientOptions): {{ s.name }}Api {
  const http_ = createHttpCaller_(baseUrl, options);
  return {
{%- for o in s.ops %}
    {{ o.method }}: ({% for p in o.params %}{{ p.binding }}, {% endfor %}options_) =>
      http_.call({{ o.const_name }}, {% if o.params.is_empty() %}{}{% else %}{ {% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.prop }}: {{ p.binding }}{% endfor %} }{% endif %}, options_),
{%- endfor %}
  };
{%- endif %}
}
{% endfor %}
