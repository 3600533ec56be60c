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
import { connectStdio, Reader, ServiceError, SystemError, Writer } from "@kkgen/runtime";

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

/** Sample scalars: each far from its default and out of range of every narrower type; `k` keeps samples apart. */
const SCALAR_SAMPLES = {
  bool: () => true,
  i8: (k) => -100 - k,
  u8: (k) => 200 + k,
  i16: (k) => -30000 - k,
  u16: (k) => 60000 + k,
  i32: (k) => -2000000000 - k,
  u32: (k) => 4000000000 + k,
  i64: (k) => -4611686018427387905n - BigInt(k),
  u64: (k) => 9223372036854775813n + BigInt(k),
  f32: (k) => 1.5 + k,
  f64: (k) => 1234.5678 + k,
  string: (k) => `evo-${k}`,
  // Not UTF-8, so bytes read as a string are refused (invalid_utf8).
  bytes: (k) => Uint8Array.of(0xff, k & 0xff, 2),
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

/** `ping_all` → `PingAll` (the op part of the generated codec names). */
function pascal(name) {
  const c = camel(name);
  return c[0].toUpperCase() + c.slice(1);
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

/** The declaration kind of a named TypeRef, else undefined. */
function kindOf(ir, ty) {
  return ty?.type === "named" ? ir.types[ty.id].kind : undefined;
}

/** The item of the other version that means the same: the one of the same name, else the one at the same id. */
function counterpart(items, item, id) {
  return items.find((x) => x.name === item.name) ?? items.find((x) => x[id] === item[id]);
}

/** A short key of a type's shape, declared types by kind and name (to tell a changed payload). */
function typeKey(ir, ty) {
  switch (ty?.type) {
    case undefined:
      return "-";
    case "scalar":
      return ty.scalar;
    case "buffer":
      return `${ty.elem}[]`;
    case "list":
      return `list<${typeKey(ir, ty.elem)}>`;
    case "map":
      return `map<${ty.key},${typeKey(ir, ty.value)}>`;
    case "optional":
      return `${typeKey(ir, ty.inner)}?`;
    default:
      return `${ir.types[ty.id].kind.kind}:${ir.types[ty.id].name}`;
  }
}

/**
 * Builds deterministic, non-default arguments in the caller's IR `irc`, looking at the peer's IR
 * `irp` only to choose, among enum values and union variants, the last one that differs between
 * the versions (else the last one), so that a changed one is what travels.
 */
class Sampler {
  constructor(irc, irp) {
    this.irc = irc;
    this.irp = irp;
    this.k = 0;
  }

  /** A value of `tc` (the peer's counterpart type `tp`, if any). */
  sample(tc, tp, depth = 0) {
    if (depth > 32) throw new Error("sample: no finite value within 32 levels");
    const deep = depth >= MAX_SAMPLE_DEPTH;
    const same = tp?.type === tc.type ? tp : undefined;
    switch (tc.type) {
      case "scalar":
        return SCALAR_SAMPLES[tc.scalar]((this.k += 1));
      case "buffer": {
        const f = SCALAR_SAMPLES[tc.elem];
        return BUFFERS[tc.elem].of(f((this.k += 1)), f((this.k += 1)));
      }
      case "list":
        return deep ? [] : [this.sample(tc.elem, same?.elem, depth + 1)];
      case "map": {
        if (deep) return new Map();
        const key = tc.key === "string" ? `k-${(this.k += 1)}` : SCALAR_SAMPLES[tc.key]((this.k += 1));
        return new Map([[key, this.sample(tc.value, same?.value, depth + 1)]]);
      }
      case "optional":
        return deep ? undefined : this.sample(tc.inner, same?.inner ?? (tp?.type === "optional" ? undefined : tp), depth + 1);
      case "named":
        return this.named(tc, tp, depth);
      default:
        throw new Error(`sample: unknown type ${JSON.stringify(tc)}`);
    }
  }

  /** {@link Sampler.sample} of a declared type. */
  named(tc, tp, depth) {
    const k = this.irc.types[tc.id].kind;
    const kp = kindOf(this.irp, tp);
    switch (k.kind) {
      case "struct":
      case "error":
        return Object.fromEntries(
          k.fields.map((f) => {
            const fp = kp?.fields ? counterpart(kp.fields, f, "id") : undefined;
            return [camel(f.name), this.sample(f.ty, fp?.ty, depth + 1)];
          }),
        );
      case "enum": {
        const differs = (v) => {
          const vp = kp?.kind === "enum" ? counterpart(kp.variants, v, "value") : undefined;
          return !vp || vp.value !== v.value;
        };
        return (k.variants.findLast(differs) ?? k.variants.at(-1)).value;
      }
      case "handle":
        return 7 + (this.k += 1);
      case "union": {
        const pv = (v) => (kp?.kind === "union" ? counterpart(kp.variants, v, "tag") : undefined);
        const differs = (v) => {
          const vp = pv(v);
          return !vp || vp.tag !== v.tag || typeKey(this.irc, v.payload) !== typeKey(this.irp, vp.payload);
        };
        // Deep down, one that ends the recursion (no payload) if there is one.
        const variant = (depth >= MAX_SAMPLE_DEPTH && k.variants.find((v) => !v.payload)) || k.variants.findLast(differs) || k.variants.at(-1);
        if (!variant.payload) return { tag: variant.name };
        return { tag: variant.name, value: this.sample(variant.payload, pv(variant)?.payload, depth + 1) };
      }
      default:
        throw new Error(`sample: unknown kind ${k.kind}`);
    }
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
          // The first variant whose payload does not hold the union again outside a container (the
          // cases' unions are not recursive; §3.9's shallowest-default rule is not needed here).
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

/**
 * Whether the peer, reading `got` (its type `tp`) where `sent` (the caller's `tc`) was written,
 * means the same: fields, variants and enum values matched by name, else by id, tag or value;
 * fields the peer lacks are not compared. False when a value is read as another one (an integer
 * of the other signedness, a variant whose tag now names another).
 */
function sameMeaning(sent, irc, tc, got, irp, tp) {
  const kc = kindOf(irc, tc);
  const kp = kindOf(irp, tp);
  if (kc && kp && kc.kind !== "handle") {
    if (kc.fields && kp.fields) {
      return kc.fields.every((f) => {
        const fp = counterpart(kp.fields, f, "id");
        return !fp || sameMeaning(sent[camel(f.name)], irc, f.ty, got[camel(fp.name)], irp, fp.ty);
      });
    }
    if (kc.kind === "enum" && kp.kind === "enum") {
      const vc = kc.variants.find((v) => v.value === sent);
      return counterpart(kp.variants, vc, "value")?.value === got;
    }
    if (kc.kind === "union" && kp.kind === "union") {
      const vc = kc.variants.find((v) => v.name === sent.tag);
      const vp = counterpart(kp.variants, vc, "tag");
      if (vp?.name !== got.tag) return false;
      return !vc.payload || !vp.payload || sameMeaning(sent.value, irc, vc.payload, got.value, irp, vp.payload);
    }
  }
  if (tc.type === tp.type && sent !== undefined && got !== undefined) {
    if (tc.type === "list") return sent.length === got.length && sent.every((v, i) => sameMeaning(v, irc, tc.elem, got[i], irp, tp.elem));
    if (tc.type === "optional") return sameMeaning(sent, irc, tc.inner, got, irp, tp.inner);
    if (tc.type === "map") return sent.size === got.size && [...sent].every(([k, v]) => got.has(k) && sameMeaning(v, irc, tc.value, got.get(k), irp, tp.value));
  }
  // string and bytes alike: the same bytes mean the same.
  const bytes = (v) => (typeof v === "string" ? new TextEncoder().encode(v) : v);
  return equal(bytes(sent), bytes(got));
}

/** The first enum value or union variant in `sent` (the caller's `tc`) that the peer lacks, as `Type.Name`. */
function novelty(sent, irc, tc, irp, tp) {
  const kc = kindOf(irc, tc);
  const kp = kindOf(irp, tp);
  if (!kc || sent === undefined) {
    if (tc.type === "list") return sent.map((v) => novelty(v, irc, tc.elem, irp, tp?.elem)).find(Boolean);
    if (tc.type === "map") return [...sent.values()].map((v) => novelty(v, irc, tc.value, irp, tp?.value)).find(Boolean);
    if (tc.type === "optional" && sent !== undefined) return novelty(sent, irc, tc.inner, irp, tp?.type === "optional" ? tp.inner : tp);
    return undefined;
  }
  const name = irc.types[tc.id].name;
  if (kc.fields) {
    return kc.fields.map((f) => novelty(sent[camel(f.name)], irc, f.ty, irp, kp?.fields && counterpart(kp.fields, f, "id")?.ty)).find(Boolean);
  }
  if (kc.kind === "enum") {
    const vc = kc.variants.find((v) => v.value === sent);
    return kp?.kind === "enum" && counterpart(kp.variants, vc, "value") ? undefined : `${name}.${vc.name}`;
  }
  if (kc.kind === "union") {
    const vc = kc.variants.find((v) => v.name === sent.tag);
    const vp = kp?.kind === "union" ? counterpart(kp.variants, vc, "tag") : undefined;
    if (!vp) return `${name}.${vc.name}`;
    return vc.payload ? novelty(sent.value, irc, vc.payload, irp, vp.payload) : undefined;
  }
  return undefined;
}

/**
 * What the peer's generated decoder reads from the call's parameter struct, when that is not what
 * was meant (see {@link sameMeaning}); undefined when it means the same or does not decode (then
 * the service answers `decode` itself).
 */
function misread(modules, client, service, op, peerOp, args) {
  const codec = (v, what) => modules[v][`${what}${irsName(modules, v)}${pascal(v === client ? op.name : peerOp.name)}Params`];
  const w = Writer.growable();
  codec(client, "encode")(w, Object.fromEntries(op.params.map((p, i) => [camel(p.name), args[i]])));
  let got;
  try {
    const r = new Reader(w.finish());
    got = codec(service, "decode")(r);
    r.finish();
  } catch {
    return undefined;
  }
  const { irs } = modules;
  const same = op.params.every((p, i) => {
    const pp = counterpart(peerOp.params, p, "id");
    return !pp || sameMeaning(args[i], irs[client], p.ty, got[camel(pp.name)], irs[service], pp.ty);
  });
  return same ? undefined : plain(got);
}

/** The service name of version `v`'s schema (the prefix of its codec names). */
function irsName(modules, v) {
  return modules.irs[v].services[0].name;
}

/** Calls `op` on `api` (the `client` version's) against the `service` version; resolves with its outcome. */
async function callOp(api, modules, client, service, op) {
  const { irs } = modules;
  const irc = irs[client];
  const irp = irs[service];
  const peerOp = irp.services[0].ops.find((o) => o.id === op.id);
  const sampler = new Sampler(irc, irp);
  const args = op.params.map((p) => sampler.sample(p.ty, peerOp && counterpart(peerOp.params, p, "id")?.ty));
  const method = api[camel(op.name)] ?? api[`${camel(op.name)}_`];
  if (typeof method !== "function") throw new Error(`the client has no method for op ${op.name}`);
  const outcome = await roundTrip(method.bind(api), op, irc, irp, peerOp, args);
  if (!peerOp) return outcome;
  const sendsUnknown = op.params.map((p, i) => novelty(args[i], irc, p.ty, irp, counterpart(peerOp.params, p, "id")?.ty)).find(Boolean);
  if (sendsUnknown) outcome.sends_unknown = sendsUnknown;
  if (outcome.ok) {
    const reads = misread(modules, client, service, op, peerOp, args);
    if (reads !== undefined) return { mismatch: true, service_reads: reads, ...(sendsUnknown ? { sends_unknown: sendsUnknown } : {}) };
  }
  return outcome;
}

/** The call itself: ok (maybe with what came back), a system error code, or a mismatch. */
async function roundTrip(method, op, irc, irp, peerOp, args) {
  const shape = shapeOf(op);
  // What should come back: the echoed (or thrown) parameter, less what the peer's version of it drops.
  const index = shape.kind === "echo" ? shape.index : 0;
  const sent = args[index];
  const peerParam = peerOp?.params.find((p) => p.id === op.params[index]?.id);
  const expected = peerParam ? project(sent, irc, op.params[index].ty, irp, peerParam.ty) : sent;
  try {
    const got = await method(...args, { timeoutMs: CALL_TIMEOUT_MS });
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
    for (const op of irc.services[0].ops) outcomes[op.name] = await callOp(api, { ...modules, irs }, client, service, op);
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
