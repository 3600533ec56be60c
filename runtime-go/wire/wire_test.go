// Unit tests of the wire package: scalars, typed buffers in place and
// copied, padding relative to the payload start in frame mode, struct
// evolution, limits, frames, and a fuzz target over the Reader's methods.

package wire

import (
	"bytes"
	"encoding/hex"
	"math"
	"testing"
	"unsafe"
)

// alignedCopy places b at an 8-aligned address plus offset.
func alignedCopy(b []byte, offset int) []byte {
	words := make([]uint64, (len(b)+offset)/8+1)
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
	copy(raw[offset:], b)
	return raw[offset : offset+len(b)]
}

func TestScalarsRoundTrip(t *testing.T) {
	var w Writer
	w.PutBool(true)
	w.PutI8(-2)
	w.PutU16(0xbeef)
	w.PutI32(-7)
	w.PutU64(math.MaxUint64)
	w.PutF32(float32(math.Inf(-1)))
	w.PutF64(math.Float64frombits(0x7ff8000000000123)) // NaN payload kept
	w.PutString("héllo")
	w.PutBytes([]byte{1, 2})
	r := NewReader(w.Bytes())
	if !r.Bool() || r.I8() != -2 || r.U16() != 0xbeef || r.I32() != -7 || r.U64() != math.MaxUint64 ||
		!math.IsInf(float64(r.F32()), -1) || math.Float64bits(r.F64()) != 0x7ff8000000000123 ||
		r.Str() != "héllo" || !bytes.Equal(r.Bytes(), []byte{1, 2}) {
		t.Fatal("values differ")
	}
	if err := r.Finish(); err != nil {
		t.Fatal(err)
	}
}

func TestBufferInPlaceWhenAligned(t *testing.T) {
	var w Writer
	w.PutU8(9)
	w.PutF32s([]float32{1, 2, 3})
	// lead byte, count (unaligned), padding to offset 8, then the data.
	want := "09" + "03000000" + "000000" + "0000803f0000004000004040"
	if got := hex.EncodeToString(w.Bytes()); got != want {
		t.Fatalf("got %s want %s", got, want)
	}
	in := alignedCopy(w.Bytes(), 0)
	r := NewReader(in)
	r.U8()
	got := r.F32s()
	if r.Finish() != nil || len(got) != 3 || got[2] != 3 {
		t.Fatalf("got %v err %v", got, r.Err())
	}
	if unsafe.Pointer(&got[0]) != unsafe.Pointer(&in[8]) {
		t.Fatal("aligned f32[] was copied, want a view of the input")
	}
	// Misaligned in memory (payload at an odd address): a correct copy.
	odd := alignedCopy(w.Bytes(), 1)
	r = NewReader(odd)
	r.U8()
	got = r.F32s()
	if r.Finish() != nil || len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("misaligned: got %v err %v", got, r.Err())
	}
	if unsafe.Pointer(&got[0]) == unsafe.Pointer(&odd[8]) {
		t.Fatal("misaligned data must be copied")
	}
}

func TestFramePaddingIsRelativeToPayload(t *testing.T) {
	var w Writer
	w.ResetFrame(FrameOk, 7, 9)
	w.PutU8(1)
	w.PutF64s([]float64{0.5})
	frame := w.FinishFrame()
	// payload: 01, count at payload offset 1..5, padding to 8, then 8 data bytes.
	if len(frame) != HeaderLen+16 {
		t.Fatalf("frame length %d: %x", len(frame), frame)
	}
	h, payload, n, err := ParseFrame(alignedCopy(frame, 0), DefaultLimits())
	if err != nil || n != len(frame) || h.Kind != FrameOk || h.CallID != 7 || h.OpID != 9 || h.PayloadLen != 16 {
		t.Fatalf("header %+v n %d err %v", h, n, err)
	}
	r := NewReader(payload)
	r.U8()
	if got := r.F64s(); r.Finish() != nil || len(got) != 1 || got[0] != 0.5 {
		t.Fatalf("got %v err %v", got, r.Err())
	}
}

