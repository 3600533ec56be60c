// Package wasmhost hosts any kkgen service module (docs/abi.md) — a Rust or
// Go wasm32-wasip1 reactor — in a Go program, with wazero (pure Go, no cgo).
// A [Host] is a [client.Transport]: the generated Go clients call a hosted
// module exactly as they call a native service. It behaves as runtime-ts's
// WasmHost: compiled once (through wazero's compilation cache when
// [Options.CacheDir] is set), instantiated lazily on the first call,
// `_initialize` called for reactors, a trap answered with system error trap
// and the instance replaced on the next call, frames over the limit refused
// with too_large, and malformed answers from the module turned into system
// errors. Bad input never panics the host.
//
// Concurrency: one Host owns one instance, and calls are serialised on it (a
// module instance is single-threaded and its service state, handles
// included, lives in that instance). Every method is safe for concurrent
// use; an answer returned by RoundTrip or Handle (the Host's own buffer) is
// valid until the next RoundTrip or Handle on the same Host, so concurrent
// callers each take a [Host.NewCaller] (its own answer buffer) or use
// [Host.Call] with a buffer of their own.
//
// This module is host-only (it does not build for GOOS=wasip1); the guest
// side, kkgen.dev/kkrpc, stays free of wazero.
package wasmhost

import (
	"context"
	"errors"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wire"
)

// Options configure a Host; the zero value is usable.
type Options struct {
	// CacheDir, when not empty, is wazero's compilation cache folder
	// (created if missing): a later New of the same module, in this process
	// or another, loads the compiled code instead of compiling again.
	CacheDir string
	// MaxFrameLen bounds the call frames accepted and the answers read from
	// the module (header included; default [wire.DefaultMaxFrameLen]).
	MaxFrameLen uint32
	// MemoryLimitPages caps the module's linear memory in 64 KiB pages
	// (default: wazero's, 65536 pages = 4 GiB). A module that needs more
	// fails its allocation, which traps or answers an error.
	MemoryLimitPages uint32
	// Stdout and Stderr receive what the module writes to fd 1 and 2
	// (default os.Stdout and os.Stderr; kkrun sends both to its stderr).
	Stdout, Stderr io.Writer
}

// Stats counts what a Host did.
type Stats struct {
	// Calls made into the module (frame calls and [Host.CallExport]).
	Calls uint64
	// Instances created: 1 + the traps recovered from, once called again.
	Instances uint64
	// Traps caught.
	Traps uint64
}

// Host hosts one compiled module and at most one live instance of it.
type Host struct {
	mu       sync.Mutex
	ctx      context.Context
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	cache    wazero.CompilationCache
	config   wazero.ModuleConfig
	limits   wire.Limits
	inst     *instance
	stats    Stats
	answer   []byte // RoundTrip's and Handle's answer buffer
}

// instance is one live instantiation and its ABI exports.
type instance struct {
	mod               api.Module
	mem               api.Memory
	alloc, free, call api.Function
	stack             [2]uint64
}

// requiredExports are the exports docs/abi.md §1 requires, with their signatures.
var requiredExports = map[string][2][]api.ValueType{
	"kk_alloc": {{api.ValueTypeI32}, {api.ValueTypeI32}},
	"kk_free":  {{api.ValueTypeI32, api.ValueTypeI32}, nil},
	"kk_call":  {{api.ValueTypeI32, api.ValueTypeI32}, {api.ValueTypeI32}},
}

// New compiles module (the bytes of a .wasm file) and checks its exports
// and imports; nothing is instantiated until the first call. Close the Host
// when done.
func New(module []byte, opts Options) (*Host, error) {
	ctx := context.Background()
	config := wazero.NewRuntimeConfig()
	h := &Host{ctx: ctx, limits: wire.Limits{MaxFrameLen: opts.MaxFrameLen}}
	if h.limits.MaxFrameLen == 0 {
		h.limits.MaxFrameLen = wire.DefaultMaxFrameLen
	}
	if opts.MemoryLimitPages != 0 {
		config = config.WithMemoryLimitPages(opts.MemoryLimitPages)
	}
	if opts.CacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(opts.CacheDir)
		if err != nil {
			return nil, errors.New("wasmhost: compilation cache " + opts.CacheDir + ": " + err.Error())
		}
		h.cache = cache
		config = config.WithCompilationCache(cache)
	}
	h.runtime = wazero.NewRuntimeWithConfig(ctx, config)
	compiled, err := h.runtime.CompileModule(ctx, module)
	if err == nil {
		err = checkExports(compiled)
	}
	if err == nil {
		err = instantiateImports(ctx, h.runtime, compiled)
	}
	if err != nil {
		h.Close()
		return nil, errors.New("wasmhost: " + err.Error())
	}
	h.compiled = compiled
	stdout, stderr := opts.Stdout, opts.Stderr
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	// No start functions: a reactor's _initialize is called by instantiate.
	h.config = wazero.NewModuleConfig().WithName("").WithStartFunctions().
		WithStdout(stdout).WithStderr(stderr).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().
		WithRandSource(randSource{})
	return h, nil
}

// NewFile is [New] over the file at path.
func NewFile(path string, opts Options) (*Host, error) {
	module, err := os.ReadFile(path)
	if err != nil {
		return nil, errors.New("wasmhost: " + err.Error())
	}
	return New(module, opts)
}

