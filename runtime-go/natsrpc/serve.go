// The server side (docs/nats.md §2–§4): one NATS micro service per kkgen
// service, one endpoint per op, each endpoint checking that the frame it got
// is a call of its own op before the handler sees it.

package natsrpc

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/stdio"
	"kkgen.dev/kkrpc/wire"
)

// DefaultQueueGroup is the queue group endpoints join unless
// [Options.QueueGroup] or [Options.NoQueueGroup] say otherwise.
const DefaultQueueGroup = "q"

// Options configure [Serve]; the zero value serves under no prefix in queue
// group "q".
type Options struct {
	// Prefix goes before every subject ("" for none; docs/nats.md §1).
	Prefix string
	// Name is the micro service name (default the descriptor's name).
	Name string
	// Version is the micro service version, SemVer (default "N.0.0" for a
	// package ending in vN, else "0.0.0").
	Version string
	// QueueGroup is the endpoints' queue group (default "q").
	QueueGroup string
	// NoQueueGroup subscribes without a queue group: every instance gets
	// every request.
	NoQueueGroup bool
}

// Serve serves the ops of d on nc with h answering their call frames, and
// returns the micro service (Info, Stats, Stop). h is called for one frame
// at a time: [service.NewHandler] of a generated dispatcher, or a module
// host (wasmhost.Host); a panic in h is answered with internal. Serve returns once nats-server has the
// subscriptions (a flush, while connected). nats.go resubscribes after a reconnect, so the
// service survives a nats-server restart; Stop it (or close nc) when done.
func Serve(nc *nats.Conn, h stdio.FrameHandler, d *service.Descriptor, opts Options) (micro.Service, error) {
	if err := CheckPrefix(opts.Prefix); err != nil {
		return nil, err
	}
	name := opts.Name
	if name == "" {
		name = d.Name
	}
	version := opts.Version
	if version == "" {
		version = packageVersion(d.Package)
	}
	config := micro.Config{
		Name:               name,
		Version:            version,
		Description:        d.Doc,
		Metadata:           map[string]string{"kk.package": d.Package, "kk.wire": strconv.Itoa(wire.Version)},
		QueueGroup:         opts.QueueGroup,
		QueueGroupDisabled: opts.NoQueueGroup,
	}
	if config.QueueGroup == "" {
		config.QueueGroup = DefaultQueueGroup
	}
	svc, err := micro.AddService(nc, config)
	if err != nil {
		return nil, errors.New("natsrpc: " + err.Error())
	}
	s := &server{nc: nc, h: h}
	for _, op := range d.Ops {
		subject := Subject(opts.Prefix, d, op.Name)
		e := endpoint{s: s, op: op, subject: subject}
		err := svc.AddEndpoint(op.Name, micro.HandlerFunc(e.handle),
			micro.WithEndpointSubject(subject),
			micro.WithEndpointMetadata(map[string]string{"kk.op_id": strconv.FormatUint(uint64(op.ID), 10)}))
		if err != nil {
			svc.Stop()
			return nil, errors.New("natsrpc: endpoint " + op.Name + ": " + err.Error())
		}
	}
	// A round trip, so that once Serve returns the server routes requests
	// here (when disconnected, the subscriptions go out on reconnect).
	nc.Flush()
	return svc, nil
}

// ServeDispatcher is [Serve] of a native service: d's generated dispatcher.
func ServeDispatcher(nc *nats.Conn, disp service.Dispatcher, d *service.Descriptor, opts Options) (micro.Service, error) {
	return Serve(nc, service.NewHandler(disp), d, opts)
}

// packageVersion is "N.0.0" for a package whose last token is vN, else "0.0.0".
func packageVersion(pkg string) string {
	last := pkg[strings.LastIndexByte(pkg, '.')+1:]
	if len(last) > 1 && last[0] == 'v' {
		if n, err := strconv.ParseUint(last[1:], 10, 32); err == nil {
			return strconv.FormatUint(n, 10) + ".0.0"
		}
	}
	return "0.0.0"
}

// server is what the endpoints of one service share: the handler, called
// under mu (its answer lives until the next call), and a scratch buffer for
// refusals.
type server struct {
	nc      *nats.Conn
	mu      sync.Mutex
	h       stdio.FrameHandler
	scratch []byte
}

// endpoint serves one op's subject.
type endpoint struct {
	s       *server
	op      service.OpDescriptor
	subject string
}

// handle answers one request: a refusal for a payload that is not exactly
// one call frame of this op, else the handler's answer, too_large in its
// place when it would not fit max_payload.
func (e endpoint) handle(req micro.Request) {
	s := e.s
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := s.nc.MaxPayload()
	data := req.Data()
	var answer []byte
	head, err := wire.ParseHeader(data, wire.Limits{MaxFrameLen: uint32(min(limit, 1<<32-1))})
	switch {
	case err != nil:
		answer = s.refuse(head, wire.RefusalCode(err), "call frame rejected: "+err.Error())
	case head.Kind != wire.FrameCall:
		answer = s.refuse(head, wire.CodeBadFrame, "call frame rejected: a "+head.Kind.String()+" frame (a request carries one call frame)")
	case head.FrameLen() != uint64(len(data)):
		answer = s.refuse(head, wire.CodeBadFrame, "call frame rejected: the message holds "+strconv.Itoa(len(data))+" bytes, the frame "+strconv.FormatUint(head.FrameLen(), 10))
	case head.OpID != e.op.ID:
		answer = s.refuse(head, wire.CodeForbidden, "op "+strconv.FormatUint(uint64(head.OpID), 10)+" sent on the subject of op "+e.op.Name+" ("+e.subject+")")
	default:
		// Native handlers see max_payload as their answer limit (docs/abi.md §1.6).
		service.SetAnswerLimit(limit)
		answer = s.handleFrame(head, data)
		if int64(len(answer)) > limit {
			answer = s.refuse(head, wire.CodeTooLarge, "answer frame of "+strconv.Itoa(len(answer))+" bytes exceeds the connection's max_payload of "+strconv.FormatInt(limit, 10)+" bytes")
		}
	}
	if description, code, isError := errorHeaders(answer); isError {
		req.Error(code, description, answer)
		return
	}
	req.Respond(answer)
}

// handleFrame runs the handler, answering a panic in it with system error
// internal (generated dispatchers already answer theirs with trap).
func (s *server) handleFrame(head wire.Header, frame []byte) (answer []byte) {
	defer func() {
		if p := recover(); p != nil {
			answer = s.refuse(head, wire.CodeInternal, "the frame handler panicked")
		}
	}()
	return s.h.Handle(frame)
}

// refuse builds a system error answer to head in the scratch buffer.
func (s *server) refuse(head wire.Header, code wire.SystemCode, message string) []byte {
	s.scratch = wire.AppendSystemError(s.scratch[:0], head.CallID, head.OpID, code, message)
	return s.scratch
}
