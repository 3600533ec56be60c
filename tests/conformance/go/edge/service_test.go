// The whole Go backend for the corner-case IR (service interface, dispatcher,
// typed client): op parameters named like the locals, receivers, imports and
// builtins generated code uses (err, c, w, r, p, payload, res, nil, len,
// client, wire, kk_zero, ...) must compile and reach the handler in place,
// and the client must turn bad answers into system error decode.
package edge

import (
	"errors"
	"reflect"
	"testing"
	"unsafe"

	"kkgen.dev/kkrpc/client"
	gen "kkgen.dev/kkrpc/conformance/edgegen"
	"kkgen.dev/kkrpc/wire"
)

// edge implements gen.Edge: Collide folds every argument into the Holder it
// returns, so the test sees each one arrive in its own place.
type edge struct {
	bare int
	// seen receives the typed buffer argument of Collide (to check aliasing).
	seen func([]float32)
}

func (s *edge) Collide(err string, data []byte, resp int32, ctx string, c uint8, w uint16, r uint32, p int64,
	payload string, res float64, t bool, kk int8, kkZero int16, nilArg uint64, lenArg []float32, cl string,
	wi string, errorArg string, typeArg gen.Level, encodeTo uint8, decodeResult float32) (gen.Holder, error) {
	if s.seen != nil {
		s.seen(lenArg)
	}
	if t {
		return gen.Holder{}, &gen.Oops{Error_: err, Type: ctx}
	}
	h := gen.DefaultHolder()
	h.Level = typeArg
	h.Type = err + "|" + string(data) + "|" + ctx + "|" + payload + "|" + cl + "|" + wi + "|" + errorArg
	h.EncodeTo_ = c + encodeTo
	h.Expr = &gen.ExprLit{Value: int64(c)}
	h.ByKey = map[int64]gen.Expr{
		int64(resp):         &gen.ExprLit{Value: int64(w)},
		int64(r):            &gen.ExprLit{Value: p},
		int64(res):          &gen.ExprLit{Value: int64(kk)},
		int64(nilArg):       &gen.ExprLit{Value: int64(kkZero)},
		int64(decodeResult): &gen.ExprLit{Value: int64(len(lenArg))},
	}
	for _, v := range lenArg {
		h.Levels = append(h.Levels, gen.Level(v))
	}
	return h, nil
}

func (*edge) Check(e gen.Expr, typed gen.Signal, ok bool, derr string) error {
	if _, lit := e.(*gen.ExprLit); !lit {
		return errors.New("plain error: " + derr)
	}
	if _, stop := typed.(*gen.SignalStop); stop || !ok {
		return &gen.Oops{Error_: derr, Type: "check"}
	}
	return nil
}

func (s *edge) Bare() error {
	s.bare++
	if s.bare == 3 {
		panic("third bare call")
	}
	return nil
}

func newClient(impl *edge) *gen.EdgeClient {
	return gen.NewEdgeClient(client.NewLocal(gen.NewEdgeDispatcher(impl)))
}

func TestParamsNamedLikeGeneratedLocals(t *testing.T) {
	c := newClient(&edge{})
	got, err := c.Collide("e", []byte("d"), 1, "ctx", 2, 3, 4, 5, "pl", 6, false, -7, -8, 9,
		[]float32{3, 7}, "cl", "wi", "er", gen.LevelHigh, 10, 11)
	if err != nil {
		t.Fatal(err)
	}
	want := gen.DefaultHolder()
	want.Level = gen.LevelHigh
	want.Type = "e|d|ctx|pl|cl|wi|er"
	want.EncodeTo_ = 12
	want.Expr = &gen.ExprLit{Value: 2}
	want.ByKey = map[int64]gen.Expr{
		1: &gen.ExprLit{Value: 3}, 4: &gen.ExprLit{Value: 5}, 6: &gen.ExprLit{Value: -7},
		9: &gen.ExprLit{Value: -8}, 11: &gen.ExprLit{Value: 2},
	}
	want.Levels = []gen.Level{gen.LevelLow, gen.LevelHigh}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %#v\nwant %#v", got, want)
	}
}

