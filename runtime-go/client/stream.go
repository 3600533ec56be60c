package client

import (
	"errors"
	"io"

	"kkgen.dev/kkrpc/wire"
)

// ErrUnavailable reports that the callee's stream ended (docs/abi.md §4).
var ErrUnavailable = &SystemError{Code: uint32(wire.CodeUnavailable), Message: "the callee's output ended"}

// Stream talks to a stdio server over a pair of streams (a child process's
// stdin and stdout), one call at a time.
type Stream struct {
	w   io.Writer
	r   io.Reader
	buf []byte
	// MaxFrameLen bounds answers (header included; default
	// [wire.DefaultMaxFrameLen]); longer ones fail with too_large.
	MaxFrameLen uint32
}

// NewStream returns a Transport writing calls to w and reading answers from r.
func NewStream(w io.Writer, r io.Reader) *Stream {
	return &Stream{w: w, r: r, MaxFrameLen: wire.DefaultMaxFrameLen}
}

// RoundTrip implements Transport.
func (s *Stream) RoundTrip(call []byte) ([]byte, error) {
	if _, err := s.w.Write(call); err != nil {
		return nil, ErrUnavailable
	}
	if cap(s.buf) < wire.HeaderLen {
		s.buf = make([]byte, wire.HeaderLen, 4096)
	}
	s.buf = s.buf[:wire.HeaderLen]
	if _, err := io.ReadFull(s.r, s.buf); err != nil {
		return nil, ErrUnavailable
	}
	head, err := wire.ParseHeader(s.buf, wire.Limits{MaxFrameLen: s.MaxFrameLen})
	if wire.KindOf(err) == wire.TooLarge {
		return nil, &SystemError{Code: uint32(wire.CodeTooLarge), Message: "answer over the frame limit"}
	}
	if err != nil {
		// Another version or kind: the stream cannot be framed any further.
		return nil, errBadAnswer
	}
	n := head.FrameLen()
	for have := uint64(len(s.buf)); have < n; have = uint64(len(s.buf)) {
		// Grow as bytes arrive (at most doubling), not by the header's word.
		next := min(n, max(2*have, 4096))
		if uint64(cap(s.buf)) < next {
			grown := make([]byte, have, next)
			copy(grown, s.buf)
			s.buf = grown
		}
		s.buf = s.buf[:next]
		if _, err := io.ReadFull(s.r, s.buf[have:]); err != nil {
			if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return nil, ErrUnavailable
			}
			return nil, err
		}
	}
	return s.buf[:n], nil
}
