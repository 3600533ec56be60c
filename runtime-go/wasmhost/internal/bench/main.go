// Command bench is `cargo xtask bench kkrun`: the Go host (wazero) of the
// rules (Go) and geometry (Rust) wasip1 reactors, measured next to the
// native Go rules service (client.Local) in the same run. Figures: cold start
// (New without a cache, then the first call: compile + instantiate +
// _initialize + call), warm start (New over a filled compilation cache, then
// the first call), the same for a kkrun process (spawn until the first
// answer), and the per-call cost of a small op (rules ping, geometry
// is_live) through the frame path. Each figure is the median of interleaved
// batches. The issue sets no numeric goal here: the ratios to native are
// printed, not judged.
//
//	go run ./internal/bench -rules R.wasm -geometry G.wasm -kkrun KKRUN
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"time"

	geov1 "kkgen.dev/examples/geometry/sdk/go"
	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wasmhost"
)

func main() {
	rules := flag.String("rules", "", "the rules wasip1 reactor")
	geometry := flag.String("geometry", "", "the geometry wasip1 reactor")
	kkrun := flag.String("kkrun", "", "the kkrun binary")
	rounds := flag.Int("rounds", 7, "interleaved rounds (the median is printed)")
	flag.Parse()
	if *rules == "" || *geometry == "" || *kkrun == "" {
		flag.Usage()
		os.Exit(2)
	}
	cache, err := os.MkdirTemp("", "kkrun-bench-cache")
	check(err)
	defer os.RemoveAll(cache)

	starts := []figure{
		{name: "rules cold start (compile, no cache)", run: func() { start(*rules, "", pingRules) }},
		{name: "rules warm start (compilation cache)", run: func() { start(*rules, cache, pingRules) }},
		{name: "geometry cold start (compile, no cache)", run: func() { start(*geometry, "", pingGeometry) }},
		{name: "geometry warm start (compilation cache)", run: func() { start(*geometry, cache, pingGeometry) }},
		{name: "kkrun process, rules, warm (spawn to first answer)", run: func() { process(*kkrun, cache, *rules) }},
		{name: "rules native start (client.Local, first call)", run: func() { pingRules(client.NewLocal(rulesv1.NewRulesDispatcher(logic.New()))) }},
	}
	// Fill the cache once, so "warm" is warm from the first round.
	start(*rules, cache, pingRules)
	start(*geometry, cache, pingGeometry)
	interleave(starts, *rounds, 1)
	fmt.Println("start (median of", *rounds, "interleaved rounds, one start each):")
	for _, f := range starts {
		fmt.Println("  " + pad(f.name, 52) + ms(f.median()))
	}
	native := starts[len(starts)-1].median()
	fmt.Println("  warm/cold: rules " + ratio(starts[1].median(), starts[0].median()) + ", geometry " + ratio(starts[3].median(), starts[2].median()) + "; rules warm vs native start: " + ratio(starts[1].median(), native))

	hostedRules, err := wasmhost.NewFile(*rules, wasmhost.Options{CacheDir: cache})
	check(err)
	defer hostedRules.Close()
	hostedGeometry, err := wasmhost.NewFile(*geometry, wasmhost.Options{CacheDir: cache})
	check(err)
	defer hostedGeometry.Close()
	viaHost := rulesv1.NewRulesClient(hostedRules)
	viaLocal := rulesv1.NewRulesClient(client.NewLocal(rulesv1.NewRulesDispatcher(logic.New())))
	geometry1 := geov1.NewGeometryClient(hostedGeometry)
	const batch = 20_000
	calls := []figure{
		{name: "rules ping, native (client.Local)", run: func() { loop(batch, func() error { return viaLocal.Ping() }) }},
		{name: "rules ping, wazero host (frame path)", run: func() { loop(batch, func() error { return viaHost.Ping() }) }},
		{name: "geometry is_live, wazero host (frame path)", run: func() {
			loop(batch, func() error { _, err := geometry1.IsLive(1); return err })
		}},
	}
	interleave(calls, *rounds*3, batch)
	fmt.Println("per call (median of", *rounds*3, "interleaved batches of", batch, "calls):")
	for _, f := range calls {
		fmt.Println("  " + pad(f.name, 52) + ns(f.median()) + "  (" + ratio(f.median(), calls[0].median()) + " native)")
	}
	fmt.Println("goal: none set (issue 11 asks for these figures next to native, not for a bound): no MET/MISSED")
}

// figure is one measured thing and its per-run times.
type figure struct {
	name  string
	run   func()
	times []time.Duration
}

// median is the median of the recorded times.
func (f *figure) median() time.Duration {
	s := slices.Clone(f.times)
	slices.Sort(s)
	return s[len(s)/2]
}

// interleave runs every figure once per round, in turn, recording the time
// per unit (per run / per).
func interleave(figures []figure, rounds, per int) {
	for r := 0; r < rounds; r++ {
		for i := range figures {
			t0 := time.Now()
			figures[i].run()
			figures[i].times = append(figures[i].times, time.Since(t0)/time.Duration(per))
		}
	}
}

// start makes a Host over path (with cache, when set), makes its first call
// and closes it.
func start(path, cache string, first func(client.Transport)) {
	h, err := wasmhost.NewFile(path, wasmhost.Options{CacheDir: cache})
	check(err)
	first(h)
	h.Close()
}

func pingRules(t client.Transport) { check(rulesv1.NewRulesClient(t).Ping()) }

func pingGeometry(t client.Transport) {
	_, err := geov1.NewGeometryClient(t).IsLive(1)
	check(err)
}

// process spawns kkrun over module and waits for its first answer.
func process(kkrun, cache, module string) {
	cmd := exec.Command(kkrun, "-cache", cache, module)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	check(err)
	out, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	pingRules(client.NewStream(in, out))
	in.Close()
	check(cmd.Wait())
}

// loop calls call n times.
func loop(n int, call func() error) {
	for i := 0; i < n; i++ {
		check(call())
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func pad(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/1e6, 'f', 2, 64) + " ms"
}

func ns(d time.Duration) string { return strconv.FormatInt(d.Nanoseconds(), 10) + " ns" }

func ratio(a, b time.Duration) string {
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 2, 64) + "x"
}
