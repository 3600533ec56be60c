package client

import "kkgen.dev/kkrpc/service"

// Local calls a Dispatcher in the same process: no copies beyond the frame,
// panics recovered as system error trap. Useful for tests and for embedding.
type Local struct{ h *service.Handler }

// NewLocal returns a Transport over d.
func NewLocal(d service.Dispatcher) *Local { return &Local{h: service.NewHandler(d)} }

// RoundTrip implements Transport.
func (l *Local) RoundTrip(call []byte) ([]byte, error) { return l.h.Handle(call), nil }
