// The TS generated from keywords.kkidl compiles under the strictest flags
// (tsconfig.json) and its codecs round-trip values whose every name is a
// keyword or a global somewhere (`Result`, `Error`, `Promise`, `type` ...).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Reader, Writer } from "@kkgen/runtime";
import * as codecs from "../../../target/naming/ts/codecs.js";
import { Kind, ErrorError, type Result, type Option } from "../../../target/naming/ts/types.js";
import { createPromiseClient } from "../../../target/naming/ts/client.js";

test("a struct of keyword-named fields round-trips", () => {
  const value: Result = {
    type: "t", fn: 1, func: 2, interface: true, default: -3n, let: 0.5, self: 1.25, package: "p", import: 4, var: 5,
    new: -6, class: "c", error: "e", string: "s", len: 7, async: true, await: false, yield: true, match: 8, select: 9,
    chan: 10, go: 11, range: new Float32Array([1, 2]), map: new Map([["k", 12]]),
  };
  const w = Writer.growable();
  codecs.encodeResult(w, value);
  const back = codecs.decodeResult(new Reader(w.finish()));
  assert.deepEqual(back, value);
});

test("a union named Option and an enum with keyword variants round-trip", () => {
  const value: Option = { tag: "None" };
  const w = Writer.growable();
  codecs.encodeOption(w, value);
  assert.deepEqual(codecs.decodeOption(new Reader(w.finish())), value);
  assert.equal(Kind.Self, 0);
  assert.equal(Kind.Err, 5);
});

test("the error class of `error Error` is an Error", () => {
  const e = new ErrorError({ message: "m", code: 1 });
  assert.ok(e instanceof Error);
  assert.equal(typeof createPromiseClient, "function");
});
