/**
 * Import objects for service modules (docs/abi.md §2): a minimal
 * `wasi_snapshot_preview1` shim for Go/wasip1 builds, and throwing stubs for
 * the wasm-bindgen intrinsics a `wasm32-unknown-unknown` build imports.
 * @module
 */

/** `errno` values used by the shim. */
const ESUCCESS = 0;
const EBADF = 8;
const ENOSYS = 52;

/** Thrown by the shim's `proc_exit`. */
export class WasiExit extends Error {
  /** The exit code passed to `proc_exit`. */
  readonly exitCode: number;
  /** Creates the exit signal. */
  constructor(exitCode: number) {
    super(`wasm module exited with code ${exitCode}`);
    this.name = "WasiExit";
    this.exitCode = exitCode;
  }
}

/** Gives the shim access to the instance's memory once it exists. */
export interface MemoryRef {
  /** The module's memory, set right after instantiation. */
  memory: WebAssembly.Memory | undefined;
}

type ImportFn = (...args: never[]) => number | bigint | void;

function wasiShim(ref: MemoryRef, module: WebAssembly.Module): Record<string, ImportFn> {
  const bytes = (): Uint8Array => new Uint8Array(ref.memory!.buffer);
  const view = (): DataView => new DataView(ref.memory!.buffer);
  const lines = ["", ""];
  const decoder = new TextDecoder();
  const known: Record<string, ImportFn> = {
    fd_write(fd: number, iovs: number, iovsLen: number, written: number): number {
      if (fd !== 1 && fd !== 2) return EBADF;
      const v = view();
      let total = 0;
      for (let i = 0; i < iovsLen; i++) {
        const ptr = v.getUint32(iovs + i * 8, true);
        const len = v.getUint32(iovs + i * 8 + 4, true);
        lines[fd - 1] += decoder.decode(bytes().subarray(ptr, ptr + len), { stream: true });
        total += len;
      }
      const parts = lines[fd - 1]!.split("\n");
      lines[fd - 1] = parts.pop()!;
      for (const line of parts) (fd === 1 ? console.log : console.error)(line);
      v.setUint32(written, total, true);
      return ESUCCESS;
    },
    random_get(buf: number, len: number): number {
      for (let off = 0; off < len; off += 65536) {
        crypto.getRandomValues(bytes().subarray(buf + off, buf + Math.min(len, off + 65536)));
      }
      return ESUCCESS;
    },
    clock_time_get(clockId: number, _precision: bigint, out: number): number {
      const ms = clockId === 0 ? Date.now() : performance.now();
      view().setBigUint64(out, BigInt(Math.round(ms * 1e6)), true);
      return ESUCCESS;
    },
    clock_res_get(_clockId: number, out: number): number {
      view().setBigUint64(out, 1000n, true);
      return ESUCCESS;
    },
    args_sizes_get: (count: number, size: number) => zeroPair(view(), count, size),
    environ_sizes_get: (count: number, size: number) => zeroPair(view(), count, size),
    args_get: () => ESUCCESS,
    environ_get: () => ESUCCESS,
    proc_exit(code: number): never {
      throw new WasiExit(code);
    },
    sched_yield: () => ESUCCESS,
  };
  const shim: Record<string, ImportFn> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === "wasi_snapshot_preview1" && imp.kind === "function") {
      shim[imp.name] = known[imp.name] ?? (() => ENOSYS);
    }
  }
  return shim;
}

function zeroPair(view: DataView, a: number, b: number): number {
  view.setUint32(a, 0, true);
  view.setUint32(b, 0, true);
  return ESUCCESS;
}

/**
 * Builds the import object for `module`: the WASI shim for
 * `wasi_snapshot_preview1`, and for every other function import a stub that
 * throws when called (`__wbindgen_throw` first decodes its message;
 * `__wbindgen_init_externref_table` is a no-op: the fast path passes no externrefs).
 */
export function buildImports(module: WebAssembly.Module, ref: MemoryRef): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  const decoder = new TextDecoder();
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module === "wasi_snapshot_preview1") continue;
    if (imp.kind !== "function") {
      throw new Error(`module imports ${imp.kind} ${imp.module}.${imp.name}; only functions can be stubbed (docs/abi.md §2)`);
    }
    const group = (imports[imp.module] ??= {});
    group[imp.name] = imp.name.includes("init_externref_table")
      ? (): void => {}
      : imp.name.includes("wbindgen_throw")
      ? (ptr: number, len: number): never => {
          throw new Error(decoder.decode(new Uint8Array(ref.memory!.buffer, ptr, len)));
        }
      : (): never => {
          throw new Error(`wasm import ${imp.module}.${imp.name} is not available on the kkgen fast path`);
        };
  }
  imports["wasi_snapshot_preview1"] = wasiShim(ref, module);
  return imports;
}
