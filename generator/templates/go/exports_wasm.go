// The module ABI entry points (docs/abi.md §1), for wasm builds only: Go
// (GOOS=wasip1, command or -buildmode=c-shared reactor) and TinyGo's wasm
// targets. They forward to kkgen.dev/kkrpc/abi; Register{Service} picks the
// service. A program links at most one generated package with these exports.

//go:build wasip1 || tinygo.wasm

package {{ package }}

import "kkgen.dev/kkrpc/abi"

// kkAbiVersion is kk_abi_version.
//
//go:wasmexport kk_abi_version
func kkAbiVersion() int32 { return 1 }

// kkAlloc is kk_alloc: an 8-aligned block of n bytes, or 0.
//
//go:wasmexport kk_alloc
func kkAlloc(n uint32) uint32 { return uint32(abi.Alloc(uintptr(n))) }

// kkFree is kk_free.
//
//go:wasmexport kk_free
func kkFree(ptr, n uint32) { abi.Free(uintptr(ptr)) }

// kkCall is kk_call: dispatches the frame at ptr, returns the answer's address.
//
//go:wasmexport kk_call
func kkCall(ptr, capacity uint32) uint32 { return uint32(abi.Call(uintptr(ptr), uintptr(capacity))) }