func TestStructEvolution(t *testing.T) {
	var w Writer
	m := w.BeginStruct()
	w.PutU32(1)
	w.PutU32(2) // a field the reader does not know
	w.EndStruct(m)
	w.PutU8(0xaa)
	r := NewReader(w.Bytes())
	s := r.BeginStruct()
	var a, b, c uint32 = 0, 0, 5
	if r.More() {
		a = r.U32()
	}
	r.EndStruct(s) // skips the unknown field
	if a != 1 || r.U8() != 0xaa || r.Finish() != nil {
		t.Fatalf("a=%d err %v", a, r.Err())
	}
	// An older writer: an empty body leaves every field at its default.
	r = NewReader([]byte{0, 0, 0, 0})
	s = r.BeginStruct()
	if r.More() {
		b = r.U32()
	}
	if r.More() {
		c = r.U32()
	}
	r.EndStruct(s)
	if b != 0 || c != 5 || r.Finish() != nil {
		t.Fatal("defaults not kept")
	}
	// A field that crosses the body's end is truncated.
	r = NewReader([]byte{2, 0, 0, 0, 1, 2, 3, 4})
	s = r.BeginStruct()
	r.U32()
	r.EndStruct(s)
	if KindOf(r.Err()) != Truncated {
		t.Fatalf("got %v", r.Err())
	}
}

func TestHugeCountsDoNotAllocate(t *testing.T) {
	in := []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0}
	allocs := testing.AllocsPerRun(10, func() {
		r := NewReader(in)
		r.BeginList(1)
		r.EndList()
		r = NewReader(in)
		r.F64s()
		r = NewReader(in)
		r.Str()
	})
	// Only the Readers and their errors, never the claimed 4 GB.
	if allocs > 6 {
		t.Fatalf("%v allocations", allocs)
	}
	r := NewReader(in)
	if r.BeginList(1) != 0 || KindOf(r.Err()) != Truncated {
		t.Fatalf("got %v", r.Err())
	}
}

func TestDepthLimit(t *testing.T) {
	var w Writer
	for i := 0; i < 3; i++ {
		w.PutLen(1)
	}
	w.PutLen(0)
	read := func(limit int) error {
		r := NewReaderLimits(w.Bytes(), Limits{MaxFrameLen: DefaultMaxFrameLen, MaxDepth: limit})
		var nest func()
		nest = func() {
			n := r.BeginList(1)
			for i := 0; i < n && !r.Failed(); i++ {
				nest()
			}
			r.EndList()
		}
		nest()
		return r.Finish()
	}
	if err := read(4); err != nil {
		t.Fatalf("depth 4 at limit 4: %v", err)
	}
	if err := read(3); KindOf(err) != DepthExceeded {
		t.Fatalf("depth 4 at limit 3: %v", err)
	}
}

func TestErrorsNameTheirKind(t *testing.T) {
	r := NewReader([]byte{2})
	r.Bool()
	if err := r.Err(); err == nil || err.Error() != "invalid_bool at byte 0" {
		t.Fatalf("got %v", err)
	}
	if err := NewReader([]byte{1}).Finish(); KindOf(err) != TrailingBytes {
		t.Fatalf("got %v", err)
	}
	if err := NewReader([]byte{1, 0, 0, 0, 0xff}); true {
		err.Str()
		if KindOf(err.Err()) != InvalidUTF8 {
			t.Fatalf("got %v", err.Err())
		}
	}
}

func TestPutStringRepairsInvalidUTF8(t *testing.T) {
	var w Writer
	w.PutString("ok\xffé")
	r := NewReader(w.Bytes())
	if got := r.Str(); r.Finish() != nil || got != "ok\uFFFDé" {
		t.Fatalf("got %q err %v", got, r.Err())
	}
}

func TestSystemErrorFrame(t *testing.T) {
	var w Writer
	frame := w.SystemErrorFrame(3, 4, CodeDecode, "bad \xff")
	h, payload, _, err := ParseFrame(frame, DefaultLimits())
	if err != nil || h.Kind != FrameError {
		t.Fatal(h, err)
	}
	r := NewReader(payload)
	head := r.ErrorHead()
	if r.Finish() != nil || head.Class != ErrorClassSystem || head.Code != CodeDecode || head.Message != "bad \uFFFD" {
		t.Fatalf("%+v %v", head, r.Err())
	}
	if SystemCode(99).Name() != "internal" || CodeBadFrame.Name() != "bad_frame" {
		t.Fatal("code names")
	}
}

