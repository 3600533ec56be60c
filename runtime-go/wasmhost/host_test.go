package wasmhost_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	geov1 "kkgen.dev/examples/geometry/sdk/go"
	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wasmhost"
	"kkgen.dev/kkrpc/wire"
)

// host starts a Host over the module at path and closes it with the test.
func host(t testing.TB, path string, opts wasmhost.Options) *wasmhost.Host {
	t.Helper()
	h, err := wasmhost.NewFile(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

// systemCode is err's system error code, or fails the test.
func systemCode(t *testing.T, err error) wire.SystemCode {
	t.Helper()
	var sys *client.SystemError
	if !errors.As(err, &sys) {
		t.Fatalf("want a system error, got %v", err)
	}
	return wire.SystemCode(sys.Code)
}

// exerciseGeometry runs the geometry service through its generated Go
// client: handles, typed errors, a bulk f32[] answer and argument, unknown op.
func exerciseGeometry(t *testing.T, tr client.Transport) {
	t.Helper()
	g := geov1.NewGeometryClient(tr)
	ball, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: 2}}, "ball")
	if err != nil {
		t.Fatal(err)
	}
	donut, err := g.Create(&geov1.ShapeTorus{Value: geov1.Torus{Major: 3, Minor: 1}}, "donut")
	if err != nil || donut == ball {
		t.Fatalf("%v %v %v", ball, donut, err)
	}
	vertices, err := g.Tessellate(donut, 236)
	if err != nil || len(vertices) != 236*236*18 {
		t.Fatalf("tessellate: %d floats, %v", len(vertices), err)
	}
	measured, err := g.BoundsOf(vertices)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := g.Bounds(donut)
	if err != nil || exact.Max.Z != 1 || abs(measured.Max.X-exact.Max.X) > 1e-3 || abs(measured.Min.Z-exact.Min.Z) > 1e-3 {
		t.Fatalf("bounds %+v vs %+v, %v", measured, exact, err)
	}
	if name, err := g.Name(ball); err != nil || name != "ball" {
		t.Fatalf("name %q %v", name, err)
	}
	if err := g.Release(ball); err != nil {
		t.Fatal(err)
	}
	var unknown *geov1.UnknownModel
	if _, err := g.Bounds(ball); !errors.As(err, &unknown) || unknown.Model != ball {
		t.Fatalf("bounds of a released model: %v", err)
	}
	var invalid *geov1.InvalidParams
	if _, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: -1}}, "neg"); !errors.As(err, &invalid) {
		t.Fatalf("negative radius: %v", err)
	}
	if _, err := g.Tessellate(donut, 0); !errors.As(err, &invalid) {
		t.Fatalf("zero segments: %v", err)
	}
	if _, err := client.NewConn(tr).Call(0x1234, nil); systemCode(t, err) != wire.CodeUnknownOp {
		t.Fatalf("unknown op: %v", err)
	}
	if live, err := g.IsLive(donut); err != nil || !live {
		t.Fatalf("is_live %v %v", live, err)
	}
}

