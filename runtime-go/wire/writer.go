// The encoder: a reusable byte buffer with little-endian writers for every
// value of docs/wire.md §3, length marks for structs and unions, and a frame
// mode that reserves the 16-byte header.

package wire

import (
	"math"
	"unsafe"
)

// Writer encodes values into a growing byte slice. The zero value is ready to
// use; Reset or ResetFrame reuse its memory, so a long-lived Writer stops
// allocating once it has grown to the largest message.
//
// Offsets that matter to the format (buffer padding, §3.6) are counted from
// the payload start: 0 after Reset, the end of the header after ResetFrame.
type Writer struct {
	buf  []byte
	base int
}

// NewWriter returns a Writer whose buffer starts with capacity bytes.
func NewWriter(capacity int) *Writer {
	return &Writer{buf: make([]byte, 0, capacity)}
}

// Reset empties the writer for a new payload (no header).
func (w *Writer) Reset() {
	w.buf = w.buf[:0]
	w.base = 0
}

// ResetFrame empties the writer and writes a frame header (docs/wire.md §2)
// whose payload_len FinishFrame fills in; the payload starts after it.
func (w *Writer) ResetFrame(kind FrameKind, callID, opID uint32) {
	w.buf = AppendHeader(w.buf[:0], Header{Version: Version, Kind: kind, CallID: callID, OpID: opID})
	w.base = HeaderLen
}

// FinishFrame patches payload_len in the header written by ResetFrame and
// returns the whole frame (valid until the writer is next used).
func (w *Writer) FinishFrame() []byte {
	if len(w.buf) >= HeaderLen {
		putLE32(w.buf[payloadLenAt:], uint32(len(w.buf)-HeaderLen))
	}
	return w.buf
}

// Bytes returns everything written since the last reset (the header
// included in frame mode). It aliases the writer's buffer.
func (w *Writer) Bytes() []byte { return w.buf }

// Payload returns the bytes written after the header (all of them after Reset).
func (w *Writer) Payload() []byte { return w.buf[w.base:] }

// Len returns the payload length so far.
func (w *Writer) Len() int { return len(w.buf) - w.base }

