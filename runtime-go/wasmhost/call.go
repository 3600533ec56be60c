// A frame call into the hosted module (docs/abi.md §1.1): the call frame is
// copied once into linear memory, kk_call runs it, the answer is checked
// and copied once out, and every failure becomes a system error frame.

package wasmhost

import (
	"strconv"

	"github.com/tetratelabs/wazero/api"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wire"
)

// Caller is a [client.Transport] over a Host with its own answer buffer:
// one per goroutine when several call one Host (the calls are serialised on
// its instance).
type Caller struct {
	host   *Host
	answer []byte
}

// NewCaller returns a Transport over h for one goroutine.
func (h *Host) NewCaller() *Caller { return &Caller{host: h} }

// RoundTrip implements [client.Transport]: the answer (possibly a system
// error frame the host wrote) is valid until the Caller's next RoundTrip. It
// never returns an error.
func (c *Caller) RoundTrip(call []byte) ([]byte, error) {
	c.answer = c.host.Call(c.answer, call)
	return c.answer, nil
}

// RoundTrip implements [client.Transport] with the Host's own answer
// buffer: the answer is valid until the next RoundTrip or Handle on h, so
// concurrent callers each take a [Host.NewCaller] instead.
func (h *Host) RoundTrip(call []byte) ([]byte, error) { return h.Handle(call), nil }

// Handle answers one call frame (stdio.FrameHandler, which kkrun serves)
// into the Host's own answer buffer, valid until the next Handle or
// RoundTrip on h.
func (h *Host) Handle(frame []byte) []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.answer = h.callLocked(h.answer, frame)
	return h.answer
}

// Call answers the call frame in frame, appending the answer frame to
// dst[:0]: the module's ok or error answer, or a system error frame for a
// refused call frame (bad_frame, too_large), a trap (trap; the next call
// gets a fresh instance), a module that could not allocate (too_large,
// internal) or a malformed answer (bad_frame, too_large). Safe for
// concurrent use.
func (h *Host) Call(dst, frame []byte) []byte {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.callLocked(dst, frame)
}

// callLocked is [Host.Call] with h.mu held.
func (h *Host) callLocked(dst, frame []byte) []byte {
	head, err := wire.ParseHeader(frame, h.limits)
	switch {
	case err != nil:
		return wire.AppendSystemError(dst[:0], head.CallID, head.OpID, wire.RefusalCode(err), "call frame rejected: "+err.Error())
	case head.Kind != wire.FrameCall:
		return wire.AppendSystemError(dst[:0], head.CallID, head.OpID, wire.CodeBadFrame, "call frame rejected: not a call frame")
	case head.FrameLen() > uint64(len(frame)):
		return wire.AppendSystemError(dst[:0], head.CallID, head.OpID, wire.CodeBadFrame, "truncated frame")
	}
	answer, fail := h.dispatch(dst[:0], frame[:head.FrameLen()], head)
	if fail != nil {
		return wire.AppendSystemError(dst[:0], head.CallID, head.OpID, wire.SystemCode(fail.Code), fail.Message)
	}
	return answer
}

// dispatch runs steps 1-3 of docs/abi.md §1.1 on a checked call frame.
// Called with h.mu held.
func (h *Host) dispatch(dst, frame []byte, head wire.Header) ([]byte, *client.SystemError) {
	inst, err := h.live()
	if err != nil {
		return nil, h.liveError(err)
	}
	size := uint32(len(frame))
	h.stats.Calls++
	ptr, err := inst.call1(h, inst.alloc, size, 0)
	if err != nil {
		h.trapped()
		return nil, systemError(wire.CodeTrap, "kk_alloc: "+firstLine(err.Error()))
	}
	if ptr == 0 {
		return nil, systemError(wire.CodeTooLarge, "kk_alloc("+strconv.FormatUint(uint64(size), 10)+") failed")
	}
	if !inst.mem.Write(ptr, frame) {
		h.trapped()
		return nil, systemError(wire.CodeInternal, "kk_alloc returned a block past the end of memory")
	}
	rptr, err := inst.call1(h, inst.call, ptr, size)
	if err != nil {
		h.trapped()
		return nil, systemError(wire.CodeTrap, firstLine(err.Error()))
	}
	if rptr == 0 {
		return nil, systemError(wire.CodeInternal, "the module could not allocate a response")
	}
	return h.readAnswer(dst, inst, rptr, head)
}

// readAnswer checks the answer frame at rptr, copies it into dst and frees
// it. A module whose answer is malformed (outside memory, a bad header, not
// an answer to this call) is broken: its instance is dropped.
func (h *Host) readAnswer(dst []byte, inst *instance, rptr uint32, call wire.Header) ([]byte, *client.SystemError) {
	prefix, ok := inst.mem.Read(rptr, wire.HeaderLen)
	if !ok {
		h.trapped()
		return nil, systemError(wire.CodeBadFrame, "response frame past the end of memory")
	}
	head, err := wire.ParseHeader(prefix, h.limits)
	if err != nil {
		code := wire.RefusalCode(err)
		if _, inBounds := inst.mem.Read(rptr, uint32(min(head.FrameLen(), 1<<32-1))); code == wire.CodeTooLarge && inBounds {
			h.freeAnswer(inst, rptr, head)
		} else {
			h.trapped()
		}
		return nil, systemError(code, "response frame: "+err.Error())
	}
	if head.CallID != call.CallID || (head.Kind != wire.FrameOk && head.Kind != wire.FrameError) {
		h.trapped()
		return nil, systemError(wire.CodeBadFrame, "response frame: not an answer to call "+strconv.FormatUint(uint64(call.CallID), 10))
	}
	body, ok := inst.mem.Read(rptr, uint32(head.FrameLen()))
	if !ok {
		h.trapped()
		return nil, systemError(wire.CodeBadFrame, "response frame past the end of memory")
	}
	dst = append(dst, body...)
	h.freeAnswer(inst, rptr, head)
	return dst, nil
}

// freeAnswer returns the answer block to the module; a trap there drops the
// instance (the answer already copied stays good).
func (h *Host) freeAnswer(inst *instance, rptr uint32, head wire.Header) {
	if _, err := inst.call1(h, inst.free, rptr, uint32(head.FrameLen())); err != nil {
		h.trapped()
	}
}

// call1 calls fn with one or two i32 arguments (b is ignored for kk_alloc)
// through the instance's stack, without allocating, and returns the first
// result (0 when fn has none).
func (inst *instance) call1(h *Host, fn api.Function, a, b uint32) (uint32, error) {
	inst.stack[0], inst.stack[1] = uint64(a), uint64(b)
	if err := fn.CallWithStack(h.ctx, inst.stack[:]); err != nil {
		return 0, err
	}
	return uint32(inst.stack[0]), nil
}

// systemError is a system error with code and message.
func systemError(code wire.SystemCode, message string) *client.SystemError {
	return &client.SystemError{Code: uint32(code), Message: message}
}
