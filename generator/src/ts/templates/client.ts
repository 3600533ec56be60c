// Typed clients: create{Service}Client(transport) implements {Service}Api over
// any runtime-ts transport (direct, Worker, SharedWorker). Typed errors reject
// as their generated classes, machinery failures as SystemError. Ops whose
// parameters and result are numbers, booleans, enums or handles call the
// module's scalar fast export kk_op_<id> when the transport offers it
// (Transport.callFast: the direct transport over a module that exports it,
// docs/abi.md §1.4), and go through frames otherwise.

import { opCall, type OpCodec, type Transport } from "{{ runtime_import }}";
import type { {{ type_imports|join(", ") }} } from "./api.js";
import {
{%- for c in codec_imports %}
  {{ c }},
{%- endfor %}
} from "./codecs.js";
import type * as types from "./types.js";
{% for s in services %}
{%- for o in s.ops %}
const {{ o.params_name }}Codec: OpCodec<types.{{ o.params_name }}, ReturnType<typeof decode{{ o.result_name }}>> = {
  maxSize: maxSize{{ o.params_name }},
  encode: encode{{ o.params_name }},
  decode: decode{{ o.result_name }},
  decodeError: decode{{ o.error_name }},
};
{%- endfor %}

/** A client of `{{ s.qualified }}` over `transport`. */
export function create{{ s.name }}Client(transport: Transport): {{ s.name }}Api {
  return {
{%- for o in s.ops %}
    {{ o.method }}: ({% for p in o.params %}{{ p.binding }}, {% endfor %}options) =>
{%- if let Some(f) = o.fast %}
      {% if let Some(g) = f.guard %}({{ g }} ? transport.callFast?.("{{ f.export }}", {{ f.invoke }}, options) : undefined){% else %}transport.callFast?.("{{ f.export }}", {{ f.invoke }}, options){% endif %} ??
{%- endif %}
      transport.call(opCall({{ s.name }}OpIds.{{ o.id_key }}, {% if o.params.is_empty() %}{}{% else %}{ {% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.prop }}: {{ p.binding }}{% endfor %} }{% endif %}, {{ o.params_name }}Codec), options),
{%- endfor %}
  };
}
{% endfor %}
