// Command rulesnats serves the Go rules example (examples/rules) on NATS, the
// Go native service of the cross-language NATS tests (docs/nats.md §7), with
// the same command line as the Rust geometry-nats example:
//
//	rulesnats nats://127.0.0.1:4222 [-prefix P] [-queue-group Q | -no-queue-group]
//
// It prints "ready <instance id>" on stdout once subscribed and serves until
// its stdin ends.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nats-io/nats.go"
	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/natsrpc"
)

func main() {
	prefix := flag.String("prefix", "", "subject prefix (docs/nats.md §1)")
	queue := flag.String("queue-group", natsrpc.DefaultQueueGroup, "queue group")
	noQueue := flag.Bool("no-queue-group", false, "no queue group: every instance gets every request")
	flag.Parse()
	url := nats.DefaultURL
	if flag.NArg() > 0 {
		url = flag.Arg(0)
	}
	if err := run(url, natsrpc.Options{Prefix: *prefix, QueueGroup: *queue, NoQueueGroup: *noQueue}); err != nil {
		fmt.Fprintln(os.Stderr, "rulesnats:", err)
		os.Exit(1)
	}
}

func run(url string, opts natsrpc.Options) error {
	nc, err := nats.Connect(url, nats.MaxReconnects(-1))
	if err != nil {
		return err
	}
	defer nc.Close()
	svc, err := natsrpc.ServeDispatcher(nc, rulesv1.NewRulesDispatcher(logic.New()), &rulesv1.RulesDescriptor, opts)
	if err != nil {
		return err
	}
	fmt.Println("ready", svc.Info().ID)
	_, _ = io.Copy(io.Discard, os.Stdin)
	return svc.Stop()
}
