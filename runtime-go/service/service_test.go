package service_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"kkgen.dev/kkrpc/service"
	fake "kkgen.dev/kkrpc/service/servicetest"
	"kkgen.dev/kkrpc/wire"
)

// systemCode checks that answer is one whole system error frame and returns
// its header and code.
func systemCode(t *testing.T, answer []byte) (wire.Header, wire.SystemCode) {
	t.Helper()
	h, payload, n, err := wire.ParseFrame(answer, wire.DefaultLimits())
	if err != nil || n != len(answer) || h.Kind != wire.FrameError {
		t.Fatalf("not one error frame (%v): % x", err, answer)
	}
	r := wire.NewReader(payload)
	head := r.ErrorHead()
	if err := r.Finish(); err != nil || head.Class != wire.ErrorClassSystem {
		t.Fatalf("not a system error (%v): % x", err, answer)
	}
	return h, head.Code
}

func TestEchoAndSpareCapacity(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	frame := append(fake.Call(7, fake.OpEcho, []byte("hi")), 0xee, 0xee) // spare bytes after the frame
	answer := h.Handle(frame)
	head := fake.Header(answer)
	if head.Kind != wire.FrameOk || head.CallID != 7 || head.OpID != fake.OpEcho || !bytes.Equal(answer[16:], []byte("hi")) {
		t.Fatalf("bad answer % x", answer)
	}
}

func TestRejectedFrames(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	h.MaxFrameLen = 64
	cases := []struct {
		name  string
		frame []byte
		code  wire.SystemCode
	}{
		{"short", []byte{1, 1, 0}, wire.CodeBadFrame},
		{"version", func() []byte { f := fake.Call(1, 1, nil); f[0] = 2; return f }(), wire.CodeBadFrame},
		{"kind", func() []byte { f := fake.Call(1, 1, nil); f[1] = 9; return f }(), wire.CodeBadFrame},
		{"answer kind", func() []byte { f := fake.Call(1, 1, nil); f[1] = byte(wire.FrameOk); return f }(), wire.CodeBadFrame},
		{"over limit", fake.Call(1, 1, make([]byte, 100)), wire.CodeTooLarge},
		{"longer than given", fake.Call(1, 1, []byte("abc"))[:18], wire.CodeBadFrame},
		{"unknown op", fake.Call(1, 99, nil), wire.CodeUnknownOp},
		{"panic", fake.Call(1, fake.OpPanic, nil), wire.CodeTrap},
	}
	for _, c := range cases {
		_, code := systemCode(t, h.Handle(c.frame))
		if code != c.code {
			t.Errorf("%s: code %d, want %d", c.name, code, c.code)
		}
	}
}

func TestPanicKeepsIds(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	head, code := systemCode(t, h.Handle(fake.Call(42, fake.OpPanic, nil)))
	if code != wire.CodeTrap || head.CallID != 42 || head.OpID != fake.OpPanic {
		t.Fatalf("got %+v code %d", head, code)
	}
}

func TestLazyBuildsOnFirstUse(t *testing.T) {
	var l service.Lazy
	built := 0
	l.Register(func() service.Dispatcher { built++; return &fake.Echo{} })
	if built != 0 {
		t.Fatal("built at registration")
	}
	l.Handler()
	l.Handler()
	if built != 1 {
		t.Fatalf("built %d times", built)
	}
}

func TestHandleDoesNotAllocate(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	frame := fake.Call(1, fake.OpEcho, make([]byte, 1000))
	h.Handle(frame)
	if n := testing.AllocsPerRun(100, func() { h.Handle(frame) }); n != 0 {
		t.Fatalf("%v allocations per call", n)
	}
}

func TestRefusalCodesAndAnswerLimit(t *testing.T) {
	refusal := service.Refuse(wire.CodeTooLarge, "answer of 9 bytes over the limit of 8")
	if got := service.FailureCode(refusal); got != uint32(wire.CodeTooLarge) {
		t.Fatalf("service.FailureCode(service.Refuse(too_large)) = %d", got)
	}
	if got := service.FailureCode(fmt.Errorf("tessellate: %w", refusal)); got != uint32(wire.CodeTooLarge) {
		t.Fatalf("a wrapped refusal: %d", got)
	}
	if got := service.FailureCode(errors.New("disk on fire")); got != service.CodeInternal {
		t.Fatalf("another error: %d, want internal", got)
	}
	if refusal.Error() != "answer of 9 bytes over the limit of 8" {
		t.Fatalf("message %q", refusal.Error())
	}
	if service.AnswerLimit() != wire.DefaultMaxFrameLen {
		t.Fatalf("default answer limit %d", service.AnswerLimit())
	}
	service.SetAnswerLimit(4 << 20)
	defer service.SetAnswerLimit(wire.DefaultMaxFrameLen)
	if service.AnswerLimit() != 4<<20 {
		t.Fatalf("answer limit %d after SetAnswerLimit", service.AnswerLimit())
	}
}
