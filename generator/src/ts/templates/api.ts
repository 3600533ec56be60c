// The services' APIs: one async method per op. Each interface is also usable
// as the remote API type of a kkrpc RPCChannel. Implemented by client.ts.
// {Service}SyncApi: the same methods returning their value (the synchronous
// client of the direct transport, create{Service}SyncClient).
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

/** `{{ s.name }}Api` returning values, not promises: implemented by `create{{ s.name }}SyncClient` over the direct transport. */
export interface {{ s.name }}SyncApi {
{%- for o in s.ops %}
{{ o.doc }}  {{ o.method }}({% for p in o.params %}{{ p.binding }}: {{ p.ts }}, {% endfor %}options_?: CallOptions): {{ o.result }};
{%- endfor %}
}
{% endfor %}
