// A minimal test runner that behaves the same on node, bun and deno (their
// built-in runners differ): `test(name, fn)` registers, `run()` runs the
// tests one after another, each under a deadline (a hang fails the test, it
// never stalls the run), prints `ok`/`not ok` lines and node's TAP summary
// (`# pass N`, `# fail M`, what `cargo xtask` counts), and sets the exit code.
import process from "node:process";

const tests = [];

/** Registers a test. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Runs every registered test; `deadlineMs` bounds each. */
export async function run({ label, deadlineMs = 30_000 } = {}) {
  let pass = 0;
  let fail = 0;
  for (const [i, { name, fn }] of tests.entries()) {
    const started = Date.now();
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      await Promise.race([fn(), deadline]);
      pass++;
      console.log(`ok ${i + 1} - ${label}: ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      fail++;
      console.log(`not ok ${i + 1} - ${label}: ${name}`);
      console.log(`  ${String(e?.stack ?? e).split("\n").join("\n  ")}`);
    } finally {
      clearTimeout(timer);
    }
  }
  console.log(`# tests ${tests.length}\n# pass ${pass}\n# fail ${fail}`);
  process.exitCode = fail === 0 ? 0 : 1;
}
