// A small host for the module ABI (docs/abi.md §1): instantiates a reactor
// with a minimal WASI shim, calls `_initialize`, then serves frames through
// kk_alloc / kk_call / kk_free. runtime-ts's WasmHost is the real host; this
// one stays independent so the Go module is checked against the spec itself.

const ENOSYS = 52;

/** Instantiates `bytes` and returns `{ call(frame) -> answer bytes, exports, memoryBytes() }`. */
export async function instantiateReactor(bytes) {
  const module = await WebAssembly.compile(bytes);
  let memory;
  const view = () => new DataView(memory.buffer);
  const known = {
    fd_write(fd, iovs, iovsLen, written) {
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = view().getUint32(iovs + i * 8, true);
        const len = view().getUint32(iovs + i * 8 + 4, true);
        process.stderr.write(new Uint8Array(memory.buffer, ptr, len));
        total += len;
      }
      view().setUint32(written, total, true);
      return 0;
    },
    random_get(buf, len) { crypto.getRandomValues(new Uint8Array(memory.buffer, buf, len)); return 0; },
    clock_time_get(_id, _precision, out) { view().setBigUint64(out, BigInt(Date.now()) * 1000000n, true); return 0; },
    args_sizes_get(count, size) { view().setUint32(count, 0, true); view().setUint32(size, 0, true); return 0; },
    environ_sizes_get(count, size) { view().setUint32(count, 0, true); view().setUint32(size, 0, true); return 0; },
    args_get: () => 0,
    environ_get: () => 0,
    sched_yield: () => 0,
    proc_exit(code) { throw new Error(`proc_exit(${code})`); },
  };
  const wasi = {};
  const imported = [];
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== "wasi_snapshot_preview1" || imp.kind !== "function") throw new Error(`unexpected import ${imp.module}.${imp.name}`);
    imported.push(imp.name);
    wasi[imp.name] = known[imp.name] ?? (() => ENOSYS);
  }
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi });
  const ex = instance.exports;
  memory = ex.memory;
  ex._initialize?.();
  return {
    exports: ex,
    imported,
    /** One call: alloc `cap` (default: the frame length), write, kk_call, copy the answer out, kk_free. */
    call(frame, cap = frame.length) {
      const ptr = ex.kk_alloc(cap) >>> 0;
      if (ptr === 0) throw new Error("kk_alloc returned 0");
      if (ptr % 8 !== 0) throw new Error(`kk_alloc returned unaligned ${ptr}`);
      new Uint8Array(memory.buffer, ptr, frame.length).set(frame);
      const rptr = ex.kk_call(ptr, cap) >>> 0;
      if (rptr === 0) throw new Error("kk_call returned 0");
      if (rptr % 8 !== 0) throw new Error(`answer at unaligned ${rptr}`);
      const rlen = 16 + new DataView(memory.buffer).getUint32(rptr + 12, true);
      const answer = new Uint8Array(memory.buffer, rptr, rlen).slice();
      ex.kk_free(rptr, rlen);
      return answer;
    },
    memoryBytes: () => memory.buffer.byteLength,
  };
}
