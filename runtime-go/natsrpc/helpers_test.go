package natsrpc_test

import (
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	geov1 "kkgen.dev/examples/geometry/sdk/go"
	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/wire"
)

// The generated descriptors of the two example services.
var (
	rulesDescriptor    = &rulesv1.RulesDescriptor
	geometryDescriptor = &geov1.GeometryDescriptor
)

// serveRules serves the native rules service on nc, stopped when t ends.
func serveRules(t testing.TB, nc *nats.Conn, opts natsrpc.Options) micro.Service {
	t.Helper()
	svc, err := natsrpc.ServeDispatcher(nc, rulesv1.NewRulesDispatcher(logic.New()), rulesDescriptor, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Stop() })
	return svc
}

// rulesClient is the generated rules client over a NATS transport on nc.
func rulesClient(t testing.TB, nc *nats.Conn, opts natsrpc.TransportOptions) *rulesv1.RulesClient {
	t.Helper()
	tr, err := natsrpc.NewTransport(nc, rulesDescriptor, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rulesv1.NewRulesClient(tr)
}

// systemCode is err's system error code, failing t unless it is one.
func systemCode(t testing.TB, err error) wire.SystemCode {
	t.Helper()
	var sys *client.SystemError
	if !errors.As(err, &sys) {
		t.Fatalf("want a system error, got %T %v", err, err)
	}
	return wire.SystemCode(sys.Code)
}

// callFrame is a call frame of op with payload.
func callFrame(callID, opID uint32, payload []byte) []byte {
	f := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameCall, CallID: callID, OpID: opID, PayloadLen: uint32(len(payload))})
	return append(f, payload...)
}

// systemAnswer decodes a system error answer frame (failing t otherwise).
func systemAnswer(t testing.TB, answer []byte) wire.ErrorHead {
	t.Helper()
	head, payload, _, err := wire.ParseFrame(answer, wire.DefaultLimits())
	if err != nil || head.Kind != wire.FrameError {
		t.Fatalf("want an error frame, got %v (%x)", err, answer)
	}
	r := wire.NewReader(payload)
	e := r.ErrorHead()
	if r.Finish() != nil || e.Class != wire.ErrorClassSystem {
		t.Fatalf("want a system error payload, got %+v", e)
	}
	return e
}
