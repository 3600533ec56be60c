package natsrpc_test

import (
	"bufio"
	"errors"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	geov1 "kkgen.dev/examples/geometry/sdk/go"
	"kkgen.dev/kkrpc/natsrpc"
	"kkgen.dev/kkrpc/natsrpc/natstest"
	"kkgen.dev/kkrpc/wire"
)

// startKkrun runs `kkrun -nats URL -ir <geometry IR> args... geometry.wasm`
// and waits for its "serving" line; it is stopped with SIGTERM (and must
// exit 0) when t ends.
func startKkrun(t *testing.T, url string, args ...string) {
	t.Helper()
	module := filepath.Join(natstest.Artifact(t, "geometry_dist"), "wasip1", "geometry_service.wasm")
	all := append([]string{"-nats", url, "-ir", natstest.Artifact(t, "geometry_ir_json"), "-no-cache"}, args...)
	cmd := exec.Command(natstest.Artifact(t, "kkrun"), append(all, module)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	serving := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stderr)
		var log strings.Builder
		for lines.Scan() {
			log.WriteString(lines.Text() + "\n")
			if strings.HasPrefix(lines.Text(), "kkrun: serving ") {
				serving <- lines.Text()
			}
		}
		exited <- errors.Join(cmd.Wait(), errors.New(log.String()))
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err := <-exited:
			if cmd.ProcessState.ExitCode() != 0 {
				t.Errorf("kkrun after SIGTERM: %v", err)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
			t.Error("kkrun did not exit within 10 s of SIGTERM")
		}
	})
	select {
	case line := <-serving:
		t.Log(line)
	case err := <-exited:
		t.Fatalf("kkrun exited: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("kkrun not serving within 60 s")
	}
}

// The Go client calls the Rust geometry module hosted by kkrun -nats, on a
// server with max_payload 8 MiB: typed errors, 1M floats back (tessellate)
// and the same floats there again (bounds_of), a smuggled frame refused.
func TestKkrunServesGeometryModule(t *testing.T) {
	srv := natstest.Start(t, "max_payload: 8MB")
	startKkrun(t, srv.URL, "-prefix", "edge")
	nc := srv.Connect(t)
	tr, err := natsrpc.NewTransport(nc, geometryDescriptor, natsrpc.TransportOptions{Prefix: "edge", Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	g := geov1.NewGeometryClient(tr)
	ball, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: 2}}, "ball")
	if err != nil {
		t.Fatal(err)
	}
	if name, err := g.Name(ball); err != nil || name != "ball" {
		t.Fatalf("name: %q, %v", name, err)
	}
	var unknown *geov1.UnknownModel
	if _, err := g.Bounds(ball + 100); !errors.As(err, &unknown) {
		t.Fatalf("want UnknownModel, got %v", err)
	}
	// 2 * 242² triangles of 9 floats: 1,054,152 floats, 4.2 MB each way.
	vertices, err := g.Tessellate(ball, 242)
	if err != nil || len(vertices) != 18*242*242 {
		t.Fatalf("tessellate: %d floats, %v", len(vertices), err)
	}
	vertices = append([]float32(nil), vertices...) // the answer buffer is reused by the next call
	of, err := g.BoundsOf(vertices)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := g.Bounds(ball)
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range [][2]float32{{of.Min.X, exact.Min.X}, {of.Max.Y, exact.Max.Y}, {of.Max.Z, exact.Max.Z}} {
		if math.Abs(float64(pair[0]-pair[1])) > 0.01 {
			t.Fatalf("bounds_of %+v, bounds %+v", of, exact)
		}
	}
	msg, err := nc.Request("edge.geo.v1.Geometry.bounds", callFrame(1, geov1.GeometryOpRelease, nil), 5*time.Second)
	if err != nil || systemAnswer(t, msg.Data).Code != wire.CodeForbidden || msg.Header.Get("Nats-Service-Error-Code") != "403" {
		t.Fatalf("smuggled release: %v %v", msg, err)
	}
	if live, err := g.IsLive(ball); err != nil || !live {
		t.Fatalf("the smuggled release ran: live %v, %v", live, err)
	}
}