// PutBool writes a bool as one byte, 0 or 1.
func (w *Writer) PutBool(v bool) {
	if v {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

// PutU8 writes a u8.
func (w *Writer) PutU8(v uint8) { w.buf = append(w.buf, v) }

// PutI8 writes an i8.
func (w *Writer) PutI8(v int8) { w.buf = append(w.buf, uint8(v)) }

// PutU16 writes a little-endian u16.
func (w *Writer) PutU16(v uint16) { w.buf = append(w.buf, byte(v), byte(v>>8)) }

// PutI16 writes a little-endian i16.
func (w *Writer) PutI16(v int16) { w.PutU16(uint16(v)) }

// PutU32 writes a little-endian u32.
func (w *Writer) PutU32(v uint32) {
	w.buf = append(w.buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// PutI32 writes a little-endian i32.
func (w *Writer) PutI32(v int32) { w.PutU32(uint32(v)) }

// PutU64 writes a little-endian u64.
func (w *Writer) PutU64(v uint64) {
	w.buf = append(w.buf, byte(v), byte(v>>8), byte(v>>16), byte(v>>24),
		byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}

// PutI64 writes a little-endian i64.
func (w *Writer) PutI64(v int64) { w.PutU64(uint64(v)) }

// PutF32 writes an f32 bit for bit.
func (w *Writer) PutF32(v float32) { w.PutU32(math.Float32bits(v)) }

// PutF64 writes an f64 bit for bit.
func (w *Writer) PutF64(v float64) { w.PutU64(math.Float64bits(v)) }

// PutLen writes a u32 length or count.
func (w *Writer) PutLen(n int) { w.PutU32(uint32(n)) }

// PutString writes a string: u32 length, then its bytes (§3.2). Go strings
// may hold invalid UTF-8, which every reader rejects, so invalid bytes are
// written as U+FFFD (valid strings, and all ASCII ones, pass unchanged).
func (w *Writer) PutString(v string) {
	v = validUTF8(v)
	w.PutLen(len(v))
	w.buf = append(w.buf, v...)
}

// PutBytes writes bytes: u32 length, then the bytes, unaligned (§3.3).
func (w *Writer) PutBytes(v []byte) {
	w.PutLen(len(v))
	w.buf = append(w.buf, v...)
}

// PutPresent writes the presence byte of an optional (§3.7).
func (w *Writer) PutPresent(present bool) { w.PutBool(present) }

// BeginLen reserves a u32 length and returns its mark for EndLen.
func (w *Writer) BeginLen() int {
	mark := len(w.buf)
	w.buf = append(w.buf, 0, 0, 0, 0)
	return mark
}

// EndLen patches the length reserved at mark with the bytes written since.
func (w *Writer) EndLen(mark int) {
	putLE32(w.buf[mark:], uint32(len(w.buf)-mark-4))
}

// BeginStruct starts a struct or error body (§3.9); pass the mark to EndStruct.
func (w *Writer) BeginStruct() int { return w.BeginLen() }

// EndStruct ends the struct body begun at mark, writing its body_len.
func (w *Writer) EndStruct(mark int) { w.EndLen(mark) }

// BeginUnion writes a union tag (§3.10) and reserves its payload length; pass
// the mark to EndUnion after writing the payload (if any).
func (w *Writer) BeginUnion(tag uint32) int {
	w.PutU32(tag)
	return w.BeginLen()
}

// EndUnion ends the union payload begun at mark.
func (w *Writer) EndUnion(mark int) { w.EndLen(mark) }

// pad appends zeros until the payload position is a multiple of align.
func (w *Writer) pad(align int) {
	for (len(w.buf)-w.base)%align != 0 {
		w.buf = append(w.buf, 0)
	}
}

// putBuffer writes a typed buffer (§3.6): count, zero padding, elements.
func putBuffer[T bufferElem](w *Writer, v []T, size int) {
	w.PutLen(len(v))
	w.pad(size)
	if len(v) == 0 {
		return
	}
	start := len(w.buf)
	w.buf = append(w.buf, unsafe.Slice((*byte)(unsafe.Pointer(&v[0])), len(v)*size)...)
	if !hostLittleEndian {
		swapEach(w.buf[start:], size)
	}
}

// PutU8s writes a u8[] buffer (also the encoding of bytes).
func (w *Writer) PutU8s(v []uint8) { putBuffer(w, v, 1) }

// PutI8s writes an i8[] buffer.
func (w *Writer) PutI8s(v []int8) { putBuffer(w, v, 1) }

// PutU16s writes a u16[] buffer, its data aligned to 2.
func (w *Writer) PutU16s(v []uint16) { putBuffer(w, v, 2) }

// PutI16s writes an i16[] buffer, its data aligned to 2.
func (w *Writer) PutI16s(v []int16) { putBuffer(w, v, 2) }

// PutU32s writes a u32[] buffer, its data aligned to 4.
func (w *Writer) PutU32s(v []uint32) { putBuffer(w, v, 4) }

// PutI32s writes an i32[] buffer, its data aligned to 4.
func (w *Writer) PutI32s(v []int32) { putBuffer(w, v, 4) }

// PutF32s writes an f32[] buffer, its data aligned to 4.
func (w *Writer) PutF32s(v []float32) { putBuffer(w, v, 4) }

// PutF64s writes an f64[] buffer, its data aligned to 8.
func (w *Writer) PutF64s(v []float64) { putBuffer(w, v, 8) }

// PutI64s writes an i64[] buffer, its data aligned to 8.
func (w *Writer) PutI64s(v []int64) { putBuffer(w, v, 8) }

// PutU64s writes a u64[] buffer, its data aligned to 8.
func (w *Writer) PutU64s(v []uint64) { putBuffer(w, v, 8) }
