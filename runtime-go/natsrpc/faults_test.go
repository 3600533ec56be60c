package natsrpc_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/micro"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/wire"
)

// requestsOn is the number of requests an instance's endpoint handled.
func requestsOn(svc micro.Service, op string) int {
	for _, e := range svc.Stats().Endpoints {
		if e.Name == op {
			return e.NumRequests
		}
	}
	return -1
}

// Two instances in the default queue group share the calls (each gets some,
// together exactly all); without a queue group each gets every call.
func TestQueueGroupSharesCalls(t *testing.T) {
	srv := natstest.Start(t, "")
	a := serveRules(t, srv.Connect(t), natsrpc.Options{})
	b := serveRules(t, srv.Connect(t), natsrpc.Options{})
	r := rulesClient(t, srv.Connect(t), natsrpc.TransportOptions{Timeout: 5 * time.Second})
	const calls = 64
	for range calls {
		if err := r.Ping(); err != nil {
			t.Fatal(err)
		}
	}
	na, nb := requestsOn(a, "ping"), requestsOn(b, "ping")
	if na+nb != calls || na == 0 || nb == 0 {
		t.Fatalf("queue group: %d + %d of %d calls", na, nb, calls)
	}
	a.Stop()
	b.Stop()

	// No queue group: both instances answer every call; the client takes the
	// first reply. Flushing both servers' connections after the last reply
	// came in cannot make their counts arrive: wait for them (bounded).
	c := serveRules(t, srv.Connect(t), natsrpc.Options{NoQueueGroup: true})
	d := serveRules(t, srv.Connect(t), natsrpc.Options{NoQueueGroup: true})
	for range 8 {
		if err := r.Ping(); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for requestsOn(c, "ping") != 8 || requestsOn(d, "ping") != 8 {
		if time.Now().After(deadline) {
			t.Fatalf("no queue group: %d and %d of 8 calls", requestsOn(c, "ping"), requestsOn(d, "ping"))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Nobody serving the subject: the call fails at once with unavailable, not
// after its timeout.
func TestNoRespondersIsUnavailableAtOnce(t *testing.T) {
	srv := natstest.Start(t, "")
	r := rulesClient(t, srv.Connect(t), natsrpc.TransportOptions{Timeout: 20 * time.Second})
	start := time.Now()
	err := r.Ping()
	if systemCode(t, err) != wire.CodeUnavailable || !strings.Contains(err.Error(), "no responders on rules.v1.Rules.ping") {
		t.Fatalf("want unavailable naming the subject, got %v", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("no responders took %v", took)
	}
}

// nats-server restarts mid-test: calls made while it is away settle (timeout
// or, once flushed after the reconnect, ok), and afterwards the same service
// and client serve again without a process restart.
func TestServerRestartRecovers(t *testing.T) {
	srv := natstest.Start(t, "")
	reconnected := make(chan struct{}, 2)
	onReconnect := nats.ReconnectHandler(func(*nats.Conn) { reconnected <- struct{}{} })
	serveRules(t, srv.Connect(t, onReconnect), natsrpc.Options{})
	clientConn := srv.Connect(t, onReconnect)
	r := rulesClient(t, clientConn, natsrpc.TransportOptions{Timeout: 5 * time.Second})
	if err := r.Ping(); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	// Calls while the server is away, each from its own client (a generated
	// client is one call at a time), all must settle.
	var wg sync.WaitGroup
	results := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results <- rulesClient(t, clientConn, natsrpc.TransportOptions{Timeout: 300 * time.Millisecond}).Ping()
		}()
	}
	wg.Wait()
	close(results)
	for err := range results {
		if err != nil && systemCode(t, err) != wire.CodeTimeout {
			t.Fatalf("a call while the server was away: %v", err)
		}
	}
	srv.Restart(t)
	for range 2 {
		select {
		case <-reconnected:
		case <-time.After(10 * time.Second):
			t.Fatal("no reconnect within 10 s")
		}
	}
	// The service resubscribed on reconnect; give its subscriptions a round
	// trip to reach the server before calling.
	if err := clientConn.Flush(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := r.Ping()
		if err == nil {
			break
		}
		if systemCode(t, err) != wire.CodeUnavailable || time.Now().After(deadline) {
			t.Fatalf("after the restart: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A closed connection: calls fail with unavailable at once.
func TestClosedConnectionIsUnavailable(t *testing.T) {
	srv := natstest.Start(t, "")
	nc := srv.Connect(t)
	r := rulesClient(t, nc, natsrpc.TransportOptions{})
	nc.Close()
	if err := r.Ping(); systemCode(t, err) != wire.CodeUnavailable {
		t.Fatalf("want unavailable, got %v", err)
	}
}

// gatedHandler answers ok once released, telling when a call came in.
type gatedHandler struct {
	entered chan struct{}
	release chan struct{}
	answer  []byte
}

// Handle implements stdio.FrameHandler.
func (h *gatedHandler) Handle(frame []byte) []byte {
	select {
	case h.entered <- struct{}{}:
	default:
	}
	<-h.release
	head, _, _, _ := wire.ParseFrame(frame, wire.DefaultLimits())
	h.answer = wire.AppendHeader(h.answer[:0], wire.Header{Version: wire.Version, Kind: wire.FrameOk, CallID: head.CallID, OpID: head.OpID})
	return h.answer
}

// Calls in flight when nats-server dies all settle (their replies are lost
// or, flushed after the reconnect, arrive), and the service serves again.
func TestInFlightCallsSettleAcrossRestart(t *testing.T) {
	srv := natstest.Start(t, "")
	gate := &gatedHandler{entered: make(chan struct{}, 1), release: make(chan struct{})}
	svc, err := natsrpc.Serve(srv.Connect(t), gate, &sizedDescriptor, natsrpc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Stop()
	clientConn := srv.Connect(t)
	tr, err := natsrpc.NewTransport(clientConn, &sizedDescriptor, natsrpc.TransportOptions{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	results := make(chan error, 3)
	for range 3 {
		go func() {
			_, err := client.NewConn(tr).Call(1, nil)
			results <- err
		}()
	}
	<-gate.entered // one call is in the handler, the others queued behind it
	srv.Stop()
	close(gate.release)
	for range 3 {
		select {
		case err := <-results:
			if err != nil && systemCode(t, err) != wire.CodeTimeout {
				t.Fatalf("an in-flight call: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("an in-flight call did not settle")
		}
	}
	srv.Restart(t)
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := client.NewConn(tr).Call(1, nil)
		if err == nil {
			break
		}
		if c := systemCode(t, err); c != wire.CodeUnavailable && c != wire.CodeTimeout || time.Now().After(deadline) {
			t.Fatalf("after the restart: %v", err)
		}
	}
}
