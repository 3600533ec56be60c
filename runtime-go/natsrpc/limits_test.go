package natsrpc_test

import (
	"encoding/binary"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go/micro"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// sizedDescriptor is the test service of sizedHandler.
var sizedDescriptor = service.Descriptor{Package: "test.v1", Name: "Sized", Ops: []service.OpDescriptor{{ID: 1, Name: "answer"}}}

// sizedHandler answers op 1 with an ok frame whose payload is as long as the
// u32 at the start of the call's payload says.
type sizedHandler struct{ answer []byte }

// Handle implements stdio.FrameHandler.
func (h *sizedHandler) Handle(frame []byte) []byte {
	head, payload, _, _ := wire.ParseFrame(frame, wire.DefaultLimits())
	n := binary.LittleEndian.Uint32(payload)
	h.answer = wire.AppendHeader(h.answer[:0], wire.Header{Version: wire.Version, Kind: wire.FrameOk, CallID: head.CallID, OpID: head.OpID, PayloadLen: n})
	h.answer = append(h.answer, make([]byte, n)...)
	return h.answer
}

// serveSized serves the sized service on srv (stopped when t ends) and
// returns it with a transport to it.
func serveSized(t *testing.T, srv *natstest.Server) (micro.Service, client.Transport) {
	t.Helper()
	svc, err := natsrpc.Serve(srv.Connect(t), &sizedHandler{}, &sizedDescriptor, natsrpc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Stop() })
	tr, err := natsrpc.NewTransport(srv.Connect(t), &sizedDescriptor, natsrpc.TransportOptions{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return svc, tr
}

// sizedCall asks the sized service for an answer of answerLen bytes with a
// call frame padded to callLen bytes of payload.
func sizedCall(tr client.Transport, callLen, answerLen int) ([]byte, error) {
	payload := make([]byte, max(callLen, 4))
	binary.LittleEndian.PutUint32(payload, uint32(answerLen))
	return client.NewConn(tr).Call(1, payload)
}

// Requests and replies over max_payload (1 MiB by default) are refused with
// too_large naming the limit: the request before anything is published, the
// reply by an error answer in its place.
func TestMaxPayloadTooLargeBothWays(t *testing.T) {
	srv := natstest.Start(t, "")
	svc, tr := serveSized(t, srv)
	if got, err := sizedCall(tr, 1000, 1000); err != nil || len(got) != 1000 {
		t.Fatalf("a small call: %d bytes, %v", len(got), err)
	}
	_, err := sizedCall(tr, 1<<20, 4)
	if systemCode(t, err) != wire.CodeTooLarge || !strings.Contains(err.Error(), "exceeds the connection's max_payload of 1048576 bytes") {
		t.Fatalf("want too_large for the request, got %v", err)
	}
	if n := svc.Stats().Endpoints[0].NumRequests; n != 1 {
		t.Fatalf("the refused request reached the service: %d requests", n)
	}
	_, err = sizedCall(tr, 4, 1<<20)
	if systemCode(t, err) != wire.CodeTooLarge || !strings.Contains(err.Error(), "answer frame of 1048592 bytes exceeds the connection's max_payload of 1048576 bytes") {
		t.Fatalf("want too_large for the answer, got %v", err)
	}
}

// A server with a larger max_payload carries big frames both ways: 1M
// floats to the native rules service, 4 MiB back from the sized service.
func TestLargerMaxPayloadCarriesBigBuffers(t *testing.T) {
	srv := natstest.Start(t, "max_payload: 8MB")
	serveRules(t, srv.Connect(t), natsrpc.Options{})
	r := rulesClient(t, srv.Connect(t), natsrpc.TransportOptions{Timeout: 20 * time.Second})
	samples := make([]float32, 1<<20)
	for i := range samples {
		samples[i] = float32(i%1000) / 10
	}
	samples[123_456] = 500
	report, err := r.CheckParameters(samples, 0, 100)
	if err != nil || report.Count != 1<<20 || len(report.OutOfRange) != 1 || report.OutOfRange[0] != 123_456 || report.Maximum != 500 {
		t.Fatalf("check_parameters of 1M floats: %+v, %v", report, err)
	}
	_, tr := serveSized(t, srv)
	if got, err := sizedCall(tr, 4<<20, 4<<20); err != nil || len(got) != 4<<20 {
		t.Fatalf("4 MiB both ways: %d bytes, %v", len(got), err)
	}
}

// badHandler answers with a multi-line error message, or panics.
type badHandler struct{ answer []byte }

// Handle implements stdio.FrameHandler.
func (h *badHandler) Handle(frame []byte) []byte {
	head, payload, _, _ := wire.ParseFrame(frame, wire.DefaultLimits())
	if len(payload) > 0 {
		panic("bad handler")
	}
	h.answer = wire.AppendSystemError(h.answer[:0], head.CallID, head.OpID, wire.CodeInternal, "line one\r\nline two")
	return h.answer
}

// A handler's multi-line message becomes a one-line header (the frame keeps
// it whole), and a panicking handler answers internal; the service goes on.
func TestMisbehavingHandler(t *testing.T) {
	srv := natstest.Start(t, "")
	svc, err := natsrpc.Serve(srv.Connect(t), &badHandler{}, &sizedDescriptor, natsrpc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()
	nc := srv.Connect(t)
	subject := natsrpc.Subject("", &sizedDescriptor, "answer")
	for range 2 {
		msg, err := nc.Request(subject, callFrame(1, 1, nil), 5*time.Second)
		if err != nil || systemAnswer(t, msg.Data).Message != "line one\r\nline two" || msg.Header.Get("Nats-Service-Error") != "internal: line one  line two" {
			t.Fatalf("multi-line message: %v %v", msg, err)
		}
		msg, err = nc.Request(subject, callFrame(2, 1, []byte{1}), 5*time.Second)
		if err != nil || systemAnswer(t, msg.Data).Code != wire.CodeInternal || msg.Header.Get("Nats-Service-Error-Code") != "500" {
			t.Fatalf("panic: %v %v", msg, err)
		}
	}
}
