// The wasm signature of every exported function of a module, read from its
// binary (type, import, function and export sections), for tests that check
// the scalar fast exports' signatures (docs/abi.md §1.4): JS can call an
// export but not see its wasm types.
//   exportSignatures(bytes) -> Map(name -> "(i32, i64) -> f32")

const VALTYPES = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };

/** `Map` from exported function name to its signature as text, e.g. `(i32, i32) -> i32`, `() -> ()`. */
export function exportSignatures(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let pos = 8; // magic + version
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = b[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) return result;
    }
  };
  const name = () => {
    const len = leb();
    const s = new TextDecoder().decode(b.subarray(pos, pos + len));
    pos += len;
    return s;
  };
  const types = [];
  const funcTypes = []; // type index of every function, imports first
  const exports = new Map();
  while (pos < b.length) {
    const id = b[pos++];
    const size = leb();
    const end = pos + size;
    if (id === 1) {
      for (let n = leb(); n > 0; n--) {
        if (b[pos++] !== 0x60) throw new Error("only function types are supported");
        const params = Array.from({ length: leb() }, () => VALTYPES[b[pos++]]);
        const results = Array.from({ length: leb() }, () => VALTYPES[b[pos++]]);
        types.push(`(${params.join(", ")}) -> ${results.length ? results.join(", ") : "()"}`);
      }
    } else if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        name();
        name();
        const kind = b[pos++];
        if (kind === 0) funcTypes.push(leb());
        else if (kind === 1) (pos++, b[pos++] & 1 ? (leb(), leb()) : leb()); // table: reftype, limits
        else if (kind === 2) (b[pos++] & 1 ? (leb(), leb()) : leb()); // memory limits
        else if (kind === 3) pos += 2; // global: valtype, mutability
        else if (kind === 4) (pos++, leb()); // tag
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 3) {
      for (let n = leb(); n > 0; n--) funcTypes.push(leb());
    } else if (id === 7) {
      for (let n = leb(); n > 0; n--) {
        const exported = name();
        const kind = b[pos++];
        const index = leb();
        if (kind === 0) exports.set(exported, types[funcTypes[index]]);
      }
    }
    pos = end;
  }
  return exports;
}
