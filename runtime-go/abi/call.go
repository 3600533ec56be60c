package abi

import (
	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// module is the service behind this module's kk_call, built lazily.
var module service.Lazy

// Register sets the factory of the module's service; it is called on the
// first kk_call, never at instantiation (docs/abi.md §1.3). Generated code
// calls it from Register<Service>.
func Register(factory func() service.Dispatcher) {
	module.Register(factory)
}

// Service returns the module's service, building it on the first call of
// either kind (kk_call or a scalar fast export kk_op_<id>, docs/abi.md §1.4),
// or nil when none was registered. Generated fast exports call it.
func Service() service.Dispatcher {
	if h := module.Handler(); h != nil {
		return h.Dispatcher()
	}
	return nil
}

// fallback answers when no service was registered or the block is unknown.
var fallback []byte

// Call is kk_call (docs/abi.md §1.1): the frame at ptr lies in a block of cap
// bytes from Alloc, now owned by the module. The handler may borrow the
// payload in place; the block is freed before Call returns. The answer is
// handed out as a block ([blockTable.handOut]: in place when it is a typed
// buffer result's own frame, else copied) whose address is returned (0 when
// it cannot be allocated); the host frees it with Free. The previous
// CallScratch answer is released first (docs/abi.md §1.5).
func Call(ptr, cap uintptr) uintptr {
	releaseScratchAnswer()
	block := blocks.bytesOf(ptr)
	var answer []byte
	switch h := module.Handler(); {
	case block == nil:
		fallback = wire.AppendSystemError(fallback[:0], 0, 0, wire.CodeBadFrame, "kk_call: not a block from kk_alloc")
		answer = fallback
	case cap > uintptr(len(block)):
		fallback = wire.AppendSystemError(fallback[:0], 0, 0, wire.CodeBadFrame, "kk_call: cap exceeds the block")
		answer = fallback
	case h == nil:
		fallback = wire.AppendSystemError(fallback[:0], 0, 0, wire.CodeInternal, "no service registered in this module")
		answer = fallback
	default:
		answer = h.Handle(block[:cap])
	}
	blocks.release(ptr)
	return blocks.handOut(answer)
}

// SetMaxFrameLen is kk_set_max_frame_len (docs/abi.md §1.6): the host's frame
// limit, which handlers read as [service.AnswerLimit] to refuse an answer
// that would not fit before building it.
func SetMaxFrameLen(n uintptr) {
	service.SetAnswerLimit(int64(n))
}
