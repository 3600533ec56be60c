package abi

import (
	"testing"
	"unsafe"

	"kkgen.dev/kkrpc/service"
	fake "kkgen.dev/kkrpc/service/servicetest"
	"kkgen.dev/kkrpc/wire"
)

// mem returns n bytes of the live block at ptr (through the table: native
// tests never turn integers back into pointers).
func mem(ptr, n uintptr) []byte { return blocks.bytesOf(ptr)[:n] }

func call(t *testing.T, frame []byte, cap uintptr) []byte {
	t.Helper()
	ptr := Alloc(cap)
	if ptr == 0 || ptr%8 != 0 {
		t.Fatalf("Alloc(%d) = %#x", cap, ptr)
	}
	copy(mem(ptr, cap), frame)
	rptr := Call(ptr, cap)
	if rptr == 0 || rptr%8 != 0 {
		t.Fatalf("Call = %#x", rptr)
	}
	head := fake.Header(mem(rptr, 16))
	answer := append([]byte(nil), mem(rptr, 16+uintptr(head.PayloadLen))...)
	Free(rptr)
	return answer
}

func TestAllocIsAlignedAndBounded(t *testing.T) {
	for _, n := range []uintptr{0, 1, 7, 8, 63, 64, 65, 1000, 1 << 20, 1<<20 + 1} {
		p := Alloc(n)
		if p == 0 || p%8 != 0 {
			t.Fatalf("Alloc(%d) = %#x", n, p)
		}
		if len(blocks.bytesOf(p)) < int(n) {
			t.Fatalf("Alloc(%d) too small", n)
		}
		Free(p)
	}
	if Alloc(MaxBlock+1) != 0 {
		t.Fatal("oversized Alloc must return 0")
	}
	Free(12345) // unknown pointers are ignored
	if LiveBlocks() != 0 {
		t.Fatalf("%d blocks still live", LiveBlocks())
	}
}

func TestCallRoundTripAndErrors(t *testing.T) {
	module = service.Lazy{}
	unregistered := call(t, fake.Call(1, fake.OpEcho, nil), 16)
	if unregistered[1] != byte(wire.FrameError) {
		t.Fatal("a module without a service must answer an error frame")
	}
	echo := &fake.Echo{}
	Register(func() service.Dispatcher { return echo })
	answer := call(t, fake.Call(3, fake.OpEcho, []byte("payload")), 256)
	if answer[1] != byte(wire.FrameOk) || string(answer[16:]) != "payload" {
		t.Fatalf("bad answer % x", answer)
	}
	if got := call(t, fake.Call(4, fake.OpPanic, nil), 16); got[1] != byte(wire.FrameError) || got[17] != byte(wire.CodeTrap) {
		t.Fatalf("panic: % x", got)
	}
	// cap bigger than the block, and an address that is not a block.
	p := Alloc(16)
	if got := mem(Call(p, 4096), 32); got[1] != byte(wire.FrameError) || got[17] != byte(wire.CodeBadFrame) {
		t.Fatalf("cap over block: % x", got)
	}
	var local [64]byte
	r := Call(uintptr(unsafe.Pointer(&local[0])), 16)
	if got := mem(r, 32); got[17] != byte(wire.CodeBadFrame) {
		t.Fatalf("foreign block: % x", got)
	}
	Free(r)
	if LiveBlocks() != 1 { // the answer to "cap over block" is still lent
		t.Fatalf("%d blocks live, want 1", LiveBlocks())
	}
}

func TestSteadyCallsDoNotAllocate(t *testing.T) {
	Register(func() service.Dispatcher { return &fake.Echo{} })
	frame := fake.Call(1, fake.OpEcho, make([]byte, 3000))
	one := func() {
		p := Alloc(uintptr(len(frame)))
		copy(mem(p, uintptr(len(frame))), frame)
		Free(Call(p, uintptr(len(frame))))
	}
	one()
	if n := testing.AllocsPerRun(200, one); n != 0 {
		t.Fatalf("%v allocations per call", n)
	}
}

// scratchCall writes frame into the scratch region, calls CallScratch and
// returns a copy of the answer.
func scratchCall(t *testing.T, frame []byte) []byte {
	t.Helper()
	copy(scratchBytes(), frame)
	rptr := CallScratch(uintptr(len(frame)))
	if rptr == 0 || rptr%8 != 0 {
		t.Fatalf("CallScratch = %#x", rptr)
	}
	var src []byte
	if rptr == Scratch() {
		src = scratchBytes()
	} else {
		src = blocks.bytesOf(rptr)
	}
	head := fake.Header(src[:16])
	return append([]byte(nil), src[:16+uintptr(head.PayloadLen)]...)
}

func TestScratchCallAnswersInTheRegion(t *testing.T) {
	module = service.Lazy{}
	Register(func() service.Dispatcher { return &fake.Echo{} })
	if Scratch()%8 != 0 {
		t.Fatal("scratch region not 8-aligned")
	}
	answer := scratchCall(t, fake.Call(5, fake.OpEcho, []byte("small")))
	if answer[1] != byte(wire.FrameOk) || string(answer[16:]) != "small" {
		t.Fatalf("bad answer % x", answer)
	}
	// A frame claiming more than the host wrote is bad_frame.
	long := fake.Call(6, fake.OpEcho, []byte("abc"))
	long[12] = 200
	if got := scratchCall(t, long); got[1] != byte(wire.FrameError) || got[17] != byte(wire.CodeBadFrame) {
		t.Fatalf("long frame: % x", got)
	}
	// An answer too big for the region lives in a block until the next call.
	live := LiveBlocks()
	module = service.Lazy{}
	Register(func() service.Dispatcher { return bigAnswer{} })
	big := scratchCall(t, fake.Call(7, fake.OpEcho, nil))
	if len(big) != 16+ScratchLen || LiveBlocks() != live+1 {
		t.Fatalf("big answer: %d bytes, %d blocks live", len(big), LiveBlocks())
	}
	module = service.Lazy{}
	Register(func() service.Dispatcher { return &fake.Echo{} })
	scratchCall(t, fake.Call(8, fake.OpEcho, nil))
	if LiveBlocks() != live {
		t.Fatalf("%d blocks live after the next call", LiveBlocks())
	}
	one := func() { scratchCall(t, fake.Call(9, fake.OpEcho, []byte("x"))) }
	one()
	small := fake.Call(9, fake.OpEcho, []byte("x"))
	if n := testing.AllocsPerRun(200, func() { copy(scratchBytes(), small); CallScratch(uintptr(len(small))) }); n != 0 {
		t.Fatalf("%v allocations per scratch call", n)
	}
}

// bigAnswer answers every call with ScratchLen bytes of payload (too big for the region).
type bigAnswer struct{}

func (bigAnswer) Dispatch(callID, opID uint32, _ []byte) []byte {
	out := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameOk, CallID: callID, OpID: opID, PayloadLen: ScratchLen})
	return append(out, make([]byte, ScratchLen)...)
}
