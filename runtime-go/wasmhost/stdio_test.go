package wasmhost_test

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	geov1 "kkgen.dev/examples/geometry/sdk/go"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wire"
)

// child is a stdio server process with a client.Stream over its pipes.
type child struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stream *client.Stream
	// written is closed once the first call frame has been written.
	written chan struct{}
	once    sync.Once
	// stall makes the first write send only the first half of the frame (and
	// report it all written): the child then waits inside that call for the
	// rest, so the call is surely in flight.
	stall bool
}

// spawn starts argv with piped stdin/stdout (stderr to the test's) and
// makes sure it is gone when the test ends.
func spawn(t *testing.T, argv ...string) *child {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
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
	c := &child{cmd: cmd, stdin: stdin, written: make(chan struct{})}
	c.stream = client.NewStream(notifyWriter{c}, stdout)
	t.Cleanup(func() {
		stdin.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return c
}

// notifyWriter writes to the child's stdin and signals the first whole write.
type notifyWriter struct{ c *child }

// Write implements io.Writer.
func (w notifyWriter) Write(p []byte) (n int, err error) {
	first := false
	w.c.once.Do(func() { first = true })
	if first && w.c.stall {
		_, err = w.c.stdin.Write(p[:len(p)/2])
		n = len(p)
	} else {
		n, err = w.c.stdin.Write(p)
	}
	if first {
		close(w.c.written)
	}
	return n, err
}

// close ends the child's stdin and checks it exits 0.
func (c *child) close(t *testing.T) {
	t.Helper()
	c.stdin.Close()
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("%s: %v", c.cmd.Path, err)
	}
}

// kkrunArgv is kkrun serving module with the test run's cache folder.
func kkrunArgv(t *testing.T, module string) []string {
	return []string{artifact(t, "kkrun"), "-cache", kkrunCache, module}
}

// wasmtimeArgv runs a wasip1 command under wasmtime (its Python package).
func wasmtimeArgv(t *testing.T, module string) []string {
	if err := exec.Command("python3", "-c", "import wasmtime").Run(); err != nil {
		t.Fatalf("python3 cannot import wasmtime (cargo xtask setup installs it): %v", err)
	}
	return []string{"python3", filepath.Join(root, "examples/geometry/host/wasmtime-run.py"), module}
}

// The Go client over stdio against the Rust geometry service (native, its
// wasip1 command under wasmtime, its reactor under kkrun) and the Go rules
// service (its reactor under kkrun, its wasip1 command under wasmtime).
func TestGoClientOverStdio(t *testing.T) {
	geometry := func(t *testing.T, tr client.Transport) { exerciseGeometry(t, tr) }
	rules := func(t *testing.T, tr client.Transport) { exerciseRules(t, tr) }
	servers := []struct {
		name     string
		argv     func(t *testing.T) []string
		exercise func(t *testing.T, tr client.Transport)
	}{
		{"geometry native", func(t *testing.T) []string { return []string{artifact(t, "geometry_stdio_native")} }, geometry},
		{"geometry wasmtime", func(t *testing.T) []string { return wasmtimeArgv(t, artifact(t, "geometry_wasip1_stdio")) }, geometry},
		{"geometry kkrun", func(t *testing.T) []string { return kkrunArgv(t, geometryReactor(t)) }, geometry},
		{"rules kkrun", func(t *testing.T) []string { return kkrunArgv(t, rulesReactor(t)) }, rules},
		{"rules wasmtime", func(t *testing.T) []string { return wasmtimeArgv(t, artifact(t, "rules_stdio_wasm")) }, rules},
	}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			c := spawn(t, s.argv(t)...)
			s.exercise(t, c.stream)
			c.close(t)
		})
	}
}

