// Types of the schema and their wire codecs (docs/wire.md). Structs and
// errors: EncodeTo/DecodeFrom methods; enums and handles: named uint32 with
// the same methods; unions: an interface sealed to its variant structs, with
// Encode{Union}/Decode{Union}. Decoded bytes and typed buffers alias the input.

package {{ package }}

import (
	"kkgen.dev/kkrpc/wire"
{%- if uses_strconv %}
	"strconv"
{%- endif %}
)
{%- for e in enums %}

{{ e.doc }}type {{ e.name }} uint32

// The variants of {{ e.name }}.
const (
{%- for v in e.variants %}
{{ v.doc }}	{{ v.name }}{{ v.pad }} {{ e.name }} = {{ v.value }}
{%- endfor %}
)

// IsValid reports whether v names a variant.
func (v {{ e.name }}) IsValid() bool {
	switch v {
	case {% for v in e.variants %}{% if !loop.first %}, {% endif %}{{ v.name }}{% endfor %}:
		return true
	}
	return false
}

// String returns the variant's schema name, or "{{ e.name }}(N)" for a value naming none.
func (v {{ e.name }}) String() string {
	switch v {
{%- for v in e.variants %}
	case {{ v.name }}:
		return "{{ v.schema_name }}"
{%- endfor %}
	}
	return "{{ e.name }}(" + strconv.FormatUint(uint64(v), 10) + ")"
}

// {{ e.name }}FromName returns the variant with the schema name name.
func {{ e.name }}FromName(name string) ({{ e.name }}, bool) {
	switch name {
{%- for v in e.variants %}
	case "{{ v.schema_name }}":
		return {{ v.name }}, true
{%- endfor %}
	}
	return 0, false
}

// Default{{ e.name }} returns the default {{ e.name }}: the variant whose value is 0, else the first.
func Default{{ e.name }}() {{ e.name }} { return {{ e.default }} }

// EncodeTo writes v as a u32 (docs/wire.md §3.8).
func (v *{{ e.name }}) EncodeTo(w *wire.Writer) { w.PutU32(uint32(*v)) }

// DecodeFrom reads v; a value naming no variant is invalid_enum.
func (v *{{ e.name }}) DecodeFrom(r *wire.Reader) error {
	at := r.Pos()
	x := {{ e.name }}(r.U32())
	if !r.Failed() && !x.IsValid() {
		r.FailAt(wire.InvalidEnum, at)
	}
	*v = x
	return r.Err()
}
{%- endfor %}
{%- for h in handles %}

{{ h.doc }}type {{ h.name }} uint32

// EncodeTo writes v as a u32 (docs/wire.md §3.8).
func (v *{{ h.name }}) EncodeTo(w *wire.Writer) { w.PutU32(uint32(*v)) }

// DecodeFrom reads v.
func (v *{{ h.name }}) DecodeFrom(r *wire.Reader) error {
	*v = {{ h.name }}(r.U32())
	return r.Err()
}
{%- endfor %}
{%- for s in structs %}

{{ s.doc }}type {{ s.name }} struct {
{%- for f in s.fields %}
{{ f.doc }}	{{ f.name }}{{ f.pad }} {{ f.go_type }}
{%- endfor %}
}

// Default{{ s.name }} returns the default {{ s.name }} (docs/wire.md §3.9).
func Default{{ s.name }}() {{ s.name }} {
	return {{ s.default }}
}
{%- if let Some(e) = s.error %}

// Error returns the error's qualified schema name.
func (e *{{ s.name }}) Error() string { return "{{ e.qualified }}" }

// WireID returns the id written in error frames (docs/wire.md §4.1).
func (e *{{ s.name }}) WireID() uint32 { return {{ e.wire_id }} }
{%- endif %}

// EncodeTo writes v as a struct (docs/wire.md §3.9).
func (v *{{ s.name }}) EncodeTo(w *wire.Writer) {
	m := w.BeginStruct()
{{ s.bodies.encode }}	w.EndStruct(m)
}

// DecodeFrom reads v; fields missing at the end of the body keep their
// defaults and unknown trailing fields are skipped (docs/wire.md §3.9).
func (v *{{ s.name }}) DecodeFrom(r *wire.Reader) error {
	*v = {{ s.reset }}
	s := r.BeginStruct()
{{ s.bodies.decode }}	r.EndStruct(s)
	return r.Err()
}
{%- endfor %}
{%- for u in unions %}

{{ u.doc }}//
// Its variants are {% for v in u.variants %}{% if !loop.first %}{% if loop.last %} and {% else %}, {% endif %}{% endif %}*{{ v.go_type }}{% endfor %}.
type {{ u.name }} interface {
	{{ u.seal }}()
}

