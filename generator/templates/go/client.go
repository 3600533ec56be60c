// Typed clients for native Go callers: {Service}Client calls a service over
// any kkgen.dev/kkrpc/client Transport (in-process, a child process's stdio).

package {{ package }}

import (
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wire"
)
{% for s in services %}
// {{ s.name }}Client calls `{{ s.qualified }}`, one call at a time.
type {{ s.name }}Client struct {
	conn *client.Conn
	w    wire.Writer
}

// New{{ s.name }}Client returns a client over t.
func New{{ s.name }}Client(t client.Transport) *{{ s.name }}Client {
	return &{{ s.name }}Client{conn: client.NewConn(t)}
}
{% for o in s.ops %}
{%- for line in o.docs %}
// {{ line }}
{%- endfor %}
{%- if o.docs.is_empty() %}
// {{ o.method }} calls `{{ o.qualified }}`.
{%- endif %}
{%- if let Some(why) = o.deprecated %}
//
// Deprecated: {{ why }}
{%- endif %}
func (c *{{ s.name }}Client) {{ o.method }}({% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.arg }} {{ p.go_type }}{% endfor %}) {% match o.result %}{% when Some(t) %}(res {{ t }}, err error){% when None %}(err error){% endmatch %} {
	p := {{ o.params_type }}{ {%- for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.field }}: {{ p.arg }}{% endfor -%} }
	c.w.Reset()
	p.EncodeTo(&c.w)
	{% if o.result.is_some() %}payload{% else %}_{% endif %}, err := c.conn.Call({{ s.name }}Op{{ o.method }}, c.w.Bytes())
	if err != nil {
{%- if !o.throws.is_empty() %}
		if typed, ok := err.(*client.TypedError); ok {
			r := wire.NewReader(typed.Payload)
			switch typed.ErrorID {
{%- for t in o.throws %}
			case {{ t.wire_id }}:
				e := &{{ t.name }}{}
				if derr := e.DecodeFrom(r); derr != nil {
					return {% if o.result.is_some() %}res, {% endif %}&client.SystemError{Code: 2, Message: derr.Error()}
				}
				return {% if o.result.is_some() %}res, {% endif %}e
{%- endfor %}
			}
		}
{%- endif %}
		return {% if o.result.is_some() %}res, {% endif %}err
	}
{%- if o.result.is_some() %}
	r := wire.NewReader(payload)
	if res, err = decode{{ o.result_codec }}(r); err == nil {
		err = r.Finish()
	}
	return res, err
{%- else %}
	return nil
{%- endif %}
}
{% endfor %}
{%- endfor %}
