// The codec of every schema type named in the vectors, behind one interface,
// so the vector and fuzz tests can loop over types by name.

package conformance

import (
	"reflect"

	gen "kkgen.dev/kkrpc/conformance/gen"
	"kkgen.dev/kkrpc/wire"
)

// codec encodes and decodes one generated type; values travel as pointers.
type codec struct {
	// newValue returns a pointer to a zero value.
	newValue func() reflect.Value
	// encode writes the value p points to.
	encode func(w *wire.Writer, p reflect.Value)
	// decode reads a value and returns a pointer to it.
	decode func(r *wire.Reader) (reflect.Value, error)
}

// methodCodec is what generated structs, errors, enums and handles implement.
type methodCodec interface {
	EncodeTo(w *wire.Writer)
	DecodeFrom(r *wire.Reader) error
}

// viaMethods is the codec of a type whose pointer has EncodeTo/DecodeFrom.
func viaMethods[T any, P interface {
	*T
	methodCodec
}]() codec {
	return codec{
		newValue: func() reflect.Value { return reflect.ValueOf(P(new(T))) },
		encode:   func(w *wire.Writer, p reflect.Value) { p.Interface().(P).EncodeTo(w) },
		decode: func(r *wire.Reader) (reflect.Value, error) {
			p := P(new(T))
			err := p.DecodeFrom(r)
			return reflect.ValueOf(p), err
		},
	}
}

// shapeCodec is the codec of the union Shape (free functions).
var shapeCodec = codec{
	newValue: func() reflect.Value { return reflect.ValueOf(new(gen.Shape)) },
	encode:   func(w *wire.Writer, p reflect.Value) { gen.EncodeShape(w, *p.Interface().(*gen.Shape)) },
	decode: func(r *wire.Reader) (reflect.Value, error) {
		v, err := gen.DecodeShape(r)
		return reflect.ValueOf(&v), err
	},
}

// codecs maps schema type names to codecs.
var codecs = map[string]codec{
	"Scalars":    viaMethods[gen.Scalars](),
	"Buffers":    viaMethods[gen.Buffers](),
	"Containers": viaMethods[gen.Containers](),
	"Point":      viaMethods[gen.Point](),
	"PointV2":    viaMethods[gen.PointV2](),
	"Pinned":     viaMethods[gen.Pinned](),
	"Color":      viaMethods[gen.Color](),
	"Shape":      shapeCodec,
	"Circle":     viaMethods[gen.Circle](),
	"Tree":       viaMethods[gen.Tree](),
	"Model":      viaMethods[gen.Model](),
	"Everything": viaMethods[gen.Everything](),
	"NotFound":   viaMethods[gen.NotFound](),
	"Invalid":    viaMethods[gen.Invalid](),
	"Overflow":   viaMethods[gen.Overflow](),
	// The params struct of an op: the call payload (docs/wire.md §2).
	"ConformanceScaleParams":  viaMethods[gen.ConformanceScaleParams](),
	"ConformanceEchoParams":   viaMethods[gen.ConformanceEchoParams](),
	"ConformanceLookupParams": viaMethods[gen.ConformanceLookupParams](),
}

// codecNames lists the codecs in a fixed order (fuzz targets pick by index).
var codecNames = []string{
	"Scalars", "Buffers", "Containers", "Point", "PointV2", "Pinned", "Color", "Shape",
	"Circle", "Tree", "Model", "Everything", "NotFound", "Invalid", "ConformanceScaleParams",
	"ConformanceEchoParams", "ConformanceLookupParams", "Overflow",
}
