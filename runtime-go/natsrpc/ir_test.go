package natsrpc_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/wire"
)

// The descriptor kkrun reads from `kkgen ir --json` is the generated one;
// an IR without the named service, or not JSON, is refused.
func TestDescriptorFromIRMatchesGenerated(t *testing.T) {
	ir, err := os.ReadFile(natstest.Artifact(t, "geometry_ir_json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"", "Geometry"} {
		d, err := natsrpc.DescriptorFromIR(ir, name)
		if err != nil || !reflect.DeepEqual(*d, *geometryDescriptor) {
			t.Fatalf("DescriptorFromIR(%q): %+v, %v; generated %+v", name, d, err, *geometryDescriptor)
		}
	}
	if _, err := natsrpc.DescriptorFromIR(ir, "Rules"); err == nil || !strings.Contains(err.Error(), "no service \"Rules\" (it has: Geometry)") {
		t.Fatalf("unknown service: %v", err)
	}
	if _, err := natsrpc.DescriptorFromIR([]byte("{"), ""); err == nil {
		t.Fatal("accepted a truncated IR")
	}
}

// Prefixes are dot-separated tokens of [A-Za-z0-9_-]; servers and clients
// refuse others when created.
func TestSubjectsAndPrefixes(t *testing.T) {
	if got := natsrpc.Subject("acme.prod", geometryDescriptor, "tessellate"); got != "acme.prod.geo.v1.Geometry.tessellate" {
		t.Fatal(got)
	}
	for _, ok := range []string{"", "a", "acme.prod", "A-1_b.c"} {
		if err := natsrpc.CheckPrefix(ok); err != nil {
			t.Fatalf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{".", "a.", ".a", "a..b", "a.*", "a.>", "a b", "ü"} {
		if natsrpc.CheckPrefix(bad) == nil {
			t.Fatalf("accepted prefix %q", bad)
		}
		if _, err := natsrpc.NewTransport(nil, geometryDescriptor, natsrpc.TransportOptions{Prefix: bad}); err == nil {
			t.Fatalf("transport accepted prefix %q", bad)
		}
		if _, err := natsrpc.Serve(nil, nil, geometryDescriptor, natsrpc.Options{Prefix: bad}); err == nil {
			t.Fatalf("Serve accepted prefix %q", bad)
		}
	}
}

// The status table of docs/nats.md §2.1, row by row.
func TestStatusTable(t *testing.T) {
	want := map[wire.SystemCode]int{
		wire.CodeDecode: 400, wire.CodeBadFrame: 400, wire.CodeForbidden: 403, wire.CodeUnknownOp: 404,
		wire.CodeTooLarge: 413, wire.CodeCancelled: 499, wire.CodeTrap: 500, wire.CodeInternal: 500,
		wire.CodeOverloaded: 503, wire.CodeUnavailable: 503, wire.CodeTimeout: 504, 99: 500,
	}
	for code, status := range want {
		if got := natsrpc.Status(code); got != status {
			t.Errorf("%s (%d): %d, want %d", code.Name(), code, got, status)
		}
	}
	if natsrpc.StatusTypedError != 422 {
		t.Fatal(natsrpc.StatusTypedError)
	}
}
