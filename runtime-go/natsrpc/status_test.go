package natsrpc_test

import (
	"testing"

	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/wire"
)

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