func abs(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// exerciseRules runs the rules service through its generated Go client and
// returns what it answered, to compare with the native service.
func exerciseRules(t *testing.T, tr client.Transport) []any {
	t.Helper()
	r := rulesv1.NewRulesClient(tr)
	coupon := "SAVE10"
	quote, err := r.ValidateOrder(rulesv1.Order{Id: "A-1", Customer: "ada", Coupon: &coupon,
		Items: []rulesv1.LineItem{{Sku: "BOLT", Quantity: 10, UnitPriceCents: 25}}})
	if err != nil || quote.TotalCents != 225 {
		t.Fatalf("validate_order %+v %v", quote, err)
	}
	_, err = r.ValidateOrder(rulesv1.Order{Id: "A-2"})
	var invalid *rulesv1.InvalidOrder
	if !errors.As(err, &invalid) || invalid.Field != "customer" {
		t.Fatalf("typed error: %v", err)
	}
	samples := make([]float32, 100_000)
	for i := range samples {
		samples[i] = float32(i%10) - 2
	}
	report, err := r.CheckParameters(samples, 0, 4)
	if err != nil || report.Count != 100_000 || len(report.OutOfRange) != 50_000 {
		t.Fatalf("check_parameters %d %d %v", report.Count, len(report.OutOfRange), err)
	}
	// A handler panic is answered as system error trap (recovered by the Go service).
	_, err = r.ValidateOrder(rulesv1.Order{Id: "x", Customer: "y", Items: []rulesv1.LineItem{{Sku: "PANIC", Quantity: 1}}})
	if systemCode(t, err) != wire.CodeTrap {
		t.Fatalf("panic: %v", err)
	}
	if err := r.Ping(); err != nil {
		t.Fatal(err)
	}
	usd, err := r.Exchange(10_000, rulesv1.CurrencyEur, rulesv1.CurrencyUsd)
	if err != nil {
		t.Fatal(err)
	}
	return []any{quote.TotalCents, quote.DiscountCents, invalid.Reason, report.Mean, report.Minimum, report.Maximum, usd}
}

func TestGeometryReactorInProcess(t *testing.T) {
	h := host(t, geometryReactor(t), wasmhost.Options{})
	exerciseGeometry(t, h)
	if s := h.Stats(); s.Instances != 1 || s.Traps != 0 || s.Calls == 0 {
		t.Fatalf("stats %+v", s)
	}
}

// The wasm32-unknown-unknown build (after wasm-bindgen) through the same
// host: its wasm-bindgen imports are stubs, __wbindgen_start is called.
func TestGeometryBindgenModuleInProcess(t *testing.T) {
	h := host(t, filepath.Join(artifact(t, "geometry_dist"), "unknown", "geometry_service.wasm"), wasmhost.Options{})
	exerciseGeometry(t, h)
}

func TestRulesReactorAnswersAsTheNativeService(t *testing.T) {
	h := host(t, rulesReactor(t), wasmhost.Options{})
	hosted := exerciseRules(t, h)
	native := exerciseRules(t, client.NewLocal(rulesv1.NewRulesDispatcher(logic.New())))
	for i := range native {
		if hosted[i] != native[i] {
			t.Fatalf("answer %d: hosted %v, native %v", i, hosted[i], native[i])
		}
	}
}

// A trap (here: the Rust module aborts when memory runs out) fails the call
// with trap, and the next call gets a fresh instance: handles are gone.
func TestTrapThenFreshInstance(t *testing.T) {
	h := host(t, geometryReactor(t), wasmhost.Options{MemoryLimitPages: 1024}) // 64 MiB
	g := geov1.NewGeometryClient(h)
	ball, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: 1}}, "ball")
	if err != nil {
		t.Fatal(err)
	}
	// 1500 segments: a 162 MB answer, under the 256 MiB frame limit (so the
	// module builds it) and over the 64 MiB of memory.
	if _, err := g.Tessellate(ball, 1500); systemCode(t, err) != wire.CodeTrap {
		t.Fatalf("out of memory: %v", err)
	}
	var unknown *geov1.UnknownModel
	if _, err := g.Name(ball); !errors.As(err, &unknown) {
		t.Fatalf("after the trap the old handle must be unknown: %v", err)
	}
	exerciseGeometry(t, h)
	if s := h.Stats(); s.Traps != 1 || s.Instances != 2 {
		t.Fatalf("stats %+v", s)
	}
}

