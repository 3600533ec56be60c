// The event hub of @kkgen/runtime/http (docs/http.md §8) on real streams:
// the Response bodies it returns, read as a client reads them, and once over
// real HTTP on 127.0.0.1 through @hono/node-server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { serve } from "@hono/node-server";
import { createEventHub, signalName } from "../dist/http/index.js";

/** Reads a server-sent event stream block by block (blocks end with a blank line). */
function blocks(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    reader,
    /** The next block, as its lines. */
    async next() {
      for (;;) {
        const end = text.indexOf("\n\n");
        if (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          return block.split("\n");
        }
        const { value, done } = await reader.read();
        if (done) return null;
        text += decoder.decode(value, { stream: true });
      }
    },
    /** The next block that is an event (not a comment or `retry`), parsed. */
    async nextEvent() {
      for (;;) {
        const lines = await this.next();
        if (lines === null) return null;
        const event = parse(lines);
        if (event.event) return event;
      }
    },
  };
}

function parse(lines) {
  const out = { event: "", id: undefined, data: [], comments: [], retry: undefined };
  for (const line of lines) {
    if (line.startsWith(":")) out.comments.push(line.slice(1).trim());
    else if (line.startsWith("event: ")) out.event = line.slice(7);
    else if (line.startsWith("id: ")) out.id = line.slice(4);
    else if (line.startsWith("retry: ")) out.retry = Number(line.slice(7));
    else if (line.startsWith("data: ")) out.data.push(line.slice(6));
  }
  return out;
}

/** The signals of a `datastar-patch-signals` event. */
function signals(event) {
  assert.equal(event.event, "datastar-patch-signals");
  const line = event.data.find((d) => d.startsWith("signals "));
  return JSON.parse(line.slice("signals ".length));
}

const request = (headers = {}) => new Request("http://127.0.0.1/rules.v1/Rules/events", { headers });

test("signal names are the events' lowerCamelCase spelling", () => {
  assert.equal(signalName("quoted"), "quoted");
  assert.equal(signalName("total_changed"), "totalChanged");
  assert.equal(signalName("a_b_1"), "aB1");
});

test("a stream opens with retry and a comment, then gets each event as datastar-patch-signals with an id", async () => {
  const hub = createEventHub({ retryMs: 2500 });
  const response = hub.sseResponse(request());
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "text/event-stream");
  assert.equal(response.headers.get("cache-control"), "no-cache");
  const s = blocks(response);
  const opening = parse(await s.next());
  assert.equal(opening.retry, 2500);
  assert.ok(opening.comments.length > 0);
  assert.equal(hub.subscriberCount, 1);
  hub.publish("quoted", { orderId: "A-1", totalCents: "900", warnings: [] });
  hub.publish("stock_left", 3);
  const first = await s.nextEvent();
  assert.deepEqual(signals(first), { quoted: { orderId: "A-1", totalCents: "900", warnings: [] } });
  const second = await s.nextEvent();
  assert.deepEqual(signals(second), { stockLeft: 3 });
  assert.notEqual(first.id, second.id);
  await s.reader.cancel();
  hub.close();
});

test("keys the last value had and the new one lacks are sent as null, so the signal holds exactly the new value", async () => {
  const hub = createEventHub();
  const s = blocks(hub.sseResponse(request()));
  hub.publish("quoted", { orderId: "A-1", coupon: "SAVE10", nested: { a: 1, b: 2 } });
  hub.publish("quoted", { orderId: "A-2", nested: { a: 3 } });
  await s.nextEvent();
  assert.deepEqual(signals(await s.nextEvent()), { quoted: { orderId: "A-2", nested: { a: 3, b: null }, coupon: null } });
  await s.reader.cancel();
  hub.close();
});

test("a render function adds datastar-patch-elements after the signals; only the last block carries the id", async () => {
  const hub = createEventHub({
    render: (event, data) => (event === "quoted" ? `<p id="total">${data.totalCents}\nok</p>` : undefined),
  });
  const s = blocks(hub.sseResponse(request()));
  hub.publish("quoted", { totalCents: "42" });
  hub.publish("other", 1);
  const sig = await s.nextEvent();
  assert.equal(sig.id, undefined, "the signals block of a two-block event has no id");
  assert.deepEqual(signals(sig), { quoted: { totalCents: "42" } });
  const elements = await s.nextEvent();
  assert.equal(elements.event, "datastar-patch-elements");
  assert.deepEqual(elements.data, ['elements <p id="total">42', "elements ok</p>"]);
  assert.ok(elements.id);
  const other = await s.nextEvent();
  assert.deepEqual(signals(other), { other: 1 });
  assert.ok(other.id);
  await s.reader.cancel();
  hub.close();
});

test("a render function that throws is reported and the event still goes out as signals", async () => {
  const seen = [];
  const hub = createEventHub({
    render: () => {
      throw new Error("bad template");
    },
    onRenderError: (error, event) => seen.push([error.message, event]),
  });
  const s = blocks(hub.sseResponse(request()));
  hub.publish("quoted", { n: 1 });
  assert.deepEqual(signals(await s.nextEvent()), { quoted: { n: 1 } });
  assert.deepEqual(seen, [["bad template", "quoted"]]);
  await s.reader.cancel();
  hub.close();
});

