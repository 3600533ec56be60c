// Live updates end to end (docs/http.md §8), `cargo xtask test events`: the
// generated Hono routes of the rules service (`kkgen gen --lang ts/zod/hono`,
// the Go module in process through the direct transport) with an event hub,
// served by @hono/node-server on 127.0.0.1, and headless Chromium running the
// Datastar v1.0.1 client (target/datastar/datastar-core.js, fetched by
// tests/events/fetch-datastar.sh). Page A places orders through the API;
// page B, subscribed with `data-init="@get('/rules.v1/Rules/events')"`, shows
// each quote without reloading (signals and elements); after its connection
// is cut, B reconnects with Last-Event-ID and misses none of the events
// published meanwhile; a raw SSE reader sees `retry:` and keep-alive comments.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createEventHub } from "@kkgen/runtime/http";
import { artifact } from "../artifacts.mjs";
import { launch } from "../browser/chromium.mjs";
import { createRulesDirect } from "../../target/http/dist/rules/index.js";
import { createRulesRoutes } from "../../target/http/dist/rules/routes.js";

const EVENTS_PATH = "/rules.v1/Rules/events";
const file = (rel) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)));
const STATIC = {
  "/datastar.js": [file("../../target/datastar/datastar-core.js"), "text/javascript; charset=utf-8"],
  "/a.html": [file("pages/a.html"), "text/html; charset=utf-8"],
  "/b.html": [file("pages/b.html"), "text/html; charset=utf-8"],
};

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Everything the tests share: the server, its hub, what it saw, the browser. */
const env = {};

/** Waits until `condition()` holds, polling; fails after `ms`. */
async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 10));
  }
}

