package natsrpc_test

import (
	"errors"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"kkgen.dev/examples/rules/logic"
	"kkgen.dev/examples/rules/rulesv1"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/internal/geov1"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// rulesDescriptor is rules.v1.Rules as the generated descriptor names it.
var rulesDescriptor = service.Descriptor{
	Package: "rules.v1",
	Name:    "Rules",
	Doc:     "Validates and prices orders; checks sensor parameters.",
	Ops: []service.OpDescriptor{
		{ID: rulesv1.RulesOpValidateOrder, Name: "validate_order"},
		{ID: rulesv1.RulesOpCheckParameters, Name: "check_parameters"},
		{ID: rulesv1.RulesOpPing, Name: "ping"},
		{ID: rulesv1.RulesOpExchange, Name: "exchange"},
	},
}

// geometryDescriptor is geo.v1.Geometry as the generated descriptor names it.
var geometryDescriptor = service.Descriptor{
	Package: "geo.v1",
	Name:    "Geometry",
	Doc:     "Builds, tessellates and measures parametric solids.",
	Ops: []service.OpDescriptor{
		{ID: geov1.GeometryOpCreate, Name: "create"},
		{ID: geov1.GeometryOpTessellate, Name: "tessellate"},
		{ID: geov1.GeometryOpBounds, Name: "bounds"},
		{ID: geov1.GeometryOpBoundsOf, Name: "bounds_of"},
		{ID: geov1.GeometryOpName, Name: "name"},
		{ID: geov1.GeometryOpRelease, Name: "release"},
		{ID: geov1.GeometryOpIsLive, Name: "is_live"},
	},
}

// serveRules serves the native rules service on nc, stopped when t ends.
func serveRules(t testing.TB, nc *nats.Conn, opts natsrpc.Options) micro.Service {
	t.Helper()
	svc, err := natsrpc.ServeDispatcher(nc, rulesv1.NewRulesDispatcher(logic.New()), &rulesDescriptor, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Stop() })
	return svc
}

// rulesClient is the generated rules client over a NATS transport on nc.
func rulesClient(t testing.TB, nc *nats.Conn, opts natsrpc.TransportOptions) *rulesv1.RulesClient {
	t.Helper()
	tr, err := natsrpc.NewTransport(nc, &rulesDescriptor, opts)
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
