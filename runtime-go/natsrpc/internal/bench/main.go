// Command bench is the Go row of `cargo xtask bench nats`, driven by
// tests/nats/bench/bench.mjs (docs/nats.md "Benchmark"):
//
//	bench serve URL
//	bench run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER
//
// serve runs the Go floor and peer responders on nats.go: bench.go.echo.<n>
// replies the first n bytes of the request (zeros past its end),
// bench.go.json.ping and bench.go.json.check parse the JSON request and answer
// JSON; it prints "ready" and serves until stdin ends. run calls the Go rules
// service (rulesnats -prefix go) through the generated client over natsrpc (ping, check_parameters of
// 65,536 f32), the raw request/reply of the kkgen frames' byte counts and the
// JSON requests, in interleaved batches, and prints one JSON line.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/natsrpc"
)

const (
	samplesLen = 65536 // 256 KiB of f32
	inFlight   = 16    // calls in flight in the throughput runs
	batches    = 5     // interleaved batches; figures are their median
)

// checkRequest is the JSON peer's check request.
type checkRequest struct {
	Samples []float32 `json:"samples"`
	Low     float32   `json:"low"`
	High    float32   `json:"high"`
}

// checkReport is the JSON peer's answer (ParameterReport's fields).
type checkReport struct {
	Count      uint32   `json:"count"`
	OutOfRange []uint32 `json:"out_of_range"`
	Mean       float32  `json:"mean"`
}

// figures are one variant's p50 and p99 latency (µs) and calls/s at inFlight.
type figures struct {
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
	RPS float64 `json:"rps"`
}

func samples() []float32 {
	s := make([]float32, samplesLen)
	for i := range s {
		s[i] = float32(i%1000) / 8
	}
	return s
}

func check(r checkRequest) checkReport {
	var sum float64
	out := []uint32{}
	for i, s := range r.Samples {
		if !(s >= r.Low && s <= r.High) {
			out = append(out, uint32(i))
		}
		sum += float64(s)
	}
	rep := checkReport{Count: uint32(len(r.Samples)), OutOfRange: out}
	if len(r.Samples) > 0 {
		rep.Mean = float32(sum / float64(len(r.Samples)))
	}
	return rep
}

func serve(url string) error {
	nc, err := nats.Connect(url)
	if err != nil {
		return err
	}
	defer nc.Close()
	if _, err := nc.Subscribe("bench.go.echo.*", func(m *nats.Msg) {
		n, _ := strconv.Atoi(m.Subject[strings.LastIndexByte(m.Subject, '.')+1:])
		reply := m.Data
		if n <= len(reply) {
			reply = reply[:n]
		} else {
			reply = append(reply, make([]byte, n-len(reply))...)
		}
		_ = m.Respond(reply)
	}); err != nil {
		return err
	}
	if _, err := nc.Subscribe("bench.go.json.*", func(m *nats.Msg) {
		if strings.HasSuffix(m.Subject, ".ping") {
			var v any
			_ = json.Unmarshal(m.Data, &v)
			_ = m.Respond([]byte("{}"))
			return
		}
		var r checkRequest
		if err := json.Unmarshal(m.Data, &r); err != nil {
			_ = m.Respond([]byte(`{"error":"bad json"}`))
			return
		}
		out, _ := json.Marshal(check(r))
		_ = m.Respond(out)
	}); err != nil {
		return err
	}
	if err := nc.Flush(); err != nil {
		return err
	}
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return nil
}

// variant is one row's call, made by worker w (each worker has its own client).
type variant struct {
	name       string
	call       func(w int) error
	latN, thrN int
}

