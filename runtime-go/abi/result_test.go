package abi

import (
	"encoding/binary"
	"math"
	"testing"
	"unsafe"

	"kkgen.dev/kkrpc/service"
	fake "kkgen.dev/kkrpc/service/servicetest"
	"kkgen.dev/kkrpc/wire"
)

// doubler answers every call with its payload's bytes, doubled, as an f32[]
// result made by wire.ResultBuffer (or by make when plain is set), and
// records where the result's data lived.
type doubler struct {
	plain bool
	data  uintptr
}

func (d *doubler) Dispatch(callID, opID uint32, payload []byte) []byte {
	var out []float32
	if d.plain {
		out = make([]float32, len(payload))
	} else {
		out = wire.ResultBuffer[float32](len(payload))
	}
	for i, b := range payload {
		out[i] = float32(b) * 2
	}
	d.data = uintptr(unsafe.Pointer(&out[0]))
	if frame := wire.TakeResultFrame(out, callID, opID); frame != nil {
		return frame
	}
	var w wire.Writer
	w.ResetFrame(wire.FrameOk, callID, opID)
	w.PutF32s(out)
	return w.FinishFrame()
}

// TestBufferResultIsHandedOutInPlace: kk_call returns the result's own frame
// (its data 20 bytes after the returned address), not a copy; a slice not
// from ResultBuffer is copied and answers the same bytes.
func TestBufferResultIsHandedOutInPlace(t *testing.T) {
	before := LiveBlocks()
	for _, plain := range []bool{false, true} {
		d := &doubler{plain: plain}
		module = service.Lazy{}
		Register(func() service.Dispatcher { return d })
		frame := fake.Call(9, 5, []byte{1, 2, 3})
		ptr := Alloc(uintptr(len(frame)))
		copy(mem(ptr, uintptr(len(frame))), frame)
		rptr := Call(ptr, uintptr(len(frame)))
		if inPlace := rptr+20 == d.data; inPlace == plain {
			t.Fatalf("plain=%v: answer at %#x, result data at %#x", plain, rptr, d.data)
		}
		answer := mem(rptr, 32)
		head := fake.Header(answer)
		if head.Kind != wire.FrameOk || head.CallID != 9 || head.OpID != 5 || head.PayloadLen != 16 {
			t.Fatalf("header %+v", head)
		}
		if n := binary.LittleEndian.Uint32(answer[16:]); n != 3 {
			t.Fatalf("count %d", n)
		}
		for i, want := range []float32{2, 4, 6} {
			if got := math.Float32frombits(binary.LittleEndian.Uint32(answer[20+4*i:])); got != want {
				t.Fatalf("element %d = %v", i, got)
			}
		}
		Free(rptr)
		if LiveBlocks() != before {
			t.Fatalf("%d blocks live, want %d", LiveBlocks(), before)
		}
	}
}

// TestResultFramesAreNotPooled: a lent result frame, freed, is not reused as
// a block of its size class (it is smaller than the class).
func TestResultFramesAreNotPooled(t *testing.T) {
	d := &doubler{}
	module = service.Lazy{}
	Register(func() service.Dispatcher { return d })
	frame := fake.Call(1, 5, make([]byte, 30)) // a 16 + 4 + 120 byte answer: class 256
	for i := 0; i < 3; i++ {
		ptr := Alloc(uintptr(len(frame)))
		copy(mem(ptr, uintptr(len(frame))), frame)
		Free(Call(ptr, uintptr(len(frame))))
	}
	p := Alloc(256)
	if len(blocks.bytesOf(p)) < 256 {
		t.Fatalf("a block of %d bytes for Alloc(256)", len(blocks.bytesOf(p)))
	}
	Free(p)
}
