/**
 * The ABI host (docs/abi.md): instantiates a service module lazily, writes
 * call frames straight into its linear memory, calls the module, reads the
 * answer with one copy (or as a view the caller opted into), and replaces the
 * instance after a trap. A version-2 module gets small frames in its scratch
 * region, answered by one `kk_call_scratch` crossing (§1.5); bigger frames,
 * and every frame of a version-1 module, take `kk_alloc`, `kk_call`, `kk_free`.
 * @module
 */

import type { FastExport, OpCall } from "../rpc/call.js";
import { readAnswerAt } from "../rpc/answer.js";
import { SystemError } from "../rpc/errors.js";
import {
  FRAME_HEADER_LEN,
  FrameKind,
  checkFrameHeader,
  headerErrorCode,
  headerErrorFrame,
  readFrameHeader,
  systemErrorFrame,
  writeFrameHeader,
  type FrameHeader,
} from "../wire/frame.js";
import { loadU32 } from "../wire/bytes.js";
import { countCopy } from "../wire/copies.js";
import { DEFAULT_LIMITS, type Limits } from "../wire/limits.js";
import { buildImports, type MemoryRef } from "./imports.js";
import { compileWasm, type WasmSource } from "./wasm-source.js";

/** The exports docs/abi.md §1 requires. */
interface AbiExports {
  memory: WebAssembly.Memory;
  kk_alloc(len: number): number;
  kk_free(ptr: number, len: number): void;
  kk_call(ptr: number, cap: number): number;
  kk_abi_version(): number;
  /** Version 2 (docs/abi.md §1.5): the scratch region and its one-crossing call. */
  kk_scratch?: () => number;
  kk_scratch_len?: () => number;
  kk_call_scratch?: (len: number) => number;
  /** Optional (docs/abi.md §1.6): takes the host's frame limit, so handlers can refuse an answer that would not fit before building it. */
  kk_set_max_frame_len?: (len: number) => void;
  _initialize?: () => void;
  __wbindgen_start?: () => void;
}

/** The exports every service module has (docs/abi.md §1). */
const REQUIRED_EXPORTS = ["memory", "kk_alloc", "kk_free", "kk_call"] as const;

/**
 * Why `module` is no service module (docs/abi.md §1), or `undefined` when it
 * is one. A `wasm32-unknown-unknown` build before wasm-bindgen (its exports
 * carry a hash suffix, `kk_alloc_<hash>`, and it imports
 * `__wbindgen_placeholder__`) is told apart, with the command that fixes it.
 */
function abiProblem(module: WebAssembly.Module): string | undefined {
  const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const missing = REQUIRED_EXPORTS.find((name) => !exports.has(name));
  const beforeBindgen =
    WebAssembly.Module.imports(module).some((i) => i.module === "__wbindgen_placeholder__") ||
    (missing !== undefined && [...exports].some((name) => name.startsWith(`${missing}_`)));
  if (beforeBindgen) {
    return "this is a wasm32-unknown-unknown module before wasm-bindgen (its exports carry a hash suffix, e.g. kk_alloc_<hash>): run wasm-bindgen-cli on it (`wasm-bindgen --target web --out-dir OUT module.wasm`, then load OUT/<name>_bg.wasm) or build with `kkgen build rust` (docs/build.md)";
  }
  return missing === undefined ? undefined : `wasm module does not export ${missing} (docs/abi.md §1)`;
}

/** Counters the tests and the benchmark read. */
export interface HostStats {
  /** Calls made into the module. */
  calls: number;
  /** Instances created (1 + the number of traps that were recovered from). */
  instances: number;
  /** Traps caught. */
  traps: number;
  /** Of {@link calls}, those made through a scalar fast export (docs/abi.md §1.4). */
  fastCalls: number;
  /** Of {@link calls}, frames sent through the scratch region in one crossing (`kk_call_scratch`, docs/abi.md §1.5). */
  scratchCalls: number;
  /** The ABI version of the last instance (0 before the first): 2 takes the scratch path for small frames, 1 always three crossings. */
  abiVersion: number;
}

/**
 * Hosts one service module. Calls are synchronous once the instance exists;
 * {@link WasmHost.ready} creates it (the first call awaits it).
 */
