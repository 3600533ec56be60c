// The page in headless Chromium (Debian's, through playwright-core: the kkgen checkout's helpers),
// each module served by a Worker, the project served on 127.0.0.1.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { launch } from "{{kkgen_path}}/tests/browser/chromium.mjs";
import { startServer } from "{{kkgen_path}}/tests/browser/server.mjs";
import { EXPECTED } from "../dist/js/app/scenario.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
let browser;
let server;
before(async () => {
  server = await startServer(ROOT);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const name of ["rust", "go"]) {
  test(`Worker in Chromium: ${name}`, async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`${server.origin}/dist/web/index.html`);
      await page.waitForFunction(() => window.statsReady === true, undefined, { timeout: 10_000 });
      assert.deepEqual(await page.evaluate((n) => window.runStats(n), name), EXPECTED);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}