func TestAppendSystemErrorAppendsOneFrame(t *testing.T) {
	var w Writer
	want := append([]byte(nil), w.SystemErrorFrame(5, 123, CodeUnknownOp, "unknown op 123")...)
	dst := AppendSystemError([]byte{0xaa}, 5, 123, CodeUnknownOp, "unknown op 123")
	if dst[0] != 0xaa || string(dst[1:]) != string(want) {
		t.Fatalf("% x, want aa % x", dst, want)
	}
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = AppendSystemError(buf[:0], 1, 2, CodeTrap, "boom") }); n != 0 {
		t.Fatalf("%v allocations", n)
	}
}

func TestRefusalCode(t *testing.T) {
	limits := Limits{MaxFrameLen: 20}
	for _, c := range []struct {
		frame []byte
		code  SystemCode
	}{
		{[]byte{2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, CodeBadFrame},
		{[]byte{1, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, CodeBadFrame},
		{[]byte{1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0}, CodeTooLarge},
	} {
		if _, err := ParseHeader(c.frame, limits); err == nil || RefusalCode(err) != c.code {
			t.Errorf("% x: %v", c.frame, err)
		}
	}
}

// FuzzReader drives every Reader method from the input itself: no panics,
// no reads past the end, only *DecodeError errors.
func FuzzReader(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Add([]byte{3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x3f})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReaderLimits(data, Limits{MaxFrameLen: 1 << 20, MaxDepth: 8})
		saved := []int{}
		for steps := 0; steps < 64 && !r.Failed() && r.Remaining() > 0; steps++ {
			switch r.U8() % 16 {
			case 0:
				r.Bool()
			case 1:
				r.U64()
			case 2:
				r.Str()
			case 3:
				r.Bytes()
			case 4:
				r.F32s()
			case 5:
				r.F64s()
			case 6:
				r.U16s()
			case 7:
				saved = append(saved, r.BeginStruct())
			case 8:
				if len(saved) > 0 {
					r.EndStruct(saved[len(saved)-1])
					saved = saved[:len(saved)-1]
				}
			case 9:
				_, s := r.BeginUnion()
				saved = append(saved, s)
			case 10:
				r.BeginList(1)
				r.EndList()
			case 11:
				if r.BeginOptional() {
					r.EndOptional()
				}
			case 12:
				r.ErrorHead()
			default:
				r.U32()
			}
			if r.Pos() > len(data) {
				t.Fatalf("position %d past %d", r.Pos(), len(data))
			}
		}
		if err := r.Finish(); err != nil && KindOf(err) == "" {
			t.Fatalf("untyped error %v", err)
		}
	})
}

// TestResultBufferFrames: a ResultBuffer slice (or a shorter re-slice of it)
// becomes its own ok frame, the bytes an encoder writes, with the data where
// the slice was; other slices, longer ones and second takes get nil.
func TestResultBufferFrames(t *testing.T) {
	v := ResultBuffer[float64](4)
	for i := range v {
		v[i] = float64(i) + 0.5
	}
	var w Writer
	w.ResetFrame(FrameOk, 3, 4)
	w.PutF64s(v[:3])
	want := append([]byte(nil), w.FinishFrame()...)
	if TakeResultFrame(make([]float64, 3), 3, 4) != nil || TakeResultFrame(v[1:], 3, 4) != nil {
		t.Fatal("a slice not from ResultBuffer must not be taken")
	}
	frame := TakeResultFrame(v[:3], 3, 4)
	if string(frame) != string(want) {
		t.Fatalf("frame % x\nwant  % x", frame, want)
	}
	if unsafe.Pointer(&frame[24]) != unsafe.Pointer(&v[0]) {
		t.Fatal("the frame must hold the slice's data in place")
	}
	if TakeResultFrame(v[:3], 3, 4) != nil {
		t.Fatal("a frame is taken once")
	}
	if _, ok := ClaimResultFrame(want); ok {
		t.Fatal("only the taken frame is claimed")
	}
	if words, ok := ClaimResultFrame(frame); !ok || unsafe.Pointer(&words[0]) != unsafe.Pointer(&frame[0]) {
		t.Fatal("the taken frame is claimed with its words")
	}
	if len(ResultBuffer[uint8](0)) != 0 || TakeResultFrame(ResultBuffer[int32](0), 1, 1) != nil {
		t.Fatal("empty results are encoded as usual")
	}
	u := ResultBuffer[uint16](3)
	u[2] = 7
	if f := TakeResultFrame(u, 1, 2); len(f) != 26 || f[16] != 3 || f[24] != 7 {
		t.Fatalf("u16 frame % x", f)
	}
}
