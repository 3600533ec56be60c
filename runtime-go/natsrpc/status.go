// The status table (docs/nats.md §2.1), shared with the HTTP routes: the
// status an answer frame maps to, and the micro error headers of an error
// reply.

package natsrpc

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"kkgen.dev/kkrpc/wire"
)

// StatusTypedError is the status of every typed error answer.
const StatusTypedError = 422

// Status returns the status of a system error code (docs/nats.md §2.1);
// codes the table does not know map to 500, as internal does.
func Status(code wire.SystemCode) int {
	switch code {
	case wire.CodeDecode, wire.CodeBadFrame:
		return 400
	case wire.CodeForbidden:
		return 403
	case wire.CodeUnknownOp:
		return 404
	case wire.CodeTooLarge:
		return 413
	case wire.CodeCancelled:
		return 499
	case wire.CodeOverloaded, wire.CodeUnavailable:
		return 503
	case wire.CodeTimeout:
		return 504
	}
	return 500
}

// errorHeaders returns the Nats-Service-Error and Nats-Service-Error-Code
// values of an answer frame (one line each), and false for an ok answer. A typed error is
// described as "typed error <error_id>" (the descriptor names ops, not
// errors); a malformed error payload as an internal error.
func errorHeaders(answer []byte) (description, code string, isError bool) {
	if len(answer) < wire.HeaderLen || wire.FrameKind(answer[1]) != wire.FrameError {
		return "", "", false
	}
	r := wire.NewReader(answer[wire.HeaderLen:])
	head := r.ErrorHead()
	switch {
	case r.Err() != nil:
		return "internal: malformed error answer", "500", true
	case head.Class == wire.ErrorClassTyped:
		return "typed error " + strconv.FormatUint(uint64(head.ErrorID), 10), strconv.Itoa(StatusTypedError), true
	}
	description = head.Code.Name()
	if head.Message != "" {
		description += ": " + oneLine(head.Message)
	}
	return capText(description), strconv.Itoa(Status(head.Code)), true
}

// MaxErrorText is the longest Nats-Service-Error value in bytes (docs/nats.md
// §2); the error frame keeps the whole message.
const MaxErrorText = 256

// capText cuts s to at most MaxErrorText bytes, at a rune boundary.
func capText(s string) string {
	if len(s) <= MaxErrorText {
		return s
	}
	end := MaxErrorText
	for end > 0 && !utf8.RuneStart(s[end]) {
		end--
	}
	return s[:end]
}

// oneLine replaces the CR and LF of s with spaces: a header value is one line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}
