// Package client is the caller side for native Go programs: a Conn numbers
// calls, frames their parameters, sends them through a Transport and sorts
// the answer into an ok payload, a typed error payload for the generated
// client to decode, or a *SystemError.
package client

import (
	"errors"

	"kkgen.dev/kkrpc/service"
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
	if e.Message == "" {
		return "kkrpc: " + service.CodeName(e.Code)
	}
	return "kkrpc: " + service.CodeName(e.Code) + ": " + e.Message
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
	t      Transport
	nextID uint32
	frame  []byte
}

// NewConn returns a Conn over t.
func NewConn(t Transport) *Conn { return &Conn{t: t} }

// errBadAnswer reports an answer frame that does not fit the call.
var errBadAnswer = errors.New("kkrpc: malformed answer frame")

// Call sends the parameters payload of op opID and returns the ok payload,
// or an error: *TypedError, *SystemError, or the transport's error. The
// payload returned is valid until the next Call.
func (c *Conn) Call(opID uint32, params []byte) ([]byte, error) {
	c.nextID++
	callID := c.nextID
	c.frame = service.AppendHeader(c.frame[:0], service.KindCall, callID, opID, uint32(len(params)))
	c.frame = append(c.frame, params...)
	answer, err := c.t.RoundTrip(c.frame)
	if err != nil {
		return nil, err
	}
	if len(answer) < service.HeaderLen {
		return nil, errBadAnswer
	}
	head := service.ParseHeader(answer)
	if head.Version != 1 || head.CallID != callID || uint64(head.PayloadLen) != uint64(len(answer)-service.HeaderLen) {
		return nil, errBadAnswer
	}
	payload := answer[service.HeaderLen:]
	switch head.Kind {
	case service.KindOk:
		return payload, nil
	case service.KindError:
		return nil, parseError(payload)
	}
	return nil, errBadAnswer
}

// parseError reads an error payload (docs/wire.md §2).
func parseError(p []byte) error {
	if len(p) < 5 {
		return errBadAnswer
	}
	id := uint32(p[1]) | uint32(p[2])<<8 | uint32(p[3])<<16 | uint32(p[4])<<24
	switch p[0] {
	case 0:
		return &TypedError{ErrorID: id, Payload: p[5:]}
	case 1:
		if len(p) < 9 {
			return errBadAnswer
		}
		n := uint64(p[5]) | uint64(p[6])<<8 | uint64(p[7])<<16 | uint64(p[8])<<24
		if n != uint64(len(p)-9) {
			return errBadAnswer
		}
		return &SystemError{Code: id, Message: string(p[9:])}
	}
	return errBadAnswer
}

// DecodeError reports an answer payload (ok value or typed error fields) that
// did not decode as system error decode; generated clients return it.
func DecodeError(err error) *SystemError {
	return &SystemError{Code: service.CodeDecode, Message: err.Error()}
}
