// The services' APIs: one async method per op. Each interface is also usable
// as the remote API type of a kkrpc RPCChannel. Implemented by client.ts.
{% if has_ops %}
import type { CallOptions } from "{{ runtime_import }}";
{%- endif %}
{%- if !types.is_empty() %}
import type { {{ types|join(", ") }} } from "./types.js";
{%- endif %}
{% for s in services %}
{{ s.doc }}export interface {{ s.name }}Api {
{%- for o in s.ops %}
{{ o.doc }}  {{ o.method }}({% for p in o.params %}{{ p.binding }}: {{ p.ts }}, {% endfor %}options_?: CallOptions): Promise<{{ o.result }}>;
{%- endfor %}
}
{% endfor %}
