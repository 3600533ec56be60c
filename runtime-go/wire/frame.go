// Frames (docs/wire.md §2): the 16-byte header and its checks, frame kinds,
// system error codes and the payloads of ok and error frames. This is the
// one frame layer of runtime-go: the service handler, the stdio server, the
// clients and the module ABI all read and write frames here, and the
// conformance vectors test it. The frame limit is [Limits.MaxFrameLen]
// (default [DefaultMaxFrameLen]).

package wire

// HeaderLen is the size of a frame header.
const HeaderLen = 16

// payloadLenAt is the offset of payload_len in the header.
const payloadLenAt = 12

// Version is the wire format version written and accepted.
const Version = 1

// FrameKind is the kind byte of a frame header.
type FrameKind uint8

// The frame kinds.
const (
	FrameCall   FrameKind = 1
	FrameOk     FrameKind = 2
	FrameError  FrameKind = 3
	FrameCancel FrameKind = 4
	FrameEvent  FrameKind = 5
)

// String returns the kind's name as in the conformance vectors ("call", ...).
func (k FrameKind) String() string {
	switch k {
	case FrameCall:
		return "call"
	case FrameOk:
		return "ok"
	case FrameError:
		return "error"
	case FrameCancel:
		return "cancel"
	case FrameEvent:
		return "event"
	}
	return "unknown"
}

// SystemCode is the code of a system error (docs/wire.md §2.1).
type SystemCode uint32

// The system error codes.
const (
	CodeUnknownOp   SystemCode = 1
	CodeDecode      SystemCode = 2
	CodeTrap        SystemCode = 3
	CodeOverloaded  SystemCode = 4
	CodeCancelled   SystemCode = 5
	CodeTimeout     SystemCode = 6
	CodeTooLarge    SystemCode = 7
	CodeUnavailable SystemCode = 8
	CodeInternal    SystemCode = 9
	CodeBadFrame    SystemCode = 10
	CodeForbidden   SystemCode = 11
)

// Name returns the code's name ("unknown_op", ...); unknown codes are
// surfaced as "internal".
func (c SystemCode) Name() string {
	switch c {
	case CodeUnknownOp:
		return "unknown_op"
	case CodeDecode:
		return "decode"
	case CodeTrap:
		return "trap"
	case CodeOverloaded:
		return "overloaded"
	case CodeCancelled:
		return "cancelled"
	case CodeTimeout:
		return "timeout"
	case CodeTooLarge:
		return "too_large"
	case CodeUnavailable:
		return "unavailable"
	case CodeBadFrame:
		return "bad_frame"
	case CodeForbidden:
		return "forbidden"
	}
	return "internal"
}

// Error classes: the first payload byte of an error frame.
const (
	ErrorClassTyped  = 0
	ErrorClassSystem = 1
)

// Header is a frame header.
type Header struct {
	Version    uint8
	Kind       FrameKind
	Flags      uint16
	CallID     uint32
	OpID       uint32
	PayloadLen uint32
}

// AppendHeader appends h to dst (flags are written as 0).
func AppendHeader(dst []byte, h Header) []byte {
	dst = append(dst, h.Version, byte(h.Kind), 0, 0)
	var b [12]byte
	putLE32(b[0:], h.CallID)
	putLE32(b[4:], h.OpID)
	putLE32(b[8:], h.PayloadLen)
	return append(dst, b[:]...)
}

// FrameLen returns the whole frame's length, 16 + payload_len.
func (h Header) FrameLen() uint64 { return HeaderLen + uint64(h.PayloadLen) }