test("Last-Event-ID replays the buffered events after it; another hub's id replays the whole buffer; the buffer is bounded", async () => {
  const hub = createEventHub({ replayEvents: 3 });
  const live = blocks(hub.sseResponse(request()));
  for (let i = 1; i <= 5; i++) hub.publish("counted", i);
  const ids = [];
  for (let i = 1; i <= 5; i++) ids.push((await live.nextEvent()).id);

  const resumed = blocks(hub.sseResponse(request({ "last-event-id": ids[2] })));
  assert.deepEqual(signals(await resumed.nextEvent()), { counted: 4 });
  assert.deepEqual(signals(await resumed.nextEvent()), { counted: 5 });
  hub.publish("counted", 6);
  const sixth = await resumed.nextEvent();
  assert.deepEqual(signals(sixth), { counted: 6 });

  // Older than the buffer (3 events): what is still there is sent, oldest first.
  const late = blocks(hub.sseResponse(request({ "last-event-id": ids[0] })));
  assert.deepEqual(signals(await late.nextEvent()), { counted: 4 });

  // An id of another hub (a restarted server): every buffered event is newer.
  const restarted = blocks(hub.sseResponse(request({ "last-event-id": "0123456789ab-99" })));
  assert.deepEqual(signals(await restarted.nextEvent()), { counted: 4 });

  // Up to date: nothing replayed, the next live event comes first.
  const current = blocks(hub.sseResponse(request({ "last-event-id": sixth.id })));
  await current.next(); // opening
  hub.publish("counted", 7);
  assert.deepEqual(signals(await current.nextEvent()), { counted: 7 });

  for (const s of [live, resumed, late, restarted, current]) await s.reader.cancel();
  hub.close();
});

test("a subscriber that does not read is dropped when its queue is full; the others keep receiving", async () => {
  const hub = createEventHub({ maxQueuedBytes: 4096 });
  const slow = hub.sseResponse(request());
  const fast = blocks(hub.sseResponse(request()));
  assert.equal(hub.subscriberCount, 2);
  const payload = "x".repeat(500);
  for (let i = 0; i < 20; i++) {
    hub.publish("blob", payload);
    assert.deepEqual(signals(await fast.nextEvent()), { blob: payload });
  }
  assert.equal(hub.subscriberCount, 1, "the slow one is gone");
  // Its stream fails (the connection is cut, so a datastar client reconnects and replays).
  const reader = slow.body.getReader();
  await assert.rejects(async () => {
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
    }
  }, /too slow/);
  await fast.reader.cancel();
  hub.close();
});

test("disconnects unsubscribe: a cancelled body and an aborted request", async () => {
  const hub = createEventHub();
  const a = blocks(hub.sseResponse(request()));
  const abort = new AbortController();
  const b = blocks(hub.sseResponse(new Request("http://127.0.0.1/e", { signal: abort.signal })));
  assert.equal(hub.subscriberCount, 2);
  await a.reader.cancel();
  assert.equal(hub.subscriberCount, 1);
  abort.abort();
  assert.equal(hub.subscriberCount, 0);
  await b.next(); // opening, queued before the abort
  assert.equal(await b.next(), null, "the aborted stream ends");
  // Both, in the order a server may report them (body cancelled, then request aborted): no error.
  const abortLater = new AbortController();
  const c = blocks(hub.sseResponse(new Request("http://127.0.0.1/e", { signal: abortLater.signal })));
  await c.reader.cancel();
  abortLater.abort();
  hub.publish("quoted", 1);
  assert.equal(hub.subscriberCount, 0);
  hub.close();
});

test("keep-alive comments are written while the stream is idle", async () => {
  const hub = createEventHub({ keepAliveMs: 20 });
  const s = blocks(hub.sseResponse(request()));
  // The hub's timer does not keep a process alive (a server's socket does): hold it open meanwhile.
  const alive = setTimeout(() => {}, 5000);
  await s.next(); // opening
  const comment = parse(await s.next());
  clearTimeout(alive);
  assert.equal(comment.event, "");
  assert.deepEqual(comment.comments, ["keep-alive"]);
  await s.reader.cancel();
  hub.close();
});

test("bounds: too many subscribers get 503 overloaded; a closed hub ends its streams and refuses new ones", async () => {
  const hub = createEventHub({ maxSubscribers: 1 });
  const first = blocks(hub.sseResponse(request()));
  const refused = hub.sseResponse(request());
  assert.equal(refused.status, 503);
  assert.equal(refused.headers.get("retry-after"), "1");
  assert.equal((await refused.json()).error.type, "overloaded");
  hub.close();
  await first.next(); // opening
  assert.equal(await first.next(), null);
  assert.equal(hub.subscriberCount, 0);
  const closed = hub.sseResponse(request());
  assert.equal(closed.status, 503);
  assert.equal((await closed.json()).error.type, "unavailable");
  assert.throws(() => createEventHub({ maxQueuedBytes: 0 }), RangeError);
  assert.throws(() => createEventHub({ keepAliveMs: Number.NaN }), RangeError);
});

test("over real HTTP (@hono/node-server): events arrive, and a client that goes away is unsubscribed", async () => {
  const hub = createEventHub();
  const server = serve({ fetch: (req) => hub.sseResponse(req), port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  const { port } = server.address();
  try {
    const abort = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/events`, { signal: abort.signal });
    assert.equal(response.headers.get("content-type"), "text/event-stream");
    const s = blocks(response);
    await s.next(); // opening
    assert.equal(hub.subscriberCount, 1);
    hub.publish("quoted", { totalCents: "1" });
    assert.deepEqual(signals(await s.nextEvent()), { quoted: { totalCents: "1" } });
    abort.abort();
    await s.reader.closed.catch(() => {});
    const deadline = Date.now() + 5000;
    while (hub.subscriberCount > 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
    assert.equal(hub.subscriberCount, 0, "the server saw the disconnect");
  } finally {
    hub.close();
    server.closeAllConnections();
    server.close();
  }
});
