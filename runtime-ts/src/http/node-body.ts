/**
 * The JSON request body read straight from Node's request on
 * `@hono/node-server` (docs/http.md §5): the adapter passes its
 * `IncomingMessage` as `c.env.incoming`, and a body read from it with a
 * few listeners costs about 10 µs per request less than the adapter's own
 * reader behind `c.req.json()` (`cargo xtask bench http`). The body's text
 * goes into Hono's body cache, which `c.req.json()` — and so
 * `@hono/zod-validator` — parses. Elsewhere (bun, deno, workerd) or
 * when something has read the body already, nothing is done and the
 * validator reads it as usual.
 * @module
 */

import type { Context } from "hono";

/** What this file uses of Node's `http.IncomingMessage`. */
interface NodeIncoming {
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  once(event: "end" | "close", listener: () => void): unknown;
  once(event: "error", listener: (error: unknown) => void): unknown;
  readonly readableDidRead?: boolean;
}

const decoder = new TextDecoder();

/** `c`'s Node request when `@hono/node-server` serves it (its `HttpBindings`), else `undefined`. */
function nodeIncoming(c: Context): NodeIncoming | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (typeof incoming !== "object" || incoming === null) return undefined;
  const candidate = incoming as Partial<NodeIncoming>;
  return typeof candidate.on === "function" && typeof candidate.once === "function" ? (candidate as NodeIncoming) : undefined;
}

/**
 * On `@hono/node-server`, reads `c`'s body (whose `Content-Length` the
 * caller has checked against the limit) and caches it as `c.req.text()`'s
 * answer, decoded as `Request.text()` decodes (UTF-8, a BOM dropped,
 * malformed bytes replaced), or the read's error. `c.req.json()` parses
 * that text, and the validator refuses a malformed body as it does itself.
 * Resolves once the body is in; `undefined` when this does not apply.
 */
export function preloadNodeJsonBody(c: Context): Promise<void> | undefined {
  const incoming = nodeIncoming(c);
  const cache = c.req.bodyCache;
  if (incoming === undefined || incoming.readableDidRead === true || holdsAny(cache)) return undefined;
  return new Promise<void>((resolve) => {
    const chunks: Uint8Array[] = [];
    let settled = false;
    // `read` makes the answer only when it is the first: a rejection made and dropped would be
    // reported as unhandled.
    const settle = (read: () => string): void => {
      if (settled) return;
      settled = true;
      const text = new Promise<string>((ok) => ok(read()));
      text.catch(() => undefined); // awaited by the validator; never reported as unhandled
      (cache as { text?: Promise<string> }).text = text; // Hono keeps promises there (typed as the values)
      resolve();
    };
    incoming.on("data", (chunk) => chunks.push(chunk));
    incoming.once("end", () => settle(() => decoder.decode(joined(chunks))));
    incoming.once("error", (error) =>
      settle(() => {
        throw error;
      }),
    );
    incoming.once("close", () =>
      settle(() => {
        throw new Error("the request body ended before its Content-Length");
      }),
    );
  });
}

/** Whether `cache` holds a body already (a key test, not an array of keys per request). */
function holdsAny(cache: object): boolean {
  for (const _ in cache) return true;
  return false;
}

/** The bytes of `chunks`, back to back (the one chunk itself when there is one). */
function joined(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let size = 0;
  for (const chunk of chunks) size += chunk.byteLength;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