func TestTypedAndSystemErrors(t *testing.T) {
	c := newClient(&edge{})
	_, err := c.Collide("boom", nil, 0, "why", 0, 0, 0, 0, "", 0, true, 0, 0, 0, nil, "", "", "", gen.LevelLow, 0, 0)
	var oops *gen.Oops
	if !errors.As(err, &oops) || oops.Error_ != "boom" || oops.Type != "why" {
		t.Fatalf("collide: %#v", err)
	}
	// An op without a result that throws.
	if err := c.Check(&gen.ExprLit{Value: 1}, &gen.SignalStart{}, true, ""); err != nil {
		t.Fatalf("check ok: %v", err)
	}
	err = c.Check(&gen.ExprLit{Value: 1}, &gen.SignalStop{}, true, "stopped")
	if !errors.As(err, &oops) || oops.Error_ != "stopped" || oops.Type != "check" {
		t.Fatalf("check typed: %#v", err)
	}
	err = c.Check(&gen.ExprAdd{Value: gen.Pair{Left: &gen.ExprLit{}, Right: &gen.ExprLit{}}}, &gen.SignalStart{}, true, "x")
	var sys *client.SystemError
	if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeInternal) || sys.Message != "plain error: x" {
		t.Fatalf("check plain error: %#v", err)
	}
	// An op without params, result or errors; its handler panics on the third call.
	impl := &edge{}
	c = newClient(impl)
	for i := 1; i <= 4; i++ {
		err := c.Bare()
		if i == 3 {
			if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeTrap) {
				t.Fatalf("bare %d: %#v", i, err)
			}
		} else if err != nil {
			t.Fatalf("bare %d: %v", i, err)
		}
	}
	if impl.bare != 4 {
		t.Fatalf("bare ran %d times", impl.bare)
	}
}

// tamper is a Transport that rewrites the answer's payload before the client sees it.
type tamper struct {
	inner client.Transport
	edit  func(payload []byte) []byte
}

func (t *tamper) RoundTrip(call []byte) ([]byte, error) {
	answer, err := t.inner.RoundTrip(call)
	if err != nil {
		return nil, err
	}
	head, payload, _, err := wire.ParseFrame(answer, wire.DefaultLimits())
	if err != nil {
		return nil, err
	}
	payload = t.edit(append([]byte(nil), payload...))
	head.PayloadLen = uint32(len(payload))
	return append(wire.AppendHeader(nil, head), payload...), nil
}

func TestAnswersThatDoNotDecodeAreSystemErrorDecode(t *testing.T) {
	d := gen.NewEdgeDispatcher(&edge{})
	cases := []struct {
		name string
		edit func([]byte) []byte
		call func(*gen.EdgeClient) error
	}{
		{"trailing bytes after no result", func(p []byte) []byte { return append(p, 0) },
			func(c *gen.EdgeClient) error { return c.Bare() }},
		{"truncated result", func(p []byte) []byte { return p[:len(p)-1] },
			func(c *gen.EdgeClient) error {
				_, err := c.Collide("", nil, 0, "", 0, 0, 0, 0, "", 0, false, 0, 0, 0, nil, "", "", "", gen.LevelLow, 0, 0)
				return err
			}},
		{"trailing bytes after a result", func(p []byte) []byte { return append(p, 1, 2) },
			func(c *gen.EdgeClient) error {
				_, err := c.Collide("", nil, 0, "", 0, 0, 0, 0, "", 0, false, 0, 0, 0, nil, "", "", "", gen.LevelLow, 0, 0)
				return err
			}},
		{"trailing bytes after a typed error", func(p []byte) []byte { return append(p, 0) },
			func(c *gen.EdgeClient) error { return c.Check(&gen.ExprLit{}, &gen.SignalStop{}, true, "") }},
		{"truncated typed error", func(p []byte) []byte { return p[:len(p)-2] },
			func(c *gen.EdgeClient) error { return c.Check(&gen.ExprLit{}, &gen.SignalStop{}, true, "long enough") }},
	}
	for _, tc := range cases {
		c := gen.NewEdgeClient(&tamper{inner: client.NewLocal(d), edit: tc.edit})
		err := tc.call(c)
		var sys *client.SystemError
		if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeDecode) {
			t.Errorf("%s: %#v, want system error decode", tc.name, err)
		}
	}
}

// recorder is a Transport that remembers the last call frame it carried.
type recorder struct {
	inner client.Transport
	call  []byte
}

func (r *recorder) RoundTrip(call []byte) ([]byte, error) {
	r.call = call
	return r.inner.RoundTrip(call)
}

// The generated dispatcher hands typed buffers to the handler as views of
// the call frame (docs/wire.md §3.6), not copies.
func TestTypedBufferArgumentsAliasTheFrame(t *testing.T) {
	var got []float32
	rec := &recorder{inner: client.NewLocal(gen.NewEdgeDispatcher(&edge{seen: func(v []float32) { got = v }}))}
	c := gen.NewEdgeClient(rec)
	samples := []float32{3, 7, 7, 3} // Collide echoes them as Levels (Low=3, High=7)
	if _, err := c.Collide("", nil, 0, "", 0, 0, 0, 0, "", 0, false, 0, 0, 0, samples, "", "", "", gen.LevelLow, 0, 0); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, samples) {
		t.Fatalf("got %v", got)
	}
	start := uintptr(unsafe.Pointer(&rec.call[0]))
	at := uintptr(unsafe.Pointer(&got[0]))
	if at < start || at+uintptr(4*len(got)) > start+uintptr(len(rec.call)) {
		t.Fatalf("the f32[] argument is a copy at %#x, not a view of the frame [%#x, +%d)", at, start, len(rec.call))
	}
}
