package service

import "unicode/utf8"

// HeaderLen is the size of a frame header (docs/wire.md §2).
const HeaderLen = 16

// Frame kinds (docs/wire.md §2).
const (
	KindCall   = 1
	KindOk     = 2
	KindError  = 3
	KindCancel = 4
	KindEvent  = 5
)

// System error codes (docs/wire.md §2.1).
const (
	CodeUnknownOp   = 1
	CodeDecode      = 2
	CodeTrap        = 3
	CodeOverloaded  = 4
	CodeCancelled   = 5
	CodeTimeout     = 6
	CodeTooLarge    = 7
	CodeUnavailable = 8
	CodeInternal    = 9
	CodeBadFrame    = 10
)

// Header is a parsed frame header.
type Header struct {
	Version    uint8
	Kind       uint8
	CallID     uint32
	OpID       uint32
	PayloadLen uint32
}

// ParseHeader reads the 16-byte header at the start of b (which must hold at
// least HeaderLen bytes). It does not judge the values; see [CheckCall].
func ParseHeader(b []byte) Header {
	_ = b[HeaderLen-1]
	return Header{
		Version:    b[0],
		Kind:       b[1],
		CallID:     le32(b[4:]),
		OpID:       le32(b[8:]),
		PayloadLen: le32(b[12:]),
	}
}

// CheckCall says whether a callee accepts h as a call frame whose total
// length may be at most maxFrame bytes: 0 when it does, else the system error
// code to answer (bad_frame or too_large).
func CheckCall(h Header, maxFrame uint64) uint32 {
	switch {
	case h.Version != 1:
		return CodeBadFrame
	case h.Kind != KindCall:
		return CodeBadFrame
	case uint64(h.PayloadLen)+HeaderLen > maxFrame:
		return CodeTooLarge
	}
	return 0
}

// AppendHeader appends a frame header to dst.
func AppendHeader(dst []byte, kind uint8, callID, opID, payloadLen uint32) []byte {
	dst = append(dst, 1, kind, 0, 0)
	dst = appendLE32(dst, callID)
	dst = appendLE32(dst, opID)
	return appendLE32(dst, payloadLen)
}

// AppendSystemError appends a whole error frame of class system (docs/wire.md
// §2) with code and message. An invalid UTF-8 message is replaced so the
// frame always decodes.
func AppendSystemError(dst []byte, callID, opID, code uint32, message string) []byte {
	if !utf8.ValidString(message) {
		message = "(message was not valid UTF-8)"
	}
	dst = AppendHeader(dst, KindError, callID, opID, uint32(1+4+4+len(message)))
	dst = append(dst, 1)
	dst = appendLE32(dst, code)
	dst = appendLE32(dst, uint32(len(message)))
	return append(dst, message...)
}

// CodeName returns the wire name of a system error code ("unknown_op", ...),
// or "internal" for codes this version does not know.
func CodeName(code uint32) string {
	switch code {
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
	}
	return "internal"
}

func le32(b []byte) uint32 {
	_ = b[3]
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func appendLE32(dst []byte, v uint32) []byte {
	return append(dst, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}
