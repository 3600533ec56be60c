package natsrpc_test

import (
	"bufio"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
)

// The Go client → a wasm module hosted by TS (docs/nats.md §7): the Go rules
// module (the wasip1 reactor) served by serveNats in a node process
// (tests/nats/serve-wasm.mjs), called through the generated Go client.
func TestGoClientToWasmModuleHostedByTS(t *testing.T) {
	srv := natstest.Start(t, "")
	script, err := filepath.Abs("../../tests/nats/serve-wasm.mjs")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", script, srv.URL, "rules", natstest.Artifact(t, "rules_reactor_wasm"))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	ready := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		for lines.Scan() {
			if strings.HasPrefix(lines.Text(), "ready ") {
				ready <- lines.Text()
			}
		}
		close(ready)
	}()
	select {
	case line, ok := <-ready:
		if !ok {
			t.Fatal("serve-wasm.mjs ended before serving")
		}
		t.Log(line)
	case <-time.After(60 * time.Second):
		t.Fatal("serve-wasm.mjs not serving within 60 s")
	}
	r := rulesClient(t, srv.Connect(t), natsrpc.TransportOptions{Timeout: 10 * time.Second})
	exerciseRules(t, r, "rules module hosted by TS")
}
