/**
 * The event hub behind `GET /{package}/{Service}/events` (docs/http.md,
 * Live updates): ops that `emits` an event publish their result here, and
 * every subscriber's server-sent event stream gets it in datastar 1.0's
 * format. Each event is formatted and encoded once and shared by all
 * subscribers; the last events are kept for replay after `Last-Event-ID`;
 * each subscriber's queue is bounded (a subscriber that falls behind is
 * disconnected and catches up by replay when it reconnects); one timer per
 * hub writes keep-alive comments; a subscriber is removed when its client
 * disconnects. Needs the peer dependency `@starfederation/datastar-sdk`;
 * no web framework: `sseResponse` takes a `Request` and returns a `Response`.
 * @module
 */

import { systemErrorResponse } from "./error-body.js";
import { eventFrame, KEEP_ALIVE_FRAME, openingFrame, requireFormatter, signalName, type ElementsPatch } from "./event-frames.js";
import { replacementPatch } from "./merge-patch.js";

export { signalName, type ElementsPatch, type ElementPatchMode } from "./event-frames.js";

/** Renders an event as HTML for `datastar-patch-elements`; `undefined` sends none for this event. */
export type EventRenderer = (event: string, data: unknown) => string | ElementsPatch | undefined;

/** Options of {@link createEventHub}; every bound has a default. */
export interface EventHubOptions {
  /** Events kept for replay after `Last-Event-ID`. Default 256. */
  readonly replayEvents?: number;
  /** Bytes of events kept for replay (the oldest go first). Default 512 KiB: keep it below `maxQueuedBytes`, since a replay is queued whole. */
  readonly replayBytes?: number;
  /** Bytes queued for one subscriber before it is disconnected as too slow. Default 1 MiB. */
  readonly maxQueuedBytes?: number;
  /** Subscribers at most; more get 503 `overloaded`. Default 1024. */
  readonly maxSubscribers?: number;
  /** Milliseconds between keep-alive comments. Default 15000. */
  readonly keepAliveMs?: number;
  /** The reconnection delay sent to clients as `retry:`, in milliseconds. Default 1000. */
  readonly retryMs?: number;
  /** Pushes each event's value as the signal named {@link signalName}(event). Default true. */
  readonly signals?: boolean;
  /** Renders events as HTML, sent as `datastar-patch-elements` after the signals. */
  readonly render?: EventRenderer;
  /** Called when `render` throws (the event is still sent as signals); default `console.error`. */
  readonly onRenderError?: (error: unknown, event: string) => void;
}

/** Options of one {@link EventHub.sseResponse}. */
export interface SseResponseOptions {
  /** Extra response headers. */
  readonly headers?: Record<string, string>;
}

/** Publishes events to every subscribed server-sent event stream. */
export interface EventHub {
  /** Sends event `event` (its schema name, e.g. `quoted`) with JSON value `data` to every subscriber. */
  publish(event: string, data: unknown): void;
  /**
   * The `text/event-stream` response subscribing `request`'s client; replays
   * the buffered events after its `Last-Event-ID` header, if any. 503
   * `overloaded` when the hub has `maxSubscribers` already.
   */
  sseResponse(request: Request, options?: SseResponseOptions): Response;
  /** How many streams are subscribed now. */
  readonly subscriberCount: number;
  /** Ends every stream and stops the keep-alive timer; later subscriptions are refused (503 `unavailable`). */
  close(): void;
}

/** One published event, encoded, as kept for replay. */
interface Buffered {
  readonly seq: number;
  readonly bytes: Uint8Array;
}

/** A subscribed stream. */
interface Subscriber {
  /** Queues `bytes`; false when the queue is full (the caller drops the subscriber). */
  offer(bytes: Uint8Array): boolean;
  /** Ends the stream: gracefully (`error` absent) or as a failed connection. */
  end(error?: Error): void;
  /** Marks the stream cancelled by its reader (the client went away). */
  cancelled(): void;
}

const SSE_HEADERS: Record<string, string> = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache",
  // No `Connection` header: HTTP/1.1 keeps connections open anyway, and HTTP/2 forbids it.
  // Tells nginx-style proxies not to buffer the stream.
  "x-accel-buffering": "no",
};

/** Creates an {@link EventHub}. */
export function createEventHub(options: EventHubOptions = {}): EventHub {
  requireFormatter();
  return new Hub(options);
}

class Hub implements EventHub {
  readonly #replayEvents: number;
  readonly #replayBytes: number;
  readonly #maxQueuedBytes: number;
  readonly #maxSubscribers: number;
  readonly #keepAliveMs: number;
  readonly #retryMs: number;
  readonly #signals: boolean;
  readonly #render: EventRenderer | undefined;
  readonly #onRenderError: (error: unknown, event: string) => void;
  /** Distinguishes this hub's event ids from another process's (a restarted server). */
  readonly #epoch = randomEpoch();
  #seq = 0;
  readonly #buffer: Buffered[] = [];
  #bufferedBytes = 0;
  /** The last value of each event, to turn the next one into a replacing merge patch. */
  readonly #last = new Map<string, unknown>();
  readonly #subscribers = new Set<Subscriber>();
  #keepAlive: ReturnType<typeof setInterval> | undefined;
  #closed = false;