// checkExports fails unless the module exports memory and the ABI functions
// with the signatures of docs/abi.md §1, and is not a wasip1 command.
func checkExports(compiled wazero.CompiledModule) error {
	if _, ok := compiled.ExportedMemories()["memory"]; !ok {
		return errors.New("module does not export memory (docs/abi.md §1)")
	}
	funcs := compiled.ExportedFunctions()
	_, start := funcs["_start"]
	_, initialize := funcs["_initialize"]
	if start && !initialize {
		// Its exports may only run once _start has set up its runtime (and _start serves stdio itself).
		return errors.New("module is a wasip1 command (it exports _start); host its reactor build (docs/abi.md §1.3, docs/go-host.md)")
	}
	for name, sig := range requiredExports {
		def, ok := funcs[name]
		if !ok {
			return errors.New("module does not export " + name + " (docs/abi.md §1)")
		}
		if !sameTypes(def.ParamTypes(), sig[0]) || !sameTypes(def.ResultTypes(), sig[1]) {
			return errors.New("module export " + name + " has the wrong signature (docs/abi.md §1)")
		}
	}
	return nil
}

// sameTypes reports whether two value type lists are equal.
func sameTypes(a, b []api.ValueType) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Stats returns the counters.
func (h *Host) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stats
}

// Reset drops the live instance (and with it all service state); the next
// call starts afresh.
func (h *Host) Reset() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.drop()
}

// Close releases the instance, the compiled module and the runtime. Calls
// after Close answer system error unavailable.
func (h *Host) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.drop()
	var err error
	if h.runtime != nil {
		err = h.runtime.Close(h.ctx)
		h.runtime = nil
	}
	if h.cache != nil {
		if e := h.cache.Close(h.ctx); err == nil {
			err = e
		}
		h.cache = nil
	}
	return err
}

// live returns the instance, instantiating one when there is none. Called
// with h.mu held.
func (h *Host) live() (*instance, error) {
	if h.inst != nil {
		return h.inst, nil
	}
	if h.runtime == nil {
		return nil, errClosed
	}
	mod, err := h.runtime.InstantiateModule(h.ctx, h.compiled, h.config)
	if err != nil {
		return nil, errors.New("instantiating the module: " + err.Error())
	}
	inst := &instance{mod: mod, mem: mod.Memory(), alloc: mod.ExportedFunction("kk_alloc"), free: mod.ExportedFunction("kk_free"), call: mod.ExportedFunction("kk_call")}
	for _, start := range []string{"_initialize", "__wbindgen_start"} {
		if fn := mod.ExportedFunction(start); fn != nil {
			if _, err := fn.Call(h.ctx); err != nil {
				mod.Close(h.ctx)
				return nil, errors.New(start + ": " + err.Error())
			}
		}
	}
	if fn := mod.ExportedFunction("kk_abi_version"); fn != nil {
		v, err := fn.Call(h.ctx)
		// Version 2 adds the scratch region (docs/abi.md §1.5) to the version-1
		// exports this host calls.
		if err != nil || len(v) != 1 || (uint32(v[0]) != 1 && uint32(v[0]) != 2) {
			mod.Close(h.ctx)
			return nil, errors.New("unsupported kkrpc ABI version (want 1 or 2)")
		}
	}
	// The host's frame limit, so handlers can refuse an answer over it before building it (docs/abi.md §1.6).
	if fn := mod.ExportedFunction("kk_set_max_frame_len"); fn != nil {
		if _, err := fn.Call(h.ctx, uint64(h.limits.MaxFrameLen)); err != nil {
			mod.Close(h.ctx)
			return nil, errors.New("kk_set_max_frame_len: " + err.Error())
		}
	}
	h.inst = inst
	h.stats.Instances++
	return inst, nil
}

// drop closes the live instance, if any. Called with h.mu held.
func (h *Host) drop() {
	if h.inst != nil {
		h.inst.mod.Close(h.ctx)
		h.inst = nil
	}
}

// trapped drops the instance after a trap and counts it (docs/abi.md §1.2).
func (h *Host) trapped() {
	h.drop()
	h.stats.Traps++
}

// errClosed reports a call after Close.
var errClosed = errors.New("the host is closed")

// CallExport calls the instance's export name (a scalar fast export,
// docs/abi.md §1.4, `kk_op_<8 hex digits>`) with wasm values as wazero
// encodes them (api.EncodeI32, api.EncodeF64, ...). A trap fails with system
// error trap and drops the instance, as for a frame call; a missing export
// fails with unknown_op.
func (h *Host) CallExport(name string, args ...uint64) ([]uint64, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	inst, err := h.live()
	if err != nil {
		return nil, h.liveError(err)
	}
	fn := inst.mod.ExportedFunction(name)
	if fn == nil {
		return nil, systemError(wire.CodeUnknownOp, "no export "+name)
	}
	if n := len(fn.Definition().ParamTypes()); n != len(args) {
		return nil, systemError(wire.CodeDecode, name+" takes "+strconv.Itoa(n)+" arguments")
	}
	h.stats.Calls++
	results, err := fn.Call(h.ctx, args...)
	if err != nil {
		h.trapped()
		return nil, systemError(wire.CodeTrap, firstLine(err.Error()))
	}
	return results, nil
}

// liveError is the system error for an instance that could not be had.
func (h *Host) liveError(err error) *client.SystemError {
	if err == errClosed {
		return systemError(wire.CodeUnavailable, err.Error())
	}
	return systemError(wire.CodeInternal, err.Error())
}

// firstLine is s up to its first line break (wazero appends a stack trace).
func firstLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i]
		}
	}
	return s
}
