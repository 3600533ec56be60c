package natsrpc_test

import (
	"testing"

	"kkgen.dev/kkrpc/natsrpc"
)

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
