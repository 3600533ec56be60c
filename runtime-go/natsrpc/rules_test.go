package natsrpc_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/wire"
)

// The native Go rules service over NATS, called through the generated Go
// client: ok answers, typed errors, a handler panic, and the same under a
// subject prefix.
func TestRulesServiceThroughGeneratedClient(t *testing.T) {
	srv := natstest.Start(t, "")
	for _, prefix := range []string{"", "acme.prod"} {
		serveRules(t, srv.Connect(t), natsrpc.Options{Prefix: prefix})
		r := rulesClient(t, srv.Connect(t), natsrpc.TransportOptions{Prefix: prefix, Timeout: 5 * time.Second})
		exerciseRules(t, r, "prefix "+prefix)
	}
}

// exerciseRules calls every rules op through r, whatever serves it: ok
// answers, a typed error, a handler panic as trap.
func exerciseRules(t *testing.T, r *rulesv1.RulesClient, label string) {
	t.Helper()
	coupon := "TENOFF"
	quote, err := r.ValidateOrder(rulesv1.Order{Id: "A-1", Customer: "ada", Coupon: &coupon,
		Items: []rulesv1.LineItem{{Sku: "BOLT", Quantity: 10, UnitPriceCents: 25}}})
	if err != nil || quote.SubtotalCents != 250 {
		t.Fatalf("%s: validate_order: %+v, %v", label, quote, err)
	}
	var invalid *rulesv1.InvalidOrder
	if _, err := r.ValidateOrder(rulesv1.Order{Id: "A-2"}); !errors.As(err, &invalid) || invalid.Field != "customer" {
		t.Fatalf("%s: want InvalidOrder{customer}, got %v", label, err)
	}
	if _, err := r.ValidateOrder(rulesv1.Order{Id: "x", Customer: "y", Items: []rulesv1.LineItem{{Sku: "PANIC", Quantity: 1}}}); systemCode(t, err) != wire.CodeTrap {
		t.Fatalf("%s: want trap, got %v", label, err)
	}
	if err := r.Ping(); err != nil {
		t.Fatal(err)
	}
	usd, err := r.Exchange(10_000, rulesv1.CurrencyEur, rulesv1.CurrencyUsd)
	if err != nil || usd <= 0 {
		t.Fatalf("%s: exchange: %d, %v", label, usd, err)
	}
}

// Error replies carry the error frame and the micro headers with the status
// table's codes; a frame smuggled onto another op's subject is refused with
// forbidden and not dispatched; payloads that are not one call frame get the
// frame module's refusal.
func TestErrorHeadersAndSmuggledFrames(t *testing.T) {
	srv := natstest.Start(t, "")
	svc := serveRules(t, srv.Connect(t), natsrpc.Options{})
	nc := srv.Connect(t)
	exchange := natsrpc.Subject("", rulesDescriptor, "exchange")
	validate := natsrpc.Subject("", rulesDescriptor, "validate_order")
	cases := []struct {
		name, subject string
		payload       []byte
		code          wire.SystemCode
		status        string
		message       string
	}{
		{"ping smuggled onto exchange", exchange, callFrame(7, rulesv1.RulesOpPing, nil), wire.CodeForbidden, "403", "sent on the subject of op exchange (rules.v1.Rules.exchange)"},
		{"unknown op smuggled", exchange, callFrame(8, 99, nil), wire.CodeForbidden, "403", "op 99"},
		{"short payload", exchange, []byte{1, 1, 0}, wire.CodeBadFrame, "400", "call frame rejected"},
		{"trailing bytes", exchange, append(callFrame(9, rulesv1.RulesOpExchange, nil), 0), wire.CodeBadFrame, "400", "the message holds 17 bytes"},
		{"an ok frame", exchange, wire.AppendHeader(nil, wire.Header{Version: 1, Kind: wire.FrameOk, OpID: rulesv1.RulesOpExchange}), wire.CodeBadFrame, "400", "ok frame"},
		{"undecodable params", validate, callFrame(10, rulesv1.RulesOpValidateOrder, []byte{1, 2, 3}), wire.CodeDecode, "400", ""},
	}
	for _, c := range cases {
		msg, err := nc.Request(c.subject, c.payload, 5*time.Second)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		e := systemAnswer(t, msg.Data)
		if e.Code != c.code || !strings.Contains(e.Message, c.message) {
			t.Fatalf("%s: want %s containing %q, got %s %q", c.name, c.code.Name(), c.message, e.Code.Name(), e.Message)
		}
		if got := msg.Header.Get("Nats-Service-Error-Code"); got != c.status {
			t.Fatalf("%s: Nats-Service-Error-Code %q, want %q", c.name, got, c.status)
		}
		if got := msg.Header.Get("Nats-Service-Error"); !strings.HasPrefix(got, c.code.Name()) {
			t.Fatalf("%s: Nats-Service-Error %q", c.name, got)
		}
	}
	// A typed error: 422, described by its error id.
	r := rulesClient(t, nc, natsrpc.TransportOptions{})
	if _, err := r.ValidateOrder(rulesv1.Order{Id: "A-2"}); err == nil {
		t.Fatal("want InvalidOrder")
	}
	msg, err := nc.Request(validate, callFrame(11, rulesv1.RulesOpValidateOrder, encodeOrder(rulesv1.Order{Id: "A-3"})), 5*time.Second)
	if err != nil || msg.Header.Get("Nats-Service-Error-Code") != "422" || !strings.HasPrefix(msg.Header.Get("Nats-Service-Error"), "typed error ") {
		t.Fatalf("typed error headers: %v %v", msg.Header, err)
	}
	// Nothing smuggled ran: exchange counted its refusals as errors and no
	// ping was dispatched.
	for _, e := range svc.Stats().Endpoints {
		switch e.Name {
		case "exchange":
			if e.NumRequests != 5 || e.NumErrors != 5 {
				t.Fatalf("exchange stats %+v", e)
			}
		case "ping":
			if e.NumRequests != 0 {
				t.Fatalf("ping ran: %+v", e)
			}
		}
	}
}

// encodeOrder is the params payload of validate_order.
func encodeOrder(o rulesv1.Order) []byte {
	var w wire.Writer
	p := rulesv1.RulesValidateOrderParams{Order: o}
	p.EncodeTo(&w)
	return append([]byte(nil), w.Bytes()...)
}
