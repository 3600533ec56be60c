package natsrpc

import (
	"strings"
	"testing"
	"unicode/utf8"

	"kkgen.dev/kkrpc/wire"
)

// A system error's Nats-Service-Error is one line of at most MaxErrorText
// bytes, cut at a rune boundary (docs/nats.md §2), as in the Rust server.
func TestErrorHeaderIsOneLineOfAtMost256Bytes(t *testing.T) {
	long := "a\r\nb" + strings.Repeat("é", 300)
	answer := wire.AppendSystemError(nil, 1, 2, wire.CodeTrap, long)
	text, code, isError := errorHeaders(answer)
	if !isError || code != "500" || !strings.HasPrefix(text, "trap: a  b") || len(text) > MaxErrorText || !utf8.ValidString(text) {
		t.Fatalf("errorHeaders = %q, %q, %v", text, code, isError)
	}
}
