// Package natstest starts a real nats-server for tests: on 127.0.0.1, on a
// free port, with the configuration a test needs (auth, permissions,
// max_payload), stopped when the test ends, and restartable on the same
// port mid-test.
//
// The binary is the artifact nats_server of target/kk-artifacts.json
// (recorded by `cargo xtask test nats`, installed by scripts/setup-nats.sh),
// else nats-server on PATH; a test fails when neither exists.
package natstest

import (
	"bufio"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// readyWithin bounds the wait for a started server's "Server is ready".
const readyWithin = 15 * time.Second

// Server is one nats-server child process.
type Server struct {
	// URL is nats://127.0.0.1:<port>.
	URL string
	// Port is the port it listens on, kept across restarts.
	Port int

	binary string
	config string
	cmd    *exec.Cmd
	done   chan struct{}
	mu     sync.Mutex
	log    strings.Builder
}

// Start starts nats-server with config (nats-server configuration text; the
// listen address is added) and stops it when t ends.
func Start(t testing.TB, config string) *Server {
	t.Helper()
	port := freePort(t)
	s := &Server{URL: "nats://127.0.0.1:" + strconv.Itoa(port), Port: port, binary: Binary(t, "nats_server", "nats-server")}
	s.config = filepath.Join(t.TempDir(), "nats.conf")
	text := "listen: 127.0.0.1:" + strconv.Itoa(port) + "\n" + config + "\n"
	if err := os.WriteFile(s.config, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	s.Restart(t)
	return s
}

// Restart starts the server again on the same port (after [Server.Stop], or
// stopping it first when running) and waits until it is ready.
func (s *Server) Restart(t testing.TB) {
	t.Helper()
	s.Stop()
	cmd := exec.Command(s.binary, "-c", s.config)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", s.binary, err)
	}
	ready := make(chan struct{})
	s.cmd, s.done = cmd, make(chan struct{})
	go s.drain(bufio.NewScanner(stderr), ready, cmd, s.done)
	select {
	case <-ready:
	case <-s.done:
		t.Fatalf("nats-server exited before it was ready:\n%s", s.Log())
	case <-time.After(readyWithin):
		s.Stop()
		t.Fatalf("nats-server not ready within %v:\n%s", readyWithin, s.Log())
	}
}

// drain keeps the server's log, signals ready at "Server is ready", and
// reaps the process when its output ends.
func (s *Server) drain(lines *bufio.Scanner, ready chan struct{}, cmd *exec.Cmd, done chan struct{}) {
	signalled := false
	for lines.Scan() {
		line := lines.Text()
		s.mu.Lock()
		s.log.WriteString(line + "\n")
		s.mu.Unlock()
		if !signalled && strings.Contains(line, "Server is ready") {
			signalled = true
			close(ready)
		}
	}
	cmd.Wait()
	close(done)
}

// Stop kills the server (SIGKILL: a crash, as far as clients can tell) and
// waits for it to exit; stopping a stopped server does nothing.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.done
	s.cmd = nil
}

// Log returns what the server logged so far.
func (s *Server) Log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// Connect connects to the server with opts (after fast-reconnect defaults:
// unlimited reconnects every 20 ms) and closes the connection when t ends.
func (s *Server) Connect(t testing.TB, opts ...nats.Option) *nats.Conn {
	t.Helper()
	all := append([]nats.Option{nats.MaxReconnects(-1), nats.ReconnectWait(20 * time.Millisecond), nats.ReconnectJitter(0, 0)}, opts...)
	nc, err := nats.Connect(s.URL, all...)
	if err != nil {
		t.Fatalf("connecting to %s: %v", s.URL, err)
	}
	t.Cleanup(nc.Close)
	return nc
}

// freePort returns a port on 127.0.0.1 nobody listened on a moment ago.
func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Binary is the path recorded under key in target/kk-artifacts.json (found
// in the working directory or a parent), else name on PATH; t fails when
// neither is there.
func Binary(t testing.TB, key, name string) string {
	t.Helper()
	if path, err := artifact(key); err == nil {
		return path
	}
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s: no artifact %s in target/kk-artifacts.json and not on PATH (scripts/setup-nats.sh installs it; cargo xtask test nats records it)", name, key)
	}
	return path
}

// Artifact is the path recorded under key in target/kk-artifacts.json
// (found in the working directory or a parent); t fails when it is missing.
func Artifact(t testing.TB, key string) string {
	t.Helper()
	path, err := artifact(key)
	if err != nil {
		t.Fatalf("artifact %s: %v (cargo xtask test nats builds it)", key, err)
	}
	return path
}

// artifact reads key from the nearest target/kk-artifacts.json up from the
// working directory; relative paths in it are relative to that root.
func artifact(key string) (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		file := filepath.Join(dir, "target", "kk-artifacts.json")
		if text, err := os.ReadFile(file); err == nil {
			var artifacts map[string]string
			if err := json.Unmarshal(text, &artifacts); err != nil {
				return "", err
			}
			path, ok := artifacts[key]
			if !ok {
				return "", errors.New("no " + key)
			}
			if !filepath.IsAbs(path) {
				path = filepath.Join(dir, path)
			}
			if _, err := os.Stat(path); err != nil {
				return "", err
			}
			return path, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no target/kk-artifacts.json")
		}
		dir = parent
	}
}