export class WasmHost {
  /** Counters (calls, instances, traps). */
  readonly stats: HostStats = { calls: 0, instances: 0, traps: 0, fastCalls: 0, scratchCalls: 0, abiVersion: 0 };
  private modulePromise: Promise<WebAssembly.Module> | undefined;
  private module: WebAssembly.Module | undefined;
  private exports: AbiExports | undefined;
  /** Linear memory as bytes (renewed when memory grows); frames are written and read through it. */
  private bytes: Uint8Array = new Uint8Array(0);
  /** A borrowed response block freed on the next call (see {@link CallOptions.borrow}). */
  private lent: [ptr: number, len: number] | undefined;
  /** The live instance's scratch region (address, length); length 0 for a version-1 module. */
  private scratchPtr = 0;
  private scratchLen = 0;
  /** Whether the live instance's memory is shared (it grows without detaching the old buffer). */
  private sharedMemory = false;

  /**
   * Creates a host; nothing is compiled until {@link ready} or the first call.
   * `limits.maxFrameLen` bounds the call frames it accepts and the answers it
   * reads (docs/wire.md §5.1; default 256 MiB).
   */
  constructor(
    private readonly source: WasmSource,
    /** The frame limits in force (the port server applies the same). */
    readonly limits: Partial<Limits> = DEFAULT_LIMITS,
  ) {}

  /** Compiles (once) and instantiates (when there is no live instance). */
  async ready(): Promise<void> {
    if (this.exports) return;
    this.module ??= await (this.modulePromise ??= compileWasm(this.source));
    if (!this.exports) this.instantiate(this.module);
  }

  /** True when an instance is live (calls can run synchronously). */
  get isReady(): boolean {
    return this.exports !== undefined;
  }

  /** The live instance's linear memory in bytes (0 when none is live): what it costs of the isolate's memory. */
  get memoryBytes(): number {
    return this.exports?.memory.buffer.byteLength ?? 0;
  }

  private instantiate(module: WebAssembly.Module): AbiExports {
    const problem = abiProblem(module);
    if (problem !== undefined) throw new SystemError("unavailable", problem);
    const ref: MemoryRef = { memory: undefined };
    const instance = new WebAssembly.Instance(module, buildImports(module, ref));
    const exports = instance.exports as unknown as AbiExports;
    ref.memory = exports.memory;
    exports._initialize?.();
    exports.__wbindgen_start?.();
    exports.kk_set_max_frame_len?.(Math.min(this.limits.maxFrameLen ?? DEFAULT_LIMITS.maxFrameLen, 0xffffffff));
    const version = exports.kk_abi_version?.() ?? 1;
    if (version !== 1 && version !== 2) throw new SystemError("unavailable", `unsupported kkrpc ABI version ${version}`);
    if (version === 2) {
      if (!exports.kk_scratch || !exports.kk_scratch_len || !exports.kk_call_scratch) throw new SystemError("unavailable", "an ABI version 2 module must export kk_scratch, kk_scratch_len and kk_call_scratch (docs/abi.md §1.5)");
      this.scratchPtr = exports.kk_scratch() >>> 0;
      this.scratchLen = exports.kk_scratch_len() >>> 0;
      if (this.scratchPtr % 8 !== 0 || this.scratchPtr + this.scratchLen > exports.memory.buffer.byteLength) throw new SystemError("unavailable", "kk_scratch: the region is not 8-aligned inside memory");
    } else {
      this.scratchLen = 0;
    }
    this.stats.abiVersion = version;
    this.exports = exports;
    this.lent = undefined;
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.sharedMemory = typeof SharedArrayBuffer !== "undefined" && exports.memory.buffer instanceof SharedArrayBuffer;
    this.stats.instances++;
    return exports;
  }

  /**
   * The live instance's export `name` when it is a function (a scalar fast
   * export, docs/abi.md §1.4); `undefined` when there is none or no instance
   * is live (the next frame call instantiates).
   */
  fastExport(name: string): FastExport | undefined {
    const exports = this.exports as unknown as Record<string, unknown> | undefined;
    const fn = exports?.[name];
    return typeof fn === "function" ? (fn as FastExport) : undefined;
  }

