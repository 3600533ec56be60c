/**
 * The runtime of the generated typed HTTP clients (`http-client.ts` of
 * `kkgen gen --lang hono`, docs/http.md §7): one `fetch` per call to
 * `POST {baseUrl}/{package}/{Service}/{op}`, parameters encoded with
 * `z.encode` of the op's params codec, results decoded with its result codec,
 * error bodies turned into the op's typed error classes or {@link SystemError}
 * with the code the server named — the same rejections as every other
 * transport. Imports `zod` and the runtime's core only (no `hono`): browser
 * bundles take it from `@kkgen/runtime/http-client`.
 * @module
 */

import { z } from "zod";
import type { CallOptions } from "../rpc/call.js";
import { SystemError } from "../rpc/errors.js";
import { TYPED_ERROR_STATUS } from "../rpc/status.js";
import { SystemErrorCodes, type SystemErrorName } from "../wire/frame.js";
import { JSON_MEDIA_TYPE, mediaType, OCTET_STREAM_MEDIA_TYPE } from "./media-type.js";

/** Options of a generated `create{Service}HttpClient(baseUrl, options)`. */
export interface HttpClientOptions {
  /** The `fetch` to call (default `globalThis.fetch`): inject one for tests, proxies or auth. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Headers sent with every request (e.g. `authorization`), or a function giving them per call. */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** Timeout of calls that set no `timeoutMs` of their own, in milliseconds (default: none). */
  readonly timeoutMs?: number;
}

/** A typed-array class, as the schema's typed buffers map to (`Float32Array`, `BigInt64Array`, ...). */
export interface TypedBufferClass<A extends ArrayBufferView> {
  /** Bytes per element. */
  readonly BYTES_PER_ELEMENT: number;
  /** A view of all of `buffer`. */
  new (buffer: ArrayBuffer): A;
}

/**
 * A Zod 4 schema as an {@link HttpOp} holds it: structurally just the `_zod`
 * slot every Zod schema has. The generated codecs' output types are the TS
 * types by construction (the Zod backend's tests check that), so binding one
 * here needs no structural comparison of Zod's types — which is what keeps
 * type-checking a large generated client fast (`cargo xtask bench http`).
 */
export interface HttpSchema {
  /** Zod's internals (never read here). */
  readonly _zod: unknown;
}

/** A generated typed error class: built from its decoded `data`. */
export type HttpErrorClass = new (data: never) => Error;

/** One op as the generated client describes it (a module constant per op). */
export interface HttpOp<P, R> {
  /** The route below the base URL: `{package}/{Service}/{op}`. */
  readonly path: string;
  /** The op's params codec (`{Service}{Op}ParamsSchema`): TS params (`P`) → JSON object. */
  readonly params: HttpSchema;
  /** The op's result codec (`{Service}{Op}ResultSchema`, JSON → `R`); `undefined` for ops without a result (204). */
  readonly result: HttpSchema | undefined;
  /** Per typed error the op throws, by its name in the schema: its codec (`{Error}Schema`) and its class (`{Error}Error`). */
  readonly errors: Readonly<Record<string, readonly [HttpSchema, HttpErrorClass]>>;
  /** Ops whose only parameter is one typed buffer: that parameter's key, sent as an octet-stream body. */
  readonly bufferParam?: keyof P & string;
  /** Ops whose result is one typed buffer: its class, asked for as an octet-stream answer. */
  readonly bufferResult?: TypedBufferClass<ArrayBufferView>;
  /** The result's type (never set: `R` lives in the type only). */
  readonly resultType?: R;
}

/** What a generated client calls: one method for every op. */
export interface HttpCaller {
  /** Calls `op` with `params`; rejects with the op's typed error or a {@link SystemError}. */
  call<P, R>(op: HttpOp<P, R>, params: P, options?: CallOptions): Promise<R>;
}


/** The {@link HttpCaller} of the service at `baseUrl` (ops are below it: `{baseUrl}/{package}/...`). */
export function createHttpCaller(baseUrl: string | URL, options: HttpClientOptions = {}): HttpCaller {
  const base = String(baseUrl).replace(/\/+$/, "") + "/";
  const fetchFn = options.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const extraHeaders = options.headers;
  return {
    async call<P, R>(op: HttpOp<P, R>, params: P, callOptions?: CallOptions): Promise<R> {
      const headers: Record<string, string> = { ...(typeof extraHeaders === "function" ? extraHeaders() : extraHeaders) };
      headers["accept"] = op.bufferResult ? `${OCTET_STREAM_MEDIA_TYPE}, ${JSON_MEDIA_TYPE}` : JSON_MEDIA_TYPE;
      let body: BodyInit;
      if (op.bufferParam !== undefined) {
        const view = params[op.bufferParam] as ArrayBufferView;
        headers["content-type"] = OCTET_STREAM_MEDIA_TYPE;
        body = new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength);
      } else {
        headers["content-type"] = JSON_MEDIA_TYPE;
        body = JSON.stringify(encodeParams(op, params));
      }
      const timeoutMs = callOptions?.timeoutMs ?? options.timeoutMs;
      const signal = callOptions?.signal;
      const init: RequestInit = { method: "POST", headers, body };
      const url = base + op.path;
      if (signal === undefined && timeoutMs === undefined) return send(fetchFn, url, init, op);
      if (signal?.aborted) throw cancelled();
      const deadline = callDeadline(signal, timeoutMs);
      init.signal = deadline.signal;
      try {
        // Raced against the deadline: an injected fetch that ignores its signal cannot outlive it.
        return await Promise.race([send(fetchFn, url, init, op), deadline.fired]);
      } catch (e) {
        throw deadline.reason() ?? e;
      } finally {
        deadline.clear();
      }
    },
  };
}

