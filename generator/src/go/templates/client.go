// Typed clients for native Go callers: {Service}Client calls a service over
// any kkgen.dev/kkrpc/client Transport (in-process, a child process's stdio).
// Every identifier the method bodies declare starts with kk; no parameter
// does (kkgen escapes them), so parameters never collide with locals.

package {{ package }}

import (
	kkclient "kkgen.dev/kkrpc/client"
	kkwire "kkgen.dev/kkrpc/wire"
)
{% for s in services %}
// {{ s.name }}Client calls `{{ s.qualified }}`, one call at a time. A typed
// error comes back as the op's error type (a pointer); other failures as
// *kkclient.SystemError (an answer that does not decode: code decode) or as
// the transport's error.
type {{ s.name }}Client struct {
	conn *kkclient.Conn
	w    kkwire.Writer
}

// New{{ s.name }}Client returns a client over t.
func New{{ s.name }}Client(t kkclient.Transport) *{{ s.name }}Client {
	return &{{ s.name }}Client{conn: kkclient.NewConn(t)}
}
{% for o in s.ops %}
{{ o.client_doc }}func (kk *{{ s.name }}Client) {{ o.method }}({% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.arg }} {{ p.go_type }}{% endfor %}) {% match o.result %}{% when Some(t) %}({{ t }}, error){% when None %}error{% endmatch %} {
{%- if let Some(t) = o.result %}
	var kkZero {{ t }}
{%- endif %}
	kkP := {{ o.params_type }}{ {%- for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.field }}: {{ p.arg }}{% endfor -%} }
	kk.w.Reset()
	kkP.EncodeTo(&kk.w)
	kkPayload, kkErr := kk.conn.Call({{ s.name }}Op{{ o.method }}, kk.w.Bytes())
	if kkErr != nil {
{%- if !o.throws.is_empty() %}
		if kkTyped, kkOk := kkErr.(*kkclient.TypedError); kkOk {
			// The fields start at payload offset 5 (class, error id): typed
			// buffers among them are aligned relative to the payload start.
			kkR := kkwire.NewReaderAt(kkTyped.Payload, 5, kkwire.DefaultLimits())
			switch kkTyped.ErrorID {
{%- for t in o.throws %}
			case {{ t.wire_id }}:
				kkE := &{{ t.name }}{}
				if kkErr = kkE.DecodeFrom(kkR); kkErr == nil {
					kkErr = kkR.Finish()
				}
				if kkErr != nil {
					return {% if o.result.is_some() %}kkZero, {% endif %}kkclient.DecodeError(kkErr)
				}
				return {% if o.result.is_some() %}kkZero, {% endif %}kkE
{%- endfor %}
			}
		}
{%- endif %}
		return {% if o.result.is_some() %}kkZero, {% endif %}kkErr
	}
	kkR := kkwire.NewReader(kkPayload)
{%- if o.result.is_some() %}
	kkV, kkErr := decode{{ o.result_codec }}(kkR)
	if kkErr == nil {
		kkErr = kkR.Finish()
	}
	if kkErr != nil {
		return kkZero, kkclient.DecodeError(kkErr)
	}
	return kkV, nil
{%- else %}
	if kkErr = kkR.Finish(); kkErr != nil {
		return kkclient.DecodeError(kkErr)
	}
	return nil
{%- endif %}
}
{% endfor %}
{%- endfor %}
