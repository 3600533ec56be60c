// Service interfaces and dispatchers: implement {Service} in Go, then serve it
// with Register{Service} (module ABI, built on the first kk_call) or
// Serve{Service}Stdio (frames on a pair of streams, e.g. stdin/stdout).

package {{ package }}

import (
	"io"

	"kkgen.dev/kkrpc/abi"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/stdio"
	"kkgen.dev/kkrpc/wire"
)
{% for s in services %}
{{ s.doc }}{% if !s.doc.is_empty() %}//
{% endif %}// {{ s.name }} is implemented by the Go code behind `{{ s.qualified }}`. Slices
// among the arguments (typed buffers, bytes) alias the call frame: they are
// valid only during the call; copy what you keep. A returned error that is one
// of the op's typed errors, as a pointer{% if let Some(e) = s.example_error %} (e.g. &{{ e }}{...}){% endif %}, is sent
// as that error; any other error as system error internal; a panic as system
// error trap.
type {{ s.name }} interface {
{%- for o in s.ops %}
{{ o.doc }}	{{ o.method }}({% for p in o.params %}{% if !loop.first %}, {% endif %}{{ p.arg }} {{ p.go_type }}{% endfor %}) {% match o.result %}{% when Some(t) %}({{ t }}, error){% when None %}error{% endmatch %}
{%- endfor %}
}

{%- if !s.ops.is_empty() %}

// {{ s.name }}OpIDs are the wire ids of the ops of `{{ s.qualified }}`.
const (
{%- for o in s.ops %}
	// {{ s.name }}Op{{ o.method }} is the id of `{{ o.qualified }}`.
	{{ s.name }}Op{{ o.method }} uint32 = {{ o.id }}
{%- endfor %}
)
{%- endif %}

// {{ s.name }}Descriptor is `{{ s.qualified }}` at run time: package, name
// and ops (docs/nats.md §1).
var {{ s.name }}Descriptor = service.Descriptor{
	Package: {{ s.package_literal }},
	Name:    {{ s.name_literal }},
	Doc:     {{ s.doc_literal }},
{%- if s.ops.is_empty() %}
	Ops:     []service.OpDescriptor{},
{%- else %}
	Ops: []service.OpDescriptor{
{%- for o in s.ops %}
		{ID: {{ s.name }}Op{{ o.method }}, Name: {{ o.name_literal }}},
{%- endfor %}
	},
{%- endif %}
}

// {{ s.name }}Dispatcher routes call frames to an implementation of
// {{ s.name }} (it is a service.Dispatcher).
// It reuses its buffers: an answer is valid until the next Dispatch.
type {{ s.name }}Dispatcher struct {
	impl {{ s.name }}
	w    wire.Writer
	out  []byte
}

// New{{ s.name }}Dispatcher returns the dispatcher of impl.
func New{{ s.name }}Dispatcher(impl {{ s.name }}) *{{ s.name }}Dispatcher {
	return &{{ s.name }}Dispatcher{impl: impl}
}

// Register{{ s.name }} makes factory the service behind this module's kk_call
// (docs/abi.md): it runs on the first call, not at instantiation. Call it from
// an init function of the module's main package.
func Register{{ s.name }}(factory func() {{ s.name }}) {
	abi.Register(func() service.Dispatcher { return New{{ s.name }}Dispatcher(factory()) })
}

// Serve{{ s.name }}Stdio answers call frames read from in on out until in ends
// (docs/abi.md §4), then returns nil; a rejected frame header is answered,
// then reported as stdio.ErrRejected. A wasip1 command or native program
// passes os.Stdin and os.Stdout: this package does not import os, so a reactor
// built from it needs nothing of WASI beyond docs/abi.md §2.
func Serve{{ s.name }}Stdio(impl {{ s.name }}, in io.Reader, out io.Writer) error {
	return stdio.NewServer(in, out, New{{ s.name }}Dispatcher(impl)).Serve()
}

// Dispatch implements service.Dispatcher.
func (d *{{ s.name }}Dispatcher) Dispatch(callID, opID uint32, payload []byte) []byte {
	switch opID {
{%- for o in s.ops %}
	case {{ s.name }}Op{{ o.method }}:
		return d.call{{ o.method }}(callID, payload)
{%- endfor %}
	}
	return d.system(callID, opID, service.CodeUnknownOp, "unknown op")
}

// system answers a system error.
func (d *{{ s.name }}Dispatcher) system(callID, opID, code uint32, message string) []byte {
	d.out = service.AppendSystemError(d.out[:0], callID, opID, code, message)
	return d.out
}

// answer frames the value the writer holds as an answer of kind.
func (d *{{ s.name }}Dispatcher) answer(kind uint8, callID, opID uint32) []byte {
	body := d.w.Bytes()
	d.out = service.AppendHeader(d.out[:0], kind, callID, opID, uint32(len(body)))
	d.out = append(d.out, body...)
	return d.out
}
{% for o in s.ops %}
// call{{ o.method }} runs `{{ o.qualified }}`.
func (d *{{ s.name }}Dispatcher) call{{ o.method }}(callID uint32, payload []byte) []byte {
	const opID = {{ s.name }}Op{{ o.method }}
	var p {{ o.params_type }}
	r := wire.NewReader(payload)
	if err := p.DecodeFrom(r); err != nil {
		return d.system(callID, opID, service.CodeDecode, err.Error())
	}
	if err := r.Finish(); err != nil {
		return d.system(callID, opID, service.CodeDecode, err.Error())
	}
	{% if o.result.is_some() %}res, err{% else %}err{% endif %} := d.impl.{{ o.method }}({% for p in o.params %}{% if !loop.first %}, {% endif %}p.{{ p.field }}{% endfor %})
	d.w.Reset()
	if err != nil {
{%- if !o.throws.is_empty() %}
		switch e := err.(type) {
{%- for t in o.throws %}
		case *{{ t.name }}:
			d.w.PutU8(0)
			d.w.PutU32({{ t.wire_id }})
			e.EncodeTo(&d.w)
			return d.answer(service.KindError, callID, opID)
{%- endfor %}
		}
{%- endif %}
		return d.system(callID, opID, service.FailureCode(err), err.Error())
	}
{%- if o.result_is_buffer %}
	if frame := wire.TakeResultFrame(res, callID, opID); frame != nil {
		return frame
	}
{%- endif %}
{%- if o.result.is_some() %}
	encode{{ o.result_codec }}(&d.w, res)
{%- endif %}
	return d.answer(service.KindOk, callID, opID)
}
{% endfor %}
{%- endfor %}