// The wire tags of the variants of {{ u.name }}.
const (
{%- for v in u.variants %}
	{{ v.tag_const }}{{ v.tag_pad }} uint32 = {{ v.tag }}
{%- endfor %}
)
{%- for v in u.variants %}

{{ v.doc }}type {{ v.go_type }} struct {
{%- if let Some(p) = v.payload %}
	Value {{ p.go_type }}
{%- endif %}
}

func (*{{ v.go_type }}) {{ u.seal }}() {}
{%- endfor %}

// Default{{ u.name }} returns the default {{ u.name }}: its first variant with a default payload.
func Default{{ u.name }}() {{ u.name }} {
	return {{ u.default }}
}
{% match u.nil %}
{%- when NilUnion::Default %}
// Encode{{ u.name }} writes v as a union (docs/wire.md §3.10); nil is written as Default{{ u.name }}().
{%- when NilUnion::Variant(empty) %}
// Encode{{ u.name }} writes v as a union (docs/wire.md §3.10). The schema's
// default of {{ u.name }} is infinite (its first variant contains it again), so
// fields of this type default to nil, and nil is written as {{ empty }}.
{%- when NilUnion::FirstTag(_) %}
// Encode{{ u.name }} writes v as a union (docs/wire.md §3.10). The schema's
// default of {{ u.name }} is infinite (its first variant contains it again), so
// fields of this type default to nil, and nil is written as the first tag with an empty payload.
{%- endmatch %}
func Encode{{ u.name }}(w *wire.Writer, v {{ u.name }}) {
	switch {% if u.binds_payload %}x := {% endif %}v.(type) {
{%- for v in u.variants %}
	case *{{ v.go_type }}:
		m := w.BeginUnion({{ v.tag_const }})
{% if let Some(p) = v.payload %}{{ p.encode }}{% endif %}		w.EndUnion(m)
{%- endfor %}
	default:
{%- match u.nil %}
{%- when NilUnion::Default %}
		Encode{{ u.name }}(w, Default{{ u.name }}())
{%- when NilUnion::Variant(empty) %}
		Encode{{ u.name }}(w, {{ empty }})
{%- when NilUnion::FirstTag(tag) %}
		w.EndUnion(w.BeginUnion({{ tag }}))
{%- endmatch %}
	}
}

// Decode{{ u.name }} reads a value of the union {{ u.name }}; a tag naming no variant is unknown_variant,
// and payload bytes the variant does not need are skipped.
func Decode{{ u.name }}(r *wire.Reader) ({{ u.name }}, error) {
	at := r.Pos()
	tag, s := r.BeginUnion()
	var v {{ u.name }}
	switch tag {
{%- for v in u.variants %}
	case {{ v.tag_const }}:
		x := &{{ v.go_type }}{}
{% if let Some(p) = v.payload %}{{ p.decode }}{% endif %}		v = x
{%- endfor %}
	default:
		r.FailAt(wire.UnknownVariant, at)
	}
	r.EndUnion(s)
	if r.Failed() {
		return nil, r.Err()
	}
	return v, nil
}
{%- endfor %}
{%- for p in params %}

// {{ p.name }} are the parameters of `{{ p.qualified }}`, encoded as one struct
// (the payload of a call frame).
type {{ p.name }} struct {
{%- for f in p.fields %}
	{{ f.name }}{{ f.pad }} {{ f.go_type }}
{%- endfor %}
}

// EncodeTo writes the parameters as one struct (docs/wire.md §2).
func (v *{{ p.name }}) EncodeTo(w *wire.Writer) {
	m := w.BeginStruct()
{{ p.bodies.encode }}	w.EndStruct(m)
}

// DecodeFrom reads the parameters; missing trailing ones take their defaults.
func (v *{{ p.name }}) DecodeFrom(r *wire.Reader) error {
	*v = {{ p.reset }}
	s := r.BeginStruct()
{{ p.bodies.decode }}	r.EndStruct(s)
	return r.Err()
}
{%- endfor %}
{%- for res in results %}

// encode{{ res.codec }} writes the result of `{{ res.qualified }}` (an ok payload).
func encode{{ res.codec }}(w *wire.Writer, v {{ res.go_type }}) {
{{ res.encode }}}

// decode{{ res.codec }} reads the result of `{{ res.qualified }}`.
func decode{{ res.codec }}(r *wire.Reader) ({{ res.go_type }}, error) {
	var v {{ res.go_type }}
{{ res.decode }}	return v, r.Err()
}
{%- endfor %}
