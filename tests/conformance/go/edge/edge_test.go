// Round trips through the Go code generated for the corner cases of
// tests/schemas/good/edge.kkidl (written to ../edgegen by
// scripts/test-go-wire.sh): enum without a 0 value, a union whose schema
// default is infinite, a union of empty variants, keyword field names,
// optionals/lists/maps of enums and unions.
package edge

import (
	"reflect"
	"testing"

	gen "kkgen.dev/kkrpc/conformance/edgegen"
	"kkgen.dev/kkrpc/wire"
)

func roundTrip(t *testing.T, in *gen.Holder) *gen.Holder {
	t.Helper()
	var w wire.Writer
	in.EncodeTo(&w)
	r := wire.NewReader(w.Bytes())
	var out gen.Holder
	if err := out.DecodeFrom(r); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if err := r.Finish(); err != nil {
		t.Fatalf("finish: %v", err)
	}
	var again wire.Writer
	out.EncodeTo(&again)
	if string(again.Bytes()) != string(w.Bytes()) {
		t.Fatalf("not canonical:\n%x\n%x", w.Bytes(), again.Bytes())
	}
	return &out
}

func TestEmptyBodyTakesDefaults(t *testing.T) {
	var h gen.Holder
	r := wire.NewReader([]byte{0, 0, 0, 0})
	if err := h.DecodeFrom(r); err != nil || r.Finish() != nil {
		t.Fatal(err, r.Err())
	}
	if h.Level != gen.LevelLow || h.Level != gen.DefaultLevel() {
		t.Fatalf("enum default %v, want Low (no variant has value 0)", h.Level)
	}
	if _, ok := h.Signal.(*gen.SignalStart); !ok {
		t.Fatalf("union default %#v, want *SignalStart", h.Signal)
	}
	if h.Expr != nil {
		t.Fatalf("cyclic union default %#v, want nil", h.Expr)
	}
	if !reflect.DeepEqual(h, gen.DefaultHolder()) {
		t.Fatalf("%#v != DefaultHolder()", h)
	}
}

func TestZeroEnumRejectedDefaultRoundTrips(t *testing.T) {
	// A Go zero value holds an invalid enum (0): it must be rejected on
	// decode, never silently accepted.
	var w wire.Writer
	(&gen.Holder{}).EncodeTo(&w)
	var h gen.Holder
	if err := h.DecodeFrom(wire.NewReader(w.Bytes())); wire.KindOf(err) != wire.InvalidEnum {
		t.Fatalf("got %v, want invalid_enum", err)
	}
	// DefaultHolder() is the valid starting point.
	d := gen.DefaultHolder()
	got := roundTrip(t, &d)
	if _, ok := got.Expr.(*gen.ExprLit); !ok {
		t.Fatalf("nil cyclic union encodes as %#v, want *ExprLit", got.Expr)
	}
}

func TestFullRoundTrip(t *testing.T) {
	high := gen.LevelHigh
	var stop gen.Signal = &gen.SignalStop{}
	in := gen.Holder{
		Level:       gen.LevelHigh,
		Type:        "keyword field",
		EncodeTo_:   5,
		MaybeSignal: &stop,
		Levels:      []gen.Level{gen.LevelLow, gen.LevelHigh},
		ByKey: map[int64]gen.Expr{
			-5: &gen.ExprLit{Value: 3},
			2:  &gen.ExprAdd{Value: gen.Pair{Left: &gen.ExprLit{Value: 1}, Right: &gen.ExprLit{Value: 2}}},
		},
		MaybeLevels: []*gen.Level{nil, &high},
		Expr:        &gen.ExprAdd{Value: gen.Pair{Left: &gen.ExprLit{Value: 7}, Right: &gen.ExprLit{Value: -7}}},
		Signal:      &gen.SignalStop{},
	}
	out := roundTrip(t, &in)
	if !reflect.DeepEqual(*out, in) {
		t.Fatalf("round trip:\n%#v\n%#v", *out, in)
	}
}

func TestMapKeysMustAscend(t *testing.T) {
	var w wire.Writer
	m := w.BeginStruct()
	w.PutU32(uint32(gen.LevelLow))
	w.PutString("")
	w.PutU8(0)
	w.PutPresent(false)
	w.PutLen(0)
	w.PutLen(2) // by_key: 5 then -5 (descending)
	for _, k := range []int64{5, -5} {
		w.PutI64(k)
		gen.EncodeExpr(&w, &gen.ExprLit{Value: 1})
	}
	w.EndStruct(m)
	var h gen.Holder
	if err := h.DecodeFrom(wire.NewReader(w.Bytes())); wire.KindOf(err) != wire.MapOrder {
		t.Fatalf("got %v, want map_order", err)
	}
}
