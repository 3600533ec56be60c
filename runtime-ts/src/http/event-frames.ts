/**
 * The bytes of the server-sent events a hub writes (docs/http.md, Live
 * updates): datastar 1.0 `datastar-patch-signals` and
 * `datastar-patch-elements` blocks, formatted by
 * `@starfederation/datastar-sdk` (an optional peer dependency, loaded with
 * this module when installed: importing `@kkgen/runtime/http` works without
 * it, `createEventHub` says to install it), and the `retry:` and keep-alive
 * comment blocks around them.
 * @module
 */

/**
 * How `datastar-patch-elements` patches the HTML in (datastar 1.0's
 * `ElementPatchMode`, spelled out so that importing this module's types needs
 * no SDK).
 */
export type ElementPatchMode = "outer" | "inner" | "replace" | "prepend" | "append" | "before" | "after" | "remove";

/** The SDK's formatter methods the hub calls (returning SSE lines). */
interface LineFormatter {
  patchSignals(signals: string, options: { eventId?: string }): string[];
  patchElements(elements: string, options: { eventId?: string; selector?: string; mode?: ElementPatchMode; useViewTransition?: boolean }): string[];
}

/**
 * The SDK's event formatter without a stream, or `undefined` when the
 * optional peer dependency `@starfederation/datastar-sdk` is not installed:
 * loaded when this module is (its `patchSignals` and `patchElements` return
 * the SSE lines, which the hub encodes once per event and shares among
 * subscribers). Only {@link requireFormatter} (an event hub) needs it.
 */
const formatter: LineFormatter | undefined = await import("@starfederation/datastar-sdk/abstractServerSentEventGenerator").then(
  ({ ServerSentEventGenerator }) => {
    /** The SDK's generator writing to no stream. */
    class Formatter extends ServerSentEventGenerator<string[]> {
      constructor() {
        super();
      }

      /** Nothing to close: the formatter owns no stream. */
      close(): void {}
    }
    return new Formatter() as LineFormatter;
  },
  () => undefined,
);

/** The formatter, or an error saying which package to install (thrown by `createEventHub`). */
export function requireFormatter(): LineFormatter {
  if (formatter === undefined) {
    throw new Error("the event hub (createEventHub) needs the peer dependency @starfederation/datastar-sdk: npm install @starfederation/datastar-sdk@1.0.0");
  }
  return formatter;
}

/** What a render function returns: HTML for `datastar-patch-elements`, and where it goes. */
export interface ElementsPatch {
  /** The HTML; without `selector`, its top-level elements need `id`s (they replace the elements with those ids). */
  readonly elements: string;
  /** CSS selector of the target, when the HTML has no ids. */
  readonly selector?: string;
  /** How the HTML is patched in (datastar's modes); default `outer` (morph). */
  readonly mode?: ElementPatchMode;
  /** Whether to use the View Transition API. */
  readonly useViewTransition?: boolean;
}

const encoder = new TextEncoder();

/**
 * The signal an event is pushed as: its name in lowerCamelCase, as the
 * generated TypeScript spells it (`total_changed` → `totalChanged`).
 */
export function signalName(event: string): string {
  return event.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The blocks of one published event: the signals patch (when `signals` is
 * given: a JSON text), then the elements patch (when `elements` is given).
 * Only the last block carries `id`, so a reconnecting client's
 * `Last-Event-ID` names an event it received whole.
 */
export function eventFrame(id: string, signals: string | undefined, elements: ElementsPatch | undefined): Uint8Array {
  const formatter = requireFormatter();
  const lines: string[] = [];
  if (signals !== undefined) {
    lines.push(...formatter.patchSignals(signals, elements ? {} : { eventId: id }));
  }
  if (elements) {
    const { elements: html, ...options } = elements;
    lines.push(...formatter.patchElements(html, { ...options, eventId: id }));
  }
  return encoder.encode(lines.join(""));
}

/** The first block of every stream: the reconnection delay, and a comment that opens the stream at once. */
export function openingFrame(retryMs: number): Uint8Array {
  return encoder.encode(`retry: ${retryMs}\n: kkgen events\n\n`);
}

/** A keep-alive comment: keeps proxies from closing an idle stream; clients ignore it. */
export const KEEP_ALIVE_FRAME: Uint8Array = encoder.encode(": keep-alive\n\n");
