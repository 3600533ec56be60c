// Package abi implements the module side of the kkrpc module ABI
// (docs/abi.md): 8-aligned blocks handed to the host, kept reachable until
// the host frees them, and the kk_call step (frame in, answer frame out).
//
// The //go:wasmexport entry points themselves are generated next to the
// service (one set per module); they forward to [Alloc], [Free] and [Call].
// Nothing here needs reflection or goroutines, so it builds with TinyGo.
package abi

import (
	"unsafe"

	"kkgen.dev/kkrpc/wire"
)

// MaxBlock is the largest block Alloc hands out: the default frame limit of
// docs/wire.md §5.1 (256 MiB, header included). Larger requests get 0.
const MaxBlock = wire.DefaultMaxFrameLen

// Size classes of reusable blocks: 64 B, 128 B, ... up to 1 MiB. Bigger blocks
// are allocated exactly and dropped on free (the GC reclaims them).
const (
	minClassShift = 6
	numClasses    = 15
	keepPerClass  = 4
)

// blockTable owns every block currently lent to the host, so the garbage
// collector neither frees nor moves them, and a few freed blocks per size
// class for reuse, so a steady stream of calls allocates nothing.
type blockTable struct {
	live map[uintptr][]uint64
	free [numClasses][][]uint64
}

var blocks = blockTable{live: make(map[uintptr][]uint64)}

// classOf returns the size class holding n bytes, or -1 for big blocks.
func classOf(n uintptr) int {
	size := uintptr(1) << minClassShift
	for c := 0; c < numClasses; c++ {
		if n <= size {
			return c
		}
		size <<= 1
	}
	return -1
}

// alloc returns an 8-aligned block of at least n bytes and records it as live.
func (t *blockTable) alloc(n uintptr) []uint64 {
	if n > MaxBlock {
		return nil
	}
	var words []uint64
	if c := classOf(n); c >= 0 {
		if k := len(t.free[c]); k > 0 {
			words = t.free[c][k-1]
			t.free[c][k-1] = nil
			t.free[c] = t.free[c][:k-1]
		} else {
			words = make([]uint64, (uintptr(1)<<(minClassShift+c))/8)
		}
	} else {
		words = make([]uint64, (n+7)/8)
	}
	t.live[uintptr(unsafe.Pointer(&words[0]))] = words
	return words
}

// release forgets a live block and keeps it for reuse when it is exactly a
// size class (a result frame lent by handOut has its own size: dropped).
// Unknown addresses (double frees, foreign pointers) are ignored.
func (t *blockTable) release(ptr uintptr) {
	words, ok := t.live[ptr]
	if !ok {
		return
	}
	delete(t.live, ptr)
	n := uintptr(len(words)) * 8
	if c := classOf(n); c >= 0 && n == uintptr(1)<<(minClassShift+c) && len(t.free[c]) < keepPerClass {
		t.free[c] = append(t.free[c], words)
	}
}

// bytesOf returns the live block at ptr as bytes, or nil when ptr is not live.
func (t *blockTable) bytesOf(ptr uintptr) []byte {
	words, ok := t.live[ptr]
	if !ok {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
}

// handOut lends the host the answer frame and returns its address, or 0 when
// no block can hold it: the frame's own 8-aligned words when it is a typed
// buffer result built in place ([wire.ClaimResultFrame], no copy), else a
// copy in a new block.
func (t *blockTable) handOut(answer []byte) uintptr {
	if words, ok := wire.ClaimResultFrame(answer); ok {
		ptr := uintptr(unsafe.Pointer(&words[0]))
		t.live[ptr] = words
		return ptr
	}
	out := t.alloc(uintptr(len(answer)))
	if out == nil {
		return 0
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), len(answer)), answer)
	return uintptr(unsafe.Pointer(&out[0]))
}

// Alloc lends the host an 8-aligned block of n bytes (kk_alloc) and returns
// its address, or 0 when n exceeds [MaxBlock].
func Alloc(n uintptr) uintptr {
	words := blocks.alloc(n)
	if words == nil {
		return 0
	}
	return uintptr(unsafe.Pointer(&words[0]))
}

// Free takes back a block from Alloc or an answer from Call (kk_free). The
// length is not needed: the table knows every block's size.
func Free(ptr uintptr) {
	blocks.release(ptr)
}

// LiveBlocks reports how many blocks the host currently holds (for tests and
// leak checks).
func LiveBlocks() int {
	return len(blocks.live)
}
