// Package servicetest is a hand-written Dispatcher for the runtime's own tests: op 1
// echoes its payload, op 2 panics, anything else is unknown_op.
package servicetest

import "kkgen.dev/kkrpc/service"

// Op ids understood by Echo.
const (
	OpEcho  = 1
	OpPanic = 2
)

// Echo answers op 1 with its payload as the ok payload.
type Echo struct {
	out []byte
	// Calls counts Dispatch calls.
	Calls int
}

// Dispatch implements service.Dispatcher.
func (e *Echo) Dispatch(callID, opID uint32, payload []byte) []byte {
	e.Calls++
	switch opID {
	case OpEcho:
		e.out = service.AppendHeader(e.out[:0], service.KindOk, callID, opID, uint32(len(payload)))
		e.out = append(e.out, payload...)
		return e.out
	case OpPanic:
		panic("boom")
	}
	e.out = service.AppendSystemError(e.out[:0], callID, opID, service.CodeUnknownOp, "unknown op")
	return e.out
}

// Call builds a call frame.
func Call(callID, opID uint32, payload []byte) []byte {
	return append(service.AppendHeader(nil, service.KindCall, callID, opID, uint32(len(payload))), payload...)
}
