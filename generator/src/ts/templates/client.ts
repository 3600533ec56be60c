// Typed clients: create{Service}Client(transport) implements {Service}Api over
// any runtime-ts transport (direct, Worker, SharedWorker). Typed errors reject
// as their generated classes, machinery failures as SystemError. Ops whose
// parameters and result are numbers, booleans, enums or handles call the
// module's scalar fast export kk_op_<id> when the transport offers it
// (Transport.callFast: the direct transport over a module that exports it,
// docs/abi.md §1.4), and go through frames otherwise. A wrong-typed argument
// rejects with SystemError decode naming the op, the parameter and the
// expected type, before anything is sent (docs/runtime-ts.md).
// create{Service}SyncClient(direct) implements {Service}SyncApi over the
// direct transport: the same calls, returning values and throwing errors
// (after `await direct.ready()`).
{% if has_ops %}
import { opCall as opCall_, type DirectTransport, type OpCodec, type Transport } from "{{ runtime_import }}";
{%- else %}
import type { DirectTransport, Transport } from "{{ runtime_import }}";
{%- endif %}
import type { {{ type_imports|join(", ") }} } from "./api.js";
{%- if !codec_imports.is_empty() %}
import {
{%- for c in codec_imports %}
  {{ c }},
{%- endfor %}
} from "./codecs.js";
{%- endif %}
{%- if has_ops %}
import type * as types_ from "./types.js";
{%- endif %}
{% for s in services %}
{%- for o in s.ops %}
const {{ o.params_name }}Codec: OpCodec<types_.{{ o.params_name }}, ReturnType<typeof decode{{ o.result_name }}>> = {
  maxSize: maxSize{{ o.params_name }},
  encode: encode{{ o.params_name }},
  decode: decode{{ o.result_name }},
  decodeError: decode{{ o.error_name }},
  name: "{{ s.name }}.{{ o.method }}",
  check: check{{ o.params_name }},
};
{%- endfor %}

/** A client of `{{ s.qualified }}` over `transport`. */
{%- if s.ops.is_empty() %}
export function create{{ s.name }}Client(_transport: Transport): {{ s.name }}Api {
  return {};
}
{%- else %}
export function create{{ s.name }}Client(transport_: Transport): {{ s.name }}Api {
  return {
{%- for o in s.ops %}
    {{ o.method }}: ({% for p in o.params %}{{ p.binding }}, {% endfor %}options_) =>
{%- if let Some(f) = o.fast %}
      {% if let Some(g) = f.guard %}({{ g }} ? transport_.callFast?.("{{ f.export }}", {{ f.invoke }}, options_) : undefined){% else %}transport_.callFast?.("{{ f.export }}", {{ f.invoke }}, options_){% endif %} ??
{%- endif %}
      transport_.call(opCall_({{ s.name }}OpIds.{{ o.id_key }}, {% if o.params.is_empty() %}{}{% else %}{ {% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.prop }}: {{ p.binding }}{% endfor %} }{% endif %}, {{ o.params_name }}Codec), options_),
{%- endfor %}
  };
}
{%- endif %}

/** A synchronous client of `{{ s.qualified }}` over the direct transport `transport` (call after `await transport.ready()`). */
{%- if s.ops.is_empty() %}
export function create{{ s.name }}SyncClient(_transport: DirectTransport): {{ s.name }}SyncApi {
  return {};
}
{%- else %}
export function create{{ s.name }}SyncClient(transport_: DirectTransport): {{ s.name }}SyncApi {
  return {
{%- for o in s.ops %}
{%- if let Some(f) = o.fast %}
    {{ o.method }}: ({% for p in o.params %}{{ p.binding }}, {% endfor %}options_) => {
      const f_ = {% if let Some(g) = f.guard %}{{ g }} ? transport_.fastSync("{{ f.export }}", options_) : undefined{% else %}transport_.fastSync("{{ f.export }}", options_){% endif %};
      if (f_ === undefined) return transport_.callSync(opCall_({{ s.name }}OpIds.{{ o.id_key }}, {% if o.params.is_empty() %}{}{% else %}{ {% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.prop }}: {{ p.binding }}{% endfor %} }{% endif %}, {{ o.params_name }}Codec), options_);
      try {
        return {{ f.body }};
      } catch (e_) {
        throw transport_.fastFailed(e_);
      }
    },
{%- else %}
    {{ o.method }}: ({% for p in o.params %}{{ p.binding }}, {% endfor %}options_) =>
      transport_.callSync(opCall_({{ s.name }}OpIds.{{ o.id_key }}, {% if o.params.is_empty() %}{}{% else %}{ {% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.prop }}: {{ p.binding }}{% endfor %} }{% endif %}, {{ o.params_name }}Codec), options_),
{%- endif %}
{%- endfor %}
  };
}
{%- endif %}
{% endfor %}
