package logic_test

import (
	"errors"
	"math"
	"testing"

	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// The generated client and dispatcher, end to end in process.
func TestThroughGeneratedClientAndDispatcher(t *testing.T) {
	c := rulesv1.NewRulesClient(client.NewLocal(rulesv1.NewRulesDispatcher(logic.New())))
	coupon := "SAVE10"
	q, err := c.ValidateOrder(rulesv1.Order{Id: "A-1", Customer: "ada", Coupon: &coupon,
		Items: []rulesv1.LineItem{{Sku: "BOLT", Quantity: 10, UnitPriceCents: 25}}})
	if err != nil || q.TotalCents != 225 || q.DiscountCents != 25 {
		t.Fatalf("%+v %v", q, err)
	}
	_, err = c.ValidateOrder(rulesv1.Order{Id: "A-2"})
	var inv *rulesv1.InvalidOrder
	if !errors.As(err, &inv) || inv.Field != "customer" {
		t.Fatalf("typed error: %v", err)
	}
	r, err := c.CheckParameters([]float32{1, 5, -2, 3}, 0, 4)
	if err != nil || r.Count != 4 || len(r.OutOfRange) != 2 || r.Mean != 1.75 {
		t.Fatalf("%+v %v", r, err)
	}
	_, err = c.ValidateOrder(rulesv1.Order{Id: "x", Customer: "y", Items: []rulesv1.LineItem{{Sku: "PANIC", Quantity: 1}}})
	var sys *client.SystemError
	if !errors.As(err, &sys) || sys.Code != 3 {
		t.Fatalf("panic: %v", err)
	}
}

// refusing is the service with a CheckParameters that refuses, as a handler
// does whose answer would not fit service.AnswerLimit().
type refusing struct{ logic.Rules }

func (refusing) CheckParameters([]float32, float32, float32) (rulesv1.ParameterReport, error) {
	return rulesv1.ParameterReport{}, service.Refuse(wire.CodeTooLarge, "the report would exceed the answer limit")
}

// A handler's service.Refuse reaches the caller as that system error (not
// internal); any other non-typed error stays internal.
func TestARefusingHandlerAnswersItsSystemError(t *testing.T) {
	c := rulesv1.NewRulesClient(client.NewLocal(rulesv1.NewRulesDispatcher(refusing{})))
	_, err := c.CheckParameters([]float32{1}, 0, 4)
	var sys *client.SystemError
	if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeTooLarge) || sys.Message != "the report would exceed the answer limit" {
		t.Fatalf("want system error too_large, got %v", err)
	}
	if _, err := c.Exchange(100, rulesv1.CurrencyEur, rulesv1.CurrencyUsd); err != nil {
		t.Fatalf("the next call: %v", err)
	}
}

// The extremes follow Go's min and max: -0 is below +0 (in either order),
// and a NaN sample, always out of range, makes both extremes NaN.
func TestCheckParametersExtremes(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	for _, samples := range [][]float32{{0, negZero}, {negZero, 0}} {
		r, err := logic.New().CheckParameters(samples, -1, 1)
		if err != nil || !math.Signbit(float64(r.Minimum)) || math.Signbit(float64(r.Maximum)) || len(r.OutOfRange) != 0 {
			t.Fatalf("%v: %+v %v", samples, r, err)
		}
	}
	r, err := logic.New().CheckParameters([]float32{1, float32(math.NaN()), 3}, 0, 4)
	if err != nil || r.Minimum == r.Minimum || r.Maximum == r.Maximum || len(r.OutOfRange) != 1 || r.OutOfRange[0] != 1 {
		t.Fatalf("NaN: %+v %v", r, err)
	}
}
