// A handler refusing its call with a system error before doing the work
// (docs/abi.md §1.6): AnswerLimit tells it the largest answer the caller
// accepts; returning Refuse(code, message) makes the call's answer that
// system error. Typed errors stay the handler's own error types; this is for
// the runtime's codes, chiefly too_large for an answer that would not fit
// (building it first could exhaust the module's memory).

package service

import (
	"errors"
	"sync/atomic"

	"kkgen.dev/kkrpc/wire"
)

// answerLimit is the largest answer frame the caller accepts (header included).
var answerLimit atomic.Int64

func init() { answerLimit.Store(wire.DefaultMaxFrameLen) }

// AnswerLimit returns the largest answer frame, header included, that the
// caller of this module or process accepts: the host's frame limit
// (kk_set_max_frame_len, docs/abi.md §1.6) in a wasm module, the stdio
// server's limit, else the default of docs/wire.md §5.1 (256 MiB). A handler
// whose answer would be larger can return Refuse(wire.CodeTooLarge, ...)
// before building it.
// (Where int has 32 bits, a limit beyond it reads as the largest int.)
func AnswerLimit() int {
	const maxInt = int64(^uint(0) >> 1)
	return int(min(answerLimit.Load(), maxInt))
}

// SetAnswerLimit sets [AnswerLimit] for the whole process (the module ABI's
// kk_set_max_frame_len, the stdio server when it starts).
func SetAnswerLimit(maxFrameLen int64) { answerLimit.Store(maxFrameLen) }

// Refusal is the error a handler returns to answer its call with a system
// error (see [Refuse]).
type Refusal struct {
	// Code is the system error's code (docs/wire.md §2.1).
	Code wire.SystemCode
	// Message is its message.
	Message string
}

// Error returns the message.
func (r *Refusal) Error() string { return r.Message }

// Refuse returns the error that answers the running call with system error
// code and message, e.g. return Refuse(wire.CodeTooLarge, "...") from a
// handler. Generated dispatchers answer any other non-typed error with
// internal.
func Refuse(code wire.SystemCode, message string) error {
	return &Refusal{Code: code, Message: message}
}

// FailureCode is the system error code generated dispatchers answer a
// handler's non-typed error with: a [Refusal]'s code (found with errors.As),
// else internal.
func FailureCode(err error) uint32 {
	var r *Refusal
	if errors.As(err, &r) {
		return uint32(r.Code)
	}
	return CodeInternal
}