  constructor(o: EventHubOptions) {
    this.#replayEvents = positive(o.replayEvents, 256, "replayEvents");
    this.#replayBytes = positive(o.replayBytes, 1 << 19, "replayBytes");
    this.#maxQueuedBytes = positive(o.maxQueuedBytes, 1 << 20, "maxQueuedBytes");
    this.#maxSubscribers = positive(o.maxSubscribers, 1024, "maxSubscribers");
    this.#keepAliveMs = positive(o.keepAliveMs, 15_000, "keepAliveMs");
    this.#retryMs = positive(o.retryMs, 1000, "retryMs");
    this.#signals = o.signals ?? true;
    this.#render = o.render;
    this.#onRenderError = o.onRenderError ?? ((error, event) => console.error(`kkgen events: render of ${event} failed`, error));
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  publish(event: string, data: unknown): void {
    if (this.#closed) return;
    const seq = ++this.#seq;
    const id = `${this.#epoch}-${seq}`;
    let signals: string | undefined;
    if (this.#signals) {
      const patch = replacementPatch(this.#last.get(event), data);
      this.#last.set(event, data);
      signals = JSON.stringify({ [signalName(event)]: patch });
    }
    const elements = this.#renderElements(event, data);
    if (signals === undefined && elements === undefined) return;
    const bytes = eventFrame(id, signals, elements);
    this.#remember({ seq, bytes });
    for (const s of this.#subscribers) {
      if (!s.offer(bytes)) this.#drop(s, new Error("subscriber too slow: its queue is full"));
    }
  }

  sseResponse(request: Request, options: SseResponseOptions = {}): Response {
    if (this.#closed) return systemErrorResponse("unavailable", "the event hub is closed");
    if (this.#subscribers.size >= this.#maxSubscribers) {
      return systemErrorResponse("overloaded", "too many event subscribers");
    }
    const missed = this.#missedAfter(request.headers.get("last-event-id"));
    let subscriber: Subscriber | undefined;
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          let open = true;
          const s: Subscriber = {
            offer: (bytes) => {
              if (!open) return true;
              if ((controller.desiredSize ?? 0) < bytes.byteLength) return false;
              controller.enqueue(bytes);
              return true;
            },
            end: (error) => {
              if (!open) return;
              open = false;
              if (error) controller.error(error);
              else controller.close();
            },
            cancelled: () => {
              open = false;
            },
          };
          subscriber = s;
          controller.enqueue(openingFrame(this.#retryMs));
          // The replay is bounded by the buffer, so it is queued whole, beyond the live bound if need be.
          for (const b of missed) controller.enqueue(b.bytes);
          this.#subscribe(s);
        },
        cancel: () => {
          if (!subscriber) return;
          // The stream is done: nothing may be queued or closed on it any more.
          subscriber.cancelled();
          this.#unsubscribe(subscriber);
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: this.#maxQueuedBytes }),
    );
    request.signal?.addEventListener("abort", () => subscriber && this.#drop(subscriber), { once: true });
    return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
  }

  close(): void {
    this.#closed = true;
    for (const s of [...this.#subscribers]) this.#drop(s);
    this.#buffer.length = 0;
    this.#bufferedBytes = 0;
    this.#last.clear();
  }

  #renderElements(event: string, data: unknown): ElementsPatch | undefined {
    if (!this.#render) return undefined;
    try {
      const out = this.#render(event, data);
      return typeof out === "string" ? { elements: out } : out;
    } catch (error) {
      this.#onRenderError(error, event);
      return undefined;
    }
  }

  /** Keeps `b` for replay, forgetting the oldest events beyond the bounds. */
  #remember(b: Buffered): void {
    this.#buffer.push(b);
    this.#bufferedBytes += b.bytes.byteLength;
    let drop = 0;
    while (
      this.#buffer.length - drop > 1 &&
      (this.#buffer.length - drop > this.#replayEvents || this.#bufferedBytes > this.#replayBytes)
    ) {
      this.#bufferedBytes -= this.#buffer[drop]!.bytes.byteLength;
      drop++;
    }
    if (drop > 0) this.#buffer.splice(0, drop);
  }

  /**
   * The buffered events a client that last saw `lastEventId` has not seen:
   * none without the header; those after it when it is one of this hub's
   * ids; every buffered one when it is another hub's (a restarted server:
   * all of this hub's events are newer). Events already gone from the buffer
   * are lost.
   */
  #missedAfter(lastEventId: string | null): readonly Buffered[] {
    if (lastEventId === null || lastEventId === "") return [];
    const dash = lastEventId.lastIndexOf("-");
    const seq = Number(lastEventId.slice(dash + 1));
    if (lastEventId.slice(0, dash) !== this.#epoch || !Number.isSafeInteger(seq)) return this.#buffer.slice();
    return this.#buffer.filter((b) => b.seq > seq);
  }

  #subscribe(s: Subscriber): void {
    this.#subscribers.add(s);
    if (this.#keepAlive === undefined) {
      this.#keepAlive = setInterval(() => {
        // A full queue skips the comment: the stream is busy, not idle.
        for (const sub of this.#subscribers) sub.offer(KEEP_ALIVE_FRAME);
      }, this.#keepAliveMs);
      // The timer alone does not keep a process alive where timers have `unref` (node, bun).
      (this.#keepAlive as { unref?: () => void }).unref?.();
    }
  }

  #unsubscribe(s: Subscriber): void {
    this.#subscribers.delete(s);
    if (this.#subscribers.size === 0 && this.#keepAlive !== undefined) {
      clearInterval(this.#keepAlive);
      this.#keepAlive = undefined;
    }
  }

  /** Removes `s` and ends its stream: closed when `error` is absent, failed otherwise (so the client reconnects). */
  #drop(s: Subscriber, error?: Error): void {
    this.#unsubscribe(s);
    s.end(error);
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`createEventHub: ${name} must be a positive number, got ${value}`);
  return value;
}

function randomEpoch(): string {
  const bytes = new Uint8Array(6);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
