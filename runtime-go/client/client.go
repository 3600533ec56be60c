// Package client is the caller side for native Go programs: a Conn numbers
// calls, frames their parameters, sends them through a Transport and sorts
// the answer into an ok payload, a typed error payload for the generated
// client to decode, or a *SystemError.
package client

import (
	"errors"

	"kkgen.dev/kkrpc/wire"
)

// Transport carries one call frame to a callee and returns its answer frame.
// The answer is valid until the next RoundTrip.
type Transport interface {
	RoundTrip(call []byte) ([]byte, error)
}

// SystemError is a system error answer (docs/wire.md §2.1).
type SystemError struct {
	// Code is the wire code; unknown codes are kept as numbers.
	Code uint32
	// Message is for humans.
	Message string
}

// Error implements error.
func (e *SystemError) Error() string {
	name := wire.SystemCode(e.Code).Name()
	if e.Message == "" {
		return "kkrpc: " + name
	}
	return "kkrpc: " + name + ": " + e.Message
}

// TypedError is a typed error answer before decoding: the generated client
// turns it into the op's error struct.
type TypedError struct {
	// ErrorID is the error's wire id.
	ErrorID uint32
	// Payload is the error's fields, encoded as a struct.
	Payload []byte
}

// Error implements error.
func (e *TypedError) Error() string { return "kkrpc: typed error not decoded" }

// Conn makes calls over one Transport, one at a time.
type Conn struct {
	// Limits bound the answers accepted (default [wire.DefaultLimits]).
	Limits wire.Limits
	t      Transport
	nextID uint32
	frame  []byte
}

// NewConn returns a Conn over t.
func NewConn(t Transport) *Conn { return &Conn{Limits: wire.DefaultLimits(), t: t} }

// errBadAnswer reports an answer frame that does not fit the call.
var errBadAnswer = errors.New("kkrpc: malformed answer frame")

// Call sends the parameters payload of op opID and returns the ok payload,
// or an error: *TypedError, *SystemError, or the transport's error. The
// payload returned is valid until the next Call.
func (c *Conn) Call(opID uint32, params []byte) ([]byte, error) {
	c.nextID++
	callID := c.nextID
	c.frame = wire.AppendHeader(c.frame[:0], wire.Header{Version: wire.Version, Kind: wire.FrameCall, CallID: callID, OpID: opID, PayloadLen: uint32(len(params))})
	c.frame = append(c.frame, params...)
	answer, err := c.t.RoundTrip(c.frame)
	if err != nil {
		return nil, err
	}
	head, err := wire.ParseHeader(answer, c.Limits)
	if err != nil || head.CallID != callID || head.FrameLen() != uint64(len(answer)) {
		return nil, errBadAnswer
	}
	payload := answer[wire.HeaderLen:]
	switch head.Kind {
	case wire.FrameOk:
		return payload, nil
	case wire.FrameError:
		return nil, c.parseError(payload)
	}
	return nil, errBadAnswer
}

// parseError reads an error payload (docs/wire.md §2) with [wire.Reader.ErrorHead].
func (c *Conn) parseError(p []byte) error {
	r := wire.NewReaderLimits(p, c.Limits)
	head := r.ErrorHead()
	if r.Err() != nil {
		return errBadAnswer
	}
	if head.Class == wire.ErrorClassTyped {
		return &TypedError{ErrorID: head.ErrorID, Payload: p[r.Pos():]}
	}
	if r.Finish() != nil {
		return errBadAnswer
	}
	return &SystemError{Code: uint32(head.Code), Message: head.Message}
}

// DecodeError reports an answer payload (ok value or typed error fields) that
// did not decode as system error decode; generated clients return it.
func DecodeError(err error) *SystemError {
	return &SystemError{Code: uint32(wire.CodeDecode), Message: err.Error()}
}
