// The Go client over a child's stdio (docs/stdio.md §"Go client"): the test
// binary starts itself again as the rules stdio server (TestMain runs main
// when KK_RULES_STDIO_CHILD is set) and calls it with the generated
// rulesv1.RulesClient over client.NewStream. callRules is the doc's example,
// word for word (generator/tests/doc_snippets.rs checks that).
package main

import (
	"errors"
	"os"
	"os/exec"
	"testing"

	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
)

// TestMain serves stdio as main does when started by TestClientOverStdio.
func TestMain(m *testing.M) {
	if os.Getenv("KK_RULES_STDIO_CHILD") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestClientOverStdio(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "KK_RULES_STDIO_CHILD=1")
	quote, invalid, err := callRules(cmd)
	if err != nil {
		t.Fatal(err)
	}
	if quote.TotalCents != 250 || invalid.Field != "customer" {
		t.Fatalf("quote %+v, invalid %+v", quote, invalid)
	}
	if !cmd.ProcessState.Success() {
		t.Fatalf("server exited with %v", cmd.ProcessState)
	}
}

// callRules starts cmd (a rules stdio server), prices an order and sends an
// invalid one, then closes the server's stdin and waits for it to exit.
func callRules(cmd *exec.Cmd) (rulesv1.Quote, *rulesv1.InvalidOrder, error) {
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return rulesv1.Quote{}, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return rulesv1.Quote{}, nil, err
	}
	if err := cmd.Start(); err != nil {
		return rulesv1.Quote{}, nil, err
	}
	defer cmd.Wait()    // 2. reap the server
	defer stdin.Close() // 1. end of input: the server exits 0
	rules := rulesv1.NewRulesClient(client.NewStream(stdin, stdout))

	order := rulesv1.Order{
		Id:       "A-1",
		Customer: "ada",
		Currency: rulesv1.CurrencyEur,
		Items:    []rulesv1.LineItem{{Sku: "BOLT-M8", Quantity: 10, UnitPriceCents: 25}},
	}
	quote, err := rules.ValidateOrder(order)
	if err != nil {
		return quote, nil, err // a *client.SystemError when the machinery failed
	}
	order.Customer = ""
	_, err = rules.ValidateOrder(order)
	var invalid *rulesv1.InvalidOrder // the op's typed errors are pointers
	if !errors.As(err, &invalid) {
		return quote, nil, err
	}
	return quote, invalid, nil
}