// kkrun answers a refused header with an error frame and exits 0; cancel
// and event frames are read and ignored; a trap becomes a trap answer and
// the module is fresh for the next call.
func TestKkrunFrames(t *testing.T) {
	c := spawn(t, append([]string{artifact(t, "kkrun"), "-no-cache", "-max-memory-pages", "1024", "-max-frame", "134217728"}, geometryReactor(t))...)
	g := geov1.NewGeometryClient(c.stream)
	ball, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: 1}}, "ball")
	if err != nil {
		t.Fatal(err)
	}
	cancel := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameCancel, CallID: 1})
	event := append(wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameEvent, PayloadLen: 3}), 1, 2, 3)
	if _, err := c.stdin.Write(append(cancel, event...)); err != nil {
		t.Fatal(err)
	}
	if name, err := g.Name(ball); err != nil || name != "ball" {
		t.Fatalf("after cancel and event frames: %q %v", name, err)
	}
	// 2000 segments: 288 MB, over -max-frame (128 MiB), which kkrun told the
	// module (docs/abi.md §1.6): refused before it is built.
	_, err = g.Tessellate(ball, 2000)
	if systemCode(t, err) != wire.CodeTooLarge || !strings.Contains(err.Error(), "over the caller's frame limit of 134217728 bytes") {
		t.Fatalf("answer over -max-frame: %v", err)
	}
	// 1200 segments: 104 MB, under -max-frame and over the 64 MiB of memory.
	if _, err := g.Tessellate(ball, 1200); systemCode(t, err) != wire.CodeTrap {
		t.Fatalf("out of memory: %v", err)
	}
	var unknown *geov1.UnknownModel
	if _, err := g.Name(ball); !errors.As(err, &unknown) {
		t.Fatalf("after the trap: %v", err)
	}
	over := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameCall, CallID: 99, OpID: 1, PayloadLen: 200 << 20})
	answer, err := c.stream.RoundTrip(over)
	if err != nil {
		t.Fatal(err)
	}
	head, payload, _, err := wire.ParseFrame(answer, wire.DefaultLimits())
	r := wire.NewReader(payload)
	if err != nil || head.CallID != 99 || r.ErrorHead().Code != wire.CodeTooLarge {
		t.Fatalf("a call over -max-frame: %+v %v", head, err)
	}
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("kkrun must stop with 0 after a refused header: %v", err)
	}
}

func TestKkrunUsageAndBadModule(t *testing.T) {
	kkrun := artifact(t, "kkrun")
	for _, args := range [][]string{{}, {"a.wasm", "b.wasm"}, {"-max-frame", "3", "a.wasm"}} {
		err := exec.Command(kkrun, args...).Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Fatalf("kkrun %v: %v, want exit 2", args, err)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.wasm")
	if err := os.WriteFile(bad, []byte("not wasm"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := exec.Command(kkrun, bad).Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("kkrun on a bad module: %v, want exit 1", err)
	}
}

// SIGKILL of the child while a call is in flight (the child has read half of
// its frame and waits for the rest): the pending call fails with
// unavailable, and a new child (a reconnect) serves the next call.
func TestKillMidCallThenReconnect(t *testing.T) {
	servers := map[string]func() []string{
		"native geometry": func() []string { return []string{artifact(t, "geometry_stdio_native")} },
		"kkrun geometry":  func() []string { return kkrunArgv(t, geometryReactor(t)) },
		"kkrun rules":     func() []string { return kkrunArgv(t, rulesReactor(t)) },
	}
	for name, argv := range servers {
		t.Run(name, func(t *testing.T) {
			c := spawn(t, argv()...)
			c.stall = true
			done := make(chan error, 1)
			go func() {
				_, err := geov1.NewGeometryClient(c.stream).BoundsOf(make([]float32, 1<<16))
				done <- err
			}()
			select {
			case <-c.written:
			case <-time.After(30 * time.Second):
				t.Fatal("the call was never written")
			}
			if err := c.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := <-done
			if err != client.ErrUnavailable {
				t.Fatalf("pending call after SIGKILL: %v", err)
			}
			c.cmd.Wait()
			if state := c.cmd.ProcessState; state == nil || state.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child state %v", state)
			}
			again := spawn(t, argv()...)
			if name == "kkrun rules" {
				if err := rulesv1.NewRulesClient(again.stream).Ping(); err != nil {
					t.Fatal(err)
				}
			} else {
				exerciseGeometry(t, again.stream)
			}
			again.close(t)
		})
	}
}
