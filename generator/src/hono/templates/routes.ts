// The HTTP routes of the services (docs/http.md): create{Service}Routes(client, options?)
// mounts one `POST /{package}/{Service}/{op}` route per op over any transport's
// {Service}Api client, validated by @hono/zod-validator with the runtime's hook.

import { Hono{% if uses_context %}, type Context{% endif %} } from "hono";
{%- if has_ops %}
import { zValidator } from "@hono/zod-validator";
{%- endif %}
{%- if uses_encode %}
import { z } from "zod";
{%- endif %}
import { createRouteKit{% if has_errors %}, typedErrorResponse{% endif %}{% if has_ops %}, syncValidation, validationHook{% endif %}, type HttpRoutesOptions } from "{{ http_import }}";
import type * as A from "./api.js";
{%- if has_ops %}
import * as T from "./types.js";
import * as Z from "./zod.js";
{%- endif %}
import { openApiDocument } from "./openapi.js";

/** The OpenAPI document (openapi.json), written once. */
const openApiText = JSON.stringify(openApiDocument);
{% for s in services %}
/**
 * The HTTP routes of `{{ s.qualified }}` over `client_` (any transport's client):
{%- for o in s.ops %}
 * `POST {{ o.path }}`,
{%- endfor %}
 * and `GET {{ s.base }}/openapi.json`{% if s.has_events %}; with `options_.events`, `GET {{ s.base }}/events`
 * streams the events the ops emit (datastar SSE){% endif %}. Errors answer `{ "error": { "type", ... } }` (docs/http.md).
 */
export function create{{ s.name }}Routes({% if s.ops.is_empty() %}_client{% else %}client_{% endif %}: A.{{ s.name }}Api, options_?: HttpRoutesOptions): Hono {
  const kit_ = createRouteKit(options_);
  const app_ = new Hono();
  app_.onError(kit_.onError);
  app_.notFound(kit_.notFound);
  app_.get("{{ s.base }}/openapi.json", () => kit_.jsonText(openApiText));
{%- if s.has_events %}
  const events_ = options_?.events;
  if (events_ !== undefined) app_.get("{{ s.base }}/events", (c_) => events_.sseResponse(c_.req.raw));
{%- endif %}
{%- for o in s.ops %}

{{ o.doc }}  const {{ o.local }} = async ({{ o.params_binding }}: T.{{ o.params_type }}{% if o.needs_context %}, c_: Context{% endif %}): Promise<Response> => {
    try {
{%- if o.result_schema.is_none() %}
      await client_.{{ o.method }}({{ o.args }});
      return kit_.noContent();
{%- else %}
      const result_ = await client_.{{ o.method }}({{ o.args }});
{%- if !o.emits.is_empty() %}
      const json_ = {{ o.result_json }};
{%- for e in o.emits %}
      options_?.events?.publish({{ e }}, json_);
{%- endfor %}
{%- endif %}
{%- if o.buffer_result %}
      if (kit_.acceptsOctetStream(c_)) return kit_.octetStreamResponse(result_);
{%- endif %}
      return kit_.json({% if o.emits.is_empty() %}{{ o.result_json }}{% else %}json_{% endif %});
{%- endif %}
    } catch (e_) {
{%- for e in o.errors %}
      if (e_ instanceof T.{{ e.class }}) return typedErrorResponse({{ e.type_literal }}, z.encode(Z.{{ e.schema }}, e_.data));
{%- endfor %}
      return kit_.failure(e_);
    }
  };
{%- match o.octet_in %}
{%- when Some with (octet) %}
  app_.post("{{ o.path }}", kit_.bufferRoute({{ octet.class }}, ({% if o.needs_context %}c_{% else %}_c{% endif %}, buffer_) => {{ o.local }}({ {{ octet.prop }}: buffer_ }{% if o.needs_context %}, c_{% endif %}), zValidator("json", Z.{{ o.params_schema }}, validationHook, syncValidation), (c_) => {{ o.local }}(c_.req.valid("json"){% if o.needs_context %}, c_{% endif %})));
{%- when None %}
  app_.post("{{ o.path }}", kit_.jsonRoute(zValidator("json", Z.{{ o.params_schema }}, validationHook, syncValidation), (c_) => {{ o.local }}(c_.req.valid("json"){% if o.needs_context %}, c_{% endif %})));
{%- endmatch %}
{%- endfor %}
  return app_;
}
{% endfor %}
