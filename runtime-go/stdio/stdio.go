// Package stdio serves a service, or any [FrameHandler] (kkrun serves a
// hosted wasm module with it), over byte streams (docs/abi.md §4): call
// frames back to back on the input, answers back to back on the output. With
// os.Stdin/os.Stdout it is the bare-metal server of a wasip1 command or a
// native process.
//
// Buffers are reused across calls: a long run allocates only when a frame
// is bigger than every frame before it. The payload buffer grows as bytes
// arrive, never by trusting the header's length up front.
package stdio

import (
	"bufio"
	"errors"
	"io"
	"unsafe"

	"kkgen.dev/kkrpc/service"
	"kkgen.dev/kkrpc/wire"
)

// firstChunk is the most a read asks for before any payload bytes arrived.
const firstChunk = 64 << 10

// FrameHandler answers one complete call frame (header checked, payload
// read, 8-aligned). [service.Handler] is one; a module host (kkrun's
// wasmhost.Host) is another. The answer is valid until the next Handle.
type FrameHandler interface {
	Handle(frame []byte) []byte
}

// Server reads call frames from In and writes answers to Out.
type Server struct {
	// In supplies call frames.
	In io.Reader
	// Out receives answer frames, one Write per answer.
	Out io.Writer
	// MaxFrameLen is the largest frame accepted (header included; default
	// [wire.DefaultMaxFrameLen]); a longer one is answered with too_large and
	// ends the server.
	MaxFrameLen uint32

	handler FrameHandler
	words   []uint64      // 8-aligned backing of the frame buffer
	in      *bufio.Reader // In, read ahead: a small frame's header and payload in one read
	inOf    io.Reader     // the In that in reads from
}

// NewServer returns a Server for d with the default frame limit.
func NewServer(in io.Reader, out io.Writer, d service.Dispatcher) *Server {
	return NewFrameServer(in, out, service.NewHandler(d))
}

// NewFrameServer returns a Server answering frames with h and the default
// frame limit. The server applies MaxFrameLen to the headers it reads; h
// applies its own limit to what it answers.
func NewFrameServer(in io.Reader, out io.Writer, h FrameHandler) *Server {
	return &Server{In: in, Out: out, MaxFrameLen: wire.DefaultMaxFrameLen, handler: h}
}

// ErrTruncated reports input that ended inside a frame.
var ErrTruncated = errors.New("stdio: input ended inside a frame")

// ErrRejected reports a frame header the server refused (after answering it).
var ErrRejected = errors.New("stdio: frame header rejected; stopped reading")

// Serve answers frames until the input ends. It returns nil at a clean end
// of input (between frames), ErrTruncated inside a frame, ErrRejected after
// a refused header, or the first read/write error.
func (s *Server) Serve() error {
	if h, ok := s.handler.(*service.Handler); ok {
		h.MaxFrameLen = s.MaxFrameLen
	}
	// Its answers go out under the same limit: handlers see it as service.AnswerLimit().
	service.SetAnswerLimit(int64(s.MaxFrameLen))
	// Under wasip1, os.Stdin/os.Stdout on a host such as node:wasi that
	// keeps Go's startup non-blocking request but reports it cleared would
	// fail reads and writes with EAGAIN (hostfd_wasip1.go).
	matchHostBlocking(s.In)
	matchHostBlocking(s.Out)
	limits := wire.Limits{MaxFrameLen: s.MaxFrameLen}
	// One read takes a small frame whole (header and payload: one syscall,
	// not two); reads bigger than the buffer go straight into the frame.
	// Kept across Serve calls on the same In (bytes read ahead stay).
	if s.in == nil || !sameReader(s.inOf, s.In) {
		s.in, s.inOf = bufio.NewReaderSize(s.In, firstChunk), s.In
	}
	for {
		buf := s.buffer(wire.HeaderLen)
		n, err := io.ReadFull(s.in, buf[:wire.HeaderLen])
		if err == io.EOF && n == 0 {
			return nil
		}
		if err != nil {
			if err == io.ErrUnexpectedEOF {
				return ErrTruncated
			}
			return err
		}
		head, err := wire.ParseHeader(buf, limits)
		if err == nil && (head.Kind == wire.FrameCancel || head.Kind == wire.FrameEvent) {
			// A call runs to completion here, so cancels have nothing to
			// stop; events are ignored by version 1 readers.
			if _, err := io.CopyN(io.Discard, s.in, int64(head.PayloadLen)); err != nil {
				return ErrTruncated
			}
			continue
		}
		if err == nil && head.Kind != wire.FrameCall {
			err = &wire.DecodeError{Kind: wire.BadFrame, Pos: 1}
		}
		if err != nil {
			answer := wire.AppendSystemError(nil, head.CallID, head.OpID, wire.RefusalCode(err), "frame header rejected: "+err.Error())
			if _, err := s.Out.Write(answer); err != nil {
				return err
			}
			return ErrRejected
		}
		frame, err := s.readPayload(int(head.PayloadLen))
		if err != nil {
			return err
		}
		if _, err := s.Out.Write(s.handler.Handle(frame)); err != nil {
			return err
		}
	}
}

// sameReader reports whether a and b hold the same reader: the same type and
// the same value word (for a pointer, the same pointer). Unlike a == b it
// cannot panic on a type that is not comparable, and it needs no reflection
// (TinyGo subset); a value boxed into an interface twice counts as two
// readers, which costs only a fresh read-ahead buffer.
func sameReader(a, b io.Reader) bool {
	return *(*[2]unsafe.Pointer)(unsafe.Pointer(&a)) == *(*[2]unsafe.Pointer)(unsafe.Pointer(&b))
}

// readPayload reads payloadLen bytes after the header already in the buffer
// and returns the whole frame. The buffer at most doubles per step, and only
// once the bytes already read fill it.
func (s *Server) readPayload(payloadLen int) ([]byte, error) {
	total := wire.HeaderLen + payloadLen
	have := wire.HeaderLen
	for have < total {
		buf := s.buffer(min(total, max(have*2, firstChunk)))
		n, err := s.in.Read(buf[have:min(total, len(buf))])
		have += n
		if err != nil && have < total {
			if err == io.EOF {
				return nil, ErrTruncated
			}
			return nil, err
		}
	}
	return s.buffer(total)[:total], nil
}

// buffer returns the frame buffer with room for at least n bytes, keeping
// its contents. It is 8-aligned, so typed buffers in the payload can be read
// in place (docs/wire.md §3.6).
func (s *Server) buffer(n int) []byte {
	if len(s.words)*8 < n {
		grown := make([]uint64, (n+7)/8)
		copy(grown, s.words)
		s.words = grown
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&s.words[0])), len(s.words)*8)
}
