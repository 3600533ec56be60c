// Package service is the callee side shared by every Go transport (module
// ABI exports, stdio, in-process): it checks a call frame's header (with
// package wire's checks), hands the payload to a generated [Dispatcher],
// turns a handler panic into system error trap, and holds the lazily built
// service of a wasm module.
//
// It writes frames with plain appends (no reflection, no goroutines), so it
// builds with TinyGo. Note: TinyGo's recover() only works on targets and
// versions that support it (wasm with -panic=trap aborts instead); there a
// handler panic traps the instance, which the host handles as docs/abi.md
// §1.2 describes.
package service

import "kkgen.dev/kkrpc/wire"

// Dispatcher runs the ops of one service; kkgen generates one per service.
type Dispatcher interface {
	// Dispatch decodes payload as the parameters of op opID, runs the
	// handler and returns the whole answer frame (ok or error, echoing
	// callID and opID). Unknown ops answer system error unknown_op. The
	// payload is only valid during the call; the returned frame only until
	// the next Dispatch.
	Dispatch(callID, opID uint32, payload []byte) []byte
}

// Handler answers call frames with one Dispatcher, reusing its buffers.
type Handler struct {
	// MaxFrameLen is the largest frame accepted (header included); default
	// [wire.DefaultMaxFrameLen].
	MaxFrameLen uint32
	d           Dispatcher
	scratch     []byte
}

// NewHandler returns a Handler with the default limits.
func NewHandler(d Dispatcher) *Handler {
	return &Handler{MaxFrameLen: wire.DefaultMaxFrameLen, d: d}
}

// Dispatcher returns the dispatcher the handler serves.
func (h *Handler) Dispatcher() Dispatcher { return h.d }

// Handle answers one frame held in frame (which may be longer than the frame
// itself, e.g. a block with spare capacity). A short or malformed header
// ([wire.ParseHeader]), a frame that is not a call, a frame longer than
// frame, or a handler panic are answered as system errors. The answer is
// valid until the next Handle.
func (h *Handler) Handle(frame []byte) []byte {
	wire.ForgetHandedFrame()
	if len(frame) < wire.HeaderLen {
		return h.fail(0, 0, wire.CodeBadFrame, "frame shorter than its header")
	}
	head, err := wire.ParseHeader(frame, wire.Limits{MaxFrameLen: h.MaxFrameLen})
	switch {
	case err != nil:
		return h.fail(head.CallID, head.OpID, wire.RefusalCode(err), "call frame rejected: "+err.Error())
	case head.Kind != wire.FrameCall:
		return h.fail(head.CallID, head.OpID, wire.CodeBadFrame, "call frame rejected: not a call frame")
	case head.FrameLen() > uint64(len(frame)):
		return h.fail(head.CallID, head.OpID, wire.CodeBadFrame, "payload_len exceeds the bytes given")
	}
	return h.dispatch(head, frame[wire.HeaderLen:head.FrameLen()])
}

// dispatch runs the dispatcher, turning a panic into system error trap.
func (h *Handler) dispatch(head wire.Header, payload []byte) (answer []byte) {
	defer func() {
		if p := recover(); p != nil {
			answer = h.fail(head.CallID, head.OpID, wire.CodeTrap, "handler panicked: "+describePanic(p))
		}
	}()
	return h.d.Dispatch(head.CallID, head.OpID, payload)
}

// fail builds a system error answer in the handler's scratch buffer.
func (h *Handler) fail(callID, opID uint32, code wire.SystemCode, message string) []byte {
	h.scratch = wire.AppendSystemError(h.scratch[:0], callID, opID, code, message)
	return h.scratch
}

// describePanic renders a recovered value without fmt (kept out for TinyGo size).
func describePanic(p any) string {
	switch v := p.(type) {
	case error:
		return v.Error()
	case string:
		return v
	}
	return "non-error value"
}
