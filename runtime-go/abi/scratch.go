package abi

import (
	"unsafe"

	"kkgen.dev/kkrpc/wire"
)

// ScratchLen is the length of the scratch region (kk_scratch_len,
// docs/abi.md §1.5).
const ScratchLen = 4096

// scratch is the module's scratch region: the host writes small call frames
// there and CallScratch leaves small answers there. A global, so the GC
// neither moves nor frees it; words, so it is 8-aligned.
var scratch [ScratchLen / 8]uint64

// scratchAnswer is the block holding the last CallScratch answer too big for
// the region (0 when none); the next Call or CallScratch releases it.
var scratchAnswer uintptr

// Scratch returns the scratch region's address (kk_scratch).
func Scratch() uintptr { return uintptr(unsafe.Pointer(&scratch[0])) }

// scratchBytes is the scratch region as bytes.
func scratchBytes() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&scratch[0])), ScratchLen)
}

// releaseScratchAnswer frees the previous CallScratch answer when it lives in
// a block of its own (its validity ends with the next call, docs/abi.md §1.5).
func releaseScratchAnswer() {
	if scratchAnswer != 0 {
		blocks.release(scratchAnswer)
		scratchAnswer = 0
	}
}

// CallScratch is kk_call_scratch (docs/abi.md §1.5): dispatches the call
// frame of n bytes the host wrote at [Scratch] and returns the answer's
// address: the scratch region itself when the answer fits, else a block of
// its own (0 when it cannot be allocated). Either stays valid until the next
// Call or CallScratch; the host frees nothing.
func CallScratch(n uintptr) uintptr {
	releaseScratchAnswer()
	region := scratchBytes()
	if n > ScratchLen {
		n = ScratchLen
	}
	var answer []byte
	if h := module.Handler(); h == nil {
		fallback = wire.AppendSystemError(fallback[:0], 0, 0, wire.CodeInternal, "no service registered in this module")
		answer = fallback
	} else {
		answer = h.Handle(region[:n])
	}
	if len(answer) <= ScratchLen {
		copy(region, answer)
		return Scratch()
	}
	// In place when it is a typed-buffer result's own frame, else copied.
	scratchAnswer = blocks.handOut(answer)
	return scratchAnswer
}
