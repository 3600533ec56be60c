package natsrpc_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
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
