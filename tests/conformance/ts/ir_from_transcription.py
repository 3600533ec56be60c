"""Fallback IR JSON for conformance.kkidl, built from make_vectors.py's hand transcription.

Used by scripts/test-ts-wire.sh only when `kkgen ir --json` is not available yet; prints the IR to stdout.
"""
import json, sys, importlib.util
spec = importlib.util.spec_from_file_location("mv", __import__("os").path.join(__import__("os").path.dirname(__import__("os").path.abspath(__file__)), "..", "make_vectors.py"))
mv = importlib.util.module_from_spec(spec); spec.loader.exec_module(mv)
names = list(mv.TYPES)
ids = {n: i for i, n in enumerate(names)}
def ref(t):
    if isinstance(t, str):
        if t in mv.SCALARS: return {"type": "scalar", "scalar": t}
        return {"type": "named", "id": ids[t]}
    if t[0] == "buf": return {"type": "buffer", "elem": t[1]}
    if t[0] == "list": return {"type": "list", "elem": ref(t[1])}
    if t[0] == "map": return {"type": "map", "key": t[1], "value": ref(t[2])}
    if t[0] == "opt": return {"type": "optional", "inner": ref(t[1])}
def fields(fs): return [{"name": n, "id": i, "ty": ref(t), "meta": {}} for n, i, t in fs]
types = []
for n in names:
    d = mv.TYPES[n]
    if n in mv.ERROR_IDS: kind = {"kind": "error", "wire_id": mv.ERROR_IDS[n], "fields": fields(d[1])}
    elif d[0] == "struct": kind = {"kind": "struct", "fields": fields(d[1])}
    elif d[0] == "enum": kind = {"kind": "enum", "variants": [{"name": a, "value": v, "meta": {}} for a, v in d[1]]}
    elif d[0] == "union": kind = {"kind": "union", "variants": [dict({"name": a, "tag": t, "meta": {}}, **({"payload": ref(p)} if p else {})) for a, t, p in d[1]]}
    else: kind = {"kind": "handle"}
    types.append({"id": ids[n], "name": n, "package": mv.PACKAGE, "file": 0, "meta": {}, "kind": kind})
def op(name, params, result=None, throws=(), meta=None):
    o = {"name": name, "id": mv.OP_IDS[name], "params": fields(params), "meta": meta or {}}
    if result: o["result"] = ref(result)
    if throws: o["throws"] = [ids[t] for t in throws]
    return o
ops = [op("echo", [("value", 1, "Everything")], "Everything"),
       op("scale", [("samples", 1, ("buf", "f32")), ("factor", 2, "f32"), ("name", 3, "string")], ("buf", "f32")),
       op("ping", []), op("lookup", [("model", 1, "Model")], "Point", ["NotFound", "Invalid"]),
       op("old_scale", [("samples", 1, ("buf", "f32"))], ("buf", "f32"), meta={"deprecated": "use scale"})]
ir = {"ir_version": 1, "files": [{"path": "tests/conformance/conformance.kkidl", "package": mv.PACKAGE}], "types": types,
      "services": [{"name": "Conformance", "package": mv.PACKAGE, "file": 0, "meta": {}, "ops": ops}]}
json.dump(ir, sys.stdout, indent=1)