// ParseHeader reads and checks the header at the start of b: fewer than 16
// bytes is truncated, a version other than 1 unsupported_version, an unknown
// kind bad_frame, and a frame longer than limits.MaxFrameLen too_large
// (judged from the header alone, before any payload arrives). Unless b is
// too short, the header's fields are returned with the error too, so a
// refusal can answer the frame's call_id.
func ParseHeader(b []byte, limits Limits) (Header, error) {
	if len(b) < HeaderLen {
		return Header{}, &DecodeError{Kind: Truncated, Pos: len(b)}
	}
	h := Header{
		Version:    b[0],
		Kind:       FrameKind(b[1]),
		Flags:      le16(b[2:]),
		CallID:     le32(b[4:]),
		OpID:       le32(b[8:]),
		PayloadLen: le32(b[12:]),
	}
	if h.Version != Version {
		return h, &DecodeError{Kind: UnsupportedVersion, Pos: 0}
	}
	if h.Kind < FrameCall || h.Kind > FrameEvent {
		return h, &DecodeError{Kind: BadFrame, Pos: 1}
	}
	if h.FrameLen() > uint64(limits.MaxFrameLen) {
		return h, &DecodeError{Kind: TooLarge, Pos: payloadLenAt}
	}
	return h, nil
}

// ParseFrame reads one frame from the start of b: its header, its payload
// (aliasing b) and the number of bytes it took (16 + payload_len). A payload
// shorter than payload_len is truncated.
func ParseFrame(b []byte, limits Limits) (h Header, payload []byte, n int, err error) {
	h, err = ParseHeader(b, limits)
	if err != nil {
		return h, nil, 0, err
	}
	if uint64(len(b)) < h.FrameLen() {
		return h, nil, 0, &DecodeError{Kind: Truncated, Pos: len(b)}
	}
	n = int(h.FrameLen())
	return h, b[HeaderLen:n:n], n, nil
}

// ErrorHead is the start of an error frame's payload: its class, then the
// typed error's id (its fields follow in the payload) or the system error's
// code and message.
type ErrorHead struct {
	// Class is ErrorClassTyped or ErrorClassSystem.
	Class uint8
	// ErrorID is the typed error's wire id (class typed).
	ErrorID uint32
	// Code is the system error code (class system).
	Code SystemCode
	// Message is the system error message (class system).
	Message string
}

// ErrorHead reads the start of an error payload. For a typed error the
// reader is left at the error's fields (decode them, then Finish); a system
// error is complete. A class other than 0 or 1 is bad_frame.
func (r *Reader) ErrorHead() ErrorHead {
	at := r.pos
	var h ErrorHead
	h.Class = r.U8()
	if r.err != nil {
		return h
	}
	switch h.Class {
	case ErrorClassTyped:
		h.ErrorID = r.U32()
	case ErrorClassSystem:
		h.Code = SystemCode(r.U32())
		h.Message = r.Str()
	default:
		r.FailAt(BadFrame, at)
	}
	return h
}

// PutTypedErrorHead writes the start of a typed error payload (class 0 and
// the error's wire id); write the error's fields (a struct) next.
func (w *Writer) PutTypedErrorHead(errorID uint32) {
	w.PutU8(ErrorClassTyped)
	w.PutU32(errorID)
}

// PutSystemError writes a whole system error payload: class 1, code and
// message (invalid UTF-8 in it replaced, like every PutString).
func (w *Writer) PutSystemError(code SystemCode, message string) {
	w.PutU8(ErrorClassSystem)
	w.PutU32(uint32(code))
	w.PutString(message)
}

// AppendSystemError appends a whole system error frame (class 1, code and
// message; invalid UTF-8 in the message replaced, like every PutString).
func AppendSystemError(dst []byte, callID, opID uint32, code SystemCode, message string) []byte {
	start := len(dst)
	w := Writer{buf: AppendHeader(dst, Header{Version: Version, Kind: FrameError, CallID: callID, OpID: opID})}
	w.PutSystemError(code, message)
	putLE32(w.buf[start+payloadLenAt:], uint32(len(w.buf)-start-HeaderLen))
	return w.buf
}

// SystemErrorFrame resets w and encodes a whole system error frame; the
// result aliases w's buffer.
func (w *Writer) SystemErrorFrame(callID, opID uint32, code SystemCode, message string) []byte {
	w.buf = AppendSystemError(w.buf[:0], callID, opID, code, message)
	w.base = HeaderLen
	return w.buf
}

// RefusalCode is the system error answering a frame whose header ParseHeader
// (or a role's own check) refused with err: too_large for a frame over the
// limit, bad_frame for anything else (docs/wire.md §2.1).
func RefusalCode(err error) SystemCode {
	if KindOf(err) == TooLarge {
		return CodeTooLarge
	}
	return CodeBadFrame
}
