// The evolution harness's TS side (tests/evolution/README.md): for every case of the plan the
// suite writes (target/evolution/plan.json), both versions' generated TS clients call the other
// version's service — the Rust and the Go binary, each a native child over stdio — and every op
// of the calling version is called once with a sample argument built from the IR: deterministic,
// never a default (non-zero numbers, non-empty strings, lists and buffers, the last enum value or
// union variant, present optionals), so a field that fell back to its default shows. Each call's
// outcome (ok / sees / error / mismatch) goes to the outcomes file; the suite compares them with
// each case's expect.json and with `kkgen breaking`.
//
// usage: node runner.mjs PLAN.json OUTCOMES.json
import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { connectStdio, ServiceError, SystemError } from "@kkgen/runtime";

/** The two directions: outcome key, the client's version, the service's version. */
const DIRECTIONS = [
  ["old_client_new_service", "old", "new"],
  ["new_client_old_service", "new", "old"],
];
/** Per-call deadline: a wedged child fails the call `timeout` instead of hanging the suite. */
const CALL_TIMEOUT_MS = 5000;
/** Cases run at once (each runs its directions and services one after another). */
const PARALLEL = 4;
/** Below this depth, samples stop growing: lists and maps empty, optionals absent. */
const MAX_SAMPLE_DEPTH = 6;

/** Sample scalars: each far from its default and out of range of every narrower type. */
const SCALAR_SAMPLES = {
  bool: true,
  i8: -100,
  u8: 200,
  i16: -30000,
  u16: 60000,
  i32: -2000000000,
  u32: 4000000000,
  i64: -4611686018427387905n,
  u64: 9223372036854775813n,
  f32: 1.5,
  f64: 1234.5678,
  string: "evo",
};
/** The typed array class of a buffer element (docs/wire.md §3.6). */
const BUFFERS = {
  u8: Uint8Array,
  i8: Int8Array,
  u16: Uint16Array,
  i16: Int16Array,
  u32: Uint32Array,
  i32: Int32Array,
  f32: Float32Array,
  f64: Float64Array,
  i64: BigInt64Array,
  u64: BigUint64Array,
};

