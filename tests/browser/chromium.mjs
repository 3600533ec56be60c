// Launches Debian's headless Chromium through playwright-core (never a
// downloaded browser), with the flags the team uses everywhere.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Launches the browser (`extraArgs`: more Chromium flags, e.g. for the benchmark). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", ...extraArgs],
  });
}

/** Opens the harness page and waits for `window.kk`. */
export async function openHarness(context, origin, query = "") {
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("[page error]", e.message));
  page.on("console", (m) => m.type() === "error" && console.error("[console]", m.text()));
  await page.goto(`${origin}/tests/browser/pages/index.html${query}`);
  await page.waitForFunction(() => window.kkReady === true);
  return page;
}