/** A raw SSE reader (node fetch): every block it receives, parsed. */
async function rawSubscriber(url) {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  const blocks = [];
  const done = (async () => {
    const decoder = new TextDecoder();
    let text = "";
    try {
      for await (const chunk of response.body) {
        text += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = text.indexOf("\n\n")) >= 0) {
          blocks.push(text.slice(0, end).split("\n"));
          text = text.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { response, blocks, close: async () => (abort.abort(), await done) };
}

before(async () => {
  const hub = createEventHub({
    retryMs: 100,
    keepAliveMs: 150,
    // Every quote is also appended to page B's log, as datastar-patch-elements.
    render: (event, quote) =>
      event === "quoted"
        ? { elements: `<li>${escapeHtml(quote.orderId)} ${escapeHtml(quote.totalCents)}</li>`, selector: "#log", mode: "append" }
        : undefined,
  });
  const routes = createRulesRoutes(createRulesDirect(readFileSync(artifact("rules_reactor_wasm"))), { events: hub });
  env.hub = hub;
  env.lastEventIds = []; // the Last-Event-ID of every subscription, in order (null: none)
  env.sseSockets = new Set();
  env.gate = null; // while set, subscriptions wait for it (to publish while a client is away)
  const fetchHandler = async (request, bindings) => {
    const { pathname } = new URL(request.url);
    const file = STATIC[pathname];
    if (file) return new Response(file[0], { headers: { "content-type": file[1], "cache-control": "no-store" } });
    if (pathname === EVENTS_PATH) {
      env.lastEventIds.push(request.headers.get("last-event-id"));
      env.sseSockets.add(bindings.incoming.socket);
      if (env.gate) await env.gate;
    }
    return routes.fetch(request);
  };
  env.server = serve({ fetch: fetchHandler, hostname: "127.0.0.1", port: 0 });
  await once(env.server, "listening");
  env.origin = `http://127.0.0.1:${env.server.address().port}`;
  env.browser = await launch();
  // Separate contexts: each page is the visible one of its own window, so datastar keeps B's stream open.
  env.pageA = await (await env.browser.newContext()).newPage();
  env.pageB = await (await env.browser.newContext()).newPage();
  for (const page of [env.pageA, env.pageB]) {
    page.on("pageerror", (e) => console.error("[page error]", e.message));
  }
  await env.pageA.goto(`${env.origin}/a.html`);
});

after(async () => {
  await env.browser?.close();
  env.hub?.close();
  env.server?.closeAllConnections();
  await new Promise((ok) => (env.server ? env.server.close(ok) : ok()));
});

const placeOrder = (id, coupon) => env.pageA.evaluate(([i, c]) => window.placeOrder(i, c), [id, coupon]);
const textOf = (selector) => env.pageB.locator(selector).textContent();
const logOf = () => env.pageB.locator("#log li").allTextContents();

test("page B, subscribed with data-init @get, shows what page A's call published, without reloading", async () => {
  const { pageB, hub } = env;
  await pageB.goto(`${env.origin}/b.html`);
  await until(() => hub.subscriberCount === 1, "page B to subscribe");
  assert.deepEqual(env.lastEventIds, [null], "a first subscription has no Last-Event-ID");
  await pageB.evaluate(() => (window.sameDocument = true));

  const placed = await placeOrder("T-1", "SAVE10");
  assert.equal(placed.status, 200);
  assert.equal(placed.body.orderId, "T-1");
  assert.equal(placed.body.totalCents, "531"); // (500 + 90) less 10 %, rounded toward zero

  await pageB.waitForFunction(() => document.querySelector("#total").textContent === "531");
  assert.equal(await textOf("#order"), "T-1");
  assert.deepEqual(await logOf(), ["T-1 531"]);

  const second = await placeOrder("T-2");
  assert.equal(second.body.totalCents, "590");
  await pageB.waitForFunction(() => document.querySelector("#total").textContent === "590");
  assert.equal(await textOf("#order"), "T-2");
  assert.deepEqual(await logOf(), ["T-1 531", "T-2 590"]);

  // A failed op publishes nothing.
  const invalid = await placeOrder("");
  assert.equal(invalid.status, 422);
  assert.equal(invalid.body.error.type, "InvalidOrder");
  assert.equal(await pageB.evaluate(() => window.sameDocument), true, "page B was not reloaded");
  assert.equal(hub.subscriberCount, 1);
});

test("a reconnecting page (Last-Event-ID) misses none of the events published while it was away", async () => {
  const { pageB, hub } = env;
  const seen = env.lastEventIds.length;

  // Hold the reconnection, cut page B's stream, publish twice, then let it in.
  let release;
  env.gate = new Promise((ok) => (release = ok));
  for (const socket of env.sseSockets) socket.destroy();
  env.sseSockets.clear();
  await until(() => env.lastEventIds.length > seen, "page B to reconnect");
  const resumedFrom = env.lastEventIds[seen];
  // The id of the last event B got (T-2): replaying from an older one would repeat T-2, from none lose T-3.
  assert.ok(resumedFrom, "datastar sent the id of the last event it got");
  assert.equal(await placeOrder("T-3", "SAVE10").then((r) => r.status), 200);
  assert.equal(await placeOrder("T-4").then((r) => r.status), 200);
  env.gate = null;
  release();

  await pageB.waitForFunction(() => document.querySelectorAll("#log li").length >= 4);
  assert.deepEqual(await logOf(), ["T-1 531", "T-2 590", "T-3 531", "T-4 590"], "every event once, in order");
  assert.equal(await textOf("#order"), "T-4");
  assert.equal(await pageB.evaluate(() => window.sameDocument), true, "page B was not reloaded");
  assert.equal(hub.subscriberCount, 1, "the cut stream was unsubscribed");
});

test("the stream carries retry and keep-alive comments while idle", async () => {
  const reader = await rawSubscriber(`${env.origin}${EVENTS_PATH}`);
  assert.equal(reader.response.headers.get("content-type"), "text/event-stream");
  await until(() => reader.blocks.some((b) => b.includes(": keep-alive")), "a keep-alive comment", 5000);
  assert.ok(reader.blocks[0].includes("retry: 100"), `first block: ${reader.blocks[0]}`);
  await reader.close();
  await until(() => env.hub.subscriberCount === 1, "the reader to be unsubscribed");
});
