// The decoder: a bounds-checked cursor over a payload with sticky errors,
// nesting-depth accounting and the struct/union scopes that implement the
// evolution rules of docs/wire.md §3.9–3.10.

package wire

import (
	"math"
	"unicode/utf8"
)

// Limits bound what a decoder accepts (docs/wire.md §5.1).
type Limits struct {
	// MaxFrameLen is the longest frame (header + payload) accepted.
	MaxFrameLen uint32
	// MaxDepth is the deepest nesting of structs, unions, lists, maps and
	// present optionals.
	MaxDepth int
}

// DefaultMaxFrameLen is 256 MiB, header included (docs/wire.md §5.1): the
// one default frame limit of every reader and server in runtime-go.
const DefaultMaxFrameLen = 256 << 20

// DefaultMaxDepth is 64 levels.
const DefaultMaxDepth = 64

// DefaultLimits returns MaxFrameLen 256 MiB and MaxDepth 64.
func DefaultLimits() Limits {
	return Limits{MaxFrameLen: DefaultMaxFrameLen, MaxDepth: DefaultMaxDepth}
}

// Reader decodes values from a byte slice. Create it with NewReader (or
// Reset a zero Reader). The first error sticks: later
// reads return zero values without consuming input, and Err/Finish report
// it. Slices it returns for bytes and typed buffers may alias the input.
type Reader struct {
	buf    []byte
	pos    int
	end    int // the current bound: the end of the innermost struct/union body
	base   int // payload offset of buf[0], for buffer padding
	depth  int
	limits Limits
	err    *DecodeError
}

// NewReader returns a Reader over a whole payload with the default limits.
func NewReader(payload []byte) *Reader {
	return &Reader{buf: payload, end: len(payload), limits: DefaultLimits()}
}

// NewReaderLimits returns a Reader over a whole payload with the given limits.
func NewReaderLimits(payload []byte, limits Limits) *Reader {
	return &Reader{buf: payload, end: len(payload), limits: limits}
}

// NewReaderAt returns a Reader over b where b[0] sits at payload offset
// offset (for example the fields of a typed error start at offset 5), so
// that buffer padding is computed relative to the payload start.
func NewReaderAt(b []byte, offset int, limits Limits) *Reader {
	return &Reader{buf: b, end: len(b), base: offset, limits: limits}
}

// Reset points r at a new payload, keeping its limits (the defaults for a
// zero Reader), so one Reader can decode many payloads without allocating.
func (r *Reader) Reset(payload []byte) {
	limits := r.limits
	if limits == (Limits{}) {
		limits = DefaultLimits()
	}
	*r = Reader{buf: payload, end: len(payload), limits: limits}
}

// Err returns the first decode error, or nil.
func (r *Reader) Err() error {
	if r.err == nil {
		return nil
	}
	return r.err
}

// Failed reports whether a decode error has occurred.
func (r *Reader) Failed() bool { return r.err != nil }

// Pos returns the read position (an offset into the input).
func (r *Reader) Pos() int { return r.pos }

// Remaining returns the bytes left before the current bound.
func (r *Reader) Remaining() int { return r.end - r.pos }

// Fail records a decode error of kind at the current position, unless one
// is already recorded.
func (r *Reader) Fail(kind DecodeErrorKind) { r.FailAt(kind, r.pos) }

// FailAt records a decode error of kind at pos, unless one is already recorded.
func (r *Reader) FailAt(kind DecodeErrorKind, pos int) {
	if r.err == nil {
		r.err = &DecodeError{Kind: kind, Pos: r.base + pos}
	}
}

// Finish checks that the whole input was consumed: it returns the first
// decode error, else trailing_bytes if bytes remain, else nil.
func (r *Reader) Finish() error {
	if r.err == nil && r.pos != len(r.buf) {
		r.FailAt(TrailingBytes, r.pos)
	}
	return r.Err()
}

// take consumes n bytes within the current bound, or fails with truncated.
func (r *Reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > r.end-r.pos {
		r.Fail(Truncated)
		return nil
	}
	b := r.buf[r.pos : r.pos+n : r.pos+n]
	r.pos += n
	return b
}

// Skip consumes n bytes, or fails with truncated.
func (r *Reader) Skip(n int) { r.take(n) }

// Bool reads a bool; a byte other than 0 or 1 is invalid_bool.
func (r *Reader) Bool() bool {
	b := r.take(1)
	if b == nil {
		return false
	}
	if b[0] > 1 {
		r.FailAt(InvalidBool, r.pos-1)
		return false
	}
	return b[0] == 1
}

