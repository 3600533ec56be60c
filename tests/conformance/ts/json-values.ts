/**
 * IR-driven mapping from the JSON values of vectors.json (docs/wire.md §6)
 * to the TS values the generated code uses (docs in generator/src/ts/types.rs):
 * camelCase fields, enums as numbers, unions as { tag, value }, bigint for
 * 64-bit integers, typed arrays for buffers, Map for maps, undefined for absent.
 */

import { readFileSync } from "node:fs";

/** A use of a type in the IR JSON (idl/src/ir.rs `TypeRef`). */
export type IrTypeRef =
  | { type: "scalar"; scalar: string }
  | { type: "buffer"; elem: string }
  | { type: "list"; elem: IrTypeRef }
  | { type: "map"; key: string; value: IrTypeRef }
  | { type: "optional"; inner: IrTypeRef }
  | { type: "named"; id: number };

/** A field in the IR JSON. */
export interface IrField {
  name: string;
  id: number;
  ty: IrTypeRef;
}

/** A type definition in the IR JSON. */
export interface IrTypeDef {
  id: number;
  name: string;
  kind:
    | { kind: "struct"; fields: IrField[] }
    | { kind: "error"; wire_id: number; fields: IrField[] }
    | { kind: "enum"; variants: { name: string; value: number }[] }
    | { kind: "union"; variants: { name: string; tag: number; payload?: IrTypeRef }[] }
    | { kind: "handle" };
}

/** The parts of the IR JSON the tests read. */
export interface IrJson {
  types: IrTypeDef[];
  services: { name: string; ops: { name: string; id: number; params: IrField[]; throws?: number[] }[] }[];
}

/** Loads `kkgen ir --json` output. */
export function loadIr(path: string): IrJson {
  return JSON.parse(readFileSync(path, "utf8")) as IrJson;
}

/** snake_case → camelCase, as generator/src/ts/naming.rs does for fields. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Lowercase hex → bytes. */
export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Bytes → lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const BUFFERS: Record<string, (xs: Json[]) => unknown> = {
  u8: (xs) => Uint8Array.from(xs as number[]),
  i8: (xs) => Int8Array.from(xs as number[]),
  u16: (xs) => Uint16Array.from(xs as number[]),
  i16: (xs) => Int16Array.from(xs as number[]),
  u32: (xs) => Uint32Array.from(xs as number[]),
  i32: (xs) => Int32Array.from(xs as number[]),
  f32: (xs) => Float32Array.from(xs as number[]),
  f64: (xs) => Float64Array.from(xs as number[]),
  i64: (xs) => BigInt64Array.from((xs as string[]).map((x) => BigInt(x))),
  u64: (xs) => BigUint64Array.from((xs as string[]).map((x) => BigInt(x))),
};

/** Converts JSON values of the vectors into TS values, guided by the IR. */
export class JsonValues {
  constructor(private readonly ir: IrJson) {}

  /** The type definition named `name`. */
  typeNamed(name: string): IrTypeDef {
    const t = this.ir.types.find((t) => t.name === name);
    if (t === undefined) throw new Error(`no type ${name} in the IR`);
    return t;
  }

  /** The TS value of the JSON `v` of the named type `name`. */
  named(name: string, v: Json): unknown {
    return this.value({ type: "named", id: this.typeNamed(name).id }, v);
  }

  /** The TS value of the JSON `v` of type `ty`. */
  value(ty: IrTypeRef, v: Json): unknown {
    switch (ty.type) {
      case "scalar":
        if (ty.scalar === "i64" || ty.scalar === "u64") return BigInt(v as string);
        if (ty.scalar === "bytes") return fromHex(v as string);
        return v;
      case "buffer":
        return BUFFERS[ty.elem]!(v as Json[]);
      case "list":
        return (v as Json[]).map((x) => this.value(ty.elem, x));
      case "map": {
        const key = (k: string): unknown =>
          ty.key === "string" ? k : ty.key === "i64" || ty.key === "u64" ? BigInt(k) : Number(k);
        return new Map(Object.entries(v as Record<string, Json>).map(([k, x]) => [key(k), this.value(ty.value, x)]));
      }
      case "optional":
        return v === null ? undefined : this.value(ty.inner, v);
      case "named": {
        const def = this.ir.types[ty.id]!;
        const k = def.kind;
        switch (k.kind) {
          case "struct":
          case "error": {
            const obj = v as Record<string, Json>;
            const out: Record<string, unknown> = {};
            for (const f of k.fields) {
              if (!(f.name in obj)) throw new Error(`${def.name}.${f.name} missing in vector`);
              out[camel(f.name)] = this.value(f.ty, obj[f.name]!);
            }
            return out;
          }
          case "enum": {
            const variant = k.variants.find((x) => x.name === v);
            if (variant === undefined) throw new Error(`no variant ${String(v)} in ${def.name}`);
            return variant.value;
          }
          case "union": {
            const [name, payload] = Object.entries(v as Record<string, Json>)[0]!;
            const variant = k.variants.find((x) => x.name === name);
            if (variant === undefined) throw new Error(`no variant ${name} in ${def.name}`);
            return variant.payload === undefined ? { tag: name } : { tag: name, value: this.value(variant.payload, payload) };
          }
          case "handle":
            return v;
        }
      }
    }
  }
}