/** One request and its answer: the call's value, or the error it rejects with. */
async function send<P, R>(fetchFn: NonNullable<HttpClientOptions["fetch"]>, url: string, init: RequestInit, op: HttpOp<P, R>): Promise<R> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (e) {
    throw new SystemError("unavailable", `POST ${op.path}: ${errorText(e)}`);
  }
  return answer(op, response);
}

/** The rejection of an aborted call. */
const cancelled = () => new SystemError("cancelled", "the call was aborted");

/** `z.encode` of the params; a value the schema refuses is a caller's bug, thrown as `SystemError` `decode` before anything is sent. */
function encodeParams<P, R>(op: HttpOp<P, R>, params: P): unknown {
  try {
    return z.encode(op.params as z.ZodType, params);
  } catch (e) {
    throw new SystemError("decode", `${op.path}: parameters do not fit the schema: ${issuesText(e)}`);
  }
}

/** The call's value from `response`, or the error it carries. */
async function answer<P, R>(op: HttpOp<P, R>, response: Response): Promise<R> {
  if (!response.ok) throw await failure(op, response);
  if (op.result === undefined) {
    await response.body?.cancel();
    return undefined as R;
  }
  const type = mediaType(response.headers.get("content-type"));
  if (op.bufferResult !== undefined && type === OCTET_STREAM_MEDIA_TYPE) {
    const bytes = await response.arrayBuffer();
    if (bytes.byteLength % op.bufferResult.BYTES_PER_ELEMENT !== 0) {
      throw new SystemError("decode", `${op.path}: ${bytes.byteLength} bytes is not a whole number of elements`);
    }
    return new op.bufferResult(bytes) as R;
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    throw new SystemError("decode", `${op.path}: the answer is not JSON: ${errorText(e)}`);
  }
  const parsed = (op.result as z.ZodType).safeParse(json);
  if (!parsed.success) throw new SystemError("decode", `${op.path}: the answer does not fit the schema: ${issuesText(parsed.error)}`);
  return parsed.data as R;
}

/**
 * The error of an error response (docs/http.md §4): 422 with one of the op's
 * typed errors is its class; a body naming a system error code is that
 * `SystemError` (with the server's message); `invalid_request` is `decode`
 * (the server refused what this client encoded); anything else, e.g. a
 * proxy's page, is the system error its status stands for.
 */
async function failure<P, R>(op: HttpOp<P, R>, response: Response): Promise<Error> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = isObject(body) && isObject(body["error"]) ? body["error"] : undefined;
  const type = typeof error?.["type"] === "string" ? error["type"] : undefined;
  const message = typeof error?.["message"] === "string" ? error["message"] : undefined;
  if (type !== undefined && response.status === TYPED_ERROR_STATUS && Object.hasOwn(op.errors, type)) {
    const [schema, ErrorClass] = op.errors[type]!;
    const data = (schema as z.ZodType).safeParse(error!["data"]);
    if (data.success) return new (ErrorClass as new (data: unknown) => Error)(data.data);
    return new SystemError("decode", `${op.path}: error ${type} does not fit the schema: ${issuesText(data.error)}`);
  }
  if (type !== undefined && Object.hasOwn(SystemErrorCodes, type)) {
    return new SystemError(type as SystemErrorName, stripCode(type, message));
  }
  if (type === "invalid_request") {
    return new SystemError("decode", `${op.path}: the server refused the request: ${JSON.stringify(error!["issues"])}`);
  }
  const detail = message ?? (type !== undefined ? type : response.statusText);
  return new SystemError(statusCode(response.status), `${op.path}: HTTP ${response.status}${detail ? ` ${detail}` : ""}`);
}

/** The system error an HTTP status stands for when the body names none (docs/http.md §4.2 read backwards). */
function statusCode(status: number): SystemErrorName {
  switch (status) {
    case 403:
      return "forbidden";
    case 404:
      return "unknown_op";
    case 408:
    case 504:
      return "timeout";
    case 413:
      return "too_large";
    case 429:
      return "overloaded";
    case 502:
    case 503:
      return "unavailable";
    default:
      return status >= 400 && status < 500 ? "decode" : "internal";
  }
}

/** The server's message without the `code: ` a `SystemError`'s message starts with (its constructor adds it again). */
function stripCode(code: string, message: string | undefined): string | undefined {
  if (message === undefined || message === code) return undefined;
  return message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
}

/**
 * The deadline of one call: `signal` (the caller's) and `timeoutMs` abort the
 * request's own signal; `fired` rejects with the `SystemError` (`cancelled`,
 * `timeout`) once either does, and `reason()` is that error.
 */
function callDeadline(signal: AbortSignal | undefined, timeoutMs: number | undefined) {
  const controller = new AbortController();
  let reason: SystemError | undefined;
  let fire: (e: SystemError) => void = () => {};
  const fired = new Promise<never>((_, reject) => (fire = reject));
  const abort = (why: SystemError) => {
    if (reason !== undefined) return;
    reason = why;
    controller.abort(why);
    fire(why);
  };
  const onAbort = () => abort(cancelled());
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => abort(new SystemError("timeout", `no answer within ${timeoutMs} ms`)), timeoutMs);
  return {
    signal: controller.signal,
    fired,
    reason: () => reason,
    clear() {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    },
  };
}


function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A Zod error's issues as `path: message` lines; other errors' messages. */
function issuesText(e: unknown): string {
  if (e instanceof z.ZodError) return e.issues.map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`).join("; ");
  return errorText(e);
}