  /**
   * Runs `invoke` with `fn`, an export of the live instance from
   * {@link fastExport}. A trap (anything but the `TypeError` of an argument
   * JS cannot convert, e.g. a number for an i64) rejects with `SystemError`
   * `trap` and drops the instance, as for `kk_call` (docs/abi.md §1.2).
   */
  invokeFast<T>(fn: FastExport, invoke: (fn: FastExport) => T): T {
    this.stats.calls++;
    this.stats.fastCalls++;
    try {
      return invoke(fn);
    } catch (e) {
      throw this.fastFailed(e);
    }
  }

  /**
   * The error a fast export call that threw `e` fails with: `e` itself when
   * it is the `TypeError` of an argument JS cannot convert, else `SystemError`
   * `trap`, after dropping the instance (the next call gets a fresh one).
   */
  fastFailed(e: unknown): Error {
    if (e instanceof TypeError) return e;
    this.discard();
    return new SystemError("trap", e instanceof Error ? e.message : String(e));
  }

  /** True once the module is compiled: a call can then instantiate synchronously (after a trap too). */
  get isCompiled(): boolean {
    return this.module !== undefined;
  }

  private live(): AbiExports {
    if (this.exports) return this.exports;
    if (!this.module) throw new SystemError("internal", "WasmHost used before ready()");
    return this.instantiate(this.module);
  }

  /**
   * Linear memory as bytes. `memory.buffer` is a costly getter, so it is read
   * again only when the view went stale: a grown memory detaches its old
   * buffer (the view's length reads 0). Shared memory grows without
   * detaching, so it is read on every call.
   */
  private memory(): Uint8Array {
    if (this.bytes.length === 0 || this.sharedMemory) {
      const buffer = this.exports!.memory.buffer;
      if (this.bytes.buffer !== buffer) this.bytes = new Uint8Array(buffer);
    }
    return this.bytes;
  }

  /** Drops the instance after a trap; the next call re-instantiates (docs/abi.md §1.2). */
  private discard(): void {
    this.exports = undefined;
    this.lent = undefined;
    this.bytes = new Uint8Array(0);
    this.stats.traps++;
  }

  /**
   * Performs `op` with call id `callId` (the direct transport): writes its
   * call frame in place — into the scratch region when it fits (one crossing,
   * docs/abi.md §1.5), else into a `kk_alloc` block — and decodes the answer
   * in place from linear memory (one copy out; with `borrow`, typed buffers
   * are views valid until the next call on this host, docs/runtime-ts.md).
   * No view, closure or header object is made per call. Returns the value or
   * throws the call's error; traps throw `SystemError` `trap` and reset the instance.
   */
  call<T>(op: OpCall<T>, callId: number, borrow: boolean): T {
    const abi = this.live();
    const cap = FRAME_HEADER_LEN + op.maxPayloadLen;
    const scratch = cap <= this.scratchLen;
    const ptr = this.reserve(abi, cap, scratch);
    let payloadLen: number;
    try {
      const bytes = this.memory();
      payloadLen = op.encodeAt !== undefined ? op.encodeAt(bytes, ptr + FRAME_HEADER_LEN, ptr + cap) : op.encode(bytes.subarray(ptr, ptr + cap));
      // `encode` cannot grow memory (it only writes), so `bytes` is still live.
      writeFrameHeader(bytes, ptr, FrameKind.Call, callId, op.opId, payloadLen);
    } catch (e) {
      if (!scratch) abi.kk_free(ptr, cap);
      throw e;
    }
    const rptr = scratch ? this.send(0, FRAME_HEADER_LEN + payloadLen) : this.send(ptr, cap);
    const memory = this.bytes;
    const start = rptr + FRAME_HEADER_LEN;
    const stop = start + this.answerLen;
    // A scratch answer belongs to the module; any other is freed here, or lent until the next call.
    let keep = scratch;
    try {
      const kind = memory[rptr + 1]!;
      const value = readAnswerAt(op, kind, memory, start, stop, borrow);
      if (!scratch && borrow && kind === FrameKind.Ok) {
        this.lent = [rptr, stop - rptr];
        keep = true;
      }
      return value;
    } finally {
      if (!keep && this.exports === abi) abi.kk_free(rptr, stop - rptr);
    }
  }

