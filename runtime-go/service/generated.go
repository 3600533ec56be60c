// The frame names kkgen's generated dispatchers call (service.AppendHeader,
// service.AppendSystemError, service.Kind*, service.Code*), kept as thin uses
// of package wire, where frames are defined. New code calls wire directly.

package service

import "kkgen.dev/kkrpc/wire"

// Frame kinds of the answers generated dispatchers write, as header bytes.
const (
	KindOk    = uint8(wire.FrameOk)
	KindError = uint8(wire.FrameError)
)

// System error codes generated dispatchers answer with, as wire numbers.
const (
	CodeUnknownOp = uint32(wire.CodeUnknownOp)
	CodeDecode    = uint32(wire.CodeDecode)
	CodeInternal  = uint32(wire.CodeInternal)
)

// AppendHeader appends a version 1 frame header to dst ([wire.AppendHeader]).
func AppendHeader(dst []byte, kind uint8, callID, opID, payloadLen uint32) []byte {
	return wire.AppendHeader(dst, wire.Header{Version: wire.Version, Kind: wire.FrameKind(kind), CallID: callID, OpID: opID, PayloadLen: payloadLen})
}

// AppendSystemError appends a whole system error frame ([wire.AppendSystemError]).
func AppendSystemError(dst []byte, callID, opID, code uint32, message string) []byte {
	return wire.AppendSystemError(dst, callID, opID, wire.SystemCode(code), message)
}
