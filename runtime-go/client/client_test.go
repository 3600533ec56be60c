package client_test

import (
	"errors"
	"io"
	"testing"

	"kkgen.dev/kkrpc/client"
	fake "kkgen.dev/kkrpc/service/servicetest"
	"kkgen.dev/kkrpc/stdio"
	"kkgen.dev/kkrpc/wire"
)

func TestLocalCalls(t *testing.T) {
	c := client.NewConn(client.NewLocal(&fake.Echo{}))
	got, err := c.Call(fake.OpEcho, []byte("hello"))
	if err != nil || string(got) != "hello" {
		t.Fatalf("%q %v", got, err)
	}
	_, err = c.Call(99, nil)
	var sys *client.SystemError
	if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeUnknownOp) {
		t.Fatalf("unknown op: %v", err)
	}
	_, err = c.Call(fake.OpPanic, nil)
	if !errors.As(err, &sys) || sys.Code != uint32(wire.CodeTrap) {
		t.Fatalf("panic: %v", err)
	}
}

// TestStreamAgainstStdioServer runs the stdio server in a goroutine on pipes.
func TestStreamAgainstStdioServer(t *testing.T) {
	callR, callW := io.Pipe()
	answerR, answerW := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- stdio.NewServer(callR, answerW, &fake.Echo{}).Serve(); answerW.Close() }()
	c := client.NewConn(client.NewStream(callW, answerR))
	for i := 0; i < 3; i++ {
		big := make([]byte, 100_000*(i+1))
		big[len(big)-1] = byte(i)
		got, err := c.Call(fake.OpEcho, big)
		if err != nil || len(got) != len(big) || got[len(got)-1] != byte(i) {
			t.Fatalf("call %d: %d bytes, %v", i, len(got), err)
		}
	}
	callW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := c.Call(fake.OpEcho, nil); err != client.ErrUnavailable {
		t.Fatalf("after the server ended: %v", err)
	}
}
