// Typed buffer results built inside their answer frame: [ResultBuffer] makes
// a slice whose backing array already has room for an ok frame's header and
// count in front of the data, so a dispatcher answering with it writes those
// bytes in place and hands the whole array out as the frame, without copying
// the data ([TakeResultFrame]); the module ABI then lends that same array to
// the host ([ClaimResultFrame]).

package wire

import (
	"sync"
	"unsafe"
)

// pendingResults is how many buffers from ResultBuffer are remembered at
// once; an older one still unanswered is forgotten (then it is an ordinary
// slice, copied into its answer).
const pendingResults = 8

// resultFrame is one frame allocation behind a ResultBuffer slice.
type resultFrame struct {
	data  uintptr  // address of element 0
	n     int      // elements room was made for
	words []uint64 // the frame: header, count, padding, data
}

// results remembers the frames of ResultBuffer slices not yet answered with
// and the last frame handed out by TakeResultFrame.
var results struct {
	mu      sync.Mutex
	pending [pendingResults]resultFrame
	next    int
	handed  []uint64
}

// resultDataAt is the frame offset of the data of an ok frame whose payload
// is one typed buffer of size-byte elements: header, u32 count, padding to
// size (docs/wire.md §3.6), so 20, or 24 for 8-byte elements.
func resultDataAt(size int) int {
	return (HeaderLen + 4 + size - 1) / size * size
}

// ResultBuffer returns a zeroed []T of length n for a handler to fill and
// return as the bare typed-buffer result of an op (e.g. `-> f32[]`): its
// backing array is the answer frame, so the generated dispatcher answers
// with it without copying the data. Re-slicing it to a shorter length
// (v[:k]) keeps that; appending past n, slicing off the front, or returning
// it from an op whose result is not a bare buffer makes it an ordinary
// slice, copied as any other. Any slice works as a result; this one only
// saves the copy. Example: `out := wire.ResultBuffer[float32](len(in))`.
func ResultBuffer[T bufferElem](n int) []T {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if n <= 0 || !hostLittleEndian || uint64(n)*uint64(size) > uint64(DefaultMaxFrameLen) {
		return make([]T, n)
	}
	at := resultDataAt(size)
	words := make([]uint64, (at+n*size+7)/8)
	p := unsafe.Add(unsafe.Pointer(&words[0]), at)
	results.mu.Lock()
	results.pending[results.next] = resultFrame{data: uintptr(p), n: n, words: words}
	results.next = (results.next + 1) % pendingResults
	results.mu.Unlock()
	return unsafe.Slice((*T)(p), n)
}

// TakeResultFrame returns the ok frame answering callID/opID with v when v
// came from [ResultBuffer] (same first element, no longer than made): the
// header and count are written in front of the data in place. It returns nil
// for any other slice, which the caller encodes as usual. Generated
// dispatchers call it; the frame is the caller's from then on.
func TakeResultFrame[T bufferElem](v []T, callID, opID uint32) []byte {
	if len(v) == 0 {
		return nil
	}
	var zero T
	size := int(unsafe.Sizeof(zero))
	data := uintptr(unsafe.Pointer(&v[0]))
	results.mu.Lock()
	defer results.mu.Unlock()
	for i := range results.pending {
		f := &results.pending[i]
		if f.words == nil || f.data != data || len(v) > f.n {
			continue
		}
		words := f.words
		*f = resultFrame{}
		at := resultDataAt(size)
		frame := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), at+len(v)*size)
		AppendHeader(frame[:0], Header{Version: Version, Kind: FrameOk, CallID: callID, OpID: opID, PayloadLen: uint32(len(frame) - HeaderLen)})
		putLE32(frame[HeaderLen:], uint32(len(v)))
		for j := HeaderLen + 4; j < at; j++ {
			frame[j] = 0
		}
		results.handed = words
		return frame
	}
	return nil
}

// ClaimResultFrame reports whether answer is the frame TakeResultFrame
// returned last and, if so, returns its 8-aligned backing words and forgets
// it: the module ABI lends those to the host instead of copying the answer.
func ClaimResultFrame(answer []byte) ([]uint64, bool) {
	results.mu.Lock()
	defer results.mu.Unlock()
	words := results.handed
	if len(answer) == 0 || words == nil || unsafe.Pointer(&answer[0]) != unsafe.Pointer(&words[0]) {
		return nil, false
	}
	results.handed = nil
	return words, true
}

// ForgetHandedFrame drops the reference to the last frame TakeResultFrame
// returned (transports that write answers out call it between frames, so a
// big answer does not stay reachable).
func ForgetHandedFrame() {
	results.mu.Lock()
	results.handed = nil
	results.mu.Unlock()
}