func measure(v variant, latN, thrN int) (figures, error) {
	lat := make([]float64, 0, latN)
	for i := 0; i < latN; i++ {
		t := time.Now()
		if err := v.call(0); err != nil {
			return figures{}, fmt.Errorf("%s: %w", v.name, err)
		}
		lat = append(lat, float64(time.Since(t).Nanoseconds())/1e3)
	}
	sort.Float64s(lat)
	per := thrN / inFlight
	var wg sync.WaitGroup
	errs := make([]error, inFlight)
	t := time.Now()
	for w := 0; w < inFlight; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < per && errs[w] == nil; i++ {
				errs[w] = v.call(w)
			}
		}(w)
	}
	wg.Wait()
	secs := time.Since(t).Seconds()
	for _, err := range errs {
		if err != nil {
			return figures{}, fmt.Errorf("%s: %w", v.name, err)
		}
	}
	p99 := len(lat) * 99 / 100
	if p99 >= len(lat) {
		p99 = len(lat) - 1
	}
	return figures{P50: lat[len(lat)/2], P99: lat[p99], RPS: float64(per*inFlight) / secs}, nil
}

func median(v []float64) float64 {
	sort.Float64s(v)
	return v[len(v)/2]
}

func run(url string, lens [4]int) error {
	nc, err := nats.Connect(url)
	if err != nil {
		return err
	}
	defer nc.Close()
	clients := make([]*rulesv1.RulesClient, inFlight)
	for i := range clients {
		tr, err := natsrpc.NewTransport(nc, &rulesv1.RulesDescriptor, natsrpc.TransportOptions{Prefix: "go", Timeout: 30 * time.Second})
		if err != nil {
			return err
		}
		clients[i] = rulesv1.NewRulesClient(tr)
	}
	s := samples()
	raw := func(subject string, payload []byte) func(int) error {
		return func(int) error {
			_, err := nc.Request(subject, payload, 30*time.Second)
			return err
		}
	}
	variants := []variant{
		{"kkgen.small", func(w int) error { return clients[w].Ping() }, 400, 3200},
		{"floor.small", raw(fmt.Sprintf("bench.go.echo.%d", lens[1]), make([]byte, lens[0])), 400, 3200},
		{"json.small", func(int) error {
			m, err := nc.Request("bench.go.json.ping", []byte("{}"), 30*time.Second)
			if err != nil {
				return err
			}
			var v any
			return json.Unmarshal(m.Data, &v)
		}, 400, 3200},
		{"kkgen.buffer", func(w int) error {
			_, err := clients[w].CheckParameters(s, 0, 1000)
			return err
		}, 40, 160},
		{"floor.buffer", raw(fmt.Sprintf("bench.go.echo.%d", lens[3]), make([]byte, lens[2])), 40, 160},
		{"json.buffer", func(int) error {
			body, err := json.Marshal(checkRequest{Samples: s, Low: 0, High: 1000})
			if err != nil {
				return err
			}
			m, err := nc.Request("bench.go.json.check", body, 30*time.Second)
			if err != nil {
				return err
			}
			var r checkReport
			return json.Unmarshal(m.Data, &r)
		}, 40, 160},
	}
	for _, v := range variants { // warm-up
		if _, err := measure(v, 20, inFlight*4); err != nil {
			return err
		}
	}
	all := make([][]figures, len(variants))
	for b := 0; b < batches; b++ {
		for i, v := range variants {
			f, err := measure(v, v.latN, v.thrN)
			if err != nil {
				return err
			}
			all[i] = append(all[i], f)
		}
	}
	out := map[string]figures{}
	for i, v := range variants {
		var p50, p99, rps []float64
		for _, f := range all[i] {
			p50, p99, rps = append(p50, f.P50), append(p99, f.P99), append(rps, f.RPS)
		}
		out[v.name] = figures{P50: median(p50), P99: median(p99), RPS: median(rps)}
	}
	line, _ := json.Marshal(out)
	fmt.Println(string(line))
	return nil
}

func main() {
	args := os.Args[1:]
	var err error
	switch {
	case len(args) == 2 && args[0] == "serve":
		err = serve(args[1])
	case len(args) == 6 && args[0] == "run":
		var lens [4]int
		for i := range lens {
			if lens[i], err = strconv.Atoi(args[2+i]); err != nil {
				break
			}
		}
		if err == nil {
			err = run(args[1], lens)
		}
	default:
		err = fmt.Errorf("usage: bench serve URL | bench run URL SMALL_CALL SMALL_ANSWER BUF_CALL BUF_ANSWER")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
