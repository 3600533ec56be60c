// Package servicetest is a hand-written Dispatcher for the runtime's own tests: op 1
// echoes its payload, op 2 panics, anything else is unknown_op.
package servicetest

import "kkgen.dev/kkrpc/wire"

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
		e.out = wire.AppendHeader(e.out[:0], wire.Header{Version: wire.Version, Kind: wire.FrameOk, CallID: callID, OpID: opID, PayloadLen: uint32(len(payload))})
		e.out = append(e.out, payload...)
		return e.out
	case OpPanic:
		panic("boom")
	}
	e.out = wire.AppendSystemError(e.out[:0], callID, opID, wire.CodeUnknownOp, "unknown op")
	return e.out
}

// Call builds a call frame.
func Call(callID, opID uint32, payload []byte) []byte {
	return append(wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameCall, CallID: callID, OpID: opID, PayloadLen: uint32(len(payload))}), payload...)
}

// Header reads the header at the start of a frame, which must hold at least
// 16 bytes; its fields are returned even when wire.ParseHeader refuses it.
func Header(frame []byte) wire.Header {
	h, _ := wire.ParseHeader(frame, wire.DefaultLimits())
	return h
}
