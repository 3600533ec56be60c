package natsrpc_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/wire"
)

// securedServer requires a user: "service" may do anything; "caller" may
// publish on the ping and exchange subjects only and subscribe to its
// inboxes; "deaf" may publish on ping but subscribe to nothing.
const securedServer = `authorization {
  users = [
    { user: service, password: s3rvice }
    { user: caller, password: c4ller, permissions: {
        publish: { allow: ["rules.v1.Rules.ping", "rules.v1.Rules.exchange"] }
        subscribe: { allow: ["_INBOX.>"] } } }
    { user: deaf, password: d3af, permissions: {
        publish: { allow: ["rules.v1.Rules.ping"] }
        subscribe: { deny: [">"] } } }
  ]
}`

// A server requiring credentials refuses a client without them with the
// library's authorization error.
func TestCredentialsRequired(t *testing.T) {
	srv := natstest.Start(t, securedServer)
	for _, opts := range [][]nats.Option{nil, {nats.UserInfo("caller", "wrong")}} {
		nc, err := nats.Connect(srv.URL, opts...)
		if err == nil {
			nc.Close()
			t.Fatal("connected without valid credentials")
		}
		if !errors.Is(err, nats.ErrAuthorization) || !strings.Contains(strings.ToLower(err.Error()), "authorization violation") {
			t.Fatalf("want an authorization violation, got %v", err)
		}
	}
}

// A user permitted some op subjects calls those and gets forbidden, naming
// the subject, at once on the others; a user who may not subscribe to its
// reply inbox gets forbidden too, not a hang.
func TestPermissionsPerOp(t *testing.T) {
	srv := natstest.Start(t, securedServer)
	serveRules(t, srv.Connect(t, nats.UserInfo("service", "s3rvice")), natsrpc.Options{})
	caller := srv.Connect(t, nats.UserInfo("caller", "c4ller"))
	r := rulesClient(t, caller, natsrpc.TransportOptions{Timeout: 20 * time.Second})
	if err := r.Ping(); err != nil {
		t.Fatalf("ping (allowed): %v", err)
	}
	start := time.Now()
	_, err := r.CheckParameters([]float32{1}, 0, 2)
	if systemCode(t, err) != wire.CodeForbidden || !strings.Contains(err.Error(), "rules.v1.Rules.check_parameters") {
		t.Fatalf("check_parameters (denied): want forbidden naming the subject, got %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("the permission error took %v", took)
	}
	// Allowed ops still work on the same transport afterwards.
	if _, err := r.Exchange(100, 0, 1); err != nil {
		t.Fatalf("exchange (allowed): %v", err)
	}

	deaf := srv.Connect(t, nats.UserInfo("deaf", "d3af"))
	d := rulesClient(t, deaf, natsrpc.TransportOptions{Timeout: 20 * time.Second})
	for range 2 {
		start := time.Now()
		err := d.Ping()
		if systemCode(t, err) != wire.CodeForbidden || !strings.Contains(err.Error(), "reply subscription") {
			t.Fatalf("deaf ping: want forbidden for the reply subscription, got %v", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Fatalf("the permission error took %v", took)
		}
	}
}
