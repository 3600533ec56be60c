// "No `any` in public types" (issue 5): walks the syntax trees of the
// generated TS (target/service/fixture/ts) and of runtime-ts's declarations
// (runtime-ts/dist/**/*.d.ts) with the TypeScript compiler API and fails on
// every `any` keyword. Run by `cargo xtask test ts` after both are built.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

const ROOT = new URL("../..", import.meta.url).pathname;

function files(dir, suffix) {
  return readdirSync(join(ROOT, dir), { recursive: true })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(ROOT, dir, f));
}

/** `file:line` of every `any` keyword in `text`. */
function anysIn(name, text) {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${name}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const anys = (path) => anysIn(path.slice(ROOT.length), readFileSync(path, "utf8"));

test("generated TS and runtime-ts declarations use no `any`", () => {
  const generated = files("target/service/fixture/ts", ".ts");
  const declarations = files("runtime-ts/dist", ".d.ts");
  assert.ok(generated.length >= 5, "the generated fixture modules are there (`cargo xtask test service` writes them)");
  assert.ok(declarations.length >= 10, "runtime-ts was built with declarations");
  assert.deepEqual([...generated, ...declarations].flatMap(anys), []);
});

test("the checker sees an `any` when there is one", () => {
  assert.deepEqual(anysIn("probe.d.ts", "// any\nexport declare function f(x: any): Promise<any[]>;"), ["probe.d.ts:2", "probe.d.ts:2"]);
});
