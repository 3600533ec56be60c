// The module ABI entry points (docs/abi.md §1; version 2, with the scratch
// region of §1.5: a small call in one crossing, and the host's frame limit
// of §1.6) and the scalar fast exports
// kk_op_<id> (§1.4), for wasm builds only: Go (GOOS=wasip1, command or
// -buildmode=c-shared reactor) and TinyGo's wasm targets. They forward to
// kkgen.dev/kkrpc/abi (imported as kkabi, so that no parameter shadows it);
// Register{Service} picks the service. A program links at
// most one generated package with these exports.

//go:build wasip1 || tinygo.wasm

package {{ package }}

import kkabi "kkgen.dev/kkrpc/abi"

// kkAbiVersion is kk_abi_version.
//
//go:wasmexport kk_abi_version
func kkAbiVersion() int32 { return 2 }

// kkAlloc is kk_alloc: an 8-aligned block of n bytes, or 0.
//
//go:wasmexport kk_alloc
func kkAlloc(n uint32) uint32 { return uint32(kkabi.Alloc(uintptr(n))) }

// kkFree is kk_free.
//
//go:wasmexport kk_free
func kkFree(ptr, n uint32) { kkabi.Free(uintptr(ptr)) }

// kkCall is kk_call: dispatches the frame at ptr, returns the answer's address.
//
//go:wasmexport kk_call
func kkCall(ptr, capacity uint32) uint32 { return uint32(kkabi.Call(uintptr(ptr), uintptr(capacity))) }

// kkScratch is kk_scratch: the scratch region's address (docs/abi.md §1.5).
//
//go:wasmexport kk_scratch
func kkScratch() uint32 { return uint32(kkabi.Scratch()) }

// kkScratchLen is kk_scratch_len: the scratch region's length.
//
//go:wasmexport kk_scratch_len
func kkScratchLen() uint32 { return kkabi.ScratchLen }

// kkCallScratch is kk_call_scratch: dispatches the call frame of n bytes in
// the scratch region, returns the answer's address (valid until the next call).
//
//go:wasmexport kk_call_scratch
func kkCallScratch(n uint32) uint32 { return uint32(kkabi.CallScratch(uintptr(n))) }

// kkSetMaxFrameLen is kk_set_max_frame_len: the host's frame limit (docs/abi.md §1.6).
//
//go:wasmexport kk_set_max_frame_len
func kkSetMaxFrameLen(n uint32) { kkabi.SetMaxFrameLen(uintptr(n)) }
{%- for f in fast %}

// {{ f.func }} is {{ f.export }}, the scalar fast path of `{{ f.qualified }}`
// (docs/abi.md §1.4): the registered service's method on plain wasm values. A
// returned error or a panic traps the instance.
//
//go:wasmexport {{ f.export }}
func {{ f.func }}({{ f.params|join(", ") }}){% if let Some(r) = f.result %} {{ r }}{% endif %} {
	{% if f.result.is_some() %}kkRes, kkErr{% else %}kkErr{% endif %} := kkabi.Service().(*{{ f.dispatcher }}).impl.{{ f.method }}({{ f.args|join(", ") }})
	if kkErr != nil {
		panic(kkErr)
	}
{%- if f.returns_bool %}
	if kkRes {
		return 1
	}
	return 0
{%- else if f.result.is_some() %}
	return {{ f.result_expr }}
{%- endif %}
}
{%- endfor %}
