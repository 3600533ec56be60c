// Package logic is the business logic behind rules.v1.Rules: order
// validation and pricing with typed errors, and a bounds check over samples
// read in place from the call frame. Plain Go, no kkrpc knowledge beyond the
// generated types.
package logic

import (
	"math"
	"strconv"

	rulesv1 "kkgen.dev/examples/rules/sdk/go"
)

// The generated package imported above is checked in (../sdk/go, docs/sdk.md);
// after editing ../rules.kkidl, `go generate ./...` rewrites it (kkgen on PATH).
//
//go:generate kkgen gen --lang go --out ../sdk/go ../rules.kkidl

// Limits enforced by ValidateOrder.
const (
	MaxLines      = 100
	MaxQuantity   = 1000
	MaxTotalCents = 10_000_000
)

// Rules implements rulesv1.Rules. It is stateless.
type Rules struct{}

// New returns the service (the factory given to RegisterRules).
func New() rulesv1.Rules { return Rules{} }

func invalid(field, reason string) error {
	return &rulesv1.InvalidOrder{Field: field, Reason: reason}
}

// itemField names field of line i, e.g. items[2].sku; built only for an
// error, so a valid order allocates nothing for it.
func itemField(i int, field string) string {
	return "items[" + strconv.Itoa(i) + "]." + field
}

// ValidateOrder checks every rule, then prices the order.
func (Rules) ValidateOrder(o rulesv1.Order) (rulesv1.Quote, error) {
	var q rulesv1.Quote
	switch {
	case o.Id == "":
		return q, invalid("id", "must not be empty")
	case o.Customer == "":
		return q, invalid("customer", "must not be empty")
	case len(o.Items) == 0:
		return q, invalid("items", "must have at least one line")
	case len(o.Items) > MaxLines:
		return q, &rulesv1.LimitExceeded{What: "lines", Limit: MaxLines, Actual: int64(len(o.Items))}
	}
	var subtotal int64
	for i, it := range o.Items {
		switch {
		case it.Sku == "PANIC":
			// A deliberate bug, so the tests can see a handler panic become system error trap.
			panic("logic: panic requested by SKU PANIC")
		case it.Sku == "":
			return q, invalid(itemField(i, "sku"), "must not be empty")
		case it.Quantity == 0:
			return q, invalid(itemField(i, "quantity"), "must be at least 1")
		case it.Quantity > MaxQuantity:
			return q, &rulesv1.LimitExceeded{What: "quantity of " + it.Sku, Limit: MaxQuantity, Actual: int64(it.Quantity)}
		case it.UnitPriceCents < 0:
			return q, invalid(itemField(i, "unit_price_cents"), "must not be negative")
		}
		subtotal += int64(it.Quantity) * it.UnitPriceCents
		if subtotal > MaxTotalCents {
			return q, &rulesv1.LimitExceeded{What: "total_cents", Limit: MaxTotalCents, Actual: subtotal}
		}
	}
	q = rulesv1.Quote{OrderId: o.Id, Currency: o.Currency, SubtotalCents: subtotal}
	if o.Coupon != nil {
		if *o.Coupon == "SAVE10" {
			q.DiscountCents = subtotal / 10
		} else {
			q.Warnings = append(q.Warnings, "unknown coupon "+*o.Coupon+" ignored")
		}
	}
	q.TotalCents = subtotal - q.DiscountCents
	return q, nil
}

// CheckParameters reports the samples outside [low, high] (NaN is outside).
// samples aliases the call frame: it is only read here, never kept.
func (Rules) CheckParameters(samples []float32, low, high float32) (rulesv1.ParameterReport, error) {
	var r rulesv1.ParameterReport
	if !(low <= high) {
		return r, invalid("low", "must not exceed high")
	}
	r.Count = uint32(len(samples))
	if len(samples) == 0 {
		return r, nil
	}
	// One pass with the extremes in locals and plain comparisons: the min and
	// max builtins' NaN and signed-zero rules made the loop 4x slower. Those
	// rules are kept: -0 is below +0, and a NaN (always out of range) makes
	// both extremes NaN.
	lo, hi := float32(math.Inf(1)), float32(math.Inf(-1))
	sawNaN := false
	var sum float64
	for i, s := range samples {
		sum += float64(s)
		if s <= lo && (s < lo || math.Signbit(float64(s))) {
			lo = s
		}
		if s >= hi && (s > hi || !math.Signbit(float64(s))) {
			hi = s
		}
		if !(s >= low && s <= high) {
			sawNaN = sawNaN || s != s
			r.OutOfRange = append(r.OutOfRange, uint32(i))
		}
	}
	if sawNaN {
		lo, hi = float32(math.NaN()), float32(math.NaN())
	}
	r.Minimum, r.Maximum = lo, hi
	r.Mean = sum / float64(len(samples))
	return r, nil
}

// Ping does nothing.
func (Rules) Ping() error { return nil }

// centsPerHundredEur is the shop's fixed rate: what 100 EUR is worth in c.
func centsPerHundredEur(c rulesv1.Currency) int64 {
	switch c {
	case rulesv1.CurrencyUsd:
		return 108
	case rulesv1.CurrencyGbp:
		return 85
	default:
		return 100
	}
}

// Exchange converts cents between currencies at the fixed rates, rounding toward zero.
func (Rules) Exchange(cents int64, from, to rulesv1.Currency) (int64, error) {
	return cents * centsPerHundredEur(to) / centsPerHundredEur(from), nil
}
