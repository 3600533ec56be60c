// The client side (docs/nats.md §2, §4, §5): a client.Transport that sends
// each call frame as a request on its op's subject and returns the reply's
// payload, with the faults of §5 turned into system errors.

package natsrpc

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// DefaultTimeout is a call's deadline unless [TransportOptions.Timeout] or
// the context of [Transport.RoundTripContext] sets another.
const DefaultTimeout = 30 * time.Second

// TransportOptions configure [NewTransport]; the zero value is usable.
type TransportOptions struct {
	// Prefix goes before every subject ("" for none); the servers' prefix.
	Prefix string
	// Timeout is each call's deadline (default [DefaultTimeout]).
	Timeout time.Duration
}

// Transport calls one service over NATS. It is safe for concurrent use (a
// generated client over it is not: give each goroutine its own client), and
// the answer it returns is the reply's own buffer.
//
// A permission violation is reported by nats-server asynchronously; the
// first Transport on a connection chains a watcher into its error handler
// (the handler set before stays called), so set your own handler first.
type Transport struct {
	nc       *nats.Conn
	subjects map[uint32]string
	timeout  time.Duration
	watcher  *watcher
}

// NewTransport returns a Transport calling the service d on nc.
func NewTransport(nc *nats.Conn, d *service.Descriptor, opts TransportOptions) (*Transport, error) {
	if err := CheckPrefix(opts.Prefix); err != nil {
		return nil, err
	}
	t := &Transport{nc: nc, subjects: make(map[uint32]string, len(d.Ops)), timeout: opts.Timeout, watcher: watch(nc)}
	if t.timeout <= 0 {
		t.timeout = DefaultTimeout
	}
	for _, op := range d.Ops {
		t.subjects[op.ID] = Subject(opts.Prefix, d, op.Name)
	}
	return t, nil
}

// RoundTrip implements [client.Transport] with the transport's timeout.
func (t *Transport) RoundTrip(call []byte) ([]byte, error) {
	return t.RoundTripContext(context.Background(), call)
}

// RoundTripContext sends one call frame and returns the answer frame, or a
// *client.SystemError: unknown_op for an op the descriptor lacks, too_large
// for a frame over the connection's max_payload (nothing is sent),
// unavailable when nobody serves the subject or the connection is closed,
// forbidden when nats-server refuses the publish or the reply subscription,
// timeout at the deadline, cancelled when ctx ends first.
func (t *Transport) RoundTripContext(ctx context.Context, call []byte) ([]byte, error) {
	if len(call) < wire.HeaderLen {
		return nil, &client.SystemError{Code: uint32(wire.CodeBadFrame), Message: "call frame shorter than its header"}
	}
	opID := uint32(call[8]) | uint32(call[9])<<8 | uint32(call[10])<<16 | uint32(call[11])<<24
	subject, ok := t.subjects[opID]
	if !ok {
		return nil, &client.SystemError{Code: uint32(wire.CodeUnknownOp), Message: "no op " + strconv.FormatUint(uint64(opID), 10) + " in the service's descriptor"}
	}
	if limit := t.nc.MaxPayload(); int64(len(call)) > limit {
		return nil, tooLarge(len(call), limit)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, t.timeout)
	defer cancelTimeout()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	p := &pendingCall{subject: subject, cancel: cancel}
	if denied := t.watcher.add(p); denied != "" {
		return nil, &client.SystemError{Code: uint32(wire.CodeForbidden), Message: denied}
	}
	msg, err := t.nc.RequestWithContext(ctx, subject, call)
	t.watcher.done(p)
	if err == nil {
		return msg.Data, nil
	}
	return nil, t.callError(ctx, subject, err)
}

// callError turns a failed request into the system error of docs/nats.md §5.
func (t *Transport) callError(ctx context.Context, subject string, err error) error {
	var forbidden *forbiddenError
	switch {
	case errors.As(context.Cause(ctx), &forbidden):
		return &client.SystemError{Code: uint32(wire.CodeForbidden), Message: forbidden.message}
	case errors.Is(err, nats.ErrNoResponders):
		return &client.SystemError{Code: uint32(wire.CodeUnavailable), Message: "no responders on " + subject}
	case errors.Is(err, nats.ErrMaxPayload):
		return &client.SystemError{Code: uint32(wire.CodeTooLarge), Message: "call frame exceeds the connection's max_payload of " + strconv.FormatInt(t.nc.MaxPayload(), 10) + " bytes"}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, nats.ErrTimeout):
		return &client.SystemError{Code: uint32(wire.CodeTimeout), Message: "no answer on " + subject + " within the deadline"}
	case errors.Is(err, context.Canceled):
		return &client.SystemError{Code: uint32(wire.CodeCancelled), Message: "call on " + subject + " cancelled"}
	}
	return &client.SystemError{Code: uint32(wire.CodeUnavailable), Message: "request on " + subject + ": " + err.Error()}
}

// tooLarge is the error of a call frame over max_payload.
func tooLarge(frameLen int, limit int64) error {
	return &client.SystemError{Code: uint32(wire.CodeTooLarge), Message: "call frame of " + strconv.Itoa(frameLen) + " bytes exceeds the connection's max_payload of " + strconv.FormatInt(limit, 10) + " bytes"}
}
