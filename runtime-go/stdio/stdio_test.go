package stdio_test

import (
	"bytes"
	"runtime"
	"testing"
	"testing/iotest"

	fake "kkgen.dev/kkrpc/service/servicetest"
	"kkgen.dev/kkrpc/stdio"
	"kkgen.dev/kkrpc/wire"
)

// answers splits a byte stream into frames.
func answers(t *testing.T, b []byte) []wire.Header {
	t.Helper()
	var out []wire.Header
	for len(b) > 0 {
		h := fake.Header(b)
		out = append(out, h)
		b = b[16+int(h.PayloadLen):]
	}
	return out
}

func TestServesFramesBackToBackOneByteAtATime(t *testing.T) {
	var in bytes.Buffer
	in.Write(fake.Call(1, fake.OpEcho, []byte("first")))
	in.Write(fake.Call(2, 77, nil))
	in.Write([]byte{1, byte(wire.FrameCancel), 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // ignored
	in.Write(fake.Call(3, fake.OpPanic, nil))
	in.Write(fake.Call(4, fake.OpEcho, make([]byte, 200_000)))
	var out bytes.Buffer
	s := stdio.NewServer(iotest.OneByteReader(&in), &out, &fake.Echo{})
	if err := s.Serve(); err != nil {
		t.Fatal(err)
	}
	got := answers(t, out.Bytes())
	if len(got) != 4 {
		t.Fatalf("%d answers", len(got))
	}
	wantKinds := []wire.FrameKind{wire.FrameOk, wire.FrameError, wire.FrameError, wire.FrameOk}
	for i, h := range got {
		if h.Kind != wantKinds[i] {
			t.Errorf("answer %d kind %d", i, h.Kind)
		}
	}
	if got[3].CallID != 4 || got[3].PayloadLen != 200_000 {
		t.Fatalf("big echo: %+v", got[3])
	}
}

func TestRejectsAndStops(t *testing.T) {
	for _, c := range []struct {
		name  string
		frame []byte
		code  wire.SystemCode
	}{
		{"version", func() []byte { f := fake.Call(9, 1, nil); f[0] = 3; return f }(), wire.CodeBadFrame},
		{"too large", fake.Call(9, 1, make([]byte, 100)), wire.CodeTooLarge},
	} {
		var out bytes.Buffer
		in := bytes.NewReader(append(c.frame, fake.Call(10, fake.OpEcho, nil)...))
		s := stdio.NewServer(in, &out, &fake.Echo{})
		s.MaxFrameLen = 64
		if err := s.Serve(); err != stdio.ErrRejected {
			t.Fatalf("%s: err %v", c.name, err)
		}
		got := answers(t, out.Bytes())
		if len(got) != 1 || got[0].CallID != 9 || out.Bytes()[17] != byte(c.code) {
			t.Fatalf("%s: % x", c.name, out.Bytes())
		}
	}
}

func TestHugeClaimedLengthDoesNotAllocateIt(t *testing.T) {
	frame := fake.Call(1, fake.OpEcho, nil)
	frame[12], frame[13], frame[14], frame[15] = 0, 0, 0, 0x0f // 251 MiB claimed, 0 sent
	var out bytes.Buffer
	s := stdio.NewServer(bytes.NewReader(frame), &out, &fake.Echo{})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := s.Serve(); err != stdio.ErrTruncated {
		t.Fatalf("err %v", err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Fatalf("allocated %d bytes for a frame that never came", grew)
	}
	if out.Len() != 0 {
		t.Fatal("answered a truncated frame")
	}
}

func TestTruncatedHeaderAndCleanEOF(t *testing.T) {
	var out bytes.Buffer
	if err := stdio.NewServer(bytes.NewReader(nil), &out, &fake.Echo{}).Serve(); err != nil {
		t.Fatalf("clean EOF: %v", err)
	}
	if err := stdio.NewServer(bytes.NewReader([]byte{1, 1, 0}), &out, &fake.Echo{}).Serve(); err != stdio.ErrTruncated {
		t.Fatalf("short header: %v", err)
	}
}

// repeatReader yields the same frame forever.
type repeatReader struct {
	frame []byte
	at    int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := copy(p, r.frame[r.at:])
	r.at = (r.at + n) % len(r.frame)
	return n, nil
}

// countWriter stops the server after limit answers.
type countWriter struct{ n, limit int }

func (w *countWriter) Write(p []byte) (int, error) {
	w.n++
	if w.n >= w.limit {
		return 0, errStop
	}
	return len(p), nil
}

var errStop = bytes.ErrTooLarge

func TestSteadyServingDoesNotAllocate(t *testing.T) {
	in := &repeatReader{frame: fake.Call(1, fake.OpEcho, make([]byte, 5000))}
	s := stdio.NewServer(in, &countWriter{limit: 1 << 30}, &fake.Echo{})
	warm := &countWriter{limit: 10}
	s.Out = warm
	_ = s.Serve()
	s.Out = &countWriter{limit: 1000}
	if n := testing.AllocsPerRun(1, func() { _ = s.Serve() }); n != 0 {
		t.Fatalf("%v allocations for 1000 frames", n)
	}
}
