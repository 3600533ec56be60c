// The Hono server (generated routes over the Rust module) on 127.0.0.1: the scenario through the
// generated HTTP client, a typed error's status and body, and the OpenAPI document.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createApp, listen } from "../dist/js/app/server.js";
import { createStatsHttpClient } from "../dist/js/app/gen/http-client.js";
import { EXPECTED, runScenario } from "../dist/js/app/scenario.js";

let url;
let server;
before(async () => {
  ({ url, server } = await listen(createApp(), 0));
});
after(() => new Promise((done) => {
  server.closeAllConnections?.();
  server.close(() => done());
}));

test("HTTP client -> Hono routes -> Rust module", async () => {
  assert.deepEqual(await runScenario(createStatsHttpClient(url)), EXPECTED);
});

test("an unknown handle answers the typed error UnknownSeries", async () => {
  const response = await fetch(`${url}/stats.v1/Stats/summary`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ series: 999 }),
  });
  assert.ok(response.status >= 400 && response.status < 500, `status ${response.status}`);
  const body = await response.json();
  assert.match(JSON.stringify(body), /UnknownSeries/);
});

test("the OpenAPI document lists every op", async () => {
  const response = await fetch(`${url}/stats.v1/Stats/openapi.json`);
  assert.equal(response.status, 200);
  const doc = await response.json();
  for (const op of ["create", "append", "summary", "scaled", "release"]) {
    assert.ok(doc.paths[`/stats.v1/Stats/${op}`], `no path for ${op}`);
  }
});
