// The imports a hosted module gets (docs/abi.md §2): wazero's
// wasi_snapshot_preview1, and for every other function import a stub that
// fails the call (a trap), as runtime-ts's host does for wasm-bindgen
// intrinsics (`__wbindgen_throw` with its message,
// `__wbindgen_init_externref_table` a no-op).

package wasmhost

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// instantiateImports instantiates WASI and one stub host module per other
// import module of compiled in r. Non-function imports other than WASI's
// are refused.
func instantiateImports(ctx context.Context, r wazero.Runtime, compiled wazero.CompiledModule) error {
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		return err
	}
	stubs := map[string]wazero.HostModuleBuilder{}
	var order []string
	for _, def := range compiled.ImportedFunctions() {
		module, name, _ := def.Import()
		if module == wasi_snapshot_preview1.ModuleName {
			continue
		}
		b, ok := stubs[module]
		if !ok {
			b = r.NewHostModuleBuilder(module)
			stubs[module] = b
			order = append(order, module)
		}
		b.NewFunctionBuilder().WithGoModuleFunction(stub(module, name), def.ParamTypes(), def.ResultTypes()).Export(name)
	}
	for _, def := range compiled.ImportedMemories() {
		if module, name, _ := def.Import(); module != wasi_snapshot_preview1.ModuleName {
			return errors.New("module imports memory " + module + "." + name + "; only functions can be stubbed (docs/abi.md §2)")
		}
	}
	for _, module := range order {
		if _, err := stubs[module].Instantiate(ctx); err != nil {
			return err
		}
	}
	return nil
}

// stub is the host function standing in for import module.name.
func stub(module, name string) api.GoModuleFunc {
	switch {
	case strings.Contains(name, "init_externref_table"):
		return func(context.Context, api.Module, []uint64) {}
	case strings.Contains(name, "wbindgen_throw"):
		return func(_ context.Context, m api.Module, stack []uint64) {
			text, _ := m.Memory().Read(api.DecodeU32(stack[0]), api.DecodeU32(stack[1]))
			panic(errors.New(string(text)))
		}
	}
	return func(context.Context, api.Module, []uint64) {
		panic(errors.New("wasm import " + module + "." + name + " is not available on the kkgen fast path"))
	}
}

// randSource is WASI's random_get: the operating system's randomness, as
// runtime-ts's shim uses crypto.getRandomValues (wazero's default is a
// fixed seed).
type randSource struct{}

// Read implements io.Reader.
func (randSource) Read(p []byte) (int, error) { return rand.Read(p) }