// Frames the host refuses before the module sees them, and an answer over
// the limit (freed; the instance lives on).
func TestRefusedFramesAndOversizedAnswer(t *testing.T) {
	h := host(t, geometryReactor(t), wasmhost.Options{MaxFrameLen: 64 << 10})
	call := func(kind wire.FrameKind, payload []byte) []byte {
		f := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: kind, CallID: 7, OpID: geov1.GeometryOpName, PayloadLen: uint32(len(payload))})
		return append(f, payload...)
	}
	cases := []struct {
		name  string
		frame []byte
		code  wire.SystemCode
	}{
		{"shorter than a header", []byte{1, 1, 0}, wire.CodeBadFrame},
		{"bad version", append([]byte{9}, call(wire.FrameCall, nil)[1:]...), wire.CodeBadFrame},
		{"unknown kind", append([]byte{1, 77}, call(wire.FrameCall, nil)[2:]...), wire.CodeBadFrame},
		{"not a call", call(wire.FrameCancel, nil), wire.CodeBadFrame},
		{"truncated payload", call(wire.FrameCall, make([]byte, 8))[:20], wire.CodeBadFrame},
		{"over the limit", call(wire.FrameCall, make([]byte, 64<<10)), wire.CodeTooLarge},
		{"payload that does not decode", call(wire.FrameCall, []byte{1, 2}), wire.CodeDecode},
	}
	for _, c := range cases {
		answer := h.Call(nil, c.frame)
		head, payload, _, err := wire.ParseFrame(answer, wire.DefaultLimits())
		if err != nil || head.Kind != wire.FrameError {
			t.Fatalf("%s: %v %+v", c.name, err, head)
		}
		r := wire.NewReader(payload)
		if e := r.ErrorHead(); r.Err() != nil || e.Code != c.code {
			t.Fatalf("%s: %+v, want %s", c.name, e, c.code.Name())
		}
	}
	g := geov1.NewGeometryClient(h)
	ball, err := g.Create(&geov1.ShapeSphere{Value: geov1.Sphere{Radius: 1}}, "ball")
	if err != nil {
		t.Fatal(err)
	}
	// The host told the module its limit (kk_set_max_frame_len, docs/abi.md
	// §1.6): the module refuses before building the answer.
	_, err = g.Tessellate(ball, 100)
	if systemCode(t, err) != wire.CodeTooLarge || !strings.Contains(err.Error(), "over the caller's frame limit of 65536 bytes") {
		t.Fatalf("answer over the limit, refused by the module: %v", err)
	}
	if name, err := g.Name(ball); err != nil || name != "ball" {
		t.Fatalf("the instance must survive an oversized answer: %q %v", name, err)
	}
	if s := h.Stats(); s.Traps != 0 || s.Instances != 1 {
		t.Fatalf("stats %+v", s)
	}
}

// brokenModule exports the ABI, but kk_call answers with an address past
// the end of memory (mode 0) or, after set_mode(1), a frame whose call id
// answers no call. From:
//
//	(module
//	  (memory (export "memory") 1)
//	  (global $mode (mut i32) (i32.const 0))
//	  (func (export "kk_alloc") (param i32) (result i32) i32.const 1024)
//	  (func (export "kk_free") (param i32 i32))
//	  (func (export "set_mode") (param i32) local.get 0 global.set $mode)
//	  (func (export "kk_call") (param i32 i32) (result i32)
//	    global.get $mode
//	    i32.eqz
//	    if (result i32)
//	      i32.const 0xfffffff0
//	    else
//	      i32.const 2048 i32.const 0x0201 i32.store16 ;; version 1, kind ok, call id 0
//	      i32.const 2048
//	    end))
var brokenModule = []byte{0, 97, 115, 109, 1, 0, 0, 0, 1, 21, 4, 96, 1, 127, 1, 127, 96, 2, 127, 127, 0, 96, 1, 127, 0, 96, 2, 127, 127, 1, 127, 3, 5, 4, 0, 1, 2, 3, 5, 3, 1, 0, 1, 6, 6, 1, 127, 1, 65, 0, 11, 7, 52, 5, 6, 109, 101, 109, 111, 114, 121, 2, 0, 8, 107, 107, 95, 97, 108, 108, 111, 99, 0, 0, 7, 107, 107, 95, 102, 114, 101, 101, 0, 1, 8, 115, 101, 116, 95, 109, 111, 100, 101, 0, 2, 7, 107, 107, 95, 99, 97, 108, 108, 0, 3, 10, 41, 4, 5, 0, 65, 128, 8, 11, 2, 0, 11, 6, 0, 32, 0, 36, 0, 11, 23, 0, 35, 0, 69, 4, 127, 65, 112, 5, 65, 128, 16, 65, 129, 4, 59, 1, 0, 65, 128, 16, 11, 11, 0, 14, 4, 110, 97, 109, 101, 7, 7, 1, 0, 4, 109, 111, 100, 101}

