/**
 * Where a service module comes from ({@link WasmSource}) and how it becomes a
 * `WebAssembly.Module` ({@link compileWasm}): bytes, a compiled module, a
 * fetch `Response`, a URL, or a file path on node, bun and deno (read from
 * disk through the runtime's `node:fs`). Anything else rejects with a
 * `SystemError` that lists what is accepted.
 * @module
 */

import { SystemError } from "../rpc/errors.js";
import { describeValue } from "../wire/check.js";

/**
 * Where a module comes from: a precompiled `WebAssembly.Module`, its bytes
 * (`ArrayBuffer` or any view, e.g. a node `Buffer`), a fetch `Response` (or a
 * promise of one: compiled while it streams), a `URL` (`file:` read from disk
 * on node/bun/deno, others fetched), a string (an absolute `http:`, `https:`,
 * `file:`, `blob:` or `data:` URL; on node/bun/deno any other string is a file
 * path, relative to the working directory; in a page or worker, a URL
 * relative to it), or a function returning a module.
 */
export type WasmSource =
  | WebAssembly.Module
  | ArrayBuffer
  | ArrayBufferView<ArrayBuffer>
  | URL
  | string
  | Response
  | PromiseLike<Response>
  | (() => PromiseLike<WebAssembly.Module> | WebAssembly.Module);

/** What {@link compileWasm} accepts, for its error message. */
const ACCEPTED =
  "bytes (ArrayBuffer, Uint8Array), a WebAssembly.Module, a Response or a Promise of one, a URL, a file path (node, bun, deno) or a function returning a module";

/** URL schemes a string source is taken as a URL with (any other string is a path on node/bun/deno). */
const URL_SCHEMES = new Set(["http:", "https:", "file:", "blob:", "data:"]);

/** The subset of `node:fs/promises` used here. */
interface NodeFs {
  readFile(path: string | URL): Promise<Uint8Array<ArrayBuffer>>;
}

/** `node:fs/promises` when the runtime has it (node >= 20.16, bun, deno), else `undefined` (a page, a worker, workerd). */
function nodeFs(): NodeFs | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.("node:fs/promises") as Partial<NodeFs> | undefined;
  return typeof fs?.readFile === "function" ? (fs as NodeFs) : undefined;
}

/** The bytes of a local file (`path` or a `file:` URL), or `SystemError` `unavailable` saying why not. */
async function readLocal(fs: NodeFs, where: string | URL): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await fs.readFile(where);
  } catch (e) {
    throw new SystemError("unavailable", `cannot read the wasm module ${String(where)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `s` as a URL when it is an absolute URL of a scheme in {@link URL_SCHEMES}, else `undefined`. */
function absoluteUrl(s: string): URL | undefined {
  try {
    const url = new URL(s);
    return URL_SCHEMES.has(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** True for a thenable (a `Promise<Response>` or any `PromiseLike`). */
function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === "object" || typeof v === "function") && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** True for a fetch `Response` (or a lookalike with `arrayBuffer()`, e.g. from another realm). */
function isResponse(v: unknown): v is Response {
  if (typeof Response === "function" && v instanceof Response) return true;
  return typeof v === "object" && v !== null && typeof (v as { arrayBuffer?: unknown }).arrayBuffer === "function" && "status" in v;
}

/** Compiles a fetch response, streaming where the runtime can (falling back to the bytes). */
async function compileResponse(response: PromiseLike<Response>): Promise<WebAssembly.Module> {
  if (typeof WebAssembly.compileStreaming === "function") {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (e) {
      // A server without `application/wasm` (or a runtime without streaming): compile the bytes.
      if (!(e instanceof TypeError)) throw e;
    }
  }
  const res = await response;
  if (!isResponse(res)) throw new SystemError("unavailable", `the promise resolved to ${describeValue(res)}, not a Response; a wasm source is ${ACCEPTED}`);
  if (res.ok === false) throw new SystemError("unavailable", `fetching the wasm module ${res.url}: HTTP ${res.status}`);
  return WebAssembly.compile(await (res.clone ? res.clone() : res).arrayBuffer());
}

/** Fetches `url` and compiles the response (a network failure is `unavailable`). */
function compileFetched(url: URL | string): Promise<WebAssembly.Module> {
  if (typeof fetch !== "function") return Promise.reject(new SystemError("unavailable", `no fetch in this runtime to load ${String(url)}`));
  const response = fetch(url).catch((e: unknown) => {
    throw new SystemError("unavailable", `fetching the wasm module ${String(url)}: ${e instanceof Error ? e.message : String(e)}`);
  });
  return compileResponse(response);
}

/**
 * Compiles a {@link WasmSource}: streaming when fetched, from disk for
 * `file:` URLs and paths on node/bun/deno. Rejects with `SystemError`
 * `unavailable` for a source of another kind (naming what is accepted), a
 * file that cannot be read or a failed fetch.
 */
export async function compileWasm(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === "function") return source();
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return WebAssembly.compile(source);
  if (typeof source === "string" || source instanceof URL) {
    const url = typeof source === "string" ? absoluteUrl(source) : source;
    const fs = nodeFs();
    if (fs && (url === undefined || url.protocol === "file:")) return WebAssembly.compile(await readLocal(fs, url ?? source));
    return compileFetched(url ?? source);
  }
  if (isResponse(source)) return compileResponse(Promise.resolve(source));
  if (isThenable(source)) return compileResponse(source);
  throw new SystemError("unavailable", `a wasm source is ${ACCEPTED}; got ${describeValue(source)}`);
}
