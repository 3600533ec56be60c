// Package service is the peers benchmark's ops (examples/peers/peers.kkidl) in
// Go, served by the reactor in ../cmd/reactor through the checked-in bindings
// (../../sdk/go, `npm run sdk:peers`).
package service

import (
	peersv1 "kkgen.dev/examples/peers/sdk/go"
	"kkgen.dev/kkrpc/wire"
)

// peers is stateless: every op is a pure function of its parameters.
type peers struct{}

// New returns the service.
func New() peersv1.Peers { return peers{} }

func (peers) Add(a uint32, b uint32) (uint32, error) { return a + b, nil }

func (peers) Greet(name string) (string, error) { return "Hello, " + name + "!", nil }

func (peers) Bounds(v []float32) (peersv1.Bounds, error) {
	if len(v) == 0 {
		return peersv1.Bounds{}, nil
	}
	lo, hi, sum := v[0], v[0], 0.0
	for _, x := range v {
		lo = min(lo, x)
		hi = max(hi, x)
		sum += float64(x)
	}
	return peersv1.Bounds{Min: lo, Max: hi, Sum: sum}, nil
}

// Scale returns a new slice (v aliases the call frame), made inside its
// answer frame by wire.ResultBuffer, so the dispatcher sends it without a copy.
func (peers) Scale(v []float32, k float32) ([]float32, error) {
	out := wire.ResultBuffer[float32](len(v))
	for i, x := range v {
		out[i] = x * k
	}
	return out, nil
}