/** `vertex_count` → `vertexCount` (the TS backend's field and method names). */
function camel(name) {
  return name.replace(/_+([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** The op's shape (tests/evolution/harness/shape.rs): echo of param `index`, raise, or void. */
function shapeOf(op) {
  if (op.result) {
    const index = op.params.findIndex((p) => sameType(p.ty, op.result));
    if (index < 0) throw new Error(`op ${op.name}: a result but no parameter of its type`);
    return { kind: "echo", index };
  }
  const first = op.params[0]?.ty;
  if (first?.type === "named" && (op.throws ?? []).includes(first.id)) return { kind: "raise" };
  return { kind: "void" };
}

/** Structural equality of two TypeRefs of one IR. */
function sameType(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A deterministic, non-default value of `ty` (caller's IR). */
function sample(ir, ty, depth = 0) {
  if (depth > 32) throw new Error("sample: no finite value within 32 levels");
  const deep = depth >= MAX_SAMPLE_DEPTH;
  switch (ty.type) {
    case "scalar":
      return ty.scalar === "bytes" ? Uint8Array.of(1, 2, 3) : SCALAR_SAMPLES[ty.scalar];
    case "buffer": {
      const v = SCALAR_SAMPLES[ty.elem];
      return BUFFERS[ty.elem].of(v, v);
    }
    case "list":
      return deep ? [] : [sample(ir, ty.elem, depth + 1)];
    case "map":
      return deep ? new Map() : new Map([[ty.key === "string" ? "k" : SCALAR_SAMPLES[ty.key], sample(ir, ty.value, depth + 1)]]);
    case "optional":
      return deep ? undefined : sample(ir, ty.inner, depth + 1);
    case "named":
      return sampleNamed(ir, ir.types[ty.id], depth);
    default:
      throw new Error(`sample: unknown type ${JSON.stringify(ty)}`);
  }
}

/** {@link sample} of a declared type. */
function sampleNamed(ir, def, depth) {
  const k = def.kind;
  switch (k.kind) {
    case "struct":
    case "error":
      return Object.fromEntries(k.fields.map((f) => [camel(f.name), sample(ir, f.ty, depth + 1)]));
    case "enum":
      return k.variants.at(-1).value;
    case "handle":
      return 7;
    case "union": {
      // The last variant; deep down, one that ends the recursion (no payload) if there is one.
      const variant = (depth >= MAX_SAMPLE_DEPTH && k.variants.find((v) => !v.payload)) || k.variants.at(-1);
      return variant.payload ? { tag: variant.name, value: sample(ir, variant.payload, depth + 1) } : { tag: variant.name };
    }
    default:
      throw new Error(`sample: unknown kind ${k.kind}`);
  }
}

/** The default of `ty` (docs/wire.md §3.9): what a reader fills in for a field the writer lacks. */
function defaultOf(ir, ty) {
  switch (ty.type) {
    case "scalar":
      return { bool: false, string: "", bytes: new Uint8Array(0), i64: 0n, u64: 0n }[ty.scalar] ?? 0;
    case "buffer":
      return new BUFFERS[ty.elem](0);
    case "list":
      return [];
    case "map":
      return new Map();
    case "optional":
      return undefined;
    case "named": {
      const k = ir.types[ty.id].kind;
      switch (k.kind) {
        case "struct":
        case "error":
          return Object.fromEntries(k.fields.map((f) => [camel(f.name), defaultOf(ir, f.ty)]));
        case "enum":
          return (k.variants.find((v) => v.value === 0) ?? k.variants[0]).value;
        case "handle":
          return 0;
        case "union": {
          // The first variant, unless its payload holds the union again outside a container.
          const v = k.variants.find((v) => !v.payload || !reaches(ir, v.payload, ty.id, new Set())) ?? k.variants[0];
          return v.payload ? { tag: v.name, value: defaultOf(ir, v.payload) } : { tag: v.name };
        }
      }
    }
  }
  throw new Error(`defaultOf: ${JSON.stringify(ty)}`);
}

/** Whether a default of `ty` would contain type `target` (through struct fields and union payloads). */
function reaches(ir, ty, target, seen) {
  if (ty.type !== "named") return false;
  if (ty.id === target) return true;
  if (seen.has(ty.id)) return false;
  seen.add(ty.id);
  const k = ir.types[ty.id].kind;
  const inner = k.fields?.map((f) => f.ty) ?? k.variants?.flatMap((v) => (v.payload ? [v.payload] : [])) ?? [];
  return inner.some((t) => reaches(ir, t, target, seen));
}

/**
 * What `value` (of the caller's type `tc`) comes back as after a round trip through a peer that
 * reads and writes it as its type `tp`: struct fields the peer lacks (by id) fall back to their
 * default; everything else is expected unchanged (a real change shows as a mismatch or an error).
 */
function project(value, irc, tc, irp, tp) {
  if (tp === undefined) return defaultOf(irc, tc);
  if (tc.type === "named" && tp.type === "named") {
    const kc = irc.types[tc.id].kind;
    const kp = irp.types[tp.id].kind;
    if ((kc.kind === "struct" || kc.kind === "error") && (kp.kind === "struct" || kp.kind === "error")) {
      return Object.fromEntries(
        kc.fields.map((f) => {
          const fp = kp.fields.find((g) => g.id === f.id);
          const name = camel(f.name);
          return [name, fp ? project(value[name], irc, f.ty, irp, fp.ty) : defaultOf(irc, f.ty)];
        }),
      );
    }
    if (kc.kind === "union" && kp.kind === "union" && value.value !== undefined) {
      const vc = kc.variants.find((v) => v.name === value.tag);
      const vp = kp.variants.find((v) => v.tag === vc.tag);
      if (vc.payload && vp?.payload) return { tag: value.tag, value: project(value.value, irc, vc.payload, irp, vp.payload) };
    }
    return value;
  }
  if (tc.type === tp.type && value !== undefined) {
    if (tc.type === "list") return value.map((v) => project(v, irc, tc.elem, irp, tp.elem));
    if (tc.type === "optional") return project(value, irc, tc.inner, irp, tp.inner);
    if (tc.type === "map") return new Map([...value].map(([k, v]) => [k, project(v, irc, tc.value, irp, tp.value)]));
  }
  return value;
}

/** Deep equality of decoded values (typed arrays, Maps, bigints; an absent property equals undefined). */
function equal(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return a.constructor === b.constructor && a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (a instanceof Map || b instanceof Map) {
    return a instanceof Map && b instanceof Map && a.size === b.size && [...a].every(([k, v]) => b.has(k) && equal(v, b.get(k)));
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => equal(a[k], b[k]));
}

/** A decoded value as plain JSON for expect.json: bigints as decimal strings, typed arrays and Maps unpacked. */
function plain(value) {
  if (typeof value === "bigint") return value.toString();
  if (value === undefined) return null;
  if (typeof value !== "object" || value === null) return value;
  if (ArrayBuffer.isView(value)) return Array.from(value, plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, plain(v)]])));
}

/** The outcome of a value that came back, against what was sent and what the peer can keep of it. */
function judge(got, sent, expected) {
  if (equal(got, sent)) return { ok: true };
  if (equal(got, expected)) return { ok: true, sees: plain(got) };
  return { mismatch: true, sees: plain(got) };
}

/** Calls `op` (caller's IR `irc`) on `api` against a peer of IR `irp`; resolves with its outcome. */
async function callOp(api, op, irc, irp) {
  const args = op.params.map((p) => sample(irc, p.ty));
  const method = api[camel(op.name)] ?? api[`${camel(op.name)}_`];
  if (typeof method !== "function") throw new Error(`the client has no method for op ${op.name}`);
  const shape = shapeOf(op);
  const peerOp = irp.services[0].ops.find((o) => o.id === op.id);
  // The value the peer echoes or throws: its own echo parameter (by id), else the caller's.
  const peerShape = peerOp ? shapeOf(peerOp) : undefined;
  const peerParam = peerShape?.kind === "echo" ? peerOp.params[peerShape.index] : peerShape?.kind === "raise" ? peerOp.params[0] : undefined;
  const ownIndex = shape.kind === "echo" ? shape.index : 0;
  const index = peerParam ? Math.max(0, op.params.findIndex((p) => p.id === peerParam.id)) : ownIndex;
  const sent = args[index];
  const expected = peerParam && op.params[index] ? project(sent, irc, op.params[index].ty, irp, peerParam.ty) : sent;
  try {
    const got = await method.call(api, ...args, { timeoutMs: CALL_TIMEOUT_MS });
    if (shape.kind === "echo") return judge(got, sent, expected);
    return got === undefined && shape.kind === "void" ? { ok: true } : { mismatch: true, sees: plain(got) };
  } catch (e) {
    if (e instanceof SystemError) return { error: e.code };
    if (!(e instanceof ServiceError)) throw e;
    const thrown = { error: e.name, data: plain(e.data) };
    if (shape.kind !== "raise") return { mismatch: true, sees: thrown };
    const wireId = irc.types[op.params[0].ty.id].kind.wire_id;
    if (e.errorId !== wireId) return { mismatch: true, sees: thrown };
    const outcome = judge(e.data, sent, expected);
    return outcome.sees === undefined ? outcome : { ...outcome, sees: thrown };
  }
}

/** One direction against one service binary: every op of the client's version, in IR order. */
async function direction(command, caseName, irs, modules, client, service) {
  const stderr = [];
  const transport = connectStdio({
    command,
    args: [caseName, service],
    stderr: (line) => stderr.push(line),
  });
  const irc = irs[client];
  const create = modules[client][`create${irc.services[0].name}Client`];
  const api = create(transport);
  const outcomes = {};
  try {
    for (const op of irc.services[0].ops) outcomes[op.name] = await callOp(api, op, irc, irs[service]);
  } catch (e) {
    throw new Error(`${caseName} (${client} client, ${service} service, ${command}): ${e.stack}\nchild stderr:\n${stderr.join("\n")}`);
  } finally {
    await transport.close();
  }
  return outcomes;
}

/** Every direction of one case against every service: `{ rust: {dir: {op: outcome}}, go: ... }`. */
async function runCase(plan, c) {
  const irs = {};
  const modules = {};
  for (const v of ["old", "new"]) {
    irs[v] = JSON.parse(readFileSync(`${c.dir}/${v}.ir.json`, "utf8"));
    modules[v] = await import(pathToFileURL(`${c.dir}/${v}/index.js`).href);
  }
  const byService = {};
  for (const [lang, command] of Object.entries(plan.services)) {
    byService[lang] = {};
    for (const [key, client, service] of DIRECTIONS) {
      byService[lang][key] = await direction(command, c.name, irs, modules, client, service);
    }
  }
  return byService;
}

const [planPath, outPath] = process.argv.slice(2);
if (!planPath || !outPath) {
  console.error("usage: node runner.mjs PLAN.json OUTCOMES.json");
  process.exit(2);
}
const plan = JSON.parse(readFileSync(planPath, "utf8"));
const results = {};
const queue = [...plan.cases];
await Promise.all(
  Array.from({ length: PARALLEL }, async () => {
    for (let c = queue.shift(); c; c = queue.shift()) results[c.name] = await runCase(plan, c);
  }),
);
const sorted = Object.fromEntries(plan.cases.map((c) => [c.name, results[c.name]]));
writeFileSync(outPath, `${JSON.stringify(sorted, null, 2)}\n`);
console.log(`evolution: ${plan.cases.length} cases, ${Object.keys(plan.services).join(" and ")} services, both directions`);