  /**
   * Where a call frame of `cap` bytes goes: the scratch region when
   * `scratch`, else a new `kk_alloc` block (`too_large` when it fails). First
   * frees the answer lent by the previous call (its views end here).
   */
  private reserve(abi: AbiExports, cap: number, scratch: boolean): number {
    if (this.lent) {
      abi.kk_free(this.lent[0], this.lent[1]);
      this.lent = undefined;
    }
    const ptr = scratch ? this.scratchPtr : abi.kk_alloc(cap) >>> 0;
    if (ptr === 0) throw new SystemError("too_large", `kk_alloc(${cap}) failed`);
    return ptr;
  }

  /**
   * Calls the module with a complete call frame from elsewhere (a worker
   * message): copies it into linear memory once and returns the response as a
   * fresh buffer (one copy out) ready to be transferred — or into the buffer
   * `out(length)` returns, when it returns one of exactly that length (a
   * server reusing buffers for small answers it clones). Never throws:
   * failures become system error frames.
   */
  callFrame(request: Uint8Array, out?: (length: number) => Uint8Array | undefined): Uint8Array {
    let header: FrameHeader;
    try {
      header = readFrameHeader(request, 0, this.limits);
    } catch (e) {
      return headerErrorFrame(request, e);
    }
    try {
      const abi = this.live();
      const cap = FRAME_HEADER_LEN + header.payloadLen;
      if (cap > request.byteLength) return systemErrorFrame(header.callId, header.opId, "bad_frame", "truncated frame");
      const scratch = cap <= this.scratchLen;
      const ptr = this.reserve(abi, cap, scratch);
      this.memory().set(request.subarray(0, cap), ptr);
      countCopy();
      const rptr = this.send(scratch ? 0 : ptr, cap);
      const rlen = FRAME_HEADER_LEN + this.answerLen;
      const frame = this.bytes.subarray(rptr, rptr + rlen);
      try {
        const target = out?.(rlen);
        countCopy();
        if (target === undefined) return frame.slice();
        target.set(frame);
        return target;
      } finally {
        if (!scratch && this.exports === abi) abi.kk_free(rptr, rlen);
      }
    } catch (e) {
      const code = e instanceof SystemError ? e.code : "internal";
      return systemErrorFrame(header.callId, header.opId, code, e instanceof Error ? e.message : String(e));
    }
  }

  /** The payload length of the answer {@link send} returned last. */
  private answerLen = 0;

  /**
   * Calls the module with the frame at `ptr` (a `kk_alloc` block of `cap`
   * bytes), or with `ptr` 0 the frame of `cap` bytes in the scratch region,
   * and returns the answer's address once its header is valid and it lies in
   * memory, its payload length in {@link answerLen} and {@link bytes} fresh.
   * A scratch answer belongs to the module (valid until the next call,
   * docs/abi.md §1.5); any other the caller frees with `kk_free`. An answer
   * over the frame limit is freed and refused `too_large`; a malformed one
   * means a broken module, which is not called again.
   */
  private send(ptr: number, cap: number): number {
    const abi = this.exports!;
    let rptr: number;
    const owned = ptr !== 0;
    this.stats.calls++;
    try {
      if (owned) rptr = abi.kk_call(ptr, cap) >>> 0;
      else {
        this.stats.scratchCalls++;
        rptr = abi.kk_call_scratch!(cap) >>> 0;
      }
    } catch (e) {
      this.discard();
      throw new SystemError("trap", e instanceof Error ? e.message : String(e));
    }
    if (rptr === 0) throw new SystemError("internal", "the module could not allocate a response");
    const memory = this.memory();
    let payloadLen: number;
    try {
      payloadLen = checkFrameHeader(memory, rptr, this.limits);
    } catch (e) {
      const code = headerErrorCode(e);
      const rlen = FRAME_HEADER_LEN + loadU32(memory, rptr + 12);
      if (code === "too_large" && rptr + rlen <= memory.byteLength) {
        if (owned) abi.kk_free(rptr, rlen);
      } else this.discard();
      throw new SystemError(code, `response frame: ${(e as Error).message}`);
    }
    if (rptr + FRAME_HEADER_LEN + payloadLen > memory.byteLength) {
      this.discard();
      throw new SystemError("bad_frame", "response frame past the end of memory");
    }
    this.answerLen = payloadLen;
    return rptr;
  }

  /** Drops the instance (and with it all service state); the next call starts afresh. */
  reset(): void {
    this.exports = undefined;
    this.lent = undefined;
  }
}
