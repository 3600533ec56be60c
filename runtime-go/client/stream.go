package client

import (
	"errors"
	"io"

	"kkgen.dev/kkrpc/service"
)

// ErrUnavailable reports that the callee's stream ended (docs/abi.md §4).
var ErrUnavailable = &SystemError{Code: service.CodeUnavailable, Message: "the callee's output ended"}

// Stream talks to a stdio server over a pair of streams (a child process's
// stdin and stdout), one call at a time.
type Stream struct {
	w   io.Writer
	r   io.Reader
	buf []byte
	// MaxFrame bounds answers; longer ones fail with too_large.
	MaxFrame uint64
}

// NewStream returns a Transport writing calls to w and reading answers from r.
func NewStream(w io.Writer, r io.Reader) *Stream {
	return &Stream{w: w, r: r, MaxFrame: service.DefaultMaxFrame}
}

// RoundTrip implements Transport.
func (s *Stream) RoundTrip(call []byte) ([]byte, error) {
	if _, err := s.w.Write(call); err != nil {
		return nil, ErrUnavailable
	}
	if cap(s.buf) < service.HeaderLen {
		s.buf = make([]byte, service.HeaderLen, 4096)
	}
	s.buf = s.buf[:service.HeaderLen]
	if _, err := io.ReadFull(s.r, s.buf); err != nil {
		return nil, ErrUnavailable
	}
	n := uint64(service.ParseHeader(s.buf).PayloadLen) + service.HeaderLen
	if n > s.MaxFrame {
		return nil, &SystemError{Code: service.CodeTooLarge, Message: "answer over the frame limit"}
	}
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