func TestMalformedAnswersFromTheModule(t *testing.T) {
	h, err := wasmhost.New(brokenModule, wasmhost.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	conn := client.NewConn(h)
	if _, err := conn.Call(1, nil); systemCode(t, err) != wire.CodeBadFrame {
		t.Fatalf("answer past the end of memory: %v", err)
	}
	if _, err := h.CallExport("set_mode", 1); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Call(1, nil); systemCode(t, err) != wire.CodeBadFrame {
		t.Fatalf("answer to another call: %v", err)
	}
	if _, err := h.CallExport("no_such_export"); systemCode(t, err) != wire.CodeUnknownOp {
		t.Fatalf("missing export: %v", err)
	}
	// Each broken answer dropped the instance: 3 instances (the last by CallExport).
	if s := h.Stats(); s.Instances != 3 || s.Traps != 2 {
		t.Fatalf("stats %+v", s)
	}
}

func TestRefusesModulesWithoutTheABI(t *testing.T) {
	for name, module := range map[string][]byte{
		"not wasm":  []byte("hello"),
		"empty":     nil,
		"no kk_abi": {0, 97, 115, 109, 1, 0, 0, 0},
	} {
		if h, err := wasmhost.New(module, wasmhost.Options{}); err == nil {
			h.Close()
			t.Fatalf("%s: accepted", name)
		}
	}
	if _, err := wasmhost.NewFile("no/such/file.wasm", wasmhost.Options{}); err == nil {
		t.Fatal("a missing file was accepted")
	}
	if _, err := wasmhost.NewFile(artifact(t, "rules_stdio_wasm"), wasmhost.Options{}); err == nil || !strings.Contains(err.Error(), "wasip1 command") {
		t.Fatalf("a wasip1 command module: %v", err)
	}
}

// Several goroutines, each with its own Caller, share one instance.
func TestConcurrentCallersShareOneInstance(t *testing.T) {
	h := host(t, rulesReactor(t), wasmhost.Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			r := rulesv1.NewRulesClient(h.NewCaller())
			for i := 0; i < 200; i++ {
				got, err := r.Exchange(int64(g*1000+i), rulesv1.CurrencyEur, rulesv1.CurrencyEur)
				if err != nil || got != int64(g*1000+i) {
					errs <- errors.New("wrong answer under concurrency")
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if s := h.Stats(); s.Instances != 1 || s.Calls != 8*200 {
		t.Fatalf("stats %+v", s)
	}
}

// With a cache folder, the first New writes the compiled module there and a
// second New (another Host, as a second process would) loads it.
func TestCompilationCache(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		h := host(t, rulesReactor(t), wasmhost.Options{CacheDir: dir})
		if err := rulesv1.NewRulesClient(h).Ping(); err != nil {
			t.Fatal(err)
		}
		h.Close()
	}
	entries := 0
	if err := walk(dir, func() { entries++ }); err != nil || entries == 0 {
		t.Fatalf("cache folder has %d files (%v)", entries, err)
	}
	if _, err := wasmhost.New(brokenModule, wasmhost.Options{CacheDir: "/dev/null/cache"}); err == nil {
		t.Fatal("an unusable cache folder was accepted")
	}
}

// walk calls file once per regular file below dir.
func walk(dir string, file func()) error {
	entries, err := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			if err := walk(dir+"/"+e.Name(), file); err != nil {
				return err
			}
		} else {
			file()
		}
	}
	return err
}

func TestCallsAfterCloseAreUnavailable(t *testing.T) {
	h := host(t, rulesReactor(t), wasmhost.Options{})
	h.Close()
	if err := rulesv1.NewRulesClient(h).Ping(); systemCode(t, err) != wire.CodeUnavailable {
		t.Fatalf("after close: %v", err)
	}
}

// In steady state a call allocates nothing on the Go heap: the frame is
// copied into linear memory, wazero is called through the instance's stack,
// and the answer lands in the caller's buffer.
func TestSteadyStateCallsDoNotAllocate(t *testing.T) {
	for _, path := range []string{rulesReactor(t), geometryReactor(t)} {
		h := host(t, path, wasmhost.Options{})
		frame := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameCall, CallID: 1, OpID: 0x1234})
		answer := h.Call(nil, frame) // instantiates; unknown_op from the module
		if allocs := testing.AllocsPerRun(100, func() { answer = h.Call(answer, frame) }); allocs != 0 {
			t.Fatalf("%s: %v allocations per call", path, allocs)
		}
		if head, err := wire.ParseHeader(answer, wire.DefaultLimits()); err != nil || head.Kind != wire.FrameError {
			t.Fatalf("%+v %v", head, err)
		}
	}
}
