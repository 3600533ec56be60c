// kkrun -nats: the hosted module's ops as one NATS micro service
// (docs/nats.md), through natsrpc.Serve.

package main

import (
	"flag"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/nats-io/nats.go"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/wasmhost"
)

// natsFlags are the flags of NATS mode.
type natsFlags struct {
	url, ir, service, prefix, queue, creds string
	noQueue                                bool
}

// register adds the NATS flags to flags.
func (f *natsFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.url, "nats", "", "serve over NATS at this server URL (nats://user:pass@host:port, comma-separated for a cluster) instead of stdio")
	flags.StringVar(&f.ir, "ir", "", "with -nats: the schema's IR, `kkgen ir --json schema.kkidl` (the service's package, name and ops)")
	flags.StringVar(&f.service, "service", "", "with -nats: the service to serve when the IR has several")
	flags.StringVar(&f.prefix, "prefix", "", "with -nats: subject prefix (docs/nats.md §1)")
	flags.StringVar(&f.queue, "queue", natsrpc.DefaultQueueGroup, "with -nats: queue group of the endpoints")
	flags.BoolVar(&f.noQueue, "no-queue", false, "with -nats: no queue group (every instance gets every request)")
	flags.StringVar(&f.creds, "creds", "", "with -nats: a NATS credentials file (JWT and nkey seed)")
}

// valid reports whether the NATS flags fit together: -ir with -nats, and no
// NATS flag without -nats.
func (f *natsFlags) valid() bool {
	if f.url == "" {
		return f.ir == "" && f.service == "" && f.prefix == "" && f.creds == "" && !f.noQueue && f.queue == natsrpc.DefaultQueueGroup
	}
	return f.ir != ""
}

// serveNats serves host's module over NATS until a signal (0) or until the
// connection closes for good (1).
func serveNats(host *wasmhost.Host, module string, f natsFlags) int {
	ir, err := os.ReadFile(f.ir)
	if err != nil {
		return fail(err.Error())
	}
	d, err := natsrpc.DescriptorFromIR(ir, f.service)
	if err != nil {
		return fail(err.Error())
	}
	closed := make(chan struct{})
	opts := []nats.Option{
		nats.Name("kkrun " + filepath.Base(module)),
		nats.MaxReconnects(-1),
		nats.ClosedHandler(func(*nats.Conn) { close(closed) }),
	}
	if f.creds != "" {
		opts = append(opts, nats.UserCredentials(f.creds))
	}
	nc, err := nats.Connect(f.url, opts...)
	if err != nil {
		return fail("connecting to " + f.url + ": " + err.Error())
	}
	svc, err := natsrpc.Serve(nc, host, d, natsrpc.Options{Prefix: f.prefix, QueueGroup: f.queue, NoQueueGroup: f.noQueue})
	if err != nil {
		nc.Close()
		return fail(err.Error())
	}
	os.Stderr.WriteString("kkrun: serving " + d.QualifiedName() + " (" + natsrpc.Subject(f.prefix, d, ">") + ") on " + nc.ConnectedUrlRedacted() + " as " + svc.Info().ID + "\n")
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-signals:
		svc.Stop()
		nc.Drain()
		<-closed
		return 0
	case <-closed:
		return fail("the NATS connection closed")
	}
}

// fail reports a failure on stderr and returns exit code 1.
func fail(message string) int {
	os.Stderr.WriteString("kkrun: " + message + "\n")
	return 1
}
