package service_test

import (
	"bytes"
	"testing"

	"kkgen.dev/kkrpc/service"
	fake "kkgen.dev/kkrpc/service/servicetest"
)

func systemCode(t *testing.T, answer []byte) (service.Header, uint32) {
	t.Helper()
	h := service.ParseHeader(answer)
	if h.Kind != service.KindError || answer[16] != 1 {
		t.Fatalf("not a system error frame: % x", answer)
	}
	if int(h.PayloadLen) != len(answer)-16 {
		t.Fatalf("payload_len %d but %d bytes", h.PayloadLen, len(answer)-16)
	}
	return h, uint32(answer[17]) | uint32(answer[18])<<8 | uint32(answer[19])<<16 | uint32(answer[20])<<24
}

func TestEchoAndSpareCapacity(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	frame := append(fake.Call(7, fake.OpEcho, []byte("hi")), 0xee, 0xee) // spare bytes after the frame
	answer := h.Handle(frame)
	head := service.ParseHeader(answer)
	if head.Kind != service.KindOk || head.CallID != 7 || head.OpID != fake.OpEcho || !bytes.Equal(answer[16:], []byte("hi")) {
		t.Fatalf("bad answer % x", answer)
	}
}

func TestRejectedFrames(t *testing.T) {
	h := service.NewHandler(&fake.Echo{})
	h.MaxFrame = 64
	cases := []struct {
		name  string
		frame []byte
		code  uint32
	}{
		{"short", []byte{1, 1, 0}, service.CodeBadFrame},
		{"version", func() []byte { f := fake.Call(1, 1, nil); f[0] = 2; return f }(), service.CodeBadFrame},
		{"kind", func() []byte { f := fake.Call(1, 1, nil); f[1] = 9; return f }(), service.CodeBadFrame},
		{"answer kind", func() []byte { f := fake.Call(1, 1, nil); f[1] = service.KindOk; return f }(), service.CodeBadFrame},
		{"over limit", fake.Call(1, 1, make([]byte, 100)), service.CodeTooLarge},
		{"longer than given", fake.Call(1, 1, []byte("abc"))[:18], service.CodeBadFrame},
		{"unknown op", fake.Call(1, 99, nil), service.CodeUnknownOp},
		{"panic", fake.Call(1, fake.OpPanic, nil), service.CodeTrap},
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
	if code != service.CodeTrap || head.CallID != 42 || head.OpID != fake.OpPanic {
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
