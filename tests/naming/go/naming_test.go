// The Go generated from tests/schemas/good/keywords.kkidl (copied next to
// this file by `cargo xtask test naming`): keyword and predeclared names are
// escaped, and real calls go through the generated client and dispatcher.
package keywordsv1

import (
	"errors"
	"testing"

	kkclient "kkgen.dev/kkrpc/client"
)

type impl struct{}

func (impl) Type(type_ string, fn uint32, self Kind) (Result, error) {
	if self == KindErr {
		return Result{}, &Error{Message: "asked for " + type_, Code: fn}
	}
	return Result{Type: type_, Fn: fn, Self: float64(fn), Error_: "none"}, nil
}

func (impl) Interface(default_ *Option, range_ []float32) ([]float32, error) {
	add := float32(0)
	if default_ != nil {
		if s, ok := (*default_).(*OptionSome); ok {
			add = s.Value.Let
		}
	}
	out := make([]float32, len(range_))
	for i, x := range range_ {
		out[i] = x + add
	}
	return out, nil
}

func (impl) Await() error { return nil }

func (impl) String(value Map) (Map, error) { return value, nil }

func TestKeywordNamesRoundTrip(t *testing.T) {
	c := NewPromiseClient(kkclient.NewLocal(NewPromiseDispatcher(impl{})))
	r, err := c.Type("struct", 7, KindType)
	if err != nil || r.Type != "struct" || r.Fn != 7 || r.Self != 7 || r.Error_ != "none" {
		t.Fatalf("Type: %+v %v", r, err)
	}
	_, err = c.Type("enum", 3, KindErr)
	var typed *Error
	if !errors.As(err, &typed) || typed.Message != "asked for enum" || typed.Code != 3 {
		t.Fatalf("want the typed Error, got %v", err)
	}
	var opt Option = &OptionSome{Value: Result{Let: 0.5}}
	got, err := c.Interface(&opt, []float32{1, 2})
	if err != nil || len(got) != 2 || got[0] != 1.5 || got[1] != 2.5 {
		t.Fatalf("Interface: %v %v", got, err)
	}
	if err := c.Await(); err != nil {
		t.Fatal(err)
	}
	if m, err := c.String(Map(9)); err != nil || m != 9 {
		t.Fatalf("String: %v %v", m, err)
	}
}