// U8 reads a u8.
func (r *Reader) U8() uint8 {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

// I8 reads an i8.
func (r *Reader) I8() int8 { return int8(r.U8()) }

// U16 reads a little-endian u16.
func (r *Reader) U16() uint16 {
	if b := r.take(2); b != nil {
		return le16(b)
	}
	return 0
}

// I16 reads a little-endian i16.
func (r *Reader) I16() int16 { return int16(r.U16()) }

// U32 reads a little-endian u32.
func (r *Reader) U32() uint32 {
	if b := r.take(4); b != nil {
		return le32(b)
	}
	return 0
}

// I32 reads a little-endian i32.
func (r *Reader) I32() int32 { return int32(r.U32()) }

// U64 reads a little-endian u64.
func (r *Reader) U64() uint64 {
	if b := r.take(8); b != nil {
		return le64(b)
	}
	return 0
}

// I64 reads a little-endian i64.
func (r *Reader) I64() int64 { return int64(r.U64()) }

// F32 reads an f32 bit for bit.
func (r *Reader) F32() float32 { return math.Float32frombits(r.U32()) }

// F64 reads an f64 bit for bit.
func (r *Reader) F64() float64 { return math.Float64frombits(r.U64()) }

// Len reads a u32 length and checks that that many bytes remain; on
// failure it returns 0 with truncated recorded.
func (r *Reader) Len() int {
	at := r.pos
	n := r.U32()
	if r.err != nil {
		return 0
	}
	if uint64(n) > uint64(r.end-r.pos) {
		r.FailAt(Truncated, at)
		return 0
	}
	return int(n)
}

// Str reads a string (§3.2), copying it; invalid UTF-8 is invalid_utf8.
// (Not named String, so a Reader is never mistaken for a fmt.Stringer.)
func (r *Reader) Str() string {
	at := r.pos
	b := r.take(r.Len())
	if len(b) == 0 {
		return ""
	}
	if !utf8.Valid(b) {
		r.FailAt(InvalidUTF8, at)
		return ""
	}
	return string(b)
}

// Bytes reads bytes (§3.3). The result aliases the input (nil when empty).
func (r *Reader) Bytes() []byte {
	b := r.take(r.Len())
	if len(b) == 0 {
		return nil
	}
	return b
}

// enter counts one nesting level; beyond the limit it records depth_exceeded.
func (r *Reader) enter(at int) bool {
	r.depth++
	if r.depth > r.limits.MaxDepth {
		r.FailAt(DepthExceeded, at)
		return false
	}
	return true
}

// BeginStruct reads a struct or error body length (§3.9), enters one level
// and bounds further reads by the body. It returns the enclosing bound, to
// give back to EndStruct. Read each field only while More reports true.
func (r *Reader) BeginStruct() int {
	saved := r.end
	at := r.pos
	n := r.Len()
	if r.err == nil && r.enter(at) {
		r.end = r.pos + n
	}
	return saved
}

// More reports whether the current struct body has another field to read:
// false at the body's end (the remaining fields take their defaults) or
// after an error.
func (r *Reader) More() bool { return r.err == nil && r.pos < r.end }

// EndStruct skips the unread rest of the body (fields from newer writers),
// restores the enclosing bound saved by BeginStruct and leaves the level.
func (r *Reader) EndStruct(saved int) {
	if r.err == nil {
		r.pos = r.end
	}
	r.end = saved
	r.depth--
}

// BeginUnion reads a union tag and payload length (§3.10), enters one level
// and bounds the payload. Give the returned bound to EndUnion. An unknown tag
// is the caller's to reject with FailAt(UnknownVariant, <Pos() before the call>).
func (r *Reader) BeginUnion() (tag uint32, saved int) {
	saved = r.end
	at := r.pos
	tag = r.U32()
	n := r.Len()
	if r.err == nil && r.enter(at) {
		r.end = r.pos + n
	}
	return tag, saved
}

// EndUnion skips what the variant did not read of its payload, restores the
// bound saved by BeginUnion and leaves the level.
func (r *Reader) EndUnion(saved int) { r.EndStruct(saved) }

// BeginList reads a list count (§3.4), checks it against the bytes left
// (each element takes at least minSize bytes; give 1 if unsure) and enters
// one level. Call EndList after the elements, even when it returns 0.
func (r *Reader) BeginList(minSize int) int {
	at := r.pos
	n := r.U32()
	if r.err != nil {
		r.depth++
		return 0
	}
	if minSize < 1 {
		minSize = 1
	}
	if uint64(n)*uint64(minSize) > uint64(r.end-r.pos) {
		r.FailAt(Truncated, at)
		r.depth++
		return 0
	}
	if !r.enter(at) {
		return 0
	}
	return int(n)
}

// EndList leaves the level entered by BeginList.
func (r *Reader) EndList() { r.depth-- }

// BeginMap reads a map count (§3.5) like BeginList; check the key order
// with KeyAfter. Call EndMap after the entries.
func (r *Reader) BeginMap(minSize int) int { return r.BeginList(minSize) }

// EndMap leaves the level entered by BeginMap.
func (r *Reader) EndMap() { r.depth-- }

// BeginOptional reads the presence byte of an optional (§3.7): true when a
// value follows, in which case one level is entered and EndOptional must be
// called after reading it. A byte other than 0 or 1 is invalid_optional.
func (r *Reader) BeginOptional() bool {
	at := r.pos
	b := r.take(1)
	if b == nil {
		return false
	}
	switch b[0] {
	case 0:
		return false
	case 1:
		if !r.enter(at) {
			r.depth--
			return false
		}
		return true
	}
	r.FailAt(InvalidOptional, at)
	return false
}

// EndOptional leaves the level entered by a present optional.
func (r *Reader) EndOptional() { r.depth-- }

// CheckCapacity returns a safe initial capacity for n decoded elements:
// n itself up to a bound, so hostile counts never cause a huge allocation
// (the slice grows as elements really decode).
func CheckCapacity(n int) int {
	const most = 4096
	if n > most {
		return most
	}
	return n
}
