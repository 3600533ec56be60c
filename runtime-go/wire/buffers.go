// Typed buffer readers (docs/wire.md §3.6): the element data is aligned
// relative to the payload start, so in memory it can usually be viewed in
// place as a Go slice without copying.

package wire

import "unsafe"

// readBuffer reads count, skips padding to size and returns the elements,
// aliasing the input when the data address is aligned (and the host is
// little-endian), else a copy.
func readBuffer[T bufferElem](r *Reader, size int) []T {
	at := r.pos
	n := r.U32()
	if r.err != nil {
		return nil
	}
	padding := (size - (r.base+r.pos)%size) % size
	left := uint64(r.end - r.pos)
	if uint64(padding) > left || uint64(n)*uint64(size) > left-uint64(padding) {
		r.FailAt(Truncated, at)
		return nil
	}
	r.pos += padding
	if n == 0 {
		return nil
	}
	data := r.take(int(n) * size)
	p := unsafe.Pointer(&data[0])
	if hostLittleEndian && uintptr(p)%uintptr(size) == 0 {
		return unsafe.Slice((*T)(p), int(n))
	}
	out := make([]T, int(n))
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&out[0])), len(data))
	copy(raw, data)
	if !hostLittleEndian {
		swapEach(raw, size)
	}
	return out
}

// U8s reads a u8[] buffer (aliases the input).
func (r *Reader) U8s() []uint8 { return readBuffer[uint8](r, 1) }

// I8s reads an i8[] buffer (aliases the input).
func (r *Reader) I8s() []int8 { return readBuffer[int8](r, 1) }

// U16s reads a u16[] buffer (aliases the input when aligned).
func (r *Reader) U16s() []uint16 { return readBuffer[uint16](r, 2) }

// I16s reads an i16[] buffer (aliases the input when aligned).
func (r *Reader) I16s() []int16 { return readBuffer[int16](r, 2) }

// U32s reads a u32[] buffer (aliases the input when aligned).
func (r *Reader) U32s() []uint32 { return readBuffer[uint32](r, 4) }

// I32s reads an i32[] buffer (aliases the input when aligned).
func (r *Reader) I32s() []int32 { return readBuffer[int32](r, 4) }

// F32s reads an f32[] buffer (aliases the input when aligned).
func (r *Reader) F32s() []float32 { return readBuffer[float32](r, 4) }

// F64s reads an f64[] buffer (aliases the input when aligned).
func (r *Reader) F64s() []float64 { return readBuffer[float64](r, 8) }

// I64s reads an i64[] buffer (aliases the input when aligned).
func (r *Reader) I64s() []int64 { return readBuffer[int64](r, 8) }

// U64s reads a u64[] buffer (aliases the input when aligned).
func (r *Reader) U64s() []uint64 { return readBuffer[uint64](r, 8) }
